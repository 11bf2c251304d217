"""The workflow through the portal views; access per role; the public register and feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    document_toevoegen,
    planning_wijzigen,
)
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.advies.services.toegang import toegang_bijwerken
from adviesraad.advies.services.versie import huidige_versie
from adviesraad.models.advies import Adviesaanvraag, Oordeel, Soort, Status
from tests.factories import UserFactory

from .helpers import gevraagd, pdf_upload, reactie, tot_verzonden

pytestmark = pytest.mark.django_db


def _post(client: Any, url: str, data: dict[str, Any] | None = None, status: int = 302) -> Any:
    response = client.post(url, data or {})
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def test_gevraagd_walks_through_the_portal(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    beleid = client_van(raad["beleidsmedewerker"])
    assert beleid.get("/portaal/advies/nieuw/").status_code == 200
    _post(
        beleid,
        "/portaal/advies/nieuw/",
        {
            "soort": "gevraagd",
            "titel": "Verordening Jeugdhulp",
            "kernwetten": [raad["kernwet"].pk],
            "zaaknummer": "Z-1",
            "vragen": "Vraag een\nVraag twee",
        },
    )
    aanvraag = Adviesaanvraag.objects.get(titel="Verordening Jeugdhulp")
    assert aanvraag.vragen.count() == 2
    basis = f"/portaal/advies/{aanvraag.pk}/"
    response = beleid.post(
        basis + "documenten/nieuw/",
        {
            "titel": "Concept verordening",
            "upload": pdf_upload(pdf_bytes),
            "vertrouwelijk": "on",
        },
    )
    assert response.status_code == 302
    pagina = beleid.get(basis).content.decode()
    assert "Documenten zijn ontvangen" in pagina  # the button from the table
    _post(beleid, basis + "status/documenten_ontvangen/")

    ondersteuner = client_van(raad["ondersteuner"])
    _post(ondersteuner, basis + "status/in_voorbereiding/")
    planning_wijzigen(
        aanvraag=aanvraag,
        door=raad["accounthouder"],
        adviesgesprek_op=timezone.localdate() - timedelta(days=1),
    )
    _post(ondersteuner, basis + "status/adviesgesprek_gehouden/")
    assert ondersteuner.get(basis + "concept/").status_code == 200
    _post(
        ondersteuner,
        basis + "concept/",
        {
            "inleiding": "Inleiding",
            "punt_1": "<p>Eerste punt</p>",
            "punt_2": "Tweede punt",
        },
    )
    _post(ondersteuner, basis + "status/concept/")
    _post(ondersteuner, basis + "status/ter_goedkeuring/")

    for lid in [*raad["leden"], raad["voorzitter"]]:
        client = client_van(lid.user)
        assert client.get(basis + "goedkeuren/").status_code == 200
        assert "Wacht op uw goedkeuring" in client.get("/portaal/advies/").content.decode()
        _post(client, basis + "goedkeuren/", {"oordeel": Oordeel.AKKOORD})
    voorzitter = client_van(raad["voorzitter"].user)
    _post(voorzitter, basis + "status/vastgesteld/")
    _post(ondersteuner, basis + "status/verzonden/")
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.VERZONDEN
    pagina = ondersteuner.get(basis).content.decode()
    advies = huidige_versie(aanvraag)
    assert advies.pdf.sha256 in pagina

    assert beleid.get(basis + "reactie/").status_code == 200
    _post(
        beleid,
        basis + "reactie/",
        {
            "besluitdatum": timezone.localdate().isoformat(),
            "oordeel_1": "overgenomen",
            "toelichting_1": "",
            "oordeel_2": "niet_overgenomen",
            "toelichting_2": "Past niet.",
        },
    )
    _post(beleid, basis + "status/reactie_ontvangen/")
    _post(voorzitter, basis + "publiceren/")
    assert ondersteuner.get(basis + "raadsvoorlegger/").status_code == 200
    pdf = ondersteuner.get(basis + "raadsvoorlegger.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    _post(client_van(raad["accounthouder"]), basis + "status/afgerond/")
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AFGEROND


def test_refused_transition_via_view_changes_nothing(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    basis = f"/portaal/advies/{aanvraag.pk}/"
    lid = client_van(raad["leden"][0].user)
    assert lid.post(basis + "status/documenten_ontvangen/").status_code == 404
    response = client_van(raad["ondersteuner"]).post(basis + "status/verzonden/", follow=True)
    assert "kan niet bij gevraagd advies" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEKONDIGD
    assert lid.get(basis + "status/documenten_ontvangen/").status_code == 405


def test_csrf_is_enforced(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    from django.test import Client

    from tests.conftest import mfa_verify

    aanvraag = gevraagd(raad, pdf_bytes)
    client = Client(enforce_csrf_checks=True)
    mfa_verify(client, raad["beleidsmedewerker"])
    assert (
        client.post(f"/portaal/advies/{aanvraag.pk}/status/documenten_ontvangen/").status_code
        == 403
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEKONDIGD


def test_confidential_document_is_404_for_unrelated_member_and_staff(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    document = aanvraag.documenten.get()
    url = f"/bestanden/{document.bestand_id}/download/"
    assert client_van(raad["leden"][0].user).get(url).status_code == 200
    assert client_van(raad["ondersteuner"]).get(url).status_code == 200
    niet_betrokken = [
        UserFactory(roles=["lid"]),  # role without a seat on the council
        UserFactory(roles=["beleidsmedewerker"]),  # not assigned
        raad["accounthouder"],  # staff with model-wide view, no grant on the file
        UserFactory(roles=[]),  # former member
    ]
    for user in niet_betrokken:
        client = client_van(user)
        assert client.get(url).status_code == 404, user
        assert client.get(f"/portaal/advies/{aanvraag.pk}/").status_code == (
            200 if user == raad["accounthouder"] else 404
        )
        assert "Geheim concept" not in client.get("/portaal/advies/").content.decode()
    # A member who leaves the council loses access at the next sync.
    vertrokken = raad["leden"][1]
    vertrokken.termijnen.update(
        status="beeindigd", beeindigd_op=timezone.localdate() - timedelta(days=1)
    )
    toegang_bijwerken(aanvraag=aanvraag)
    assert client_van(vertrokken.user).get(url).status_code == 404


def test_register_shows_only_published_and_never_confidential_titles(
    raad: dict[str, Any], pdf_bytes: bytes, client
) -> None:
    gepubliceerd = gevraagd(raad, pdf_bytes, titel="Openbaar beleidskader")
    document_toevoegen(
        aanvraag=gepubliceerd,
        upload=pdf_upload(pdf_bytes, "openbaar.pdf"),
        titel="Openbare nota",
        vertrouwelijk=False,
        door=raad["beleidsmedewerker"],
    )
    tot_verzonden(gepubliceerd, raad)
    reactie(gepubliceerd, raad)
    publiceren(aanvraag=gepubliceerd, door=raad["ondersteuner"])
    gevraagd(raad, pdf_bytes, titel="Nog geheim voorstel")  # not published

    html = client.get("/adviezen/").content.decode()
    assert "Openbaar beleidskader" in html and "Nog geheim voorstel" not in html
    assert "1 van 2 punten (1 deels)" in html
    detail = client.get(f"/adviezen/{gepubliceerd.kenmerk}/").content.decode()
    assert "Openbare nota" in detail
    assert "Geheim concept beleidskader" not in detail  # confidential title never shown
    assert "Alleen voor de laagste inkomens" in detail  # response per point
    pdf = client.get(f"/adviezen/{gepubliceerd.kenmerk}/advies.pdf")
    assert (
        b"".join(pdf.streaming_content)
        == huidige_versie(gepubliceerd).pdf.bestand.open("rb").read()
    )
    geheim = gepubliceerd.documenten.get(vertrouwelijk=True)
    assert (
        client.get(f"/adviezen/{gepubliceerd.kenmerk}/documenten/{geheim.pk}/").status_code == 404
    )
    openbaar = gepubliceerd.documenten.get(vertrouwelijk=False)
    assert (
        client.get(f"/adviezen/{gepubliceerd.kenmerk}/documenten/{openbaar.pk}/").status_code == 200
    )
    assert client.get("/adviezen/ASD-1999-001/").status_code == 404
    # Filters.
    assert (
        "Openbaar beleidskader" in client.get("/adviezen/?soort=gevraagd&wet=wmo").content.decode()
    )
    assert "Openbaar beleidskader" not in client.get("/adviezen/?soort=ongevraagd").content.decode()
    assert "Openbaar beleidskader" not in client.get("/adviezen/?jaar=1999").content.decode()
    feed = client.get("/adviezen/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"Openbaar beleidskader" in feed.content and b"Nog geheim" not in feed.content
    assert f"/adviezen/{gepubliceerd.kenmerk}/".encode() in feed.content


def test_meedenken_is_never_published(raad: dict[str, Any]) -> None:
    sessie = aanvraag_aanmaken(soort=Soort.MEEDENKEN, titel="Vroeg", door=raad["beleidsmedewerker"])
    Adviesaanvraag.objects.filter(pk=sessie.pk).update(gepubliceerd_op=timezone.now())
    from django.test import Client

    assert "Vroeg" not in Client().get("/adviezen/").content.decode()
