"""What happens after a workflow step ("effecten" of the rows in ``transitions.py``).

They run inside the service's transaction, after the checks and before the object is saved.
"""

from __future__ import annotations

from hengelo_participatie.core.schrijven import opslaan
from hengelo_participatie.core.workflow import Stap

from .. import vergoeding
from ..models import (
    Begroting,
    BegrotingStatus,
    RegelSoort,
    Vergoedingsperiode,
    Vergoedingsregel,
    lid_referentie,
)


def periode_berekenen(periode: Vergoedingsperiode, stap: Stap) -> None:
    """(Re)compute the allowance lines of ``periode``; correction lines stay as they are."""
    periode.regels.filter(soort=RegelSoort.VERGOEDING).delete()
    leden = vergoeding.leden_met_zetel(periode.begin, periode.einde)
    for overzicht in vergoeding.bereken(leden, periode.begin, periode.einde):
        regel = Vergoedingsregel(
            periode=periode,
            lid_id=overzicht.lid_id,
            lid_referentie=lid_referentie(overzicht.lid_id),
            soort=RegelSoort.VERGOEDING,
            bedrag=overzicht.bedrag,
            aantal_bijeenkomsten=overzicht.aantal_geteld,
        )
        opslaan(regel, door=stap.door, reden="Vergoeding berekend uit de aanwezigheid")
    periode.voorbereid_door = stap.door


def periode_gecontroleerd(periode: Vergoedingsperiode, stap: Stap) -> None:
    periode.gecontroleerd_door = stap.door


def periode_vastzetten(periode: Vergoedingsperiode, stap: Stap) -> None:
    periode.goedgekeurd_op = stap.op
    periode.goedgekeurd_door = stap.door


def begroting_vastgesteld(begroting: Begroting, stap: Stap) -> None:
    """Adopted with a date; an older adopted version of the year is replaced by this one."""
    begroting.vastgesteld_op = stap.op
    for ouder in Begroting.objects.filter(
        jaar=begroting.jaar, status=BegrotingStatus.VASTGESTELD
    ).exclude(pk=begroting.pk):
        ouder.status = BegrotingStatus.VERVANGEN
        opslaan(ouder, door=stap.door, reden=f"Vervangen door versie {begroting.versie}")
