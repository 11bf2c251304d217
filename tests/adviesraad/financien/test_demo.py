"""seed_demo loads a realistic year of money, through the services, and can run twice."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from adviesraad.financien.models import (
    Begroting,
    BegrotingStatus,
    Declaratie,
    DeclaratieStatus,
    PeriodeStatus,
    Vergoedingsperiode,
)

pytestmark = pytest.mark.django_db


def test_seed_demo_geld(private_media: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())  # idempotent
    assert Begroting.objects.filter(status=BegrotingStatus.VASTGESTELD).count() == 1
    statussen = set(Declaratie.objects.values_list("status", flat=True))
    assert statussen == set(DeclaratieStatus.values)
    assert Declaratie.objects.count() == 20
    afgewezen = Declaratie.objects.filter(status=DeclaratieStatus.AFGEWEZEN)
    assert all(d.reden_afwijzing for d in afgewezen)
    perioden = Vergoedingsperiode.objects.all()
    assert perioden.filter(status=PeriodeStatus.CONCEPT).exists()
    # Every ended period but the last is approved; that one waits for the chair.
    voorbereid = perioden.filter(status=PeriodeStatus.VOORBEREID)
    goedgekeurd = perioden.filter(status=PeriodeStatus.GOEDGEKEURD)
    if voorbereid.exists():
        assert voorbereid.count() == 1
        assert goedgekeurd.count() == perioden.count() - 2
        assert voorbereid.get().regels.exists()  # the seated members' computed lines
