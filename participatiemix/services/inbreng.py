"""What an activity yielded: the moderator's report, the findings (opbrengsten) and what was
done with them (benuttingen). The moderator adds to their own activity until it is closed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.advies.policies import aanvraag_policy
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan
from hengelo_participatie.files.services import bestand_opslaan

from ..models import Activiteit, ActiviteitStatus, Benutting, Domein, Opbrengst, Thema
from ..policies import activiteit_policy, benutting_policy, opbrengst_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: Everything an admin may change on a finding.
OPBRENGST_VELDEN = (
    "activiteit",
    "soort",
    "thema",
    "domein",
    "omschrijving",
    "citaat",
    "frequentie",
)
#: Everything an admin may change on a recorded use.
BENUTTING_VELDEN = ("soort", "omschrijving", "adviesaanvraag", "beleidsdocument", "datum")


def _eis_mag_aanvullen(door: User | None, actie: Actie, activiteit: Activiteit) -> None:
    """Role-wide permission or an object grant (a moderator on their own activity), while the
    activity is not closed."""
    eis(
        door is None or activiteit_policy.user_has_perm_for_object(door, "change", activiteit),
        door,
        actie,
        activiteit,
        melding=_("U mag dit niet doen bij deze activiteit."),
    )
    if activiteit.status == ActiviteitStatus.AFGESLOTEN:
        audit.vastleggen(door, actie, activiteit, f"{audit.GEWEIGERD}:afgesloten")
        raise ValidationError(
            _("Deze activiteit is afgesloten. U kunt niets meer toevoegen."), code="afgesloten"
        )


def _eis_aanvraag_zichtbaar(door: User | None, actie: Actie, adviesaanvraag: Any) -> None:
    eis(
        adviesaanvraag is None
        or door is None
        or aanvraag_policy.user_has_perm_for_object(door, "view", adviesaanvraag),
        door,
        actie,
        adviesaanvraag,
        melding=_("U kunt deze adviesaanvraag niet zien."),
    )


@transaction.atomic
def verslag_uploaden(*, activiteit: Activiteit, door: User | None, upload: Any) -> Activiteit:
    """Store the moderating organisation's report (private file) on the activity."""
    _eis_mag_aanvullen(door, Actie.ACTIVITEIT_VERSLAG_UPLOADEN, activiteit)
    bestand = bestand_opslaan(upload=upload, door=door, vertrouwelijk=True)
    activiteit.verslag = bestand
    activiteit._change_reason = "verslag geüpload"  # type: ignore[attr-defined]
    activiteit._history_user = door  # type: ignore[attr-defined]
    activiteit.save(update_fields=["verslag"])
    audit.vastleggen(door, Actie.ACTIVITEIT_VERSLAG_UPLOADEN, activiteit)
    return activiteit


@transaction.atomic
def opbrengst_toevoegen(
    *,
    activiteit: Activiteit,
    door: User | None,
    soort: str,
    thema: Thema,
    omschrijving: str,
    domein: Domein | None = None,
    citaat: str = "",
    frequentie: int = 1,
) -> Opbrengst:
    _eis_mag_aanvullen(door, Actie.OPBRENGST_TOEVOEGEN, activiteit)
    opbrengst = Opbrengst(
        activiteit=activiteit,
        soort=soort,
        thema=thema,
        domein=domein,
        omschrijving=(omschrijving or "").strip(),
        citaat=(citaat or "").strip(),
        frequentie=frequentie,
        ingevoerd_door=door,
    )
    opslaan(opbrengst, door=door, reden="opbrengst toegevoegd")
    audit.vastleggen(door, Actie.OPBRENGST_TOEVOEGEN, opbrengst)
    return opbrengst


