"""Axe-core on the Dutch error pages: 404 and 403 as served, and the 500
page as Django renders it (without a request), shown in a tab on the live server."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error
from playwright.sync_api import Page

from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

pytestmark = pytest.mark.e2e


def test_404_page(anonymous_page: Page, transactional_db: None) -> None:
    response = anonymous_page.goto("/participatie/99999999999999999999/")
    assert response is not None and response.status == 404
    anonymous_page.wait_for_load_state("load")
    assert anonymous_page.get_by_role("link", name="Ga naar de startpagina").count() == 1
    assert_no_axe_violations(anonymous_page)
    assert_no_csp_errors(anonymous_page)


def test_403_page(page_as) -> None:
    page = page_as("accounthouder")
    response = page.goto("/admin/adviesraad/nevenfunctieverklaring/")
    assert response is not None and response.status == 403
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def test_500_page(anonymous_page: Page, transactional_db: None) -> None:
    html = server_error(RequestFactory().get("/")).content.decode()
    anonymous_page.goto("/toegankelijkheid/")  # same origin, so the stylesheet loads
    anonymous_page.set_content(html)
    assert anonymous_page.get_by_role("heading", name="Er ging iets mis").count() == 1
    assert_no_axe_violations(anonymous_page)
