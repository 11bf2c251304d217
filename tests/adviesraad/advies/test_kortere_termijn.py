"""The chair records a shorter advice period in the portal: fill in, check, confirm."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from adviesraad.advies.services.aanvraag import overgang_uitvoeren, planning_wijzigen
from adviesraad.models.advies import Adviesaanvraag, Status
from tests.adviesraad.advies.helpers import gevraagd

pytestmark = pytest.mark.django_db


def _url(aanvraag: Adviesaanvraag) -> str:
    return f"/portaal/advies/{aanvraag.pk}/kortere-termijn/"


def test_chair_fills_in_confirms_and_the_request_page_shows_it(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    voorzitter = client_van(raad["voorzitter"].user)
    detail = voorzitter.get(f"/portaal/advies/{aanvraag.pk}/").content.decode()
    assert _url(aanvraag) in detail
    assert voorzitter.get(_url(aanvraag)).status_code == 200

    datum = timezone.localdate() + timedelta(weeks=3)
    gegevens = {"advies_uiterlijk": datum.isoformat(), "afspraak": "Spoed: de raad beslist eerder."}
    controle = voorzitter.post(_url(aanvraag), gegevens)
    assert controle.status_code == 200
    html = controle.content.decode()
    assert "Klopt dit?" in html and 'name="bevestigd"' in html
    aanvraag.refresh_from_db()
    assert aanvraag.kortere_termijn_akkoord == ""  # nothing stored before confirming

    # "Aanpassen" goes back to the form with the values, still nothing stored.
    terug = voorzitter.post(_url(aanvraag), {**gegevens, "wijzigen": "1"}).content.decode()
    assert "Klopt dit?" not in terug and "Spoed: de raad beslist eerder." in terug

    response = voorzitter.post(_url(aanvraag), {**gegevens, "bevestigd": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/portaal/advies/{aanvraag.pk}/"
    html = response.content.decode()
    assert "De kortere adviestermijn is vastgelegd." in html
    assert "Spoed: de raad beslist eerder." in html and "akkoord van Anna de Vries" in html
    aanvraag.refresh_from_db()
    assert aanvraag.advies_uiterlijk == datum
    assert aanvraag.kortere_termijn_akkoord_door == raad["voorzitter"].user
    # The agreement survives the receipt of the documents.
    overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
    )
    aanvraag.refresh_from_db()
    assert aanvraag.advies_uiterlijk == datum


def test_a_date_that_is_not_shorter_or_in_the_past_is_refused_before_confirming(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
    )
    aanvraag.refresh_from_db()
    gewoon = aanvraag.advies_uiterlijk
    voorzitter = client_van(raad["voorzitter"].user)
    for datum, fout in (
        (gewoon, "Dat is geen kortere termijn"),
        (gewoon + timedelta(days=30), "Dat is geen kortere termijn"),
        (timezone.localdate() - timedelta(days=1), "Kies een datum vanaf"),
    ):
        for extra in ({}, {"bevestigd": "1"}):
            response = voorzitter.post(
                _url(aanvraag), {"advies_uiterlijk": datum.isoformat(), "afspraak": "x", **extra}
            )
            assert response.status_code == 200
            html = response.content.decode()
            assert fout in html and "Klopt dit?" not in html
    response = voorzitter.post(
        _url(aanvraag), {"advies_uiterlijk": gewoon.isoformat(), "afspraak": "   "}
    )
    assert "afspraak" in response.context["form"].errors
    aanvraag.refresh_from_db()
    assert aanvraag.advies_uiterlijk == gewoon and aanvraag.kortere_termijn_akkoord == ""


def test_others_get_a_404_and_nothing_changes(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    datum = (timezone.localdate() + timedelta(weeks=2)).isoformat()
    for user in (
        raad["leden"][0].user,
        raad["ondersteuner"],
        raad["accounthouder"],
        raad["beleidsmedewerker"],
    ):
        client = client_van(user)
        assert client.get(_url(aanvraag)).status_code == 404
        data = {"advies_uiterlijk": datum, "afspraak": "Zo", "bevestigd": "1"}
        assert client.post(_url(aanvraag), data).status_code == 404
        assert _url(aanvraag) not in client.get(f"/portaal/advies/{aanvraag.pk}/").content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.kortere_termijn_akkoord == "" and aanvraag.advies_uiterlijk is None
    # Too late: once the council is writing its concept, the period is no longer changed.
    overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
    )
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.IN_VOORBEREIDING, door=raad["ondersteuner"])
    planning_wijzigen(
        aanvraag=aanvraag,
        door=raad["accounthouder"],
        adviesgesprek_op=timezone.localdate(),
    )
    overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.ADVIESGESPREK_GEHOUDEN, door=raad["ondersteuner"]
    )
    assert client_van(raad["voorzitter"].user).get(_url(aanvraag)).status_code == 404
