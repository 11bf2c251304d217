"""Accessibility (axe-core, WCAG 2.1 A+AA) and CSP of the reminder pages, in Chromium."""

from __future__ import annotations

import os

import pytest

from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


def _controleer(page) -> None:
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


@pytest.mark.parametrize("rol", ["lid", "ondersteuner"])
def test_herinneringspaginas(page_as, rol):
    page = page_as(rol)
    response = page.goto("/portaal/herinneringen/")
    assert response is not None and response.status == 200
    _controleer(page)
    # Save with everything off: the success message is shown.
    for vakje in page.locator("input[type=checkbox]").all():
        vakje.uncheck()
    page.get_by_role("button", name="Keuze opslaan").click()
    page.wait_for_load_state("load")
    assert "Uw keuze is opgeslagen." in page.content()
    _controleer(page)

    page.goto("/portaal/herinneringen/agenda/")
    _controleer(page)
    page.get_by_role("button", name="Link maken").click()
    page.wait_for_load_state("load")
    assert "/agenda/" in page.get_by_label("Uw agendalink").input_value()
    _controleer(page)
    page.goto("/portaal/herinneringen/agenda/")
    _controleer(page)
