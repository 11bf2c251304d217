"""The money pages through the portal: period steps, correction, export download, budget form."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adviesraad.financien.models import (
    Begroting,
    BegrotingStatus,
    Categorie,
    PeriodeStatus,
    RegelSoort,
    Vergoedingsperiode,
    Vergoedingsregel,
)
from adviesraad.financien.services.perioden import periode_aanmaken
from tests.conftest import mfa_verify
from tests.factories import UserFactory

from .helpers import aanwezig, lid_met_termijn

pytestmark = pytest.mark.django_db


def _client(rol: str) -> Client:
    client = Client()
    mfa_verify(client, UserFactory(roles=[rol]))
    return client


def test_periode_via_portaal_vier_ogen_export_en_correctie() -> None:
    lid = lid_met_termijn(date(2026, 1, 1))
    aanwezig(lid, date(2026, 1, 20), date(2026, 2, 17))
    ondersteuner, voorzitter, accounthouder = (
        _client("ondersteuner"),
        _client("voorzitter"),
        _client("accounthouder"),
    )
    assert (
        ondersteuner.post(reverse("financien:perioden"), {"dag": "2026-02-01"}).status_code == 302
    )
    periode = Vergoedingsperiode.objects.get()
    url = reverse("financien:periode", args=[periode.pk])
    assert "Voorbereiden" in ondersteuner.get(url).text
    assert "Voorbereiden" not in voorzitter.get(url).text  # buttons follow the table
    ondersteuner.post(url, {"naar": PeriodeStatus.VOORBEREID})
    # Without a reason the chair cannot send it back; the page says why.
    antwoord = voorzitter.post(url, {"naar": PeriodeStatus.CONCEPT, "reden": ""})
    assert "Geef een reden." in antwoord.text
    voorzitter.post(url, {"naar": PeriodeStatus.GECONTROLEERD})
    # The export is only there once the period is approved.
    assert accounthouder.get(reverse("financien:export_csv", args=[periode.pk])).status_code == 404
    accounthouder.post(url, {"naar": PeriodeStatus.GOEDGEKEURD})
    periode.refresh_from_db()
    assert periode.status == PeriodeStatus.GOEDGEKEURD
    antwoord = accounthouder.get(reverse("financien:export_csv", args=[periode.pk]))
    assert antwoord.status_code == 200 and "no-store" in antwoord["Cache-Control"]
    rijen = list(csv.DictReader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert [(r["referentie"], r["totaal"]) for r in rijen] == [(f"ASD-{lid.pk:05d}", "110.00")]
    antwoord = accounthouder.get(reverse("financien:export_xlsx", args=[periode.pk]))
    assert antwoord.content[:2] == b"PK"
    # A correction: in the next period, the locked line unchanged.
    correctie = reverse("financien:correctie", args=[periode.pk])
    fout = ondersteuner.post(correctie, {"lid": lid.pk, "bedrag": "abc", "toelichting": "x"})
    assert fout.status_code == 400 and "Vul een bedrag in" in fout.text
    ok = ondersteuner.post(correctie, {"lid": lid.pk, "bedrag": "-5,00", "toelichting": "Dubbel"})
    assert ok.status_code == 302
    regel = Vergoedingsregel.objects.get(soort=RegelSoort.CORRECTIE)
    assert regel.periode.begin == date(2026, 4, 1) and regel.bedrag == Decimal("-5.00")
    assert periode.regels.get().bedrag == Decimal("110.00")
    # The chair may not correct (the role table), and it changes nothing.
    assert (
        voorzitter.post(correctie, {"lid": lid.pk, "bedrag": "1", "toelichting": "x"}).status_code
        == 404
    )
    assert Vergoedingsregel.objects.filter(soort=RegelSoort.CORRECTIE).count() == 1


def test_begroting_opstellen_indienen_vaststellen_via_portaal() -> None:
    voorzitter, accounthouder = _client("voorzitter"), _client("accounthouder")
    jaar = 2026
    formulier = voorzitter.get(reverse("financien:begroting_bewerken", args=[jaar]))
    assert 'value="3000,00"' in formulier.text  # default from budget_per_jaar
    data = {c.value: "3000,00" for c in Categorie} | {
        "vergoedingen_raming": "9900",
        "voorzitter_uren": "182",
        "voorzitter_uurtarief": "85",
        "ondersteuner_uren": "208",
        "ondersteuner_uurtarief": "65",
    }
    assert (
        voorzitter.post(reverse("financien:begroting_bewerken", args=[jaar]), data).status_code
        == 302
    )
    pagina = reverse("financien:begroting", args=[jaar])
    voorzitter.post(pagina, {"naar": BegrotingStatus.INGEDIEND})
    accounthouder.post(pagina, {"naar": BegrotingStatus.VASTGESTELD})
    begroting = Begroting.objects.get()
    assert begroting.status == BegrotingStatus.VASTGESTELD and begroting.vastgesteld_op
    tekst = accounthouder.get(pagina).text
    assert "15.000,00" in tekst or "15000,00" in tekst
    assert "15.470,00" in tekst or "15470,00" in tekst  # 182 h x € 85 outside the budget


def test_begrotingsformulier_hypothesis() -> None:
    client = _client("ondersteuner")
    url = reverse("financien:begroting_bewerken", args=[2027])

    @settings(
        max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(
        bedrag=st.one_of(st.decimals(allow_nan=True, places=2).map(str), st.text(max_size=15)),
        uren=st.one_of(st.integers(min_value=-10, max_value=10**7).map(str), st.text(max_size=5)),
    )
    def probeer(bedrag: str, uren: str) -> None:
        voor = list(Begroting.objects.values_list("pk", "posten__bedrag"))
        data = {c.value: "1000" for c in Categorie} | {
            "scholing": bedrag,
            "vergoedingen_raming": "0",
            "voorzitter_uren": uren,
            "voorzitter_uurtarief": "0",
            "ondersteuner_uren": "0",
            "ondersteuner_uurtarief": "0",
        }
        antwoord = client.post(url, data)
        assert antwoord.status_code in (200, 302)
        if antwoord.status_code == 200:
            assert "utrecht-form-field-error-message" in antwoord.text
            assert list(Begroting.objects.values_list("pk", "posten__bedrag")) == voor
        else:
            post = Begroting.objects.get(jaar=2027).posten.get(categorie="scholing")
            assert Decimal(0) <= post.bedrag <= Decimal(100000)

    probeer()


def test_verklaring_toont_waarom_wel_en_niet() -> None:
    user = UserFactory(roles=["lid"])
    lid = lid_met_termijn(date(2026, 1, 1), user=user)
    aanwezig(lid, date(2026, 2, 3))
    aanwezig(lid, date(2026, 2, 10), aanwezigheid="afgemeld")
    client = Client()
    mfa_verify(client, user)
    tekst = client.get(reverse("financien:mijn_vergoeding"), {"periode": "2026-02-01"}).text
    assert "Aanwezig als lid." in tekst
    assert "Afgemeld: telt niet mee." in tekst
    assert "€ 55,00" in tekst
    # A bad period parameter is ignored (today's period), never a 500.
    assert (
        client.get(reverse("financien:mijn_vergoeding"), {"periode": "2026-99-99"}).status_code
        == 200
    )


def test_periode_aanmaken_twee_keer_is_dezelfde() -> None:
    a = periode_aanmaken(dag=date(2026, 5, 5), door=None)
    assert periode_aanmaken(dag=date(2026, 6, 30), door=None) == a
