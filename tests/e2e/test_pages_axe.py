"""axe-core on the domain pages: the public council page, the membership portal per role, and a
sweep over every admin changelist, add and change page as a superuser (the admin is covered by
the accessibility obligation too). Demo data gives every page realistic content.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page

from adviesraad.models import Nevenfunctieverklaring, Vacature
from tests import demo as demo_fixtures
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

pytestmark = pytest.mark.e2e

MEMBER_PAGES = {
    "lid": [
        "lidmaatschap:mijn",
        "lidmaatschap:leden",
        "lidmaatschap:samenstelling",
        "lidmaatschap:verklaringen",
    ],
    "voorzitter": [
        "lidmaatschap:samenstelling",
        "lidmaatschap:verklaringen",
        "lidmaatschap:werving",
    ],
    "ondersteuner": ["lidmaatschap:leden", "lidmaatschap:verklaringen", "lidmaatschap:werving"],
    "accounthouder": ["lidmaatschap:samenstelling"],
    "beleidsmedewerker": ["lidmaatschap:mijn"],
}


# The demo data, built once per session and loaded into each test's database (tests/demo.py).
demo = demo_fixtures.demo
demo_momentopname = demo_fixtures.demo_momentopname


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status < 400, f"{url}: HTTP {response.status}"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def test_public_council_page(demo: None, anonymous_page: Page) -> None:
    _visit(anonymous_page, reverse("adviesraad:openbaar"))


def test_public_vacancies_and_application_form(demo: None, anonymous_page: Page) -> None:
    """Issue 15 §8: the vacancies, one vacancy with its form, the form after a failed submit
    (error summary) and the list again with the confirmation."""
    page = anonymous_page
    _visit(page, reverse("adviesraad:vacatures"))
    vacature = Vacature.objects.filter(status="gepubliceerd", soort="lid").order_by("pk").first()
    _visit(page, reverse("adviesraad:vacature", args=[vacature.pk]))
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Fout:")
    assert_no_axe_violations(page)
    page.get_by_label("Uw naam").fill("Axe Aanmelder")
    page.get_by_label("Uw e-mailadres").fill("axe@example.org")
    page.get_by_label("Uw postcode").fill("7551 AB")
    page.get_by_label("Waarom wilt u lid worden?").fill("Ik wil meedenken.")
    page.get_by_label("Via een maatschappelijke organisatie").check()
    page.get_by_label("Ik geef toestemming om mijn gegevens te bewaren voor deze vacature.").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url(f"**{reverse('adviesraad:vacatures')}")
    assert "Bedankt voor uw aanmelding" in page.content()
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


@pytest.mark.parametrize(
    ("role", "url_name"), [(r, u) for r, urls in MEMBER_PAGES.items() for u in urls]
)
def test_membership_pages(demo: None, page_as, role: str, url_name: str) -> None:
    _visit(page_as(role), reverse(url_name))


def test_declaration_detail_as_chair(demo: None, page_as) -> None:
    verklaring = Nevenfunctieverklaring.objects.order_by("pk").first()
    _visit(page_as("voorzitter"), reverse("lidmaatschap:verklaring", args=[verklaring.pk]))


def _admin_pages() -> list[str]:
    names = []
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        names += [f"{info}_changelist", f"{info}_add", f"{info}_change"]
    return names


def test_every_admin_page_as_superuser(demo: None, page_as) -> None:
    page = page_as(None, is_superuser=True, is_staff=True)
    visited = 0
    for name in _admin_pages():
        model = next(
            m
            for m in admin.site._registry
            if name.startswith(f"admin:{m._meta.app_label}_{m._meta.model_name}_")
        )
        if name.endswith("_change"):
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                continue
            url = reverse(name, args=[obj.pk])
        else:
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
        response = page.goto(url)
        assert response is not None
        if response.status == 403:  # read-only admin (no add page): nothing to check
            continue
        assert response.status < 400, f"{url}: HTTP {response.status}"
        assert_no_axe_violations(page)
        visited += 1
    assert visited > 30  # the sweep really reached the admin pages
