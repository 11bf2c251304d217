"""Accessibility (WCAG 2.1 A+AA via axe-core) of every shell page, as anonymous and as each role.

A new page adds itself to these lists, or its app writes tests with the same helpers.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.conftest import ALL_ROLES
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

pytestmark = pytest.mark.e2e

ANONYMOUS_PAGES = [
    "home",
    "accounts:login",
    "portal:home",  # redirects to the login page
    "admin:index",  # the admin login page
    "toegankelijkheid",
    "privacy",
]
ROLE_PAGES = [
    "home",
    "portal:home",
    "admin:index",  # the admin index for staff roles, the admin login page for the others
    "toegankelijkheid",
    "privacy",
]


def _visit(page: Page, url_name: str) -> None:
    response = page.goto(reverse(url_name))
    assert response is not None
    assert response.status < 400, f"{url_name}: HTTP {response.status}"
    page.wait_for_load_state("load")


@pytest.mark.parametrize("url_name", ANONYMOUS_PAGES)
def test_axe_anonymous(anonymous_page: Page, url_name: str) -> None:
    _visit(anonymous_page, url_name)
    assert_no_axe_violations(anonymous_page)
    assert_no_csp_errors(anonymous_page)


@pytest.mark.parametrize("url_name", ROLE_PAGES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_axe_as_role(page_as, role: str, url_name: str) -> None:
    page = page_as(role)
    _visit(page, url_name)
    if url_name == "portal:home":
        # Really the dashboard, not a redirect to a login or MFA page.
        assert page.url.endswith(reverse("portal:home")), page.url
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def _focus_ring(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                href: el.getAttribute('href') || '',
                text: (el.textContent || el.value || '').trim().slice(0, 40),
                outlineStyle: style.outlineStyle,
                outlineWidth: style.outlineWidth,
                visible: String(box.width > 0 && box.height > 0 && box.top >= 0
                                && box.bottom <= window.innerHeight + window.scrollY),
            };
        }"""
    )


def _has_visible_outline(ring: dict[str, str]) -> bool:
    width = float(re.sub(r"px$", "", ring["outlineWidth"]) or 0)
    return ring["outlineStyle"] not in ("none", "hidden") and width >= 2


def test_first_tab_focuses_visible_skip_link(anonymous_page: Page) -> None:
    page = anonymous_page
    _visit(page, "home")
    page.keyboard.press("Tab")
    ring = _focus_ring(page)
    assert ring["href"] == "#inhoud", ring
    assert ring["visible"] == "true", f"skiplink niet in beeld: {ring}"
    assert _has_visible_outline(ring), f"geen zichtbare focusrand: {ring}"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"


@pytest.mark.parametrize("role", [None, "accounthouder"])
def test_every_focusable_element_shows_focus(anonymous_page: Page, page_as, role) -> None:
    """Tab through the whole page: every stop has a visible outline of at least 2px."""
    page = page_as(role) if role else anonymous_page
    _visit(page, "portal:home" if role else "home")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        ring = _focus_ring(page)
        assert _has_visible_outline(ring), f"geen zichtbare focusrand: {ring}"
        seen += 1
    assert seen >= 6, "te weinig focusbare elementen gevonden"


def test_font_and_stylesheet_load(anonymous_page: Page) -> None:
    page = anonymous_page
    _visit(page, "home")
    page.evaluate("() => document.fonts.ready")
    family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "Noto Sans" in family
    assert page.evaluate("() => document.fonts.check('16px \"Noto Sans\"')")
    assert_no_csp_errors(page)
