"""Axe-core (WCAG 2.1 A+AA) and CSP on every accounts page, in headless Chromium.

Includes the idle-timeout warning: opened by static/js/sessie.js, focus on "Blijf ingelogd",
the keep-alive call, and the redirect to the login page at expiry.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page

from tests.accounts.conftest import password_login
from tests.conftest import mfa_verify
from tests.e2e.fixtures import (
    _new_context,
    _watch_console,
    assert_no_axe_violations,
    assert_no_csp_errors,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


@pytest.fixture
def page_for_client(
    browser: Browser, live_server: Any, transactional_db: None
) -> Iterator[Callable[[Client], Page]]:
    """A browser tab that shares the session of a test ``Client`` (any login state)."""
    contexts = []

    def _page(client: Client) -> Page:
        context = _new_context(browser, live_server.url)
        contexts.append(context)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": live_server.url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )
        return _watch_console(context.new_page())

    yield _page
    for context in contexts:
        context.close()


def _check(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 500, f"{path}: {response}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def test_anonymous_account_pages(anonymous_page: Page) -> None:
    for name in (
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_complete",
    ):
        _check(anonymous_page, reverse(name))
    _check(anonymous_page, reverse("accounts:password_reset_confirm", args=["MQ", "ongeldig"]))

    # The login form with errors.
    anonymous_page.goto(reverse("accounts:login"))
    anonymous_page.fill("#id_username", "iemand@example.org")
    anonymous_page.click("button[type=submit] >> text=Inloggen")
    anonymous_page.wait_for_load_state("load")
    assert anonymous_page.locator("#id_password[aria-invalid=true]").count() == 1
    assert_no_axe_violations(anonymous_page)


def test_lockout_page(anonymous_page: Page, make_user, transactional_db, settings) -> None:
    user = make_user("lid")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_login(client, user.email, "fout-wachtwoord", REMOTE_ADDR="127.0.0.1")
    anonymous_page.goto(reverse("accounts:login"))
    anonymous_page.fill("#id_username", user.email)
    anonymous_page.fill("#id_password", "fout-wachtwoord")
    anonymous_page.click("button[type=submit] >> text=Inloggen")
    anonymous_page.wait_for_load_state("load")
    assert "Inloggen lukt even niet" in anonymous_page.content()
    assert_no_axe_violations(anonymous_page)
    assert_no_csp_errors(anonymous_page)


def test_mfa_pages(page_for_client, make_user) -> None:
    member = make_user("lid")
    client = Client()
    password_login(client, member.email)
    page = page_for_client(client)
    for name in ("accounts:mfa_setup", "accounts:mfa_setup_totp", "accounts:mfa_setup_email"):
        _check(page, reverse(name))
    page.goto(reverse("accounts:mfa_setup"))
    page.click("button[type=submit] >> text=Verder")  # nothing chosen: an error
    page.wait_for_load_state("load")
    assert "Kies hoe u uw inlogcode wilt krijgen." in page.content()
    assert_no_axe_violations(page)

    staff = make_user("ondersteuner")
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    password_login(client, staff.email)
    page = page_for_client(client)
    _check(page, reverse("accounts:mfa_verify"))
    page.fill("#id_token", "000000")
    page.click("button[type=submit] >> text=Controleer code")
    page.wait_for_load_state("load")
    assert page.locator("#id_token[aria-invalid=true]").count() == 1
    assert_no_axe_violations(page)


def test_code_address_pages(page_for_client, make_user) -> None:
    """Moving the e-mail code to a new address, both steps and their errors."""
    member = make_user("lid")
    client = Client()
    mfa_verify(client, member)
    page = page_for_client(client)
    _check(page, reverse("accounts:mfa_email_wijzigen"))
    page.fill("#id_email", "geen-adres")
    page.click("button[type=submit] >> text=Stuur een code")
    page.wait_for_load_state("load")
    assert page.locator("#id_email[aria-invalid=true]").count() == 1
    assert_no_axe_violations(page)
    page.fill("#id_email", "nieuw@example.org")
    page.click("button[type=submit] >> text=Stuur een code")
    page.wait_for_load_state("load")
    assert "nieuw@example.org" in page.content()
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)
    page.fill("#id_token", "000000")
    page.click("button[type=submit] >> text=Bevestig het nieuwe adres")
    page.wait_for_load_state("load")
    assert page.locator("#id_token[aria-invalid=true]").count() == 1
    assert_no_axe_violations(page)


def test_signed_in_account_pages(page_as) -> None:
    page = page_as("lid")
    for name in ("accounts:logout", "accounts:password_change", "accounts:password_change_done"):
        _check(page, reverse(name))


def test_session_warning_dialog(page_as, settings) -> None:
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_COOKIE_AGE = 12
    settings.SESSION_WARNING_BEFORE = 10
    page = page_as("lid")
    page.goto(reverse("portal:home"))
    dialog = page.locator("#sessie-waarschuwing")
    assert not dialog.is_visible()
    assert_no_axe_violations(page)  # closed dialog: hidden, no violations

    dialog.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Blijf ingelogd"
    assert "over 1 minuut uit" in dialog.inner_text()
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)

    with page.expect_response(f"**{reverse('accounts:sessie_verlengen')}") as info:
        page.click("[data-sessie-verlengen]")
    assert info.value.status == 200
    assert info.value.json()["seconds_left"] == 12
    dialog.wait_for(state="hidden", timeout=2_000)

    # No answer this time: at expiry the browser goes to the login page.
    page.wait_for_url("**/account/inloggen/**", timeout=30_000)
    assert "sessie=verlopen" in page.url
    assert "U heeft een tijd niets gedaan." in page.content()


def test_escape_in_the_session_warning_keeps_the_session(page_as, settings) -> None:
    """Escape closes the warning only by extending the session (issue 15 §7)."""
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_COOKIE_AGE = 12
    settings.SESSION_WARNING_BEFORE = 10
    page = page_as("lid")
    page.goto(reverse("portal:home"))
    dialog = page.locator("#sessie-waarschuwing")
    dialog.wait_for(state="visible", timeout=5_000)
    with page.expect_response(f"**{reverse('accounts:sessie_verlengen')}") as info:
        page.keyboard.press("Escape")
    assert info.value.status == 200
    assert info.value.json()["seconds_left"] == 12
    dialog.wait_for(state="hidden", timeout=2_000)
    # The timers started again: the warning comes back before the session ends.
    dialog.wait_for(state="visible", timeout=5_000)
    assert "sessie=verlopen" not in page.url
