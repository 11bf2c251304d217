"""Builders for the money tests: members with exact dates, meetings with recorded attendance."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from adviesraad.models import Functie, FunctieSoort, Lid, TermijnStatus, Zittingstermijn
from adviesraad.vergaderingen.models import Aanwezigheid, Deelname, Soort, Status, Vergadering
from tests.adviesraad.factories import LidFactory


def lid_met_termijn(begin: date, einde: date = date(2029, 12, 31), **kwargs: object) -> Lid:
    lid: Lid = LidFactory(**kwargs)
    Zittingstermijn.objects.create(
        lid=lid,
        status=TermijnStatus.BENOEMD,
        besluitdatum=begin,
        begindatum=begin,
        einddatum=einde,
    )
    return lid


def functie(lid: Lid, soort: str, van: date, tot: date | None = None) -> Functie:
    return Functie.objects.create(
        lid=lid,
        soort=soort,
        van=van,
        tot=tot,
        uurtarief=Decimal("85.00") if soort == FunctieSoort.VOORZITTER_AD_INTERIM else None,
    )


def vergadering(
    dag: date, *, soort: str = Soort.RAADSVERGADERING, status: str = Status.GEHOUDEN
) -> Vergadering:
    begin = datetime(dag.year, dag.month, dag.day, 19, 30, tzinfo=timezone.get_current_timezone())
    return Vergadering.objects.create(
        soort=soort, titel=f"Vergadering {dag:%d-%m-%Y}", begin=begin, status=status
    )


def aanwezig(
    lid: Lid,
    *dagen: date,
    aanwezigheid: str = Aanwezigheid.AANWEZIG,
    soort: str = Soort.RAADSVERGADERING,
) -> list[Deelname]:
    return [
        Deelname.objects.create(
            vergadering=vergadering(dag, soort=soort), gebruiker=lid.user, aanwezigheid=aanwezigheid
        )
        for dag in dagen
    ]
