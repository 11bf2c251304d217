"""Expense declarations: the portal form and the services, bad input, the threshold, receipts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adviesraad.financien.models import (
    Begroting,
    BegrotingStatus,
    Declaratie,
    DeclaratieStatus,
)
from adviesraad.financien.services.declaraties import declaratie_indienen, declaratie_overgang
from adviesraad.financien.services.perioden import periode_aanmaken, periode_overgang
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.models import Bestand
from tests.conftest import mfa_verify
from tests.factories import UserFactory

from .helpers import aanwezig, lid_met_termijn

pytestmark = pytest.mark.django_db
D = Decimal
DS = DeclaratieStatus
MINI_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    return None


def _bon(inhoud: bytes = MINI_PDF, naam: str = "bon.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def _client(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _indienen(user: Any, bedrag: str = "45.00", **kw: Any) -> Declaratie:
    return declaratie_indienen(
        datum=kw.pop("datum", vandaag()),
        categorie=kw.pop("categorie", "scholing"),
        bedrag=D(bedrag),
        omschrijving=kw.pop("omschrijving", "Cursus"),
        bon=kw.pop("bon", _bon()),
        door=user,
    )


@pytest.fixture
def mensen() -> dict[str, Any]:
    lid_a = lid_met_termijn(date(2026, 1, 1), user=UserFactory(roles=["lid"]))
    lid_b = lid_met_termijn(date(2026, 1, 1), user=UserFactory(roles=["lid"]))
    return {
        "a": lid_a.user,
        "b": lid_b.user,
        "lid_a": lid_a,
        "lid_b": lid_b,
        "ondersteuner": UserFactory(roles=["ondersteuner"]),
        "voorzitter": UserFactory(roles=["voorzitter"]),
        "accounthouder": UserFactory(roles=["accounthouder"]),
        "beleid": UserFactory(roles=["beleidsmedewerker"]),
    }


def test_indienen_via_portaal_en_bon_alleen_voor_eigenaar_en_staf(pdf_bytes, mensen) -> None:
    client = _client(mensen["a"])
    antwoord = client.post(
        reverse("financien:declaraties"),
        {
            "datum": vandaag().isoformat(),
            "categorie": "communicatie",
            "bedrag": "12,50",
            "omschrijving": "Postzegels",
            "bon": _bon(pdf_bytes),
        },
    )
    assert antwoord.status_code == 302
    declaratie = Declaratie.objects.get()
    assert declaratie.bedrag == D("12.50")
    assert declaratie.indiener_referentie.startswith("ASD-")
    bon_url = reverse("financien:bon", args=[declaratie.pk])
    generiek = reverse("files:download", args=[declaratie.bon_id])
    detail = reverse("financien:declaratie", args=[declaratie.pk])
    for user, status in (
        (mensen["a"], 200),
        (mensen["ondersteuner"], 200),
        (mensen["voorzitter"], 200),
        (mensen["accounthouder"], 200),
        (mensen["b"], 404),
        (mensen["beleid"], 404),
    ):
        c = _client(user)
        assert c.get(bon_url).status_code == status, user
        assert c.get(generiek).status_code == status, user
        assert c.get(detail).status_code == status, user
    # Member b's list does not show a's declaration.
    assert "Postzegels" not in _client(mensen["b"]).get(reverse("financien:declaraties")).text


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("bedrag", "-5,00", "groter is dan € 0"),
        ("bedrag", "0", "groter is dan € 0"),
        ("bedrag", "99999999", "tot € 100.000"),
        ("bedrag", "abc", "Vul een bedrag in"),
        ("bedrag", "1,234", "twee cijfers achter de komma"),
        ("categorie", "reizen", "Kies een van de vijf"),
        ("bon", None, "Voeg de bon of factuur toe"),
        ("datum", "2099-01-01", "niet in de toekomst"),
    ],
)
def test_foute_invoer_geeft_nederlandse_fout_en_verandert_niets(mensen, veld, waarde, melding):
    data: dict[str, Any] = {
        "datum": vandaag().isoformat(),
        "categorie": "scholing",
        "bedrag": "10,00",
        "omschrijving": "Boek",
        "bon": _bon(),
    }
    if waarde is None:
        del data[veld]
    else:
        data[veld] = waarde
    antwoord = _client(mensen["a"]).post(reverse("financien:declaraties"), data)
    assert antwoord.status_code == 400
    assert melding in antwoord.text
    assert not Declaratie.objects.exists()
    assert not Bestand.objects.exists()


def test_declaratie_in_afgesloten_jaar_geweigerd(mensen) -> None:
    jaar = vandaag().year - 1
    Begroting.objects.create(jaar=jaar, status=BegrotingStatus.AFGESLOTEN)
    with pytest.raises(ValidationError, match="afgesloten"):
        _indienen(mensen["a"], datum=date(jaar, 6, 1))
    antwoord = _client(mensen["a"]).post(
        reverse("financien:declaraties"),
        {
            "datum": date(jaar, 6, 1).isoformat(),
            "categorie": "scholing",
            "bedrag": "10,00",
            "omschrijving": "Boek",
            "bon": _bon(),
        },
    )
    assert antwoord.status_code == 400 and "is afgesloten" in antwoord.text
    assert not Declaratie.objects.exists() and not Bestand.objects.exists()


def test_drempel_voorzitter_en_afwijzen_met_reden(mensen) -> None:
    klein = _indienen(mensen["a"], "250.00")
    groot = _indienen(mensen["a"], "250.01")
    with pytest.raises(ValidationError, match="keurt de voorzitter goed"):
        declaratie_overgang(declaratie=groot, naar=DS.GOEDGEKEURD, door=mensen["ondersteuner"])
    klein = declaratie_overgang(declaratie=klein, naar=DS.GOEDGEKEURD, door=mensen["ondersteuner"])
    assert klein.status == DS.GOEDGEKEURD
    groot = declaratie_overgang(
        declaratie=groot, naar=DS.GECONTROLEERD, door=mensen["ondersteuner"]
    )
    with pytest.raises(ValidationError, match="Geef een reden"):
        declaratie_overgang(declaratie=groot, naar=DS.AFGEWEZEN, door=mensen["voorzitter"])
    groot = declaratie_overgang(declaratie=groot, naar=DS.GOEDGEKEURD, door=mensen["voorzitter"])
    betaald = declaratie_overgang(declaratie=groot, naar=DS.BETAALD, door=mensen["accounthouder"])
    assert betaald.status == DS.BETAALD
    derde = _indienen(mensen["a"], "20.00")
    derde = declaratie_overgang(
        declaratie=derde, naar=DS.AFGEWEZEN, door=mensen["ondersteuner"], reden="Geen bon"
    )
    assert derde.reden_afwijzing == "Geen bon"


def test_niemand_keurt_zijn_eigen_declaratie_goed(mensen) -> None:
    eigen = _indienen(mensen["ondersteuner"], "20.00")
    with pytest.raises(ValidationError, match="Vier ogen"):
        declaratie_overgang(declaratie=eigen, naar=DS.GOEDGEKEURD, door=mensen["ondersteuner"])


def test_lid_ziet_nooit_de_vergoeding_van_een_ander(mensen) -> None:
    client = _client(mensen["a"])
    assert client.get(reverse("financien:mijn_vergoeding")).status_code == 200
    eigen = reverse("financien:vergoeding_lid", args=[mensen["lid_a"].pk])
    ander = reverse("financien:vergoeding_lid", args=[mensen["lid_b"].pk])
    assert client.get(eigen).status_code == 200
    assert client.get(ander).status_code == 404
    assert _client(mensen["beleid"]).get(ander).status_code == 404
    assert _client(mensen["voorzitter"]).get(ander).status_code == 200


def test_avg_export_bevat_vergoeding_en_declaraties(mensen) -> None:
    _indienen(mensen["a"], "33.00", omschrijving="Boek over de Wmo")
    _indienen(mensen["b"], "44.00", omschrijving="Niet van a")
    aanwezig(mensen["lid_a"], date(2026, 2, 10))
    aanwezig(mensen["lid_b"], date(2026, 2, 10), date(2026, 2, 17))
    periode = periode_aanmaken(dag=date(2026, 2, 1), door=None)
    periode_overgang(periode=periode, naar="voorbereid", door=None, op=date(2026, 4, 2))
    data = _client(mensen["a"]).get(reverse("lidmaatschap:export")).json()
    assert [d["omschrijving"] for d in data["declaraties"]] == ["Boek over de Wmo"]
    assert data["declaraties"][0]["bedrag"] == "33.00"
    assert [(v["periode_begin"], v["bedrag"]) for v in data["vergoedingen"]] == [
        ("2026-01-01", "55.00")
    ]


def test_formulier_hypothesis(mensen) -> None:
    """Any input: no 500; invalid input writes no rows and shows what to fix."""
    client = _client(mensen["a"])

    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(
        bedrag=st.one_of(
            st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
            st.text(max_size=12),
        ),
        categorie=st.one_of(st.sampled_from(["scholing", "communicatie"]), st.text(max_size=20)),
        dagen=st.integers(min_value=-400, max_value=400),
        omschrijving=st.text(max_size=320),
    )
    def probeer(bedrag: str, categorie: str, dagen: int, omschrijving: str) -> None:
        voor = Declaratie.objects.count()
        antwoord = client.post(
            reverse("financien:declaraties"),
            {
                "datum": (vandaag() + timedelta(days=dagen)).isoformat(),
                "categorie": categorie,
                "bedrag": bedrag,
                "omschrijving": omschrijving,
                "bon": _bon(),
            },
        )
        assert antwoord.status_code in (302, 400)
        if antwoord.status_code == 400:
            assert Declaratie.objects.count() == voor
            assert "utrecht-form-field-error-message" in antwoord.text
        else:
            nieuw = Declaratie.objects.latest("pk")
            assert D("0.01") <= nieuw.bedrag <= D("100000")
            assert nieuw.categorie in ("scholing", "communicatie")

    probeer()
