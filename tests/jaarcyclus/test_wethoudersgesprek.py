"""Agreements made with the aldermen (§4.2.1 f4) can name the version of the
samenwerkingsafspraken they change; the conversation itself is a reminder cycle
(tests/jaarcyclus/test_evaluaties.py::test_gesprek_met_wethouders_als_cyclus)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from adviesraad.vergaderingen.forms import BesluitForm
from adviesraad.vergaderingen.services.besluiten import besluit_vastleggen
from adviesraad.vergaderingen.services.vergadering import vergadering_aanmaken
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from verordening.models import Samenwerkingsafspraken

pytestmark = pytest.mark.django_db


def _vergadering(soort: str):
    return vergadering_aanmaken(
        soort=soort, titel=soort, begin=timezone.now() - timedelta(days=2), door=None
    )


def test_afspraak_met_wethouders_wijzigt_een_versie_van_de_afspraken():
    afspraken = Samenwerkingsafspraken.objects.create(jaar=2027)
    gesprek = _vergadering("wethoudersgesprek")
    besluit = besluit_vastleggen(
        vergadering=gesprek,
        tekst="Adviesaanvragen komen voortaan acht weken vooraf.",
        samenwerkingsafspraken=afspraken,
        door=None,
    )
    assert besluit.samenwerkingsafspraken == afspraken
    assert "samenwerkingsafspraken" in BesluitForm(vergadering=gesprek).fields
    # The meeting page names the version it changes.
    client = Client()
    mfa_verify(client, UserFactory(roles=["ondersteuner"]))
    html = client.get(f"/portaal/vergaderingen/{gesprek.pk}/").content.decode()
    assert "wijzigt Samenwerkingsafspraken 2027" in html


def test_een_gewone_vergadering_wijzigt_de_afspraken_niet():
    afspraken = Samenwerkingsafspraken.objects.create(jaar=2027)
    vergadering = _vergadering("raadsvergadering")
    assert "samenwerkingsafspraken" not in BesluitForm(vergadering=vergadering).fields
    with pytest.raises(ValidationError):
        besluit_vastleggen(
            vergadering=vergadering, tekst="x", samenwerkingsafspraken=afspraken, door=None
        )
    assert not vergadering.besluiten.exists()
