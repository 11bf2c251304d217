"""The admin without JavaScript (issue 15 §6): axe-core on every change form with inlines or
date and time fields, in a browser with JavaScript switched off.

Labels come from the project's own templates (``templates/admin/``: split date/time, tabular
inlines, the theme toggle), not from a script that patches the page after load.

"Without JavaScript" means: no script of the page runs. Every script request is refused (the admin
has only external scripts, under CSP), while axe itself is injected by the test; with Chromium's
own switch (``java_script_enabled=False``) axe's promises never settle.
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Browser

from tests.conftest import mfa_verify
from tests.e2e.fixtures import assert_no_axe_violations
from tests.factories import UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

DATUMVELDEN = (models.DateField, models.DateTimeField, models.TimeField)


def _formulieren() -> list[tuple[str, type[models.Model], Any]]:
    """(label, model, admin) for every registered model whose form has inlines or date fields."""
    gevonden = []
    for model, model_admin in admin.site._registry.items():
        datums = any(
            isinstance(veld, DATUMVELDEN) and veld.editable and not veld.auto_now
            for veld in model._meta.get_fields()
            if isinstance(veld, models.Field)
        )
        if model_admin.inlines or datums:
            gevonden.append((model._meta.label_lower, model, model_admin))
    return sorted(gevonden, key=lambda t: t[0])


def test_the_list_of_forms_is_not_empty(db: None) -> None:
    labels = [label for label, _, _ in _formulieren()]
    assert "participatiemix.activiteit" in labels  # inlines: the Ombudsman rules
    assert "adviesraad.adviesaanvraag" in labels


def test_admin_change_forms_pass_axe_without_javascript(
    browser: Browser, live_server: Any, transactional_db: None
) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    mfa_verify(client, superuser)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: (
            route.abort() if route.request.resource_type == "script" else route.continue_()
        ),
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    page = context.new_page()
    scripts: list[str] = []  # the page's own scripts that ran anyway (there must be none)
    page.on(
        "response",
        lambda r: scripts.append(r.url) if r.request.resource_type == "script" else None,
    )
    fouten: list[str] = []
    bezocht = 0
    try:
        for label, model, _model_admin in _formulieren():
            app, naam = label.split(".")
            urls = []
            obj = model._default_manager.order_by("pk").first()
            if obj is not None:
                urls.append(reverse(f"admin:{app}_{naam}_change", args=[obj.pk]))
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(f"admin:{app}_{naam}_add"))
            for url in urls:
                antwoord = page.goto(url)
                if antwoord is None or antwoord.status >= 400:
                    continue  # the admin refuses this page to everyone (no add, read-only)
                bezocht += 1
                try:
                    assert_no_axe_violations(page)
                except AssertionError as fout:
                    fouten.append(str(fout))
    finally:
        context.close()
    assert bezocht >= 10
    assert not scripts, scripts
    assert not fouten, "\n".join(fouten)
