"""A day without a size rule (before the verordening took effect, or a gap in the rule versions):
the composition overview shows the council with a notice, and no council page fails (no 500)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from adviesraad.models import Zittingstermijn
from adviesraad.selectors import samenstelling
from tests.adviesraad.factories import benoemde_termijn
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from verordening.models import Regel
from verordening.rules import RegelOntbreekt, Sleutel, rules

pytestmark = pytest.mark.django_db

MELDING = "Voor deze datum is geen regel over de omvang vastgelegd"
OMVANG = (Sleutel.MIN_LEDEN, Sleutel.MAX_LEDEN, Sleutel.STARTDREMPEL)
#: The day before the verordening took effect (its rules apply from 30-12-2025).
VOOR_DE_VERORDENING = date(2025, 12, 29)


def _client(rol: str) -> Client:
    client = Client()
    mfa_verify(client, UserFactory(roles=[rol]))
    return client


def test_selector_voor_de_verordening_geeft_samenstelling_zonder_omvang():
    with pytest.raises(RegelOntbreekt):
        rules(*OMVANG, on=VOOR_DE_VERORDENING)  # the premise: no size rule applies that day
    termijn = benoemde_termijn()  # appointing needs the rules; then move the start back
    Zittingstermijn.objects.filter(pk=termijn.pk).update(begindatum=date(2025, 12, 1))

    overzicht = samenstelling(user=UserFactory(roles=["voorzitter"]), op=VOOR_DE_VERORDENING)

    assert overzicht.omvang_bekend is False
    assert (overzicht.min_leden, overzicht.max_leden, overzicht.startdrempel) == (None,) * 3
    assert overzicht.startdrempel_aantal is None
    assert (overzicht.boven_minimum, overzicht.vrije_zetels) == (None, None)
    assert overzicht.startdrempel_bereikt is None
    assert overzicht.bezet == 1


def test_selector_met_regel_geeft_omvang():
    overzicht = samenstelling(user=UserFactory(roles=["voorzitter"]), op=date(2026, 6, 1))
    assert overzicht.omvang_bekend is True
    assert overzicht.vrije_zetels == overzicht.max_leden.waarde


@pytest.mark.parametrize("sleutel", OMVANG)
def test_portaal_en_beheer_tonen_melding_als_een_omvangregel_ontbreekt(sleutel):
    benoemde_termijn()
    Regel.objects.filter(sleutel=sleutel).delete()

    portaal = _client("voorzitter").get("/portaal/lidmaatschap/samenstelling/")
    beheer = _client("accounthouder").get("/admin/adviesraad/lid/")

    for response in (portaal, beheer):
        assert response.status_code == 200
        html = response.content.decode()
        assert MELDING in html
        assert "van minimaal" not in html
        assert "Startdrempel" not in html


def test_met_regels_geen_melding():
    benoemde_termijn()
    html = _client("voorzitter").get("/portaal/lidmaatschap/samenstelling/").content.decode()
    assert MELDING not in html
    assert "van minimaal" in html


@pytest.mark.parametrize(
    ("rol", "url"),
    [
        (None, "/adviesraad/"),
        ("lid", "/portaal/lidmaatschap/"),
        ("lid", "/portaal/lidmaatschap/mijn-gegevens.json"),
        ("lid", "/portaal/lidmaatschap/leden/"),
        ("lid", "/portaal/lidmaatschap/samenstelling/"),
        ("voorzitter", "/portaal/lidmaatschap/verklaringen/"),
        ("lid", "/portaal/lidmaatschap/verklaringen/nieuw/"),
        ("accounthouder", "/admin/adviesraad/lid/"),
    ],
)
def test_geen_pagina_faalt_zonder_enige_regel(rol, url):
    termijn = benoemde_termijn(user__roles=["lid"])
    Regel.objects.all().delete()
    client = Client()
    if rol:
        mfa_verify(client, termijn.lid.user if rol == "lid" else UserFactory(roles=[rol]))
    assert client.get(url).status_code == 200
