"""The retention purge (AVG art. 5(1)(e), BIO 5.33.01).

* Candidates: removed once ``bewaartermijn_kandidaten`` has passed after their vacancy closed,
  or after they were rejected or withdrew (``afgerond_op``) while the vacancy stays open. The
  channel counts (``Kanaaltelling``) hold no personal data and stay.
* Former members: removed once ``bewaartermijn_oud_leden`` has passed after their last term or
  function, together with their account unless that account still has another role.

"Removed" reaches every place personal data ends up: the rows themselves, their simple-history
rows (history is deleted, not kept), guardian object permissions (direct and generic), admin log
entries about them, uploaded files (photo, letter), the account's own history, sessions, login
attempts (django-axes) and references from other history rows to the account (set to empty).

**What the law makes us keep.** Financial records (allowance lines, declarations and their
receipts, budgets) are kept for the fiscal retention period (``bewaartermijn_financieel``, 7
years, AWR art. 52), not for ``bewaartermijn_oud_leden``: the purge removes the person and
their account, but those records stay with the member's *reference* (no name, address or
account) until the money app's own purge (``hooks.opschonen``) removes them after 7 years.
Recorded absence is personal (health) data, not a financial record, and goes with the member
(``hooks.lid_opschonen``).

Called by the daily Celery task with ``today=timezone.localdate()``; tests pass a date past the
retention period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils import timezone
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from hengelo_participatie.accounts.roles import RAADSROLLEN
from hengelo_participatie.accounts.services import user_sessions_end
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.services import bestand_verwijderen

from . import hooks, regels
from .models import (
    Functie,
    Herbenoemingsevaluatie,
    Kandidaat,
    Lid,
    Nevenfunctieverklaring,
    Portefeuillehouder,
    TermijnStatus,
    Vacature,
    VacatureStatus,
    VerklaringInzage,
    Zittingstermijn,
)
from .services.termijnen import termijnen_afsluiten


@dataclass(frozen=True)
class OpschoonResultaat:
    kandidaten: int
    oud_leden: int
    accounts: int


# --- generic helpers ----------------------------------------------------------------------------
def _history_model(model: type[Model]) -> type[Model] | None:
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


def _wis_sporen(model: type[Model], pks: Iterable[object]) -> None:
    """History rows, object permissions and admin log entries of ``model`` rows ``pks``."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    historisch = _history_model(model)
    if historisch is not None:
        historisch._default_manager.filter(id__in=pks).delete()
    content_type = ContentType.objects.get_for_model(model)
    object_pks = [str(pk) for pk in pks]
    for perm_model in (get_user_obj_perms_model(), get_group_obj_perms_model()):
        perm_model._default_manager.filter(
            content_type=content_type, object_pk__in=object_pks
        ).delete()
    LogEntry.objects.filter(content_type=content_type, object_id__in=object_pks).delete()


def _bestanden_verwijderen(bestanden: Iterable[object]) -> None:
    for bestand in bestanden:
        if bestand is not None:
            bestand_verwijderen(bestand=bestand, door=None)


