"""Browser tests of the advice workflow: axe on every page, and a member approving a concept in
the portal, the supporter sending it, the PDF downloading."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from adviesraad.advies.services.aanvraag import overgang_uitvoeren
from adviesraad.advies.services.goedkeuring import goedkeuring_geven
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.advies.services.versie import huidige_versie
from adviesraad.models.advies import Adviesaanvraag, Oordeel, Status
from tests.adviesraad.advies.conftest import raad as raad  # noqa: F401 - the fixture
from tests.adviesraad.advies.helpers import gevraagd, reactie, tot_ter_goedkeuring, tot_verzonden
from tests.e2e.fixtures import assert_no_axe_violations, assert_no_csp_errors

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _volgorde(
    django_db_serialized_rollback: None,
    transactional_db: None,
    private_media: Any,
) -> None:
    """First the serialized rollback (reference data: rules, laws), then the council fixtures."""


def _als(page_as: Any, user: Any, rol: str) -> Any:
    return page_as(rol, email=user.email)


def test_member_approves_supporter_sends_pdf_downloads_and_axe_on_every_page(
    page_as: Any, raad: dict[str, Any], pdf_bytes: bytes, anonymous_page: Any
) -> None:
    """One transactional test (the council fixtures need the reference data a second live-server
    test would find flushed)."""
    _flow(page_as, raad, pdf_bytes)
    _axe_op_elke_pagina(page_as, raad, pdf_bytes, anonymous_page)
    _kortere_termijn_en_admin_stap(page_as, raad, pdf_bytes)


def _flow(page_as: Any, raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    for lid in [*raad["leden"][1:], raad["voorzitter"]]:
        goedkeuring_geven(aanvraag=aanvraag, door=lid.user, oordeel=Oordeel.AKKOORD)

    lid = _als(page_as, raad["leden"][0].user, "lid")
    lid.goto("/portaal/advies/")
    assert_no_axe_violations(lid)
    lid.get_by_role("link", name=f"{aanvraag.kenmerk} {aanvraag.titel}").first.click()
    lid.get_by_label("Ik ga akkoord").check()
    assert_no_axe_violations(lid)
    lid.get_by_role("button", name="Reactie versturen").click()
    lid.wait_for_url(f"**/portaal/advies/{aanvraag.pk}/")
    assert "Dank u" in lid.content()
    assert_no_csp_errors(lid)

    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["voorzitter"].user)
    ondersteuner = _als(page_as, raad["ondersteuner"], "ondersteuner")
    ondersteuner.goto(f"/portaal/advies/{aanvraag.pk}/")
    ondersteuner.get_by_role("button", name="Verzenden aan het college").click()
    ondersteuner.wait_for_load_state()
    assert "verzonden aan het college" in ondersteuner.content()
    assert_no_axe_violations(ondersteuner)
    with ondersteuner.expect_download() as info:
        ondersteuner.get_by_role("link", name="PDF downloaden").click()
    pad = info.value.path()
    with open(pad, "rb") as f:
        inhoud = f.read()
    advies = huidige_versie(aanvraag)
    assert inhoud == advies.pdf.bestand.open("rb").read()
    assert inhoud.startswith(b"%PDF")


def _axe_op_elke_pagina(
    page_as: Any, raad: dict[str, Any], pdf_bytes: bytes, anonymous_page: Any
) -> None:
    verzonden = gevraagd(raad, pdf_bytes, titel="Verzonden advies")
    tot_verzonden(verzonden, raad)
    reactie(verzonden, raad)
    overgang_uitvoeren(aanvraag=verzonden, naar=Status.REACTIE_ONTVANGEN, door=raad["ondersteuner"])
    publiceren(aanvraag=verzonden, door=raad["ondersteuner"])
    concept = gevraagd(raad, pdf_bytes, titel="Concept advies")
    tot_ter_goedkeuring(concept, raad)
    overgang_uitvoeren(aanvraag=concept, naar=Status.CONCEPT, door=raad["ondersteuner"])
    wacht = gevraagd(raad, pdf_bytes, titel="Wacht op reactie")
    tot_verzonden(wacht, raad)

    ondersteuner = page_as("ondersteuner", email=raad["ondersteuner"].email)
    for url in (
        "/portaal/advies/",
        "/portaal/advies/nieuw/",
        f"/portaal/advies/{verzonden.pk}/",
        f"/portaal/advies/{concept.pk}/concept/",
        f"/portaal/advies/{concept.pk}/documenten/nieuw/",
        f"/portaal/advies/{wacht.pk}/reactie/",
        f"/portaal/advies/{verzonden.pk}/raadsvoorlegger/",
    ):
        ondersteuner.goto(url)
        assert_no_axe_violations(ondersteuner)
        assert_no_csp_errors(ondersteuner)
    lid = page_as("lid", email=raad["leden"][1].user.email)
    lid.goto(f"/portaal/advies/{concept.pk}/belang/")
    assert_no_axe_violations(lid)
    for url in ("/adviezen/", f"/adviezen/{verzonden.kenmerk}/", "/adviezen/?soort=gevraagd"):
        anonymous_page.goto(url)
        assert_no_axe_violations(anonymous_page)
        assert_no_csp_errors(anonymous_page)


def _kortere_termijn_en_admin_stap(page_as: Any, raad: dict[str, Any], pdf_bytes: bytes) -> None:
    """The chair's shorter period (form, check, confirm) and a workflow step in the admin."""
    aanvraag = gevraagd(raad, pdf_bytes, titel="Spoedadvies")
    voorzitter = _als(page_as, raad["voorzitter"].user, "voorzitter")
    voorzitter.goto(f"/portaal/advies/{aanvraag.pk}/")
    voorzitter.get_by_role("link", name="Kortere adviestermijn afspreken").click()
    assert_no_axe_violations(voorzitter)
    datum = timezone.localdate() + timedelta(weeks=3)
    voorzitter.get_by_label("Nieuwe datum: advies uiterlijk").fill(datum.isoformat())
    voorzitter.get_by_label("Wat is afgesproken, en waarom?").fill("Spoed: de raad beslist eerder.")
    voorzitter.get_by_role("button", name="Controleren").click()
    voorzitter.wait_for_load_state()
    assert "Klopt dit?" in voorzitter.content()
    assert_no_axe_violations(voorzitter)
    voorzitter.get_by_role("button", name="Bevestigen").click()
    voorzitter.wait_for_url(f"**/portaal/advies/{aanvraag.pk}/")
    assert "De kortere adviestermijn is vastgelegd." in voorzitter.content()
    assert_no_csp_errors(voorzitter)
    aanvraag.refresh_from_db()
    assert aanvraag.advies_uiterlijk == datum

    ondersteuner = _als(page_as, raad["ondersteuner"], "ondersteuner")
    ondersteuner.goto(f"/admin/adviesraad/adviesaanvraag/{aanvraag.pk}/change/")
    assert_no_axe_violations(ondersteuner)
    # Django's own change form applies inline styles (its admin scripts): CSP is checked on our
    # confirmation page only.
    ondersteuner.console_errors.clear()
    ondersteuner.get_by_role("link", name="Intrekken").first.click()
    ondersteuner.wait_for_url(f"**/adviesaanvraag/{aanvraag.pk}/stap/ingetrokken/")
    ondersteuner.wait_for_load_state("load")
    assert_no_axe_violations(ondersteuner)
    assert_no_csp_errors(ondersteuner)
    ondersteuner.get_by_label("Reden").fill("Het college stopt dit traject.")
    ondersteuner.get_by_role("button", name="Bevestigen: Intrekken").click()
    ondersteuner.wait_for_url(f"**/adviesaanvraag/{aanvraag.pk}/change/")
    assert "Gelukt" in ondersteuner.content()
    assert_no_axe_violations(ondersteuner)
    assert Adviesaanvraag.objects.get(pk=aanvraag.pk).status == Status.INGETROKKEN
