"""The demo season: every type, past meetings with attendance and approved minutes, upcoming
ones with RSVPs; running it twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from adviesraad.vergaderingen.models import (
    Deelname,
    Notulen,
    NotulenStatus,
    Soort,
    Vergadering,
)

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_a_season_and_is_idempotent(private_media: object) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    aantal = Vergadering.objects.count()
    deelnames = Deelname.objects.count()
    assert set(Vergadering.objects.values_list("soort", flat=True)) == set(Soort.values)
    assert Deelname.objects.filter(aanwezigheid="aanwezig").exists()
    assert Deelname.objects.filter(aanwezigheid="afgemeld").exists()
    assert Deelname.objects.filter(aanmelding="komt").exists()
    assert Notulen.objects.filter(status=NotulenStatus.VASTGESTELD).count() >= 5
    delegatie = Vergadering.objects.get(soort=Soort.LUISTERDELEGATIE)
    assert delegatie.meeluisteren.activiteit_id is not None
    assert Vergadering.objects.filter(uitnodiging_verzonden_op__isnull=False).exists()
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    assert Vergadering.objects.count() == aantal
    assert Deelname.objects.count() == deelnames
