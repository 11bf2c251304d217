"""Changing a rule adds a version from a date; the past never changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import UserFactory
from verordening.models import Artikel, Regel
from verordening.rules import rule
from verordening.services import regels

pytestmark = pytest.mark.django_db


@pytest.fixture
def vandaag():
    return timezone.localdate()


def _artikel(nummer="4"):
    return Artikel.objects.get(verordening__cvdr="CVDR753530", nummer=nummer)


def test_regel_wijzigen_changes_answers_only_from_that_date(beheerder, vandaag):
    vanaf = vandaag + timedelta(days=30)
    oud = rule("max_terms", on=vandaag)
    nieuw = regels.regel_wijzigen(
        sleutel="max_terms", waarde=3, geldig_vanaf=vanaf, bron=_artikel(), door=beheerder
    )
    assert rule("max_terms", on=vanaf - timedelta(days=1)).waarde == 2
    assert rule("max_terms", on=vanaf).waarde == 3
    assert rule("max_terms", on=date(2026, 1, 1)).waarde == 2
    # the old version is closed at the date, with its value and start untouched
    gesloten = Regel.objects.get(pk=oud.versie_id)
    assert (gesloten.geldig_vanaf, gesloten.geldig_tot, gesloten.waarde) == (
        date(2025, 12, 30),
        vanaf,
        2,
    )
    assert nieuw.geldig_tot is None
    assert nieuw.bron_lid == "2"  # taken over: same article
    assert nieuw.history.first().history_user == beheerder
    assert "Nieuwe versie" in nieuw.history.first().history_change_reason


def test_a_version_between_two_others_ends_where_the_next_begins(beheerder, vandaag):
    later = vandaag + timedelta(days=100)
    regels.regel_wijzigen(
        sleutel="min_leden", waarde=9, geldig_vanaf=later, bron=None, door=beheerder
    )
    tussen = regels.regel_wijzigen(
        sleutel="min_leden",
        waarde=10,
        geldig_vanaf=vandaag + timedelta(days=10),
        bron=None,
        door=beheerder,
    )
    assert tussen.geldig_tot == later
    assert rule("min_leden", on=vandaag).waarde == 8
    assert rule("min_leden", on=vandaag + timedelta(days=50)).waarde == 10
    assert rule("min_leden", on=later).waarde == 9


def test_fiscal_maximum_gets_a_new_yearly_version_with_its_source(beheerder, vandaag):
    jaar = date(vandaag.year + 1, 1, 1)
    regels.regel_wijzigen(
        sleutel="vrijwilligersvergoeding_max_jaar",
        waarde="2300",
        geldig_vanaf=jaar,
        bron=None,
        door=beheerder,
    )
    regel = rule("vrijwilligersvergoeding_max_jaar", on=jaar)
    assert str(regel.waarde) == "2300.00"
    assert regel.bron.startswith("Wet LB 1964 art. 2 lid 6")


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"geldig_vanaf": date(2026, 1, 1)}, "geldig_vanaf"),  # in the past
        ({"geldig_vanaf": "2030-01-01"}, "geldig_vanaf"),
        (
            {"geldig_vanaf": datetime(2030, 1, 1, tzinfo=timezone.get_current_timezone())},
            "geldig_vanaf",
        ),
        ({"waarde": "twee"}, "waarde"),
        ({"waarde": -1}, "waarde"),
        ({"waarde": True}, "waarde"),
        ({"waarde": 2.5}, "waarde"),
        ({"waarde": None}, "waarde"),
        ({"sleutel": "bestaat_niet"}, "sleutel"),
        ({"bron": "art. 4"}, "bron"),
    ],
)
def test_regel_wijzigen_refuses_and_writes_nothing(beheerder, vandaag, kwargs, veld):
    args = {
        "sleutel": "max_terms",
        "waarde": 3,
        "geldig_vanaf": vandaag + timedelta(days=5),
        "bron": None,
        "door": beheerder,
    }
    args.update(kwargs)
    voor = (Regel.objects.count(), Regel.history.count())
    with pytest.raises(ValidationError) as exc:
        regels.regel_wijzigen(**args)
    assert veld in exc.value.message_dict
    assert (Regel.objects.count(), Regel.history.count()) == voor
    assert rule("max_terms", on=vandaag + timedelta(days=400)).waarde == 2


def test_two_versions_may_not_start_on_one_day(beheerder, vandaag):
    vanaf = vandaag + timedelta(days=5)
    regels.regel_wijzigen(
        sleutel="max_terms", waarde=3, geldig_vanaf=vanaf, bron=None, door=beheerder
    )
    with pytest.raises(ValidationError, match="begint al een versie"):
        regels.regel_wijzigen(
            sleutel="max_terms", waarde=4, geldig_vanaf=vanaf, bron=None, door=beheerder
        )


def test_changing_from_today_is_allowed(beheerder, vandaag):
    regels.regel_wijzigen(
        sleutel="max_leden", waarde=11, geldig_vanaf=vandaag, bron=None, door=beheerder
    )
    assert rule("max_leden", on=vandaag).waarde == 11
    assert rule("max_leden", on=vandaag - timedelta(days=1)).waarde == 12


def test_without_permission_nothing_changes(vandaag):
    lid = UserFactory()
    with pytest.raises(PermissionDenied):
        regels.regel_wijzigen(
            sleutel="max_terms",
            waarde=3,
            geldig_vanaf=vandaag + timedelta(days=1),
            bron=None,
            door=lid,
        )
    assert Regel.objects.filter(sleutel="max_terms").count() == 1


def test_a_started_version_cannot_be_corrected_but_its_citation_can(beheerder):
    versie = Regel.objects.get(sleutel="max_terms")
    with pytest.raises(ValidationError, match="geldt al sinds"):
        regels.regel_versie_bijwerken(regel=versie, door=beheerder, waarde=5)
    with pytest.raises(ValidationError):
        regels.regel_versie_bijwerken(regel=versie, door=beheerder, geldig_vanaf=date(2030, 1, 1))
    regels.regel_versie_bijwerken(regel=versie, door=beheerder, bron_toelichting="zie ook bijlage")
    versie.refresh_from_db()
    assert (versie.waarde, versie.bron_toelichting) == (2, "zie ook bijlage")


def test_a_future_version_can_be_corrected_and_withdrawn(beheerder, vandaag):
    vanaf = vandaag + timedelta(days=20)
    toekomst = regels.regel_wijzigen(
        sleutel="max_terms", waarde=3, geldig_vanaf=vanaf, bron=None, door=beheerder
    )
    regels.regel_versie_bijwerken(regel=toekomst, door=beheerder, waarde=4)
    assert rule("max_terms", on=vanaf).waarde == 4
    regels.regel_versie_intrekken(regel=toekomst, door=beheerder)
    assert rule("max_terms", on=vanaf + timedelta(days=1000)).waarde == 2
    assert Regel.objects.get(sleutel="max_terms").geldig_tot is None


def test_a_started_version_cannot_be_withdrawn(beheerder):
    with pytest.raises(ValidationError):
        regels.regel_versie_intrekken(regel=Regel.objects.get(sleutel="max_terms"), door=beheerder)
    assert Regel.objects.filter(sleutel="max_terms").exists()


def test_regel_aanmaken(beheerder, vandaag):
    regel = regels.regel_aanmaken(
        sleutel="nieuwe_regel",
        naam="Nieuw",
        type="fractie",
        waarde="1/2",
        geldig_vanaf=vandaag,
        door=beheerder,
    )
    assert rule("nieuwe_regel", on=vandaag).waarde == regel.python_waarde
    with pytest.raises(ValidationError, match="bestaat al"):
        regels.regel_aanmaken(
            sleutel="nieuwe_regel",
            naam="Nieuw",
            type="fractie",
            waarde="1/2",
            geldig_vanaf=vandaag,
            door=beheerder,
        )
    with pytest.raises(ValidationError) as exc:
        regels.regel_aanmaken(
            sleutel="Geen Slug",
            naam="x",
            type="geheel_getal",
            waarde=1,
            geldig_vanaf=vandaag,
            door=beheerder,
        )
    assert "sleutel" in exc.value.message_dict