# --- candidates ---------------------------------------------------------------------------------
def _kandidaten_opschonen(*, today: date) -> int:
    bewaar = regels.bewaartermijn_kandidaten(today).waarde
    aantal = 0
    vacatures = Vacature.objects.filter(
        status=VacatureStatus.GESLOTEN,
        gesloten_op__isnull=False,
        kandidaten_verwijderd_op__isnull=True,
    )
    for vacature in vacatures:
        if bewaar.na(vacature.gesloten_op) > today:
            continue
        kandidaten = list(vacature.kandidaten.select_related("brief"))
        # Also candidates that were deleted earlier but whose history rows remain.
        historisch = _history_model(Kandidaat)
        oude_pks = set(
            historisch.objects.filter(vacature_id=vacature.pk).values_list("id", flat=True)
        )
        pks = {k.pk for k in kandidaten} | oude_pks
        brieven = [k.brief for k in kandidaten]
        Kandidaat.objects.filter(pk__in=pks).delete()
        _wis_sporen(Kandidaat, pks)
        _bestanden_verwijderen(brieven)
        Vacature.objects.filter(pk=vacature.pk).update(kandidaten_verwijderd_op=today)
        aantal += len(pks)
    # Rejected or withdrawn candidates of a vacancy that is still open: their data goes once the
    # same retention period has passed since they left the procedure (public applications, §8).
    afgerond = [
        k
        for k in Kandidaat.objects.filter(afgerond_op__isnull=False).select_related("brief")
        if bewaar.na(k.afgerond_op) <= today
    ]
    if afgerond:
        pks = {k.pk for k in afgerond}
        Kandidaat.objects.filter(pk__in=pks).delete()
        _wis_sporen(Kandidaat, pks)
        _bestanden_verwijderen([k.brief for k in afgerond])
        aantal += len(pks)
    return aantal


# --- former members -----------------------------------------------------------------------------
def _laatste_dag(lid: Lid, termijnen: list[Zittingstermijn], functies: list[Functie]) -> date:
    dagen = [t.laatste_dag for t in termijnen if t.laatste_dag]
    dagen += [t.voorgedragen_op for t in termijnen if t.voorgedragen_op]
    dagen += [f.tot for f in functies if f.tot]
    # Never appointed nor nominated: retention runs from the registration.
    return max(dagen) if dagen else timezone.localdate(lid.aangemaakt_op)


def oud_leden_te_verwijderen(*, today: date) -> list[Lid]:
    """Persons with no running, future or pending term or function, past the retention period."""
    bewaar = regels.bewaartermijn_oud_leden(today).waarde
    result = []
    for lid in Lid.objects.select_related("user").prefetch_related("termijnen", "functies"):
        termijnen = list(lid.termijnen.all())
        functies = list(lid.functies.all())
        if any(
            t.status in (TermijnStatus.KANDIDAAT, TermijnStatus.VOORGEDRAGEN)
            or (t.status == TermijnStatus.BENOEMD and t.einddatum >= today)
            for t in termijnen
        ):
            continue
        if any(f.tot is None or f.tot >= today for f in functies):
            continue
        if bewaar.na(_laatste_dag(lid, termijnen, functies)) <= today:
            result.append(lid)
    return result


def _lid_verwijderen(lid: Lid) -> bool:
    """Remove ``lid`` and every trace of them; returns whether the account was removed too."""
    termijn_pks = list(lid.termijnen.values_list("pk", flat=True))
    evaluatie_pks = list(
        Herbenoemingsevaluatie.objects.filter(termijn__lid=lid).values_list("pk", flat=True)
    )
    functie_pks = list(lid.functies.values_list("pk", flat=True))
    houder_pks = list(lid.portefeuilles.values_list("pk", flat=True))
    verklaring_pks = list(lid.verklaringen.values_list("pk", flat=True))
    foto = lid.foto
    user = lid.user
    lid_pk = lid.pk  # delete() empties lid.pk

    # Rows that an earlier edit detached from this person still carry their id in history.
    hist = {
        m: _history_model(m)
        for m in (Zittingstermijn, Functie, Portefeuillehouder, Nevenfunctieverklaring)
    }
    termijn_pks += list(
        hist[Zittingstermijn].objects.filter(lid_id=lid.pk).values_list("id", flat=True)
    )
    functie_pks += list(hist[Functie].objects.filter(lid_id=lid.pk).values_list("id", flat=True))
    houder_pks += list(
        hist[Portefeuillehouder].objects.filter(lid_id=lid.pk).values_list("id", flat=True)
    )
    verklaring_pks += list(
        hist[Nevenfunctieverklaring].objects.filter(lid_id=lid.pk).values_list("id", flat=True)
    )
    evaluatie_pks += list(
        _history_model(Herbenoemingsevaluatie)
        .objects.filter(termijn_id__in=termijn_pks)
        .values_list("id", flat=True)
    )

    # PROTECT links between rows that all go: loosen them first (history is deleted anyway).
    Zittingstermijn.objects.filter(lid=lid).update(herbenoemingsevaluatie=None)
    Functie.objects.filter(lid=lid).update(termijn=None)
    VerklaringInzage.objects.filter(verklaring__lid=lid).delete()
    Lid.objects.filter(pk=lid.pk).update(foto=None)
    hooks.lid_opschonen.uitvoeren(lid=lid)
    lid.delete()  # cascades terms, evaluations, functions, holdings, declarations (+ grants)

    _wis_sporen(Zittingstermijn, termijn_pks)
    _wis_sporen(Herbenoemingsevaluatie, evaluatie_pks)
    _wis_sporen(Functie, functie_pks)
    _wis_sporen(Portefeuillehouder, houder_pks)
    _wis_sporen(Nevenfunctieverklaring, verklaring_pks)
    _wis_sporen(Lid, [lid_pk])
    _bestanden_verwijderen([foto])
    return _account_opruimen(user)


