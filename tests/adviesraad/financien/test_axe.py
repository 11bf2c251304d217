"""Accessibility (axe-core, WCAG 2.1 A+AA) and CSP of every money page, in Chromium."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page

from adviesraad.financien.models import PeriodeStatus
from adviesraad.financien.services.begroting import (
    begroting_opslaan,
    begroting_overgang,
    standaardverdeling,
)
from adviesraad.financien.services.declaraties import declaratie_indienen
from adviesraad.financien.services.perioden import periode_aanmaken, periode_overgang
from hengelo_participatie.core.schrijven import vandaag
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors
from tests.factories import UserFactory

from .helpers import aanwezig, lid_met_termijn

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e
BASIS = "/portaal/financien/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def geld(transactional_db: None, private_media: Any) -> dict[str, Any]:
    lid = lid_met_termijn(date(2026, 1, 1), user=UserFactory(roles=["lid"]))
    aanwezig(lid, date(2026, 2, 10), date(2026, 3, 10))
    periode = periode_aanmaken(dag=date(2026, 2, 1), door=None)
    for naar in (PeriodeStatus.VOORBEREID, PeriodeStatus.GECONTROLEERD, PeriodeStatus.GOEDGEKEURD):
        periode = periode_overgang(periode=periode, naar=naar, door=None, op=date(2026, 4, 2))
    jaar = vandaag().year
    begroting = begroting_opslaan(jaar=jaar, bedragen=standaardverdeling(jaar), door=None)
    begroting_overgang(begroting=begroting, naar="ingediend", door=None)
    declaratie = declaratie_indienen(
        datum=vandaag(),
        categorie="scholing",
        bedrag=Decimal("12.50"),
        omschrijving="Boek",
        bon=SimpleUploadedFile("bon.pdf", PDF),
        door=lid.user,
    )
    return {"lid": lid, "periode": periode, "declaratie": declaratie, "jaar": jaar}


def _bekijk(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def _reflow(page: Page, url: str) -> None:
    """WCAG 1.4.10: at 320 px wide the content needs no horizontal scrolling (wide tables scroll
    inside their own region). Measured on what is inside ``main``: the shared page shell is not these pages'."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url)
    rechts = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('main *'))"
        ".filter(e => !e.closest('.hengelo-tabel-scroll') || e.matches('.hengelo-tabel-scroll'))"
        ".map(e => e.getBoundingClientRect().right))"
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    assert rechts <= 320, f"{url}: {rechts}px breed"


def test_paginas_voor_de_voorzitter(page_as: Any, geld: dict[str, Any]) -> None:
    page = page_as("voorzitter")
    for pad in (
        f"vergoeding/{geld['lid'].pk}/?periode=2026-02-01",
        "perioden/",
        f"perioden/{geld['periode'].pk}/",
        f"begroting/{geld['jaar']}/",
        f"begroting/{geld['jaar']}/bewerken/",
        "aanwezigheidsregels/",
        "declaraties/",
        f"declaraties/{geld['declaratie'].pk}/",
    ):
        _bekijk(page, BASIS + pad)
        _reflow(page, BASIS + pad)


def test_paginas_voor_de_ondersteuner_met_correctie(page_as: Any, geld: dict[str, Any]) -> None:
    page = page_as("ondersteuner")
    _bekijk(page, f"{BASIS}perioden/")
    _bekijk(page, f"{BASIS}perioden/{geld['periode'].pk}/")  # with the correction form
    _bekijk(page, f"{BASIS}declaraties/{geld['declaratie'].pk}/")  # with the step buttons


def test_mijn_vergoeding_en_declaratieformulier_met_fouten(
    page_as: Any, geld: dict[str, Any]
) -> None:
    page = page_as("lid")
    lid = lid_met_termijn(date(2026, 1, 1), user=page.user)
    aanwezig(lid, date(2026, 2, 12))
    _bekijk(page, f"{BASIS}mijn-vergoeding/?periode=2026-02-01")
    assert "Aanwezig als lid." in page.content()
    _bekijk(page, f"{BASIS}declaraties/")
    page.get_by_label("Bedrag in euro").fill("-5")
    page.get_by_role("button", name="Declaratie indienen").click()
    page.wait_for_load_state("load")
    assert "Voeg de bon of factuur toe." in page.content()
    assert_no_axe_violations(page)
    _reflow(page, f"{BASIS}declaraties/")
    _reflow(page, f"{BASIS}mijn-vergoeding/?periode=2026-02-01")


def test_aanwezigheidsregels_met_fouten(page_as: Any, geld: dict[str, Any]) -> None:
    page = page_as("voorzitter")
    _bekijk(page, f"{BASIS}aanwezigheidsregels/")
    page.get_by_label("Vergoeding voor politieke markten (procent)").fill("150")
    page.get_by_role("button", name="Indienen bij het college").click()
    page.wait_for_load_state("load")
    assert "Vul een percentage van 0 tot en met 100 in." in page.content()
    assert_no_axe_violations(page)
    _reflow(page, f"{BASIS}aanwezigheidsregels/")
