"""axe-core on the pages of issue 14 (delivery to the College, the response period, the follow-up
of adopted points, the raadsvoorlegger, the small workflow fixes), as the role that uses each,
in headless Chromium; and the concept form's "extra punt" button working in a real browser."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from adviesraad.advies.services import bezorging as bezorg_services
from adviesraad.advies.services.aanvraag import aanvraag_aanmaken, overgang_uitvoeren
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.advies.services.reactietermijn import ontvangst_bevestigen
from adviesraad.advies.services.voorlegger import raadsvoorlegger_versturen
from adviesraad.models.advies import Soort, Status
from adviesraad.models.college import Bezorging, Ontvangersoort
from adviesraad.models.toezeggingen import Toezegging
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


def _bekijk(page: Any, url: str) -> None:
    page.goto(url)
    assert_no_axe_violations(page)
    assert_no_csp_errors(page)


def test_axe_on_the_college_pages_and_the_extra_point_button(
    page_as: Any, raad: dict[str, Any], pdf_bytes: bytes, anonymous_page: Any
) -> None:
    # A sent advice whose delivery failed (no address yet), then one that waits for the College.
    mislukt = gevraagd(raad, pdf_bytes, titel="Niet aangekomen")
    tot_verzonden(mislukt, raad)
    bezorg_services.ontvangers_vastleggen(
        soort=Ontvangersoort.COLLEGE,
        adressen="bestuurssecretariaat@hengelo.example",
        geldig_vanaf=timezone.localdate() - timedelta(days=1),
        door=None,
    )
    bezorg_services.ontvangers_vastleggen(
        soort=Ontvangersoort.GRIFFIE,
        adressen="griffie@hengelo.example",
        geldig_vanaf=timezone.localdate() - timedelta(days=1),
        door=None,
    )
    wacht = gevraagd(raad, pdf_bytes, titel="Wacht op het college")
    tot_verzonden(wacht, raad)
    ontvangst_bevestigen(
        bezorging=Bezorging.objects.get(aanvraag=wacht),
        geregistreerd_op=timezone.localdate(),
        zaaknummer="Z-1",
        door=raad["accounthouder"],
    )
    # Answered and published, with follow-up and the raadsvoorlegger sent.
    klaar = gevraagd(raad, pdf_bytes, titel="Beantwoord advies")
    tot_verzonden(klaar, raad)
    reactie(klaar, raad)
    overgang_uitvoeren(aanvraag=klaar, naar=Status.REACTIE_ONTVANGEN, door=raad["ondersteuner"])
    publiceren(aanvraag=klaar, door=raad["ondersteuner"])
    raadsvoorlegger_versturen(aanvraag=klaar, door=raad["ondersteuner"])
    bezorg_services.bezorgingen_versturen()
    toezegging = Toezegging.objects.filter(aanvraag=klaar).order_by("pk").first()
    ongevraagd = aanvraag_aanmaken(
        soort=Soort.ONGEVRAAGD, titel="Zonder beleidsmedewerker", door=raad["voorzitter"].user
    )
    concept = gevraagd(raad, pdf_bytes, titel="Concept met punten")
    tot_ter_goedkeuring(concept, raad)
    overgang_uitvoeren(aanvraag=concept, naar=Status.CONCEPT, door=raad["ondersteuner"])

    ondersteuner = page_as("ondersteuner", email=raad["ondersteuner"].email)
    for aanvraag in (klaar, mislukt):
        _bekijk(ondersteuner, f"/portaal/advies/{aanvraag.pk}/")
    assert "Opnieuw versturen (dezelfde PDF)" in ondersteuner.content()
    # The concept form: "extra punt" adds a field in place, nothing is saved.
    _bekijk(ondersteuner, f"/portaal/advies/{concept.pk}/concept/")
    assert ondersteuner.locator('[name="punt_5"]').count() == 0
    ondersteuner.get_by_role("button", name="Nog een adviespunt toevoegen").click()
    ondersteuner.locator('[name="punt_5"]').wait_for()
    assert_no_axe_violations(ondersteuner)

    houder = page_as("accounthouder", email=raad["accounthouder"].email)
    for url in (
        f"/portaal/advies/{wacht.pk}/",
        f"/portaal/advies/{wacht.pk}/ontvangst/",
        f"/portaal/advies/{ongevraagd.pk}/",
        f"/portaal/advies/{ongevraagd.pk}/beleidsmedewerker/",
        f"/portaal/advies/toezeggingen/{toezegging.pk}/",
    ):
        _bekijk(houder, url)
    houder.goto("/admin/adviesraad/ontvangers/")
    assert_no_axe_violations(houder)
    houder.goto("/admin/adviesraad/ontvangers/add/")
    assert_no_axe_violations(houder)

    voorzitter = page_as("voorzitter", email=raad["voorzitter"].user.email)
    _bekijk(voorzitter, f"/portaal/advies/{wacht.pk}/reactietermijn/")
    _bekijk(voorzitter, f"/portaal/advies/toezeggingen/{toezegging.pk}/")

    lid = page_as("lid", email=raad["leden"][0].user.email)
    _bekijk(lid, "/portaal/advies/toezeggingen/")
    _bekijk(lid, "/portaal/advies/toezeggingen/?te_laat=1&status=gepland")

    _bekijk(anonymous_page, f"/adviezen/{klaar.kenmerk}/")
    assert "Raadsvoorlegger (PDF)" in anonymous_page.content()
    assert "Wat ermee gebeurt:" in anonymous_page.content()
