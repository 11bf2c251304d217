"""The admin for the account holder: actions call the services; declarations stay confidential."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from adviesraad import regels
from adviesraad.models import TermijnStatus, VerklaringInzage, Zittingstermijn
from adviesraad.services.termijnen import termijn_aanmaken, termijn_voordragen
from tests.adviesraad.factories import (
    LidFactory,
    benoemde_termijn,
    raad,
    schone_verklaring,
    vandaag,
)
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(rol: str | None = None, **kwargs) -> Client:
    client = Client()
    mfa_verify(client, UserFactory(roles=[rol] if rol else [], **kwargs))
    return client


def _actie(client: Client, actie: str, termijn: Zittingstermijn, **velden) -> object:
    return client.post(
        "/admin/adviesraad/zittingstermijn/",
        {"action": actie, "_selected_action": [termijn.pk], "bevestig": "1", **velden},
        follow=True,
    )


def test_voordragen_en_benoemen_via_admin_acties():
    lid = LidFactory()
    schone_verklaring(lid)
    termijn = termijn_aanmaken(lid=lid, door=None)
    client = _client("accounthouder")
    _actie(client, "voordragen", termijn, datum=vandaag().isoformat())
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.VOORGEDRAGEN
    _actie(client, "benoemen", termijn, besluitdatum=vandaag().isoformat(), besluit_kenmerk="B&W-7")
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.BENOEMD
    assert termijn.history.first().history_user is not None
    assert set(lid.user.groups.values_list("name", flat=True)) == {"lid"}


def test_admin_actie_toont_de_weigering_met_regel():
    besluit = vandaag() - timedelta(days=30)
    raad(regels.max_leden(besluit).waarde, besluitdatum=besluit)
    lid = LidFactory()
    schone_verklaring(lid)
    termijn = termijn_voordragen(
        termijn=termijn_aanmaken(lid=lid, door=None), voorgedragen_op=besluit, door=None
    )
    response = _actie(
        _client("accounthouder"),
        "benoemen",
        termijn,
        besluitdatum=besluit.isoformat(),
        besluit_kenmerk="B&W-8",
    )
    assert response.status_code == 200
    assert regels.max_leden(besluit).citeer() in response.content.decode()
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.VOORGEDRAGEN


def test_beeindigen_via_admin():
    termijn = benoemde_termijn()
    _actie(
        _client("accounthouder"),
        "beeindigen",
        termijn,
        reden="aftreden",
        laatste_dag=vandaag().isoformat(),
    )
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.BEEINDIGD


def test_ledenlijst_in_admin_toont_samenstelling():
    benoemde_termijn()
    response = _client("accounthouder").get("/admin/adviesraad/lid/")
    assert response.status_code == 200
    assert "Startdrempel" in response.content.decode()


def test_verklaringen_in_admin_alleen_voor_ondersteuner_en_gelogd():
    verklaring = benoemde_termijn().lid.verklaringen.get()
    url = f"/admin/adviesraad/nevenfunctieverklaring/{verklaring.pk}/change/"
    assert _client("accounthouder").get(url).status_code == 403
    assert (
        _client("accounthouder").get("/admin/adviesraad/nevenfunctieverklaring/").status_code == 403
    )
    assert VerklaringInzage.objects.count() == 0
    assert _client("ondersteuner").get(url).status_code == 200
    assert VerklaringInzage.objects.get().via == "beheer"


def test_objectrechten_alleen_voor_systeembeheerder():
    verklaring = benoemde_termijn().lid.verklaringen.get()
    url = f"/admin/adviesraad/nevenfunctieverklaring/{verklaring.pk}/permissions/"
    assert _client("ondersteuner").get(url).status_code == 302  # back to the admin index
    assert _client(is_superuser=True, is_staff=True).get(url).status_code == 200
