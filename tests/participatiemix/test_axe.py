"""Accessibility (axe-core, WCAG 2.1 A+AA) and CSP of every participatiemix page, in Chromium.

Uses the browser harness of ``tests/e2e`` (its fixtures are imported in this directory's
conftest; skips locally without Chromium, fails under CI).
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page

from participatiemix.importeren import enqueteresultaten_importeren
from participatiemix.services import inbreng as inbreng_services
from participatiemix.services import rapportage as rapportage_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors
from tests.factories import UserFactory
from tests.participatiemix.factories import (
    domein,
    maak_activiteit,
    plan,
    portefeuillehouder,
    spelregels_invullen,
    uitgevoerd,
)

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def gegevens(transactional_db):
    plan(2026, {1: (1, 0, 0, 0), 2: (1, 1, 0, 0)})
    a = maak_activiteit(nummer=2, titel="Groepsgesprek mantelzorgers", aantal_deelnemers=9)
    spelregels_invullen(a, {4: "deels"})
    uitgevoerd(a)
    inbreng_services.opbrengst_toevoegen(
        activiteit=a,
        door=None,
        soort="knelpunt",
        thema=a.themas.first(),
        omschrijving="Respijtzorg is moeilijk te regelen.",
        citaat="Alles drie keer uitleggen.",
    )
    terugkoppelingen_services.terugkoppeling_vastleggen(
        terugkoppeling=a.terugkoppeling,
        door=None,
        gegeven_op=date(2026, 3, 20),
        wat_gedaan="Eén formulier.",
        hoe_geinformeerd="Brief.",
        je_zei="Regelen is lastig.",
        openbaar=True,
    )
    rapportage = rapportage_services.jaarrapportage_aanvragen(
        jaar=2026, door=UserFactory(roles=["beleidsmedewerker"])
    ).rapportage
    enqueteresultaten_importeren(
        inhoud=(
            b"onderzoek;wet;indicator_code;indicator_tekst;jaar;percentage_positief;n;bron;"
            b"publicatiedatum\nceo;wmo;WMO-01;Ik weet waar ik terechtkan;2024;71;398;CEO;2025-06-15\n"
            b"ceo;wmo;WMO-01;Ik weet waar ik terechtkan;2025;74,5;412;CEO;2026-06-12\n"
        ),
        door=None,
    )
    return {"a": a.pk, "r": rapportage.pk}


def _bekijk(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url}: {response and response.status}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def test_openbare_paginas(anonymous_page, gegevens):
    _bekijk(anonymous_page, "/participatie/")
    _bekijk(anonymous_page, f"/participatie/{gegevens['a']}/")


@pytest.mark.parametrize("rol", ["lid", "accounthouder"])
def test_portaalpaginas(page_as, gegevens, rol):
    page = page_as(rol)
    a, r = gegevens["a"], gegevens["r"]
    urls = [
        "/portaal/participatie/activiteiten/",
        f"/portaal/participatie/activiteiten/{a}/",
        "/portaal/participatie/opbrengsten/",
        "/portaal/participatie/jaarrapportage/?jaar=2026",
        f"/portaal/participatie/jaarrapportage/pdf/{r}/",
        "/portaal/participatie/enquetes/",
    ]
    if rol == "accounthouder":
        urls += [
            f"/portaal/participatie/activiteiten/{a}/verslag/",
            f"/portaal/participatie/activiteiten/{a}/opbrengsten/nieuw/",
        ]
    for url in urls:
        _bekijk(page, url)


def test_formulier_met_fouten_is_toegankelijk(page_as, gegevens):
    page = page_as("accounthouder")
    page.goto(f"/portaal/participatie/activiteiten/{gegevens['a']}/opbrengsten/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    assert page.locator(".utrecht-form-field--invalid").count() >= 1
    assert_no_axe_violations(page)


def test_voor_mijn_portefeuille_is_toegankelijk(page_as, gegevens):
    page = page_as("lid")
    portefeuillehouder("wmo", user=page.user)
    maak_activiteit(titel="Wmo-gesprek", domeinen=[domein("wmo")])
    for lijst in ("activiteiten", "opbrengsten"):
        _bekijk(page, f"/portaal/participatie/{lijst}/")
        _bekijk(page, f"/portaal/participatie/{lijst}/?weergave=alles")

    page.goto("/portaal/participatie/activiteiten/")
    assert page.get_by_label("Weergave").input_value() == "portefeuille"
    assert page.get_by_role("heading", name="Voor mijn portefeuille").is_visible()
    assert page.get_by_role("link", name="Wmo-gesprek").is_visible()
    assert page.get_by_role("link", name="Groepsgesprek mantelzorgers").count() == 0
    page.get_by_role("link", name="Toon alles").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="Groepsgesprek mantelzorgers").is_visible()
    assert page.get_by_label("Weergave").input_value() == "alles"
