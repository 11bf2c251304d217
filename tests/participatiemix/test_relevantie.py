"""'Voor mijn portefeuille': a portfolio holder sees by default what concerns their portfolio's
laws, with a toggle to see everything; everyone else sees the list as before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from adviesraad.models import Kernwet
from participatiemix.models import Domein
from participatiemix.referentiedata import DOMEINEN
from participatiemix.relevantie import DOMEIN_NAAR_KERNWET, relevante_wetten_voor
from participatiemix.services import inbreng as inbreng_services
from tests.adviesraad.factories import benoemde_termijn, vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.participatiemix.factories import (
    domein,
    instrument,
    maak_activiteit,
    portefeuillehouder,
    thema,
)

pytestmark = pytest.mark.django_db

ACTIVITEITEN = "/portaal/participatie/activiteiten/"
OPBRENGSTEN = "/portaal/participatie/opbrengsten/"
SECTIE = "Voor mijn portefeuille"


def _client(user) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _titels(response, sleutel: str = "activiteiten") -> set[str]:
    assert response.status_code == 200
    if sleutel == "activiteiten":
        return {a.titel for a in response.context["activiteiten"]}
    return {o.omschrijving for o in response.context["opbrengsten"]}


@pytest.fixture
def activiteiten():
    return {
        "wmo": maak_activiteit(titel="Wmo-gesprek", domeinen=[domein("wmo")]),
        "jeugd": maak_activiteit(titel="Jeugdgesprek", domeinen=[domein("jeugdwet")]),
        "beide": maak_activiteit(
            titel="Gesprek Wmo en Jeugdwet", domeinen=[domein("wmo"), domein("jeugdwet")]
        ),
        "inclusie": maak_activiteit(titel="Inclusiegesprek", domeinen=[domein("inclusie")]),
    }


# --- The mapping between the two reference lists ---------------------------------------------
ONGEKOPPELD = {"dienstverlening", "inclusie"}


def test_elke_wet_van_de_participatiemix_is_gekoppeld_of_bewust_niet():
    codes = {code for code, *_ in DOMEINEN} | set(Domein.objects.values_list("code", flat=True))
    assert codes == set(DOMEIN_NAAR_KERNWET), "elke Domein-code staat in DOMEIN_NAAR_KERNWET"
    kernwetten = set(Kernwet.objects.values_list("code", flat=True))
    for code, kernwet in DOMEIN_NAAR_KERNWET.items():
        if kernwet is None:
            assert code in ONGEKOPPELD, f"{code} is niet gekoppeld"
        else:
            assert kernwet in kernwetten, f"{code} → {kernwet} bestaat niet als Kernwet"
    assert {k for k, v in DOMEIN_NAAR_KERNWET.items() if v is None} == ONGEKOPPELD
    # And the other way round: every law of the core domain has its counterpart, once.
    gekoppeld = [v for v in DOMEIN_NAAR_KERNWET.values() if v is not None]
    assert sorted(gekoppeld) == sorted(kernwetten)


def test_wetten_met_andere_code_worden_vertaald():
    assert DOMEIN_NAAR_KERNWET["inburgering"] == "wet-inburgering"


# --- Who counts as a portfolio holder ---------------------------------------------------------
def test_relevante_wetten_in_twee_queries(django_assert_num_queries):
    """One query for the portfolios, one for the laws of the open advice requests."""
    user = portefeuillehouder("wmo", "wet-inburgering")
    with django_assert_num_queries(2):
        relevantie = relevante_wetten_voor(user, vandaag())
    assert relevantie.portefeuilles == ("Zorg en ondersteuning",)
    assert relevantie.kernwetten == {"wmo", "wet-inburgering"}
    assert relevantie.domeinen == {"wmo", "inburgering"}
    assert relevantie.kernwet_namen == ("Wmo 2015", "Wet inburgering")


def test_zonder_portefeuille_niets_relevants():
    assert not relevante_wetten_voor(benoemde_termijn().lid.user, vandaag())
    assert not relevante_wetten_voor(UserFactory(roles=["lid"]), vandaag())


# --- The activities page ----------------------------------------------------------------------
def test_houder_wmo_ziet_wmo_onder_voor_mijn_portefeuille(activiteiten):
    response = _client(portefeuillehouder("wmo")).get(ACTIVITEITEN)
    assert _titels(response) == {"Wmo-gesprek", "Gesprek Wmo en Jeugdwet"}
    assert response.context["alleen_portefeuille"] is True
    html = response.content.decode()
    assert SECTIE in html
    assert "Wmo 2015" in html
    assert "Toon alles" in html
    assert 'name="weergave"' in html  # the labelled toggle in the filter
    assert "Jeugdgesprek" not in html


def test_toon_alles_toont_alles(activiteiten):
    client = _client(portefeuillehouder("wmo"))
    wissel = client.get(ACTIVITEITEN).context["wissel_url"]
    assert wissel == "?weergave=alles"
    response = client.get(ACTIVITEITEN + wissel)
    assert _titels(response) == {a.titel for a in activiteiten.values()}
    assert response.context["alleen_portefeuille"] is False
    html = response.content.decode()
    assert "Toon alleen wat bij mijn portefeuille hoort" in html
    assert response.context["wissel_url"] == "?weergave=portefeuille"


def test_wissel_behoudt_de_andere_filters(activiteiten):
    client = _client(portefeuillehouder("wmo"))
    response = client.get(ACTIVITEITEN, {"jaar": "2026", "instrument": ""})
    assert response.context["alleen_portefeuille"] is True
    assert response.context["wissel_url"] == "?jaar=2026&instrument=&weergave=alles"
    ander = {"instrument": instrument(1).pk}  # the activities here use instrument 2
    assert _titels(client.get(ACTIVITEITEN, {**ander, "weergave": "alles"})) == set()
    assert _titels(client.get(ACTIVITEITEN, {"instrument": instrument(2).pk})) == {
        "Wmo-gesprek",
        "Gesprek Wmo en Jeugdwet",
    }


def test_lid_zonder_portefeuille_ziet_de_gewone_lijst(activiteiten):
    client = _client(benoemde_termijn().lid.user)
    response = client.get(ACTIVITEITEN)
    assert _titels(response) == {a.titel for a in activiteiten.values()}
    html = response.content.decode()
    assert SECTIE not in html
    assert 'name="weergave"' not in html
    assert "relevantie" in response.context and not response.context["relevantie"]


def test_beeindigde_portefeuilleperiode_telt_niet_meer(activiteiten):
    gisteren = vandaag() - timedelta(days=1)
    for user in (
        portefeuillehouder("wmo", tot=gisteren),
        portefeuillehouder("wmo", portefeuille_tot=gisteren),
    ):
        assert not relevante_wetten_voor(user, vandaag())
        response = _client(user).get(ACTIVITEITEN)
        assert _titels(response) == {a.titel for a in activiteiten.values()}
        assert SECTIE not in response.content.decode()


def test_portefeuille_verruimt_de_toegang_niet(activiteiten):
    """A moderator sees their own activities only, portfolio or not (a contrived combination)."""
    user = portefeuillehouder("wmo", "jeugdwet")
    user.groups.set(Group.objects.filter(name="gespreksleider"))
    eigen = maak_activiteit(
        titel="Eigen Wmo-gesprek", domeinen=[domein("wmo")], gespreksleider=user
    )
    client = _client(user)
    assert _titels(client.get(ACTIVITEITEN)) == {eigen.titel}
    assert _titels(client.get(ACTIVITEITEN, {"weergave": "alles"})) == {eigen.titel}


# --- The findings page ------------------------------------------------------------------------
def _opbrengst(activiteit, omschrijving: str, code: str | None):
    return inbreng_services.opbrengst_toevoegen(
        activiteit=activiteit,
        door=None,
        soort="knelpunt",
        thema=thema(),
        domein=domein(code) if code else None,
        omschrijving=omschrijving,
    )


def test_opbrengsten_voor_mijn_portefeuille_en_toon_alles(activiteiten):
    _opbrengst(activiteiten["wmo"], "eigen wet wmo", "wmo")
    _opbrengst(activiteiten["wmo"], "geen wet, activiteit wmo", None)
    _opbrengst(activiteiten["beide"], "eigen wet jeugd bij gemengde activiteit", "jeugdwet")
    _opbrengst(activiteiten["jeugd"], "geen wet, activiteit jeugd", None)
    _opbrengst(activiteiten["jeugd"], "eigen wet wmo bij jeugdactiviteit", "wmo")
    client = _client(portefeuillehouder("wmo"))

    response = client.get(OPBRENGSTEN)
    assert _titels(response, "opbrengsten") == {
        "eigen wet wmo",
        "geen wet, activiteit wmo",
        "eigen wet wmo bij jeugdactiviteit",
    }
    assert SECTIE in response.content.decode()
    alles = client.get(OPBRENGSTEN + response.context["wissel_url"])
    assert len(_titels(alles, "opbrengsten")) == 5

    gewoon = _client(benoemde_termijn().lid.user).get(OPBRENGSTEN)
    assert len(_titels(gewoon, "opbrengsten")) == 5
    assert SECTIE not in gewoon.content.decode()