@transaction.atomic
def opbrengst_wijzigen(*, opbrengst: Opbrengst, door: User | None, **velden: Any) -> Opbrengst:
    """Change a finding in the admin (role-wide ``change_opbrengst``; also after closing)."""
    eis(
        door is None or opbrengst_policy.user_has_perm(door, "change"),
        door,
        Actie.OPBRENGST_WIJZIGEN,
        opbrengst,
    )
    for veld, waarde in velden.items():
        if veld not in OPBRENGST_VELDEN:
            raise TypeError(f"opbrengst_wijzigen: onbekend veld {veld!r}")
        setattr(opbrengst, veld, waarde)
    opslaan(opbrengst, door=door, reden="gewijzigd in beheer")
    audit.vastleggen(door, Actie.OPBRENGST_WIJZIGEN, opbrengst)
    return opbrengst


@transaction.atomic
def benutting_vastleggen(
    *,
    opbrengst: Opbrengst,
    door: User | None,
    soort: str,
    omschrijving: str,
    datum: date,
    beleidsdocument: str = "",
    adviesaanvraag: Any = None,
) -> Benutting:
    """Record a use of ``opbrengst``; ``adviesaanvraag`` links it to an advice request (the
    thread from what residents said to what the council advised), ``beleidsdocument`` names a
    policy document that is not an advice request. ``door`` must be able to see the request."""
    eis(
        door is None or activiteit_policy.user_has_perm(door, "change"),
        door,
        Actie.BENUTTING_VASTLEGGEN,
        opbrengst,
        melding=_("U mag niet vastleggen wat er met opbrengsten is gedaan."),
    )
    _eis_aanvraag_zichtbaar(door, Actie.BENUTTING_VASTLEGGEN, adviesaanvraag)
    benutting = Benutting(
        opbrengst=opbrengst,
        soort=soort,
        omschrijving=(omschrijving or "").strip(),
        datum=datum,
        beleidsdocument=(beleidsdocument or "").strip(),
        adviesaanvraag=adviesaanvraag,
    )
    opslaan(benutting, door=door, reden="benutting vastgelegd")
    audit.vastleggen(door, Actie.BENUTTING_VASTLEGGEN, benutting)
    return benutting


@transaction.atomic
def benutting_wijzigen(*, benutting: Benutting, door: User | None, **velden: Any) -> Benutting:
    """Change a recorded use in the admin (role-wide ``change_benutting``). A newly linked
    advice request must be one ``door`` can see, as when it is recorded."""
    eis(
        door is None or benutting_policy.user_has_perm(door, "change"),
        door,
        Actie.BENUTTING_WIJZIGEN,
        benutting,
    )
    vorige_aanvraag_id = (
        Benutting.objects.filter(pk=benutting.pk)
        .values_list("adviesaanvraag_id", flat=True)
        .first()
    )
    for veld, waarde in velden.items():
        if veld not in BENUTTING_VELDEN:
            raise TypeError(f"benutting_wijzigen: onbekend veld {veld!r}")
        setattr(benutting, veld, waarde)
    if benutting.adviesaanvraag_id != vorige_aanvraag_id:
        _eis_aanvraag_zichtbaar(door, Actie.BENUTTING_WIJZIGEN, benutting.adviesaanvraag)
    opslaan(benutting, door=door, reden="gewijzigd in beheer")
    audit.vastleggen(door, Actie.BENUTTING_WIJZIGEN, benutting)
    return benutting


@transaction.atomic
def benutting_verwijderen(*, benutting: Benutting, door: User | None) -> None:
    """Remove a recorded use in the admin (role-wide ``delete_benutting``)."""
    eis(
        door is None or benutting_policy.user_has_perm(door, "delete"),
        door,
        Actie.BENUTTING_VERWIJDEREN,
        benutting,
    )
    audit.vastleggen(door, Actie.BENUTTING_VERWIJDEREN, benutting)
    benutting._change_reason = "verwijderd in beheer"  # type: ignore[attr-defined]
    benutting._history_user = door  # type: ignore[attr-defined]
    benutting.delete()
