"""Accessibility (axe-core, WCAG 2.1 A+AA) and CSP of every jaarcyclus page, chart pages
included, in Chromium (skips locally without Chromium, fails under CI)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import Page

from jaarcyclus.services.evaluaties import evaluatie_aanmaken
from jaarcyclus.services.jaarverslag import jaarverslag_aanvragen
from jaarcyclus.services.jaarverslag_maken import jaarverslag_genereren
from jaarcyclus.services.vragenlijst import vragenlijst_beantwoorden
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors
from tests.jaarcyclus import gegevens
from tests.jaarcyclus.factories import evaluatie_met_vragen, mensen

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld(transactional_db: None, private_media: Any) -> dict[str, Any]:
    gegevens.jaar()
    m = mensen()
    e = evaluatie_met_vragen(m)
    stelling = e.vragen.get(soort="stelling")
    open_vraag = e.vragen.get(soort="open")
    for lid, score in zip(m["leden"][:3], (3, 4, 5), strict=True):
        vragenlijst_beantwoorden(
            evaluatie=e, antwoorden={stelling.pk: score, open_vraag.pk: "Prima"}, door=lid
        )
    verslag = jaarverslag_aanvragen(jaar=2026, door=m["ondersteuner"]).verslag
    jaarverslag_genereren(verslag_id=verslag.pk)
    totaal = evaluatie_aanmaken(soort="totaal", jaar=2029, door=m["accounthouder"])
    return {"m": m, "e": e, "verslag": verslag, "totaal": totaal}


def _bekijk(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url}: {response and response.status}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


@pytest.mark.parametrize("rol", ["lid", "ondersteuner"])
def test_paginas(page_as, wereld, rol):
    page = page_as(rol)
    e, verslag = wereld["e"], wereld["verslag"]
    urls = [
        "/portaal/jaarcyclus/evaluaties/",
        f"/portaal/jaarcyclus/evaluaties/{e.pk}/",
        "/portaal/jaarcyclus/jaarverslag/?jaar=2026",
        "/portaal/jaarcyclus/presentatie/?jaar=2026",
        f"/portaal/jaarcyclus/pdf/{verslag.pk}/",
    ]
    if rol == "ondersteuner":
        urls.append("/portaal/jaarcyclus/evaluaties/nieuw/")
        # With the conclusion form (articles and samenwerkingsafspraken).
        urls.append(f"/portaal/jaarcyclus/evaluaties/{wereld['totaal'].pk}/")
    for url in urls:
        _bekijk(page, url)


def test_vragenlijst_invullen_ook_met_fouten(page_as, wereld):
    page = page_as("lid")
    wereld["e"].deelnemers.add(page.user)
    url = f"/portaal/jaarcyclus/evaluaties/{wereld['e'].pk}/invullen/"
    _bekijk(page, url)
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state("load")
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_no_axe_violations(page)
