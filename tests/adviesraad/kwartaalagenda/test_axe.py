"""Accessibility (axe-core, WCAG 2.1 A+AA) and CSP of every quarterly agenda page, in Chromium."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page

from adviesraad.kwartaalagenda import services
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

from .conftest import agenda_met_punten, punt

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

BASIS = "/portaal/kwartaalagenda/"


@pytest.fixture
def agenda(transactional_db: None) -> Any:
    agenda = agenda_met_punten(2)
    v1 = services.publiceren(agenda=agenda, door=None)
    a = agenda.punten.order_by("pk").first()
    services.punt_wijzigen(punt=a, door=None, adviesgesprek_op=date(2026, 6, 15))
    punt(agenda, "Nieuw onderwerp")
    services.publiceren(agenda=agenda, door=None)
    punt(agenda, "Alleen in het concept")
    return {"agenda": agenda, "v1": v1, "punt": a}


def _bekijk(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def test_paginas_voor_een_lid(page_as: Any, agenda: dict[str, Any]) -> None:
    page = page_as("lid")
    services.gezien_markeren(user=page.user, versie=agenda["v1"])
    pk = agenda["agenda"].pk
    _bekijk(page, BASIS)
    _bekijk(page, f"{BASIS}{pk}/")
    assert "Wat is er veranderd sinds versie 1?" in page.content()
    _bekijk(page, f"{BASIS}{pk}/afdrukken/")


def test_paginas_voor_de_accounthouder(page_as: Any, agenda: dict[str, Any]) -> None:
    page = page_as("accounthouder")
    pk, punt_pk = agenda["agenda"].pk, agenda["punt"].pk
    for pad in (
        "",
        "nieuw/",
        f"{pk}/",
        f"{pk}/afdrukken/",
        f"{pk}/publiceren/",
        f"{pk}/onderwerpen/nieuw/",
        f"onderwerpen/{punt_pk}/",
        f"onderwerpen/{punt_pk}/koppelen/",
        f"onderwerpen/{punt_pk}/verwijderen/",
    ):
        _bekijk(page, BASIS + pad)
    # A form with errors is accessible too.
    page.goto(f"{BASIS}{pk}/onderwerpen/nieuw/")
    page.get_by_label("Datum adviesgesprek").fill("2026-09-01")
    page.get_by_label("Datum behandeling in de raad").fill("2026-08-01")
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state("load")
    assert "Vul het onderwerp in." in page.content()
    assert_no_axe_violations(page)
    # Publishing through the confirmation page.
    page.goto(f"{BASIS}{pk}/publiceren/")
    page.get_by_role("button", name="Ja, publiceer deze versie").click()
    page.wait_for_load_state("load")
    assert "De nieuwe versie is gepubliceerd." in page.content()
    assert_no_axe_violations(page)
    assert agenda["agenda"].versies.count() == 3


def test_paginas_voor_een_beleidsmedewerker(page_as: Any, agenda: dict[str, Any]) -> None:
    page = page_as("beleidsmedewerker")
    _bekijk(page, f"{BASIS}{agenda['agenda'].pk}/")
    _bekijk(page, f"{BASIS}onderwerpen/{agenda['punt'].pk}/koppelen/")
