"""The demo snapshot of tests/demo.py: built once per session, the same data in every test that
asks for it, and each test's writes gone before the next one (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adviesraad.models import Kernwet
from adviesraad.vergaderingen.models import Vergadering
from hengelo_participatie.accounts.models import User
from tests import demo as demo_fixtures
from tests.factories import UserFactory

demo = demo_fixtures.demo
demo_momentopname = demo_fixtures.demo_momentopname

DEMO_LID = "lid@demo.hengelo.example"
MERKTEKEN = "schrijft-in-een-test@example.org"


def test_zonder_demo_blijft_de_database_leeg(demo_momentopname, db) -> None:
    # The snapshot exists (built in this session), yet a test without ``demo`` sees only the
    # reference data of the migrations.
    assert '"model": "vergaderingen.vergadering"' in demo_momentopname[0]
    assert not User.objects.filter(email=DEMO_LID).exists()
    assert not Vergadering.objects.exists()
    assert Kernwet.objects.filter(code="wmo").exists()


@pytest.mark.parametrize("ronde", [1, 2])
def test_elke_test_krijgt_de_demo_en_niet_de_schrijfacties_van_een_andere(
    demo: None, private_media: Path, ronde: int
) -> None:
    assert User.objects.filter(email=DEMO_LID).exists()
    assert Vergadering.objects.filter(titel="Demo: Volgende vergadering adviesraad").exists()
    assert Kernwet.objects.filter(code="wmo").exists()
    # The other round's write is gone; this one's will be too.
    assert not User.objects.filter(email=MERKTEKEN).exists()
    UserFactory(email=MERKTEKEN)
    # The demo's private files are in this test's own folder.
    assert any(p.is_file() for p in private_media.rglob("*"))
