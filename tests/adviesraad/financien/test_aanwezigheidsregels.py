"""Issue 12 §1: the chair changes what attendance counts through the house rules. The values
ride on a version of the huishoudelijk reglement and apply from its adoption date, not before."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from adviesraad.financien import vergoeding
from adviesraad.financien.regels import weging_sleutel
from adviesraad.financien.services.aanwezigheidsregels import aanwezigheidsregels_voorstellen
from adviesraad.vergaderingen.models import Soort
from hengelo_participatie.core.schrijven import vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from verordening.models import HuishoudelijkReglement, Regel
from verordening.rules import Sleutel, rule
from verordening.services.huishoudelijk_reglement import (
    huishoudelijk_reglement_goedkeuren,
    huishoudelijk_reglement_terugsturen,
)

from .helpers import aanwezig, lid_met_termijn

pytestmark = pytest.mark.django_db

D = Decimal
MARKT = weging_sleutel(Soort.POLITIEKE_MARKT)


def _overzicht(lid, begin: date, einde: date) -> vergoeding.Overzicht:
    return vergoeding.bereken([vergoeding.lid_geladen(lid.pk)], begin, einde)[0]


def test_wijziging_van_de_voorzitter_geldt_vanaf_de_goedkeuring_en_niet_eerder() -> None:
    vandaag_ = vandaag()
    gisteren, morgen = vandaag_ - timedelta(days=1), vandaag_ + timedelta(days=1)
    lid = lid_met_termijn(date(2026, 1, 1))  # a member: 50 % of € 2.200 / 20 = € 55,00
    aanwezig(lid, gisteren, morgen, soort=Soort.POLITIEKE_MARKT)
    voorzitter = UserFactory(roles=["voorzitter"])
    accounthouder = UserFactory(roles=["accounthouder"])

    reglement = aanwezigheidsregels_voorstellen(
        regels={MARKT: "50", Sleutel.VERGOEDING_AFGEMELD: "0"},
        toelichting="Politieke markten tellen half.",
        door=voorzitter,
    )
    assert reglement.status == HuishoudelijkReglement.Status.INGEDIEND
    assert reglement.aanwezigheidsregels == {MARKT: "50"}  # only what changed
    # Submitted, not adopted: nothing changes yet.
    assert rule(MARKT, on=morgen).waarde == D("100")
    assert [b.bedrag for b in _overzicht(lid, gisteren, morgen).bijeenkomsten] == [
        D("55.00"),
        D("55.00"),
    ]

    huishoudelijk_reglement_goedkeuren(reglement=reglement, door=accounthouder)

    assert rule(MARKT, on=gisteren).waarde == D("100")
    assert rule(MARKT, on=vandaag_).waarde == D("50")
    nieuw = Regel.objects.get(sleutel=MARKT, geldig_vanaf=vandaag_)
    assert f"versie {reglement.pk}" in nieuw.bron_toelichting
    assert nieuw.bron is not None  # still cites the article of the verordening
    assert nieuw.history.first().history_user == accounthouder
    o = _overzicht(lid, gisteren, morgen)
    assert [b.bedrag for b in o.bijeenkomsten] == [D("55.00"), D("27.50")]
    assert o.bedrag == D("82.50")


def test_teruggestuurd_reglement_verandert_niets() -> None:
    voorzitter = UserFactory(roles=["voorzitter"])
    reglement = aanwezigheidsregels_voorstellen(
        regels={Sleutel.VERGOEDING_DOORBETALING_VERZUIM: 6}, toelichting="", door=voorzitter
    )
    huishoudelijk_reglement_terugsturen(
        reglement=reglement, door=UserFactory(roles=["accounthouder"]), opmerkingen="Nee."
    )
    assert rule(Sleutel.VERGOEDING_DOORBETALING_VERZUIM, on=vandaag()).waarde.aantal == 3


@pytest.mark.parametrize("rol", ["lid", "beleidsmedewerker", "ondersteuner", "accounthouder"])
def test_anderen_dan_de_voorzitter_mogen_het_niet(rol: str) -> None:
    with pytest.raises(PermissionDenied):
        aanwezigheidsregels_voorstellen(
            regels={MARKT: "50"}, toelichting="", door=UserFactory(roles=[rol])
        )
    assert not HuishoudelijkReglement.objects.exists()


@pytest.mark.parametrize(
    "regels",
    [
        {MARKT: "-5"},
        {MARKT: "150"},
        {MARKT: "veel"},
        {Sleutel.VERGOEDING_DOORBETALING_VERZUIM: -1},
        {Sleutel.VERGOEDING_LID: "100"},  # not an attendance rule
        {"vergoeding_weging_onbekend": "50"},
        {MARKT: "100"},  # nothing changed
        {},
    ],
)
def test_foute_invoer_verandert_niets(regels) -> None:
    aantal = Regel.objects.count()
    with pytest.raises(ValidationError):
        aanwezigheidsregels_voorstellen(
            regels=regels, toelichting="", door=UserFactory(roles=["voorzitter"])
        )
    assert not HuishoudelijkReglement.objects.exists()
    assert Regel.objects.count() == aantal


# --- The portal page --------------------------------------------------------------------------
URL = "/portaal/financien/aanwezigheidsregels/"


def _client(rol: str) -> Client:
    client = Client()
    mfa_verify(client, UserFactory(roles=[rol]))
    return client


def _formulier(**wijzigingen: str) -> dict[str, str]:
    data = {
        r.sleutel: str(r.waarde)
        for r in Regel.objects.filter(geldig_tot__isnull=True)
        if r.sleutel.startswith("vergoeding_weging_")
    }
    data |= {Sleutel.VERGOEDING_AFGEMELD: "0", Sleutel.VERGOEDING_DOORBETALING_VERZUIM: "3"}
    return data | {"toelichting": ""} | wijzigingen


def test_pagina_voorzitter_dient_in(django_assert_max_num_queries) -> None:
    assert reverse("financien:aanwezigheidsregels") == URL
    client = _client("voorzitter")
    with django_assert_max_num_queries(10):
        pagina = client.get(URL)
    assert pagina.status_code == 200
    assert "Vergoeding voor politieke markten (procent)" in pagina.text
    antwoord = client.post(URL, _formulier(**{MARKT: "50", "toelichting": "Half."}))
    assert antwoord.status_code == 302
    reglement = HuishoudelijkReglement.objects.get()
    assert reglement.aanwezigheidsregels == {MARKT: "50"}
    assert reglement.tekst == "Half."
    assert reglement.status == HuishoudelijkReglement.Status.INGEDIEND
    assert "ingediend op" in client.get(URL).text


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({MARKT: "150"}, "Vul een percentage van 0 tot en met 100 in."),
        ({MARKT: "-1"}, "Vul een percentage van 0 tot en met 100 in."),
        ({MARKT: "veel"}, "Vul een percentage in, bijvoorbeeld 50."),
        ({Sleutel.VERGOEDING_DOORBETALING_VERZUIM: "1,5"}, "Vul een heel aantal maanden in"),
        ({}, "U heeft geen regel veranderd."),
    ],
)
def test_pagina_foute_invoer_geeft_een_nederlandse_fout(wijziging, melding) -> None:
    antwoord = _client("voorzitter").post(URL, _formulier(**wijziging))
    assert antwoord.status_code == 200
    assert melding in antwoord.text
    assert not HuishoudelijkReglement.objects.exists()


@pytest.mark.parametrize("rol", ["lid", "beleidsmedewerker", "ondersteuner", "accounthouder"])
def test_pagina_is_er_niet_voor_anderen(rol: str) -> None:
    client = _client(rol)
    assert client.get(URL).status_code == 404
    assert client.post(URL, _formulier(**{MARKT: "50"})).status_code == 404
    assert not HuishoudelijkReglement.objects.exists()


def test_het_college_ziet_de_regels_in_het_beheer_en_keurt_goed() -> None:
    reglement = aanwezigheidsregels_voorstellen(
        regels={MARKT: "50"}, toelichting="", door=UserFactory(roles=["voorzitter"])
    )
    client = _client("accounthouder")
    url = reverse("admin:verordening_huishoudelijkreglement_change", args=[reglement.pk])
    assert f"{MARKT} = 50" in client.get(url).text
