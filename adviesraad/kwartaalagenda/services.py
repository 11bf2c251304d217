"""Every write of the quarterly agenda. The portal, the admin and the demo seed call these.

Each service checks the permission of ``door`` through the policies (``door=None`` is the system:
demo seed, tasks), validates with ``full_clean()``, saves with a history reason and the acting
user, and logs an audit line. Publishing freezes the items as JSON in a new ``Versie``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.toewijzing import eis_rol
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan

from .models import DATUMVELDEN, Agendapunt, Gezien, Kwartaalagenda, Versie
from .policies import agenda_policy, beleidsmedewerker_rollen, mag_publiceren, punt_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


#: The fields of an item a user may set in a form (the link has its own service).
VELDEN = ("titel", "beleidsmedewerker", *(veld for veld, _ in DATUMVELDEN), "opmerking")


# --- Quarters and items ------------------------------------------------------------------------
@transaction.atomic
def agenda_aanmaken(*, jaar: int, kwartaal: int, door: User | None) -> Kwartaalagenda:
    eis(
        lambda: door is None or agenda_policy.user_has_perm(door, "add"),
        door,
        Actie.KWARTAALAGENDA_AANMAKEN,
        None,
        melding=_("U mag dit niet doen bij de kwartaalagenda."),
    )
    if Kwartaalagenda.objects.filter(jaar=jaar, kwartaal=kwartaal).exists():
        raise ValidationError(
            {"kwartaal": _("Er is al een kwartaalagenda voor dit kwartaal. Open die agenda.")}
        )
    agenda = Kwartaalagenda(jaar=jaar, kwartaal=kwartaal, aangemaakt_door=door)
    try:
        with transaction.atomic():
            opslaan(agenda, door=door, reden="kwartaal aangemaakt")
    except IntegrityError as exc:  # a colleague was just faster
        raise ValidationError(
            {"kwartaal": _("Er is al een kwartaalagenda voor dit kwartaal. Open die agenda.")}
        ) from exc
    audit.vastleggen(door, Actie.KWARTAALAGENDA_AANMAKEN, agenda, "gelukt")
    return agenda


def _velden_zetten(punt: Agendapunt, velden: dict[str, Any]) -> None:
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    nieuw = velden.get("beleidsmedewerker")
    if nieuw is not None and getattr(nieuw, "pk", None) != punt.beleidsmedewerker_id:
        # The same rule as the forms (and as the advice request the item announces): only
        # someone who holds the role now; an unchanged old name does not block other edits.
        eis_rol(nieuw, *beleidsmedewerker_rollen(), veld="beleidsmedewerker")
    for veld, waarde in velden.items():
        setattr(punt, veld, "" if waarde is None and veld in ("titel", "opmerking") else waarde)


def _vers_punt(punt: Agendapunt) -> Agendapunt:
    """A fresh, locked copy; an item removed meanwhile (a double submit, a colleague) is a clear
    refusal, not a crash."""
    vers = Agendapunt.objects.select_for_update().filter(pk=punt.pk).first()
    if vers is None:
        raise ValidationError(_("Dit onderwerp staat niet meer in het concept."))
    return vers


@transaction.atomic
def punt_toevoegen(*, agenda: Kwartaalagenda, door: User | None, **velden: Any) -> Agendapunt:
    eis(
        lambda: door is None or punt_policy.user_has_perm(door, "add"),
        door,
        Actie.AGENDAPUNT_TOEVOEGEN,
        agenda,
        melding=_("U mag dit niet doen bij de kwartaalagenda."),
    )
    punt = Agendapunt(agenda=agenda)
    _velden_zetten(punt, velden)
    opslaan(punt, door=door, reden="onderwerp toegevoegd")
    audit.vastleggen(door, Actie.AGENDAPUNT_TOEVOEGEN, punt, "gelukt")
    return punt


@transaction.atomic
def punt_wijzigen(*, punt: Agendapunt, door: User | None, **velden: Any) -> Agendapunt:
    eis(
        lambda: door is None or punt_policy.user_has_perm_for_object(door, "change", punt),
        door,
        Actie.AGENDAPUNT_WIJZIGEN,
        punt,
        melding=_("U mag dit niet doen bij de kwartaalagenda."),
    )
    punt = _vers_punt(punt)
    _velden_zetten(punt, velden)
    opslaan(punt, door=door, reden="onderwerp gewijzigd")
    audit.vastleggen(door, Actie.AGENDAPUNT_WIJZIGEN, punt, "gelukt")
    return punt


@transaction.atomic
def punt_verwijderen(*, punt: Agendapunt, door: User | None) -> None:
    """Remove an item from the draft. Published versions keep it (they are frozen)."""
    eis(
        lambda: door is None or punt_policy.user_has_perm_for_object(door, "delete", punt),
        door,
        Actie.AGENDAPUNT_VERWIJDEREN,
        punt,
        melding=_("U mag dit niet doen bij de kwartaalagenda."),
    )
    punt = _vers_punt(punt)  # never a stale copy
    punt._change_reason = "onderwerp verwijderd"  # type: ignore[attr-defined]
    punt._history_user = door  # type: ignore[attr-defined]
    audit.vastleggen(door, Actie.AGENDAPUNT_VERWIJDEREN, punt, "gelukt")
    punt.delete()


@transaction.atomic
def punt_koppelen(
    *, punt: Agendapunt, aanvraag: Adviesaanvraag | None, door: User | None
) -> Agendapunt:
    """Link ``punt`` to the advice request it announced (or unlink with ``None``).

    ``door`` must be allowed to change items *and* to see the request (advice policy); a link to
    a request ``door`` cannot see is never replaced by them either.
    """
    eis(
        lambda: door is None or punt_policy.user_has_perm_for_object(door, "change", punt),
        door,
        Actie.AGENDAPUNT_KOPPELEN,
        punt,
        melding=_("U mag dit niet doen bij de kwartaalagenda."),
    )
    vers = (
        Agendapunt.objects.select_for_update(of=("self",))
        .select_related("adviesaanvraag")
        .filter(pk=punt.pk)
        .first()
    )
    if vers is None:
        raise ValidationError(_("Dit onderwerp staat niet meer in het concept."))
    punt = vers
    if door is not None:
        huidige = punt.adviesaanvraag
        if huidige is not None and not aanvraag_policy.user_has_perm_for_object(
            door, "view", huidige
        ):
            raise ValidationError(
                _(
                    "Dit onderwerp is al gekoppeld aan een adviesaanvraag die u niet kunt inzien. "
                    "Vraag de accounthouder om de koppeling te wijzigen."
                )
            )
        if aanvraag is not None and not aanvraag_policy.user_has_perm_for_object(
            door, "view", aanvraag
        ):
            raise ValidationError({"adviesaanvraag": _("Kies een adviesaanvraag uit de lijst.")})
    punt.adviesaanvraag = aanvraag
    opslaan(
        punt,
        door=door,
        reden=f"gekoppeld aan {aanvraag.kenmerk}" if aanvraag else "koppeling verwijderd",
    )
    audit.vastleggen(door, Actie.AGENDAPUNT_KOPPELEN, punt, "gelukt")
    return punt


# --- Publishing ---------------------------------------------------------------------------------
def _iso(d: date | None) -> str | None:
    """A frozen date is ISO text (not ``datum_tekst``: the JSON is compared between versions)."""
    return d.isoformat() if d else None


def punt_als_dict(p: Agendapunt) -> dict[str, Any]:
    """One item as it is frozen in a version (needs ``beleidsmedewerker`` loaded)."""
    officer = p.beleidsmedewerker
    return {
        "id": p.pk,
        "titel": p.titel,
        "beleidsmedewerker": officer.get_full_name() if officer else "",
        **{veld: _iso(getattr(p, veld)) for veld, _ in DATUMVELDEN},
        "opmerking": p.opmerking,
        "adviesaanvraag_id": p.adviesaanvraag_id,
    }


def momentopname(agenda: Kwartaalagenda) -> dict[str, Any]:
    """The draft items as plain JSON: what a published version freezes (one query)."""
    punten = agenda.punten.select_related("beleidsmedewerker").order_by("pk")
    return {"punten": [punt_als_dict(p) for p in punten]}


@transaction.atomic
def publiceren(*, agenda: Kwartaalagenda, door: User | None, toelichting: str = "") -> Versie:
    """Freeze the draft as the next numbered version. The publisher has seen it."""
    eis(
        lambda: door is None or mag_publiceren(door),
        door,
        Actie.KWARTAALAGENDA_PUBLICEREN,
        agenda,
        melding=_("U mag dit niet doen bij de kwartaalagenda."),
    )
    agenda = Kwartaalagenda.objects.select_for_update().get(pk=agenda.pk)
    inhoud = momentopname(agenda)
    vorige = agenda.versies.order_by("-nummer").first()
    if not inhoud["punten"]:
        raise ValidationError(
            _("Er staan nog geen onderwerpen op de agenda. Voeg er eerst een toe.")
        )
    if vorige is not None and vorige.inhoud == inhoud:
        raise ValidationError(
            _("Er is niets veranderd sinds versie %(n)s. Publiceren is niet nodig.")
            % {"n": vorige.nummer}
        )
    versie = Versie(
        agenda=agenda,
        nummer=(vorige.nummer if vorige else 0) + 1,
        inhoud=inhoud,
        toelichting=toelichting.strip(),
        gepubliceerd_op=timezone.now(),
        gepubliceerd_door=door,
    )
    versie.full_clean()
    versie.save()
    if door is not None:
        gezien_markeren(user=door, versie=versie)
    audit.vastleggen(door, Actie.KWARTAALAGENDA_PUBLICEREN, versie, "gelukt")
    return versie


def gezien_markeren(*, user: Any, versie: Versie) -> None:
    """Record that ``user`` saw ``versie`` of its quarter (never moves back to an older one)."""
    if not getattr(user, "is_authenticated", False):
        return
    bijgewerkt = Gezien.objects.filter(
        user=user, agenda_id=versie.agenda_id, versie__nummer__lt=versie.nummer
    ).update(versie=versie, gezien_op=timezone.now())
    if bijgewerkt:
        return
    try:
        with transaction.atomic():
            Gezien.objects.get_or_create(
                user=user, agenda_id=versie.agenda_id, defaults={"versie": versie}
            )
    except IntegrityError:  # the same user in two tabs at once
        pass
