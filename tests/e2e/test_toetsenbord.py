"""Keyboard only (issue 15 §5): a member logs in (password and the e-mailed code), approves a
concept, answers an invitation and downloads a document without a mouse. After a failed submit
focus lands on the error summary (the title starts with "Fout:", every error links to its field);
after a successful one on the confirmation. A given answer shows as checked when the page opens
again."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_email.models import EmailDevice
from playwright.sync_api import Page

from adviesraad.models.advies import Goedkeuring, Oordeel
from adviesraad.vergaderingen.models import Soort
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from tests.adviesraad.advies.conftest import raad as raad  # noqa: F401 - the fixture
from tests.adviesraad.advies.helpers import gevraagd, tot_ter_goedkeuring
from tests.adviesraad.vergaderingen.conftest import moment
from tests.e2e.fixtures import _new_context, assert_no_axe_violations
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _volgorde(
    django_db_serialized_rollback: None, transactional_db: None, private_media: Any
) -> None:
    """First the serialized rollback (reference data: rules, laws), then the council fixtures."""


def _actief(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id || '',
                name: el.getAttribute('name') || '',
                cls: el.getAttribute('class') || '',
                tekst: (el.textContent || el.value || '').trim().slice(0, 80),
                checked: String(!!el.checked),
            };
        }"""
    )


def _tab_naar(page: Page, past: Any, *, max_stappen: int = 60) -> dict[str, str]:
    """Press Tab until the focused element satisfies ``past``; fail after ``max_stappen``."""
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        actief = _actief(page)
        if past(actief):
            return actief
    raise AssertionError(f"niet bereikt met Tab; nu op {_actief(page)}")


def _laad(page: Page) -> None:
    page.wait_for_load_state("load")


def _verstuur(page: Page) -> None:
    """Enter on the focused submit button; wait for the answer page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _laad(page)


def _focus_op_foutoverzicht(page: Page) -> None:
    assert page.title().startswith("Fout:"), page.title()
    actief = _actief(page)
    assert actief["id"] == "foutoverzicht", actief
    for link in page.locator("#foutoverzicht a").all():
        doel = (link.get_attribute("href") or "").lstrip("#")
        assert doel and page.locator(f"[id='{doel}']").count() == 1, doel


def _focus_op_bevestiging(page: Page, tekst: str) -> None:
    actief = _actief(page)
    assert "hengelo-berichten" in actief["cls"], actief
    assert tekst in actief["tekst"], actief
    assert not page.title().startswith("Fout:")


def test_member_logs_in_approves_answers_and_downloads_with_the_keyboard_only(
    browser: Any, live_server: Any, raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    lid = raad["leden"][0]
    user = lid.user
    EmailDevice.objects.create(user=user, name="e-mail", email=user.email, confirmed=True)
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    vergadering = vergadering_services.vergadering_aanmaken(
        soort=Soort.RAADSVERGADERING,
        titel="Vergadering adviesraad",
        begin=moment(14),
        door=raad["ondersteuner"],
    )

    context = _new_context(browser, live_server.url)
    page = context.new_page()
    try:
        # --- log in: e-mail address (autofocus), password, Enter; then the e-mailed code ---------
        page.goto(reverse("accounts:login"))
        _laad(page)
        assert _actief(page)["name"] == "username"
        page.keyboard.type(user.email)
        page.keyboard.press("Tab")
        assert _actief(page)["name"] == "password"
        page.keyboard.type(DEFAULT_PASSWORD)
        mail.outbox.clear()
        page.keyboard.press("Enter")
        page.wait_for_url("**/inlogcode/**")
        _laad(page)
        code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
        _tab_naar(page, lambda a: a["name"] == "token")
        page.keyboard.type(code)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{reverse('portal:home')}")

        # --- approval: a submit without an answer, then with one ------------------------------
        goedkeuren = reverse("advies:goedkeuren", args=[aanvraag.pk])
        page.goto(goedkeuren)
        _laad(page)
        _tab_naar(page, lambda a: a["tekst"] == "Reactie versturen")
        _verstuur(page)
        _focus_op_foutoverzicht(page)
        assert_no_axe_violations(page)
        # The summary's link leads to the field; from there the keyboard chooses.
        _tab_naar(page, lambda a: a["tag"] == "a" and "Wat vindt u van het concept" in a["tekst"])
        page.keyboard.press("Enter")
        if _actief(page)["name"] != "oordeel":
            _tab_naar(page, lambda a: a["name"] == "oordeel")
        page.keyboard.press("Space")
        assert _actief(page)["checked"] == "true"
        _tab_naar(page, lambda a: a["tekst"] == "Reactie versturen")
        _verstuur(page)
        # (The browser keeps the summary link's #fragment across the redirect.)
        assert page.url.split("#")[0].endswith(reverse("advies:detail", args=[aanvraag.pk]))
        _focus_op_bevestiging(page, "Uw reactie is opgeslagen")
        mijn = Goedkeuring.objects.get(ronde__advies__aanvraag=aanvraag, lid=lid)
        assert mijn.oordeel == Oordeel.AKKOORD

        # Opened again, the form shows the answer already given.
        page.goto(goedkeuren)
        _laad(page)
        assert page.get_by_label("Ik ga akkoord").is_checked()
        assert not page.get_by_label("Ik wil een wijziging").is_checked()
        # Large touch targets: a 24 px radio button, its label a row of at least 44 px.
        radio = page.get_by_label("Ik ga akkoord").bounding_box()
        label = page.locator("label[for='id_oordeel_0']").bounding_box()
        assert radio and radio["width"] >= 24 and radio["height"] >= 24, radio
        assert label and label["height"] >= 44, label

        # --- RSVP: the same pattern on the meeting's "Komt u?" form ------------------------------
        page.goto(reverse("vergaderingen:aanmelden", args=[vergadering.pk]))
        _laad(page)
        _tab_naar(page, lambda a: a["tekst"] == "Doorgeven")
        _verstuur(page)
        _focus_op_foutoverzicht(page)
        _tab_naar(page, lambda a: a["name"] == "aanmelding")
        page.keyboard.press("Space")
        _tab_naar(page, lambda a: a["tekst"] == "Doorgeven")
        _verstuur(page)
        assert page.url.split("#")[0].endswith(
            reverse("vergaderingen:detail", args=[vergadering.pk])
        )
        _focus_op_bevestiging(page, "We weten nu of u komt")
        assert vergadering.deelnames.get(gebruiker=user).aanmelding == "komt"

        # --- a download, by Tab and Enter on the document link -----------------------------------
        page.goto(reverse("advies:detail", args=[aanvraag.pk]))
        _laad(page)
        _tab_naar(page, lambda a: a["tag"] == "a" and a["tekst"] == "Geheim concept beleidskader")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        with open(info.value.path(), "rb") as f:
            assert f.read() == pdf_bytes
    finally:
        context.close()
