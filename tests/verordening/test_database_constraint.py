"""The database itself refuses overlapping versions of one rule (clean() is bypassed here).

Runs on SQLite (triggers) and, with DATABASE_URL pointing at PostgreSQL, on the exclusion
constraint. CI runs both.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from verordening.database import installeer_sqlite_triggers
from verordening.models import Regel

pytestmark = pytest.mark.django_db


def _versie(**kwargs):
    velden = {
        "sleutel": "test_regel",
        "naam": "Testregel",
        "type": "geheel_getal",
        "waarde": 1,
        "geldig_vanaf": date(2030, 1, 1),
        "geldig_tot": None,
    }
    velden.update(kwargs)
    return Regel.objects.create(**velden)


def _geweigerd(func, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        func(**kwargs)


def test_overlap_with_a_default_is_refused_by_the_database():
    aantal = Regel.objects.count()
    _geweigerd(
        Regel.objects.create,
        sleutel="max_terms",
        naam="x",
        type="geheel_getal",
        waarde=3,
        geldig_vanaf=date(2027, 1, 1),
    )
    assert Regel.objects.count() == aantal


@pytest.mark.parametrize(
    ("vanaf", "tot"),
    [
        (date(2029, 1, 1), None),  # open-ended over open-ended
        (date(2031, 1, 1), date(2032, 1, 1)),  # inside
        (date(2029, 1, 1), date(2030, 1, 2)),  # one day of overlap at the start
        (date(2030, 1, 1), date(2030, 1, 2)),  # same start
    ],
)
def test_overlapping_periods_are_refused(vanaf, tot):
    _versie()
    _geweigerd(_versie, geldig_vanaf=vanaf, geldig_tot=tot, waarde=2)
    assert Regel.objects.filter(sleutel="test_regel").count() == 1


def test_touching_periods_are_allowed_and_other_keys_do_not_interfere():
    _versie(geldig_tot=date(2031, 1, 1))
    _versie(geldig_vanaf=date(2031, 1, 1), waarde=2)  # half-open: touching is fine
    _versie(sleutel="andere_regel", geldig_vanaf=date(2030, 6, 1))
    _versie(geldig_vanaf=date(2020, 1, 1), geldig_tot=date(2030, 1, 1), waarde=0)
    assert Regel.objects.filter(sleutel="test_regel").count() == 3


def test_update_into_an_overlap_is_refused():
    eerste = _versie(geldig_tot=date(2031, 1, 1))
    _versie(geldig_vanaf=date(2031, 1, 1), waarde=2)
    _geweigerd(lambda: Regel.objects.filter(pk=eerste.pk).update(geldig_tot=date(2031, 6, 1)))
    _geweigerd(lambda: Regel.objects.filter(pk=eerste.pk).update(geldig_tot=None))
    eerste.refresh_from_db()
    assert eerste.geldig_tot == date(2031, 1, 1)


def test_empty_period_is_refused():
    _geweigerd(_versie, geldig_vanaf=date(2030, 1, 1), geldig_tot=date(2030, 1, 1))


def test_the_guarantee_is_installed_in_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT contype FROM pg_constraint WHERE conname = 'regel_versies_overlappen_niet'"
            )
            assert cursor.fetchone() == ("x",)
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'verordening_regel'"
            )
            assert {r[0] for r in cursor.fetchall()} == {
                "verordening_regel_geen_overlap_insert",
                "verordening_regel_geen_overlap_update",
            }
            assert installeer_sqlite_triggers(connection) is True  # idempotent
