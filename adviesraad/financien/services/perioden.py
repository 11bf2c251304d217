"""Allowance periods: create, take a workflow step, correct after approval, record long absence.

A locked (approved) period never changes: a correction is a new line of kind ``correctie`` in
the *next* period (created when needed), pointing at the period it corrects.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models import Lid
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag

from .. import transitions, vergoeding
from ..models import (
    MAX_BEDRAG,
    PeriodeStatus,
    RegelSoort,
    Vergoedingsperiode,
    Vergoedingsregel,
    Verzuim,
    lid_referentie,
)
from ..policies import CORRECTIE, PERIODE_VOORBEREIDEN, mag
from ..regels import periode_maanden
from .basis import stap_zetten

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def _periode_grenzen(dag: date) -> tuple[date, date]:
    regel = periode_maanden(dag)
    maanden = regel.waarde.aantal
    if maanden not in (1, 3):
        raise ValidationError(
            _("De periode is een maand of een kwartaal (1 of 3 maanden), %(bron)s.")
            % {"bron": regel.citeer()}
        )
    return vergoeding.periode_van(dag, maanden)


@transaction.atomic
def periode_aanmaken(*, dag: date, door: User | None) -> Vergoedingsperiode:
    """The period (month or quarter, by the rule on ``dag``) that holds ``dag``; idempotent."""
    eis(door is None or mag(door, PERIODE_VOORBEREIDEN), door, Actie.VERGOEDINGSPERIODE_AANMAKEN)
    begin, einde = _periode_grenzen(dag)
    bestaand = Vergoedingsperiode.objects.filter(begin__lte=einde, einde__gte=begin).first()
    if bestaand is not None:
        if (bestaand.begin, bestaand.einde) == (begin, einde):
            return bestaand
        raise ValidationError(
            _("Deze periode overlapt met de periode %(periode)s.") % {"periode": bestaand}
        )
    periode = Vergoedingsperiode(begin=begin, einde=einde)
    opslaan(periode, door=door, reden="Periode aangemaakt")
    audit.vastleggen(door, Actie.VERGOEDINGSPERIODE_AANMAKEN, periode)
    return periode


@transaction.atomic
def periode_overgang(
    *,
    periode: Vergoedingsperiode,
    naar: str,
    door: User | None,
    reden: str = "",
    op: date | None = None,
) -> Vergoedingsperiode:
    """A step of the four-eyes approval (``transitions.PERIODE``)."""
    niet_door: tuple[int | None, ...] = ()
    if naar == PeriodeStatus.GECONTROLEERD:
        niet_door = (periode.voorbereid_door_id,)
    elif naar == PeriodeStatus.GOEDGEKEURD:
        niet_door = (periode.voorbereid_door_id, periode.gecontroleerd_door_id)
    return stap_zetten(
        obj=periode,
        workflow=transitions.PERIODE,
        naar=naar,
        door=door,
        reden=reden,
        op=op,
        actie=Actie.VERGOEDINGSPERIODE_OVERGANG,
        niet_door=niet_door,
    )


def _volgende(periode: Vergoedingsperiode, door: User | None) -> Vergoedingsperiode:
    volgende = Vergoedingsperiode.objects.filter(begin__gt=periode.einde).order_by("begin").first()
    if volgende is None:
        return periode_aanmaken(dag=periode.einde + timedelta(days=1), door=None)
    return volgende


@transaction.atomic
def correctie_toevoegen(
    *,
    periode: Vergoedingsperiode,
    lid: Lid,
    bedrag: Decimal,
    toelichting: str,
    door: User | None,
) -> Vergoedingsregel:
    """A correction of an approved period: a new line in the next period (never an edit)."""
    eis(door is None or mag(door, CORRECTIE), door, Actie.VERGOEDING_CORRIGEREN, periode)
    if not periode.vergrendeld:
        raise ValidationError(
            _("Deze periode is nog niet goedgekeurd. Pas de berekening zelf aan.")
        )
    if bedrag == 0 or abs(bedrag) > MAX_BEDRAG:
        raise ValidationError({"bedrag": _("Vul een bedrag in dat niet nul is.")})
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef een toelichting.")})
    volgende = _volgende(periode, door)
    if volgende.status != PeriodeStatus.CONCEPT:
        raise ValidationError(
            _("De volgende periode (%(periode)s) is al voorbereid. Zet die eerst terug.")
            % {"periode": volgende}
        )
    regel = Vergoedingsregel(
        periode=volgende,
        lid=lid,
        lid_referentie=lid_referentie(lid.pk),
        soort=RegelSoort.CORRECTIE,
        bedrag=bedrag,
        toelichting=toelichting.strip(),
        correctie_van=periode,
    )
    opslaan(regel, door=door, reden=f"Correctie op periode {periode}")
    audit.vastleggen(door, Actie.VERGOEDING_CORRIGEREN, regel)
    return regel


@transaction.atomic
def verzuim_vastleggen(
    *, lid: Lid, soort: str, van: date, tot: date | None, door: User | None
) -> Verzuim:
    """Record a long absence (the supporter); the allowance rule decides how long it is paid."""
    eis(door is None or mag(door, CORRECTIE), door, Actie.VERZUIM_VASTLEGGEN)
    verzuim = Verzuim(lid=lid, soort=soort, van=van, tot=tot)
    opslaan(verzuim, door=door, reden="Verzuim vastgelegd")
    audit.vastleggen(door, Actie.VERZUIM_VASTLEGGEN, verzuim)
    return verzuim


def vandaag_periode() -> tuple[date, date]:
    return _periode_grenzen(vandaag())
