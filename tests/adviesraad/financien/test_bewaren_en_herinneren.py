"""Retention (financial records kept 7 years, past the former-member purge) and the reminder for
declarations that wait too long."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from adviesraad.financien.deadlines import DECLARATIE_BEOORDELEN, DECLARATIE_WACHT
from adviesraad.financien.models import (
    Declaratie,
    DeclaratieStatus,
    PeriodeStatus,
    Vergoedingsperiode,
    Vergoedingsregel,
    Verzuim,
    VerzuimSoort,
)
from adviesraad.financien.services.declaraties import declaratie_indienen, declaratie_overgang
from adviesraad.financien.services.perioden import periode_aanmaken, periode_overgang
from adviesraad.models import Lid, TermijnStatus, Zittingstermijn
from adviesraad.opschonen import persoonsgegevens_opschonen
from hengelo_participatie.accounts.models import User
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.notifications import services as herinneringen
from hengelo_participatie.notifications.models import Herinnering
from tests.factories import UserFactory

from .helpers import aanwezig, lid_met_termijn

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    return None


def _oud_lid_met_geld() -> tuple[Lid, Declaratie, Vergoedingsperiode]:
    lid = lid_met_termijn(date(2026, 1, 1), date(2026, 6, 30), user=UserFactory(roles=["lid"]))
    Zittingstermijn.objects.filter(lid=lid).update(
        status=TermijnStatus.BEEINDIGD, beeindigd_op=date(2026, 6, 30)
    )
    Verzuim.objects.create(lid=lid, soort=VerzuimSoort.ZIEKTE, van=date(2026, 2, 1))
    aanwezig(lid, date(2026, 2, 10))
    periode = periode_aanmaken(dag=date(2026, 2, 1), door=None)
    for naar in (PeriodeStatus.VOORBEREID, PeriodeStatus.GECONTROLEERD, PeriodeStatus.GOEDGEKEURD):
        periode = periode_overgang(periode=periode, naar=naar, door=None, op=date(2026, 4, 2))
    declaratie = declaratie_indienen(
        datum=date(2026, 3, 3),
        categorie="scholing",
        bedrag=Decimal("40.00"),
        omschrijving="Cursus",
        bon=SimpleUploadedFile("bon.pdf", b"%PDF-1.4\n%%EOF\n"),
        door=lid.user,
    )
    return lid, declaratie, periode


def test_oud_lid_weg_na_2_jaar_maar_financien_blijven_7_jaar() -> None:
    lid, declaratie, periode = _oud_lid_met_geld()
    referentie = Vergoedingsregel.objects.get(lid=lid).lid_referentie
    user_pk = lid.user_id

    persoonsgegevens_opschonen(today=date(2028, 8, 1))  # 2 years after the last day
    assert not Lid.objects.filter(pk=lid.pk).exists()
    # The account goes, or (their recorded attendance still points at it) becomes an empty shell.
    assert not User.objects.filter(pk=user_pk, is_active=True).exists()
    assert not User.objects.filter(email=lid.user.email).exists()
    assert not Verzuim.objects.exists()  # health data goes with the member
    assert not Verzuim.history.filter(lid_id=lid.pk).exists()
    # The financial records stay, with the reference and without the person.
    regel = Vergoedingsregel.objects.get(lid_referentie=referentie)
    assert regel.lid_id is None and regel.bedrag == Decimal("55.00")
    declaratie.refresh_from_db()
    assert declaratie.indiener_referentie == referentie
    assert Bestand.objects.filter(pk=declaratie.bon_id).exists()

    persoonsgegevens_opschonen(today=date(2033, 12, 31))  # 2026 + 7 years: still kept
    assert Declaratie.objects.exists() and Vergoedingsperiode.objects.exists()
    persoonsgegevens_opschonen(today=date(2034, 1, 1))
    assert not Declaratie.objects.exists()
    assert not Declaratie.history.exists()
    assert not Vergoedingsregel.objects.exists() and not Vergoedingsperiode.objects.exists()
    assert not Bestand.objects.filter(pk=declaratie.bon_id).exists()


def test_herinnering_voor_wachtende_declaratie() -> None:
    ondersteuner = UserFactory(roles=["ondersteuner"])
    voorzitter = UserFactory(roles=["voorzitter"])
    UserFactory(roles=["accounthouder"])
    lid = UserFactory(roles=["lid"])
    declaratie = declaratie_indienen(
        datum=date.today(),  # noqa: DTZ011 - the same local day in the test
        categorie="scholing",
        bedrag=Decimal("10.00"),
        omschrijving="Boek",
        bon=SimpleUploadedFile("bon.pdf", b"%PDF-1.4\n%%EOF\n"),
        door=lid,
    )
    dag = declaratie.status_sinds
    herinneringen.herinneringen_plannen(op=dag + timedelta(days=13))
    assert not Herinnering.objects.filter(soort=DECLARATIE_WACHT).exists()
    herinneringen.herinneringen_plannen(op=dag + timedelta(days=14))
    herinneringen.herinneringen_plannen(op=dag + timedelta(days=15))
    rijen = Herinnering.objects.filter(soort=DECLARATIE_WACHT)
    assert sorted(rijen.values_list("ontvanger_id", flat=True)) == sorted(
        [ondersteuner.pk, voorzitter.pk]
    )


def test_een_gecontroleerde_declaratie_is_een_taak_voor_de_voorzitter() -> None:
    """Above the threshold, after the supporter's check: the chair's task from the day of the
    check, "uiterlijk" the day the waiting becomes too long; the supporter gets no task, and the
    chair no second "waits too long" reminder about the same declaration."""
    ondersteuner = UserFactory(roles=["ondersteuner"])
    voorzitter = UserFactory(roles=["voorzitter"])
    lid = UserFactory(roles=["lid"])
    groot = declaratie_indienen(
        datum=date.today(),  # noqa: DTZ011 - the same local day in the test
        categorie="scholing",
        bedrag=Decimal("300.00"),
        omschrijving="Congres",
        bon=SimpleUploadedFile("bon.pdf", b"%PDF-1.4\n%%EOF\n"),
        door=lid,
    )
    dag = groot.status_sinds
    herinneringen.herinneringen_plannen(op=dag)
    assert not Herinnering.objects.filter(soort=DECLARATIE_BEOORDELEN).exists()  # not checked
    groot = declaratie_overgang(
        declaratie=groot, naar=DeclaratieStatus.GECONTROLEERD, door=ondersteuner, op=dag
    )
    herinneringen.herinneringen_plannen(op=dag)
    taak = Herinnering.objects.get(soort=DECLARATIE_BEOORDELEN)
    assert taak.ontvanger_id == voorzitter.pk
    assert taak.deadline == dag + timedelta(days=14)
    assert f"Beoordeel declaratie {groot.pk}" in taak.tekst and "uiterlijk" in taak.tekst
    herinneringen.herinneringen_plannen(op=dag + timedelta(days=14))
    wacht = Herinnering.objects.filter(soort=DECLARATIE_WACHT)
    assert list(wacht.values_list("ontvanger_id", flat=True)) == [ondersteuner.pk]
    assert Herinnering.objects.filter(soort=DECLARATIE_BEOORDELEN).count() == 1
