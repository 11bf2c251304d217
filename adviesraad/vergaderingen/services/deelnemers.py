"""Who takes part in a meeting: inviting people, taking them off, their RSVP and attendance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vergrendeld

from ..models import Aanmelding, Aanwezigheid, Deelname, Status, Vergadering, Verschoning
from ..policies import vergadering_policy
from .agenda import verschoningen_bijwerken
from .basis import eis_beheer, verwijderen
from .stukken import toegang_bijwerken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: The capability of the roles invited to every meeting by default.
STANDAARD_DEELNEMER = "vergadering.standaard_deelnemer"


def raadsleden() -> QuerySet[Any]:
    """The current council: active users holding a role that is invited to every meeting (chair,
    vice-chair, member; the roles follow the terms, see ``adviesraad.services.rollen_bijwerken``)."""
    return houders_van(STANDAARD_DEELNEMER)


def deelnemers_toevoegen(
    vergadering: Vergadering, gebruikers: Iterable[Any], door: User | None
) -> int:
    gebruikers = list(gebruikers)
    bestaand = set(vergadering.deelnames.values_list("gebruiker_id", flat=True))
    kandidaten = {g.pk for g in gebruikers if g.is_active and g.pk not in bestaand}
    toegestaan = (
        set(
            vergadering_policy.gebruikers_met_toegang()
            .filter(pk__in=kandidaten)
            .values_list("pk", flat=True)
        )
        if kandidaten
        else set()
    )
    if kandidaten - toegestaan:
        # A former member or someone without a council or staff role would not see the meeting
        # but would get its documents, invitation and reminders.
        raise ValidationError(
            {
                "gebruikers": _(
                    "U kunt alleen leden van de adviesraad en medewerkers uitnodigen die "
                    "vergaderingen mogen inzien."
                )
            }
        )
    nieuw = 0
    for gebruiker in gebruikers:
        if gebruiker.pk in bestaand or not gebruiker.is_active:
            continue
        opslaan(
            Deelname(vergadering=vergadering, gebruiker=gebruiker), door=door, reden="uitgenodigd"
        )
        bestaand.add(gebruiker.pk)
        nieuw += 1
    return nieuw


@transaction.atomic
def deelnemers_uitnodigen(
    *, vergadering: Vergadering, gebruikers: Iterable[Any], door: User | None
) -> int:
    """Add people to the meeting (idempotent). Returns how many are new."""
    eis_beheer(door, Actie.DEELNEMERS_UITNODIGEN, vergadering)
    vergadering = vergrendeld(vergadering)
    nieuw = deelnemers_toevoegen(vergadering, gebruikers, door)
    verschoningen_bijwerken(vergadering=vergadering)
    toegang_bijwerken(vergadering=vergadering)
    audit.vastleggen(door, Actie.DEELNEMERS_UITNODIGEN, vergadering, f"ok nieuw={nieuw}")
    return nieuw


def deelname_verwijderbaar(deelname: Deelname) -> str:
    """Why ``deelname`` cannot be removed ("" when it can)."""
    if deelname.aanwezigheid:
        return _(
            "U kunt deze deelnemer niet weghalen: de aanwezigheid is al vastgelegd. Die is nodig "
            "voor de vergoeding en het overzicht van de aanwezigheid."
        )
    return ""


@transaction.atomic
def deelname_verwijderen(*, deelname: Deelname, door: User | None) -> None:
    """Take a participant off the meeting (not after their attendance was recorded).

    They lose the grants on the meeting's documents, and their recusals at this meeting's agenda
    items go too (they no longer take part). Every row keeps its history.
    """
    eis_beheer(door, Actie.DEELNAME_VERWIJDEREN, deelname.vergadering)
    vergadering = vergrendeld(deelname.vergadering)
    gevonden = Deelname.objects.select_for_update().filter(pk=deelname.pk).first()
    if gevonden is None:  # removed meanwhile (a double submit): nothing left to do
        raise ValidationError(_("Deze deelnemer is al weggehaald."))
    deelname = gevonden
    reden = deelname_verwijderbaar(deelname)
    if reden:
        audit.vastleggen(door, Actie.DEELNAME_VERWIJDEREN, deelname, "geweigerd aanwezigheid")
        raise ValidationError(reden)
    for verschoning in Verschoning.objects.filter(
        agendapunt__vergadering=vergadering, gebruiker_id=deelname.gebruiker_id
    ):
        verwijderen(verschoning, door=door, reden="deelnemer verwijderd")
    audit.vastleggen(door, Actie.DEELNAME_VERWIJDEREN, deelname, "ok")
    verwijderen(deelname, door=door, reden="deelnemer verwijderd")
    toegang_bijwerken(vergadering=vergadering)


@transaction.atomic
def aanmelden(
    *, vergadering: Vergadering, door: User | None, aanmelding: str, toelichting: str = ""
) -> Deelname:
    """A participant says in advance whether they will come (with an optional note)."""
    if door is None or not vergadering_policy.user_has_perm_for_object(door, "view", vergadering):
        raise PermissionDenied(_("U mag dit niet doen bij deze vergadering."))
    deelname = (
        Deelname.objects.select_for_update().filter(vergadering=vergadering, gebruiker=door).first()
    )
    if deelname is None:
        raise PermissionDenied(_("U bent niet uitgenodigd voor deze vergadering."))
    if aanmelding not in (Aanmelding.KOMT, Aanmelding.KOMT_NIET):
        raise ValidationError({"aanmelding": _("Kies of u komt of niet.")})
    if vergadering.status != Status.GEPLAND or vergadering.begin <= timezone.now():
        raise ValidationError(
            _("Aanmelden kan alleen vóór het begin van een geplande vergadering.")
        )
    deelname.aanmelding = aanmelding
    deelname.aanmelding_toelichting = toelichting.strip()
    opslaan(deelname, door=door, reden="aanmelding")
    audit.vastleggen(door, Actie.AANMELDEN, deelname, aanmelding)
    return deelname


@transaction.atomic
def aanwezigheid_vastleggen(
    *, vergadering: Vergadering, door: User | None, per_deelname: Mapping[int, str]
) -> int:
    """The supporter records present / excused / absent per participant (deelname id → value),
    after the meeting began; the meeting then counts as held. Returns the number of changes."""
    eis_beheer(door, Actie.AANWEZIGHEID_VASTLEGGEN, vergadering)
    origineel, vergadering = vergadering, vergrendeld(vergadering)
    if vergadering.begin > timezone.now():
        raise ValidationError(_("Aanwezigheid leggen we vast als de vergadering begonnen is."))
    if vergadering.status == Status.GEANNULEERD:
        raise ValidationError(_("Deze vergadering is geannuleerd."))
    deelnames = {d.pk: d for d in vergadering.deelnames.select_for_update()}
    fouten = {
        f"deelname_{pk}": _("Kies aanwezig, afgemeld of afwezig.")
        for pk, waarde in per_deelname.items()
        if pk not in deelnames or waarde not in Aanwezigheid.values
    }
    if fouten:
        raise ValidationError(fouten)
    gewijzigd = 0
    for pk, waarde in per_deelname.items():
        deelname = deelnames[pk]
        if deelname.aanwezigheid != waarde:
            deelname.aanwezigheid = waarde
            opslaan(deelname, door=door, reden="aanwezigheid")
            gewijzigd += 1
    if vergadering.status == Status.GEPLAND:
        vergadering.status = Status.GEHOUDEN
        opslaan(vergadering, door=door, reden="gehouden")
    audit.vastleggen(door, Actie.AANWEZIGHEID_VASTLEGGEN, vergadering, f"ok n={gewijzigd}")
    origineel.refresh_from_db()
    return gewijzigd
