"""The demo seed (idempotent, all states) and the account holder's admin."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from adviesraad.advies import demo
from adviesraad.models.advies import Adviesaanvraag, Soort, Status
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def demodata(private_media: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())


def test_demo_has_every_state_an_overdue_response_and_is_idempotent(demodata: None) -> None:
    aantal = Adviesaanvraag.objects.count()
    statussen = set(Adviesaanvraag.objects.values_list("status", flat=True))
    for status in (
        Status.AFGEROND,
        Status.TER_KENNISNAME_RAAD,
        Status.VERZONDEN,
        Status.TER_GOEDKEURING,
        Status.IN_VOORBEREIDING,
        Status.AANGEKONDIGD,
        Status.INGETROKKEN,
        Status.GEPLAND,
    ):
        assert status in statussen, status
    assert Adviesaanvraag.objects.reactie_te_laat(timezone.localdate()).exists()
    assert Adviesaanvraag.objects.filter(soort=Soort.ONGEVRAAGD).count() == 1
    assert Adviesaanvraag.objects.gepubliceerd().count() == 3
    demo.seed(stdout=io.StringIO())
    assert Adviesaanvraag.objects.count() == aantal


def test_admin_lists_with_status_and_overdue_filters(demodata: None, client: Any) -> None:
    from hengelo_participatie.accounts.models import User

    mfa_verify(client, User.objects.get(email="accounthouder@demo.hengelo.example"))
    url = "/admin/adviesraad/adviesaanvraag/"
    response = client.get(url + "?te_laat=ja")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verordening Jeugdhulp 2027" in html and "Beleidskader Wmo" not in html
    assert "Beleidskader Wmo" in client.get(url + "?status__exact=afgerond").content.decode()
    aanvraag = Adviesaanvraag.objects.get(titel="Verordening Jeugdhulp 2027")
    assert client.get(f"{url}{aanvraag.pk}/change/").status_code == 200
    assert client.get(f"{url}{aanvraag.pk}/delete/").status_code == 403
    response = client.post(
        f"{url}{aanvraag.pk}/change/",
        {
            "titel": aanvraag.titel,
            "samenvatting": aanvraag.samenvatting,
            "themas": "",
            "zaaknummer": "Z-NIEUW",
            "wethouder": aanvraag.wethouder,
            "beleidsmedewerker": aanvraag.beleidsmedewerker_id or "",
            "meedenken_op": "",
            "toelichting_op": "",
            "adviesgesprek_op": "",
            "collegebesluit_gepland": "",
            "raad_gepland": "",
            "statuswijzigingen-TOTAL_FORMS": "0",
            "statuswijzigingen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    aanvraag.refresh_from_db()
    assert aanvraag.zaaknummer == "Z-NIEUW" and aanvraag.status == Status.VERZONDEN
