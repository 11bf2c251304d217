"""Writes of the house rules (``HuishoudelijkReglement``): its text and document while it is a
concept, and the steps of its workflow (the table in ``verordening.reglement``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, eis_perm, opslaan, vandaag
from hengelo_participatie.core.workflow import Stap
from verordening.models import HuishoudelijkReglement
from verordening.policies import reglement_policy
from verordening.reglement import controleer_overgang, mag_stap
from verordening.services.gedeeld import velden_zetten, verwijderen
from verordening.services.regels import aanwezigheidsregels_controleren

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

Status = HuishoudelijkReglement.Status

#: What the council writes; the status and the College's dates and remarks follow the workflow.
REGLEMENT_VELDEN = frozenset({"titel", "tekst", "bestand", "aanwezigheidsregels"})


# --- Text and document --------------------------------------------------------------------------
@transaction.atomic
def huishoudelijk_reglement_aanmaken(*, door: User | None, **velden: Any) -> HuishoudelijkReglement:
    """A new version of the house rules, as a concept."""
    eis_perm(reglement_policy, door, "add", Actie.REGLEMENT_AANMAKEN)
    reglement = HuishoudelijkReglement()
    velden_zetten(reglement, velden, REGLEMENT_VELDEN)
    if reglement.aanwezigheidsregels:
        reglement.aanwezigheidsregels = aanwezigheidsregels_controleren(
            reglement.aanwezigheidsregels
        )
    opslaan(reglement, door=door, reden="Huishoudelijk reglement aangemaakt")
    audit.vastleggen(door, Actie.REGLEMENT_AANMAKEN, reglement)
    return reglement


@transaction.atomic
def huishoudelijk_reglement_bijwerken(
    *, reglement: HuishoudelijkReglement, door: User | None, **velden: Any
) -> HuishoudelijkReglement:
    """Change text and document; only while the house rules are a concept."""
    eis_perm(reglement_policy, door, "change", Actie.REGLEMENT_BIJWERKEN, reglement)
    huidig = HuishoudelijkReglement.objects.select_for_update().get(pk=reglement.pk)
    gewijzigd = velden_zetten(huidig, velden, REGLEMENT_VELDEN)
    if not gewijzigd:
        return huidig
    if "aanwezigheidsregels" in gewijzigd and huidig.aanwezigheidsregels:
        huidig.aanwezigheidsregels = aanwezigheidsregels_controleren(huidig.aanwezigheidsregels)
    eis(
        huidig.is_bewerkbaar,
        door,
        Actie.REGLEMENT_BIJWERKEN,
        huidig,
        melding=_("Tekst en document veranderen alleen zolang het reglement een concept is."),
    )
    opslaan(huidig, door=door, reden="Huishoudelijk reglement bijgewerkt: " + ", ".join(gewijzigd))
    audit.vastleggen(door, Actie.REGLEMENT_BIJWERKEN, huidig)
    return huidig


@transaction.atomic
def huishoudelijk_reglement_verwijderen(
    *, reglement: HuishoudelijkReglement, door: User | None
) -> None:
    """Delete a concept; a version that was submitted stays, as the record of what was asked."""
    eis_perm(reglement_policy, door, "delete", Actie.REGLEMENT_VERWIJDEREN, reglement)
    huidig = HuishoudelijkReglement.objects.select_for_update().get(pk=reglement.pk)
    eis(
        huidig.is_bewerkbaar,
        door,
        Actie.REGLEMENT_VERWIJDEREN,
        huidig,
        melding=_("Alleen een concept van het reglement kan worden verwijderd."),
    )
    verwijderen(huidig, door=door, reden="Huishoudelijk reglement verwijderd")
    audit.vastleggen(door, Actie.REGLEMENT_VERWIJDEREN, reglement)


# --- Workflow -----------------------------------------------------------------------------------
@transaction.atomic
def huishoudelijk_reglement_overgang(
    *, reglement: HuishoudelijkReglement, naar: str, door: User | None, opmerkingen: str = ""
) -> HuishoudelijkReglement:
    """Move the house rules to state ``naar`` if the workflow table allows it for ``door``."""
    huidig = HuishoudelijkReglement.objects.select_for_update().get(pk=reglement.pk)
    overgang = controleer_overgang(van=huidig.status, naar=naar, opmerkingen=opmerkingen or "")
    actie = f"{Actie.REGLEMENT_OVERGANG}:{naar}"
    eis(
        mag_stap(door, overgang),
        door,
        actie,
        huidig,
        melding=_("U mag deze stap niet zetten: %(stap)s.") % {"stap": _(overgang.label).lower()},
    )
    huidig.status = naar
    overgang.effecten_uitvoeren(huidig, Stap(door=door, op=vandaag(), reden=opmerkingen or ""))
    opslaan(huidig, door=door, reden=overgang.label)
    audit.vastleggen(door, actie, huidig)
    return huidig


def huishoudelijk_reglement_indienen(
    *, reglement: HuishoudelijkReglement, door: User | None
) -> HuishoudelijkReglement:
    return huishoudelijk_reglement_overgang(reglement=reglement, naar=Status.INGEDIEND, door=door)


def huishoudelijk_reglement_goedkeuren(
    *, reglement: HuishoudelijkReglement, door: User | None, opmerkingen: str = ""
) -> HuishoudelijkReglement:
    return huishoudelijk_reglement_overgang(
        reglement=reglement, naar=Status.GOEDGEKEURD, door=door, opmerkingen=opmerkingen
    )


def huishoudelijk_reglement_terugsturen(
    *, reglement: HuishoudelijkReglement, door: User | None, opmerkingen: str
) -> HuishoudelijkReglement:
    return huishoudelijk_reglement_overgang(
        reglement=reglement, naar=Status.TERUGGESTUURD, door=door, opmerkingen=opmerkingen
    )
