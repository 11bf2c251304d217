"""The yearly budget: default from budget_per_jaar, adoption with date and version, a change is a
new version, monitoring per category with the 80 % / 100 % warnings, the overview PDF."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from adviesraad.financien.models import Begroting, BegrotingStatus, Categorie, DeclaratieStatus
from adviesraad.financien.selectors import begroting_pagina
from adviesraad.financien.services.begroting import (
    begroting_opslaan,
    begroting_overgang,
    standaardverdeling,
)
from adviesraad.financien.services.declaraties import declaratie_indienen, declaratie_overgang
from hengelo_participatie.core.schrijven import vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = Decimal
BS = BegrotingStatus


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    return None


@pytest.fixture
def mensen() -> dict[str, Any]:
    return {
        rol: UserFactory(roles=[rol])
        for rol in ("ondersteuner", "voorzitter", "accounthouder", "beleidsmedewerker", "lid")
    }


def _vastgesteld(mensen: dict[str, Any], jaar: int, bedragen: dict[str, Decimal] | None = None):
    begroting = begroting_opslaan(
        jaar=jaar, bedragen=bedragen or standaardverdeling(jaar), door=mensen["ondersteuner"]
    )
    begroting = begroting_overgang(
        begroting=begroting, naar=BS.INGEDIEND, door=mensen["voorzitter"]
    )
    return begroting_overgang(
        begroting=begroting, naar=BS.VASTGESTELD, door=mensen["accounthouder"], op=date(2026, 1, 20)
    )


def test_standaard_uit_budget_per_jaar() -> None:
    verdeling = standaardverdeling(2026)
    assert sum(verdeling.values()) == D("15000.00")
    assert verdeling[Categorie.SCHOLING] == D("3000.00")


def test_vaststellen_met_datum_en_wijziging_is_nieuwe_versie(mensen) -> None:
    with pytest.raises(PermissionDenied):
        begroting_opslaan(jaar=2026, bedragen=standaardverdeling(2026), door=mensen["lid"])
    v1 = _vastgesteld(mensen, 2026)
    assert (v1.versie, v1.status, v1.vastgesteld_op) == (1, BS.VASTGESTELD, date(2026, 1, 20))
    bedragen = standaardverdeling(2026) | {Categorie.COMMUNICATIE: D("5000.00")}
    v2 = begroting_opslaan(jaar=2026, bedragen=bedragen, door=mensen["voorzitter"])
    assert v2.versie == 2 and v2.status == BS.CONCEPT
    v1.refresh_from_db()
    assert v1.status == BS.VASTGESTELD  # the adopted one stands until the new one is adopted
    v2 = begroting_overgang(begroting=v2, naar=BS.INGEDIEND, door=mensen["ondersteuner"])
    v2 = begroting_overgang(begroting=v2, naar=BS.VASTGESTELD, door=mensen["accounthouder"])
    v1.refresh_from_db()
    assert v1.status == BS.VERVANGEN
    pagina = begroting_pagina(mensen["voorzitter"], 2026)
    assert pagina.geldend == v2
    assert pagina.totaal.begroot == D("17000.00")


def test_foute_bedragen_veranderen_niets(mensen) -> None:
    with pytest.raises(ValidationError):
        begroting_opslaan(
            jaar=2026,
            bedragen=standaardverdeling(2026) | {Categorie.SCHOLING: D("-1")},
            door=mensen["ondersteuner"],
        )
    client = _client(mensen["ondersteuner"])
    data = {c.value: "1000,00" for c in Categorie} | {
        "scholing": "999999999",
        "vergoedingen_raming": "0",
        "voorzitter_uren": "0",
        "voorzitter_uurtarief": "0",
        "ondersteuner_uren": "0",
        "ondersteuner_uurtarief": "0",
    }
    antwoord = client.post(reverse("financien:begroting_bewerken", args=[2026]), data)
    assert antwoord.status_code == 200 and "tot € 100.000" in antwoord.text
    assert not Begroting.objects.exists()


def _client(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _uitgave(mensen: dict[str, Any], bedrag: str, status: str, categorie: str = "scholing"):
    declaratie = declaratie_indienen(
        datum=vandaag(),
        categorie=categorie,
        bedrag=D(bedrag),
        omschrijving="Uitgave",
        bon=SimpleUploadedFile("bon.pdf", b"%PDF-1.4\n%%EOF\n"),
        door=mensen["lid"],
    )
    stappen = {
        DeclaratieStatus.INGEDIEND: [],
        DeclaratieStatus.GOEDGEKEURD: [(DeclaratieStatus.GOEDGEKEURD, "ondersteuner")],
        DeclaratieStatus.BETAALD: [
            (DeclaratieStatus.GOEDGEKEURD, "ondersteuner"),
            (DeclaratieStatus.BETAALD, "accounthouder"),
        ],
    }[status]
    for naar, rol in stappen:
        declaratie = declaratie_overgang(declaratie=declaratie, naar=naar, door=mensen[rol])
    return declaratie


def test_bewaking_per_categorie_met_waarschuwingen_en_pdf(mensen) -> None:
    jaar = vandaag().year
    bedragen = {c.value: D("1000.00") for c in Categorie}
    _vastgesteld(mensen, jaar, bedragen)
    for _ in range(4):
        _uitgave(mensen, "200.00", DeclaratieStatus.BETAALD)  # scholing: 800 paid = 80 %
    _uitgave(mensen, "150.00", DeclaratieStatus.GOEDGEKEURD, "communicatie")
    _uitgave(mensen, "250.00", DeclaratieStatus.BETAALD, "communicatie")
    _uitgave(mensen, "200.00", DeclaratieStatus.GOEDGEKEURD, "communicatie")
    _uitgave(mensen, "250.00", DeclaratieStatus.BETAALD, "communicatie")
    _uitgave(mensen, "160.00", DeclaratieStatus.BETAALD, "communicatie")  # 1010 = 101 %
    _uitgave(mensen, "99.00", DeclaratieStatus.INGEDIEND, "lidmaatschappen")

    pagina = begroting_pagina(mensen["ondersteuner"], jaar)
    posten = {p.categorie: p for p in pagina.posten}
    scholing, communicatie = posten["scholing"], posten["communicatie"]
    assert (scholing.betaald, scholing.verplicht, scholing.resterend) == (
        D("800.00"),
        D("0.00"),
        D("200.00"),
    )
    assert scholing.waarschuwing.startswith("Let op: 80%")
    assert (communicatie.verplicht, communicatie.betaald) == (D("350.00"), D("660.00"))
    assert communicatie.resterend == D("-10.00")
    assert communicatie.waarschuwing.startswith("Overschreden: 101%")
    assert posten["lidmaatschappen"].in_behandeling == D("99.00")
    assert posten["lidmaatschappen"].waarschuwing == ""
    with pytest.raises(Http404):
        begroting_pagina(mensen["beleidsmedewerker"], jaar)

    antwoord = _client(mensen["accounthouder"]).get(reverse("financien:begroting_pdf", args=[jaar]))
    assert antwoord.status_code == 200
    tekst = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages
    ).replace("\n", " ")
    assert "Begroot: € 1.000,00" in tekst or "Begroot: € 1000,00" in tekst
    assert "Resterend: € 200,00" in tekst
    assert "Resterend: € -10,00" in tekst
    assert "Overschreden: 101%" in tekst
    assert "Begroot: € 5.000,00" in tekst or "Begroot: € 5000,00" in tekst  # the total
