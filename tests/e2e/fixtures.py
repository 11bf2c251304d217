"""Browser test harness: headless Chromium (Debian's own binary) driven by Playwright, with axe-core.

- ``browser``: one Chromium for the whole session. Without Chromium the tests skip locally and
  fail under ``CI=true`` (``require_service``).
- ``anonymous_page``: a fresh browser tab on pytest-django's ``live_server``.
- ``page_as(role)``: a fresh tab logged in as a new, MFA-verified user with that role. The login
  happens on a ``django.test.Client``; its session cookie is copied into the browser context.
- ``assert_no_axe_violations(page)``: runs axe-core for WCAG 2.0/2.1 A and AA, and fails with the
  id, help text and target nodes of every violation. It then checks reflow at 320 CSS pixels
  (``assert_reflows_at_320``), so every page of the axe sweeps is held to WCAG 1.4.10 too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run "inside"
# one unless told that this is fine (the test code itself is synchronous).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from tests.conftest import mfa_verify, require_service

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: The WCAG tags the Besluit digitale toegankelijkheid overheid requires (EN 301 549).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}

_axe = Axe()


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    default = Path("/usr/bin/chromium")
    return str(default) if default.exists() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        require_service("Chromium", "installeer het Debian-pakket 'chromium' (/usr/bin/chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _new_context(browser: Browser, base_url: str) -> BrowserContext:
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    context.set_default_timeout(10_000)
    return context


def _watch_console(page: Page) -> Page:
    """Remember console errors on the page (``page.console_errors``), e.g. CSP violations."""
    errors: list[str] = []

    def _record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", _record)
    page.console_errors = errors  # type: ignore[attr-defined]
    return page


@pytest.fixture
def anonymous_page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = _new_context(browser, live_server.url)
    try:
        yield _watch_console(context.new_page())
    finally:
        context.close()


@pytest.fixture
def page_as(
    browser: Browser, live_server: Any, transactional_db: None, make_user: Callable[..., Any]
) -> Iterator[Callable[..., Page]]:
    """``page_as("lid")`` returns a tab logged in (MFA-verified) as a new user with that role."""
    contexts: list[BrowserContext] = []

    def _page_as(role: str | None, **user_kwargs: Any) -> Page:
        user = make_user(role, **user_kwargs)
        client = Client()
        mfa_verify(client, user)
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context = _new_context(browser, live_server.url)
        contexts.append(context)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_cookie.value,
                    "url": live_server.url,
                    "httpOnly": True,
                    "secure": bool(settings.SESSION_COOKIE_SECURE),
                    "sameSite": "Lax",
                }
            ]
        )
        page = _watch_console(context.new_page())
        page.user = user  # type: ignore[attr-defined]
        return page

    try:
        yield _page_as
    finally:
        for context in contexts:
            context.close()


def format_axe_violations(violations: list[dict[str, Any]], url: str) -> str:
    lines = [f"{len(violations)} axe-overtreding(en) op {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node.get("target", []))
            lines.append(f"    doel: {target}")
            lines.append(f"      html: {node.get('html', '').strip()[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core (WCAG 2.0 and 2.1, A and AA) on the current page; zero violations allowed.
    Then the same page at 320 CSS pixels wide must not scroll sideways."""
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    if violations:
        report = format_axe_violations(violations, page.url)
        print(report)
        raise AssertionError(report)
    assert_reflows_at_320(page)


#: WCAG 1.4.10 Reflow: content fits 320 CSS pixels (1280 px at 400% zoom) without scrolling
#: in two dimensions. A table may scroll inside its own labelled region instead.
REFLOW_WIDTH = 320

_TE_BREED = """(breedte) => {
    const uit = [];
    const scrollt = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= breedte + 0.5 || scrollt(el)) continue;
        const p = el.parentElement;
        if (p && p.getBoundingClientRect().right > breedte + 0.5 && !scrollt(p)) continue;
        const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).slice(0, 2).join('.');
        uit.push(`${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} (tot ${Math.round(box.right)}px)`);
        if (uit.length >= 8) break;
    }
    return uit;
}"""


def assert_reflows_at_320(page: Page) -> None:
    """At a 320 px wide viewport the page is no wider than the viewport."""
    origineel = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    try:
        breedte = page.evaluate("() => document.documentElement.scrollWidth")
        if breedte > REFLOW_WIDTH:
            oorzaken = page.evaluate(_TE_BREED, REFLOW_WIDTH)
            raise AssertionError(
                f"{page.url} is {breedte}px breed bij {REFLOW_WIDTH}px (WCAG 1.4.10): "
                + "; ".join(oorzaken)
            )
    finally:
        if origineel is not None:
            page.set_viewport_size(origineel)


def assert_no_csp_errors(page: Page) -> None:
    """The page ran without Content-Security-Policy violations (no inline style or script)."""
    csp = [e for e in getattr(page, "console_errors", []) if "Content Security Policy" in e]
    assert not csp, "CSP-overtredingen:\n" + "\n".join(csp)