def _ontkoppel_uit_historie(user_pk: object) -> None:
    """History rows of any model that point at the account (who changed it, who assessed)."""
    user_model = get_user_model()
    for model in apps.get_models():
        if not hasattr(model, "instance_type"):  # simple-history's historical models
            continue
        for field in model._meta.fields:
            if field.is_relation and field.related_model is user_model and field.null:
                model._default_manager.filter(**{field.attname: user_pk}).update(
                    **{field.attname: None}
                )


def _account_opruimen(user: Model) -> bool:
    """Delete the account of a former member, unless it still has a role elsewhere."""
    user_sessions_end(user=user)
    # Council roles are stale here (no term is left); any other role keeps the account.
    if user.is_superuser or user.groups.exclude(name__in=RAADSROLLEN).exists():
        return False
    pk, email = user.pk, user.email
    _axes_opschonen(email)
    try:
        with transaction.atomic():
            user.delete()
    except (ProtectedError, RestrictedError):
        # Another record still needs the account: keep an empty, unusable shell.
        user.email = f"verwijderd-{pk}@invalid.example"
        user.voornaam = user.achternaam = ""
        user.is_active = False
        user.set_unusable_password()
        user.save_without_historical_record()
    # After the delete, which itself writes a history row.
    _ontkoppel_uit_historie(pk)
    _wis_sporen(type(user), [pk])
    return True


def _axes_opschonen(email: str) -> None:
    if not apps.is_installed("axes"):
        return
    for naam in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", naam)
        except LookupError:
            continue
        model._default_manager.filter(username__iexact=email).delete()


# --- the service --------------------------------------------------------------------------------
@transaction.atomic
def persoonsgegevens_opschonen(*, today: date | None = None) -> OpschoonResultaat:
    """Remove candidate and former-member personal data past its retention date. Idempotent."""
    today = today or vandaag()
    termijnen_afsluiten(op=today)
    kandidaten = _kandidaten_opschonen(today=today)
    oud_leden = 0
    accounts = 0
    for lid in oud_leden_te_verwijderen(today=today):
        # delete() empties lid.pk: the audit line names the row it was.
        weg = Lid(pk=lid.pk)
        accounts += int(_lid_verwijderen(lid))
        oud_leden += 1
        audit.vastleggen(None, Actie.OUD_LID_OPSCHONEN, weg)
    for bewaarplicht in hooks.opschonen:
        audit.vastleggen(
            None, Actie.PERSOONSGEGEVENS_OPSCHONEN, None, str(bewaarplicht(today=today))
        )
    audit.vastleggen(
        None,
        Actie.PERSOONSGEGEVENS_OPSCHONEN,
        None,
        f"{audit.OK} kandidaten={kandidaten} oud_leden={oud_leden} accounts={accounts}",
    )
    return OpschoonResultaat(kandidaten=kandidaten, oud_leden=oud_leden, accounts=accounts)
