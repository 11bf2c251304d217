"""axe-core on every meeting page in headless Chromium, with the demo season as content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from adviesraad.vergaderingen.models import Deelname, Notulen, Vergadering
from tests import demo as demo_fixtures
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

pytestmark = pytest.mark.e2e

VOLGENDE = "Demo: Volgende vergadering adviesraad"
BEHEER = [
    "deelnemers",
    "agenda",
    "stuk",
    "uitnodigen",
    "aanwezigheid",
    "notulen",
    "acties",
    "besluiten",
]


# The demo data, built once per session and loaded into each test's database (tests/demo.py).
demo = demo_fixtures.demo
demo_momentopname = demo_fixtures.demo_momentopname


def _visit(page: Page, url: str, *, csp: bool = True) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status < 400, f"{url}: HTTP {response.status}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    if csp:  # the Django admin's own widgets are checked for axe only (as in tests/e2e)
        assert_no_csp_errors(page)


def test_member_pages(demo: None, page_as) -> None:
    page = page_as("lid")
    volgende = Vergadering.objects.get(titel=VOLGENDE)
    Deelname.objects.create(vergadering=volgende, gebruiker=page.user)
    verleden = Vergadering.objects.filter(notulen__status="vastgesteld").order_by("begin").first()
    Deelname.objects.create(vergadering=verleden, gebruiker=page.user, aanwezigheid="aanwezig")
    for url in (
        reverse("vergaderingen:overzicht"),
        reverse("vergaderingen:aanwezigheid_overzicht"),
        reverse("vergaderingen:detail", args=[volgende.pk]),
        reverse("vergaderingen:aanmelden", args=[volgende.pk]),
        reverse("vergaderingen:detail", args=[verleden.pk]),
    ):
        _visit(page, url)


def test_supporter_pages(demo: None, page_as) -> None:
    page = page_as("ondersteuner")
    volgende = Vergadering.objects.get(titel=VOLGENDE)
    concept = Notulen.objects.filter(status="concept").first()
    _visit(page, reverse("vergaderingen:overzicht"))
    _visit(page, reverse("vergaderingen:aanwezigheid_overzicht"))
    _visit(page, reverse("vergaderingen:nieuw"))
    _visit(page, reverse("vergaderingen:detail", args=[volgende.pk]))
    for naam in BEHEER:
        _visit(page, reverse(f"vergaderingen:{naam}", args=[volgende.pk]))
    _visit(page, reverse("vergaderingen:aanwezigheid", args=[concept.vergadering_id]))
    _visit(page, reverse("vergaderingen:vaststellen", args=[concept.vergadering_id]))
    # Confirmation pages of removing: one that may go, one that may not (attendance recorded).
    _visit(
        page,
        reverse(
            "vergaderingen:deelname_verwijderen",
            args=[volgende.deelnames.order_by("pk").first().pk],
        ),
    )
    aanwezig = Deelname.objects.exclude(aanwezigheid="").order_by("pk").first()
    _visit(page, reverse("vergaderingen:deelname_verwijderen", args=[aanwezig.pk]))
    _visit(
        page,
        reverse(
            "vergaderingen:agendapunt_verwijderen",
            args=[volgende.agendapunten.order_by("pk").first().pk],
        ),
    )
    _visit(page, reverse("admin:vergaderingen_vergadering_change", args=[volgende.pk]), csp=False)
    _visit(page, reverse("admin:vergaderingen_actiepunt_changelist"), csp=False)


def test_meeting_list_with_pages(demo: None, page_as) -> None:
    """The list in pages: the pagination nav (labelled, ``aria-current``) and the filters."""
    page = page_as("ondersteuner")
    begin = timezone.now() - timedelta(days=30)
    Vergadering.objects.bulk_create(
        Vergadering(soort="raadsvergadering", titel=f"Oud {i}", begin=begin - timedelta(days=i))
        for i in range(30)
    )
    _visit(page, reverse("vergaderingen:overzicht") + "?pagina=2&soort=raadsvergadering")
    assert page.locator("nav.utrecht-pagination [aria-current=page]").count() == 1
