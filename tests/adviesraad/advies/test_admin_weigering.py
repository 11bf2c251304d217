"""A save the service refuses shows the service's message on the same admin form, with what the
user typed; nothing is saved and the answer is never Django's bare "403 Forbidden"."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from adviesraad.models.advies import Adviesaanvraag, Soort, Status
from tests.adviesraad.advies.helpers import gevraagd

pytestmark = pytest.mark.django_db

BASIS = "/admin/adviesraad/adviesaanvraag/"


def _formulier(**velden: Any) -> dict[str, Any]:
    data = {
        "titel": "",
        "samenvatting": "",
        "themas": "",
        "zaaknummer": "",
        "wethouder": "",
        "beleidsmedewerker": "",
        "meedenken_op": "",
        "toelichting_op": "",
        "adviesgesprek_op": "",
        "collegebesluit_gepland": "",
        "raad_gepland": "",
        "statuswijzigingen-TOTAL_FORMS": "0",
        "statuswijzigingen-INITIAL_FORMS": "0",
    }
    data.update(velden)
    return data


def test_account_holder_saving_an_ongevraagd_request_sees_the_refusal_on_the_form(
    raad: dict[str, Any], client_van: Any
) -> None:
    """Unsolicited advice is the council's own (chair, vice-chair, supporter)."""
    client: Client = client_van(raad["accounthouder"])
    response = client.post(
        f"{BASIS}add/",
        _formulier(
            soort=Soort.ONGEVRAAGD,
            kernwetten=[raad["kernwet"].pk],
            titel="Eenzaamheid onder ouderen",
            samenvatting="Eigen advies van de raad.",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "U mag dit niet doen bij deze adviesaanvraag." in html
    assert 'class="errornote"' in html  # the admin's own "correct the error below" box
    assert 'value="Eenzaamheid onder ouderen"' in html  # what was typed is still there
    assert not Adviesaanvraag.objects.filter(titel="Eenzaamheid onder ouderen").exists()


def test_changing_the_subject_of_a_sent_request_is_a_form_error(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    # The state is the point here, not the way there (tested in test_admin_werkstroom).
    Adviesaanvraag.objects.filter(pk=aanvraag.pk).update(status=Status.VERZONDEN)
    client: Client = client_van(raad["accounthouder"])
    response = client.post(
        f"{BASIS}{aanvraag.pk}/change/",
        _formulier(
            titel="Een ander onderwerp",
            samenvatting=aanvraag.samenvatting,
            zaaknummer="Z-ANDERS",
            wethouder=aanvraag.wethouder,
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Na verzenden verandert het onderwerp niet meer." in html
    assert 'value="Een ander onderwerp"' in html
    aanvraag.refresh_from_db()
    # Nothing of the refused save stays, also not the case number sent with it.
    assert (aanvraag.titel, aanvraag.zaaknummer) == ("Beleidskader Wmo 2027", "Z-2026-0042")


def test_a_user_without_any_right_still_gets_a_403(raad: dict[str, Any], client_van: Any) -> None:
    """The second pass only runs for a refusal by the service: no right at all stays 403, and
    the 403 page is ours, in Dutch."""
    client: Client = client_van(raad["beleidsmedewerker"])
    response = client.post(f"{BASIS}add/", _formulier(soort=Soort.GEVRAAGD, titel="x"))
    assert response.status_code in (302, 403)
    assert not Adviesaanvraag.objects.filter(titel="x").exists()
