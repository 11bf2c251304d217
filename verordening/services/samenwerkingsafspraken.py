"""Writes of the yearly working agreements between council and College."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis_perm, opslaan
from verordening.models import Samenwerkingsafspraken
from verordening.policies import afspraken_policy
from verordening.services.gedeeld import velden_zetten, verwijderen

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

AFSPRAKEN_VELDEN = frozenset(
    {"jaar", "datum_vastgesteld", "datum_volgende_evaluatie", "tekst", "bestand"}
)


@transaction.atomic
def samenwerkingsafspraken_aanmaken(*, door: User | None, **velden: Any) -> Samenwerkingsafspraken:
    eis_perm(afspraken_policy, door, "add", Actie.SAMENWERKINGSAFSPRAKEN_AANMAKEN)
    afspraken = Samenwerkingsafspraken()
    velden_zetten(afspraken, velden, AFSPRAKEN_VELDEN)
    opslaan(afspraken, door=door, reden="Samenwerkingsafspraken aangemaakt")
    audit.vastleggen(door, Actie.SAMENWERKINGSAFSPRAKEN_AANMAKEN, afspraken)
    return afspraken


@transaction.atomic
def samenwerkingsafspraken_bijwerken(
    *, afspraken: Samenwerkingsafspraken, door: User | None, **velden: Any
) -> Samenwerkingsafspraken:
    eis_perm(afspraken_policy, door, "change", Actie.SAMENWERKINGSAFSPRAKEN_BIJWERKEN, afspraken)
    huidig = Samenwerkingsafspraken.objects.select_for_update().get(pk=afspraken.pk)
    gewijzigd = velden_zetten(huidig, velden, AFSPRAKEN_VELDEN)
    if gewijzigd:
        opslaan(
            huidig, door=door, reden="Samenwerkingsafspraken bijgewerkt: " + ", ".join(gewijzigd)
        )
        audit.vastleggen(door, Actie.SAMENWERKINGSAFSPRAKEN_BIJWERKEN, huidig)
    return huidig


@transaction.atomic
def samenwerkingsafspraken_verwijderen(
    *, afspraken: Samenwerkingsafspraken, door: User | None
) -> None:
    eis_perm(afspraken_policy, door, "delete", Actie.SAMENWERKINGSAFSPRAKEN_VERWIJDEREN, afspraken)
    huidig = Samenwerkingsafspraken.objects.select_for_update().get(pk=afspraken.pk)
    verwijderen(huidig, door=door, reden="Samenwerkingsafspraken verwijderd")
    audit.vastleggen(door, Actie.SAMENWERKINGSAFSPRAKEN_VERWIJDEREN, afspraken)
