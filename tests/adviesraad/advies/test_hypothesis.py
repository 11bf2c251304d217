"""Bad input (Hypothesis) against every form and POST view of the advice workflow, portal and
admin: arbitrary text, unicode, control characters, markup and huge values never give a 500,
never store invalid data, and a refused form tells the user what to fix.

Each example runs in a savepoint that is rolled back, so every example starts from the same
state (the fixtures are built once per test).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from adviesraad.advies import transitions
from adviesraad.advies.opmaak import opschonen
from adviesraad.advies.services.aanvraag import aanvraag_aanmaken, overgang_uitvoeren
from adviesraad.models.advies import (
    Advies,
    Adviesaanvraag,
    Belangmelding,
    Collegereactie,
    Document,
    Goedkeuring,
    Oordeel,
    Overname,
    Puntreactie,
    Soort,
    Status,
    Statuswijziging,
)
from tests.adviesraad.advies.helpers import gevraagd, tot_ter_goedkeuring, tot_verzonden

pytestmark = pytest.mark.django_db

INSTELLINGEN = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

_RAAR = [
    "",
    " ",
    "\x00",
    "\u200b",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "file:///etc/passwd",
    "@import url(http://evil.example/x.css);",
    '<link rel="attachment" href="file:///etc/passwd">',
    "Ω≈ç√∫˜µ≤≥÷ 𝕳𝖊𝖓𝖌𝖊𝖑𝖔 🙂 عربى",
    "a" * 100_000,
]
tekst = st.one_of(
    st.text(max_size=300),
    st.sampled_from(_RAAR),
    st.text(min_size=1, max_size=20).map(lambda s: s * 2_000),  # huge, up to 40,000 characters
)
datum = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["2026-02-30", "99999-01-01", "31-12-2026", "-1", "0000-00-00"]),
    tekst,
)
getal = st.one_of(st.integers(-(2**63), 2**63).map(str), tekst)


@contextmanager
def _terugdraaien() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _ok_of_fout(response: Any) -> None:
    """No 500 (the test client re-raises exceptions); a 200 shows the form with its errors."""
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert response.context["form"].errors


@pytest.fixture
def staf(raad: dict[str, Any], client_van: Any) -> dict[str, Client]:
    return {
        "ondersteuner": client_van(raad["ondersteuner"]),
        "voorzitter": client_van(raad["voorzitter"].user),
        "lid": client_van(raad["leden"][0].user),
        "beleid": client_van(raad["beleidsmedewerker"]),
    }


# --- New request -----------------------------------------------------------------------------
@INSTELLINGEN
@given(
    data=st.fixed_dictionaries(
        {
            "soort": st.one_of(st.sampled_from(Soort.values), tekst),
            "titel": tekst,
            "samenvatting": tekst,
            "kernwetten": st.lists(getal, max_size=3),
            "themas": tekst,
            "zaaknummer": tekst,
            "wethouder": tekst,
            "vragen": tekst,
            "meedenken_op": datum,
            "toelichting_op": datum,
            "adviesgesprek_op": datum,
        }
    )
)
def test_nieuwe_aanvraag(staf: dict[str, Client], data: dict[str, Any]) -> None:
    with _terugdraaien():
        voor = set(Adviesaanvraag.objects.values_list("pk", flat=True))
        response = staf["ondersteuner"].post("/portaal/advies/nieuw/", data)
        _ok_of_fout(response)
        nieuw = Adviesaanvraag.objects.exclude(pk__in=voor)
        if response.status_code == 200:
            assert not nieuw.exists()
            return
        aanvraag = nieuw.get()
        aanvraag.full_clean()
        assert aanvraag.titel == data["titel"].strip() and aanvraag.titel
        assert aanvraag.status == transitions.BEGINSTATUS[aanvraag.soort]
        assert all(v.tekst.strip() and "\x00" not in v.tekst for v in aanvraag.vragen.all())


# --- Concept ---------------------------------------------------------------------------------
@INSTELLINGEN
@given(
    data=st.fixed_dictionaries(
        {"inleiding": tekst, "punt_1": tekst, "punt_2": tekst, "punt_3": tekst, "punt_9": tekst}
    )
)
def test_concept(
    raad: dict[str, Any], pdf_bytes: bytes, staf: dict[str, Client], data: dict[str, Any]
) -> None:
    aanvraag = _in_voorbereiding(raad, pdf_bytes)
    with _terugdraaien():
        response = staf["ondersteuner"].post(f"/portaal/advies/{aanvraag.pk}/concept/", data)
        _ok_of_fout(response)
        versies = Advies.objects.filter(aanvraag=aanvraag)
        if response.status_code == 200:
            assert not versies.exists()
            return
        punten = [p.tekst for p in versies.get().punten.order_by("nummer")]
        assert punten and all(p == opschonen(p) and p for p in punten)
        assert not any("<script" in p or "onerror" in p for p in punten)


_cache: dict[str, Any] = {}


@pytest.fixture(autouse=True)
def _leeg_cache() -> Iterator[None]:
    _cache.clear()
    yield
    _cache.clear()


def _in_voorbereiding(raad: dict[str, Any], pdf_bytes: bytes) -> Adviesaanvraag:
    if "voorbereiding" not in _cache:
        aanvraag = aanvraag_aanmaken(
            soort=Soort.ONGEVRAAGD, titel="Ongevraagd", door=raad["ondersteuner"]
        )
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.IN_VOORBEREIDING, door=raad["ondersteuner"]
        )
        _cache["voorbereiding"] = aanvraag
    return _cache["voorbereiding"]


def _ter_goedkeuring(raad: dict[str, Any], pdf_bytes: bytes) -> Adviesaanvraag:
    if "ronde" not in _cache:
        _cache["ronde"] = tot_ter_goedkeuring(gevraagd(raad, pdf_bytes), raad)
    return _cache["ronde"]


def _verzonden(raad: dict[str, Any], pdf_bytes: bytes) -> Adviesaanvraag:
    if "verzonden" not in _cache:
        _cache["verzonden"] = tot_verzonden(gevraagd(raad, pdf_bytes), raad)
    return _cache["verzonden"]


# --- Approval and conflict of interest ------------------------------------------------------
@INSTELLINGEN
@given(
    data=st.fixed_dictionaries(
        {"oordeel": st.one_of(st.sampled_from(Oordeel.values), tekst), "opmerking": tekst}
    )
)
def test_goedkeuren(
    raad: dict[str, Any], pdf_bytes: bytes, staf: dict[str, Client], data: dict[str, Any]
) -> None:
    aanvraag = _ter_goedkeuring(raad, pdf_bytes)
    with _terugdraaien():
        response = staf["lid"].post(f"/portaal/advies/{aanvraag.pk}/goedkeuren/", data)
        _ok_of_fout(response)
        g = Goedkeuring.objects.get(ronde__advies__aanvraag=aanvraag, lid=raad["leden"][0])
        if response.status_code == 200:
            assert g.oordeel == Oordeel.OPEN and g.gegeven_op is None
            return
        assert g.oordeel in (Oordeel.AKKOORD, Oordeel.WIJZIGING)
        assert g.oordeel == data["oordeel"]
        if g.oordeel == Oordeel.WIJZIGING:
            assert g.opmerking.strip()


@INSTELLINGEN
@given(data=st.fixed_dictionaries({"toelichting": tekst}))
def test_belang(
    raad: dict[str, Any], pdf_bytes: bytes, staf: dict[str, Client], data: dict[str, Any]
) -> None:
    aanvraag = _in_voorbereiding(raad, pdf_bytes)
    with _terugdraaien():
        response = staf["lid"].post(f"/portaal/advies/{aanvraag.pk}/belang/", data)
        _ok_of_fout(response)
        meldingen = Belangmelding.objects.filter(aanvraag=aanvraag)
        if response.status_code == 200:
            assert not meldingen.exists()
            return
        melding = meldingen.get()
        assert melding.toelichting == data["toelichting"].strip() and melding.toelichting


# --- Meedenken ------------------------------------------------------------------------------
@INSTELLINGEN
@given(data=st.fixed_dictionaries({"meedenken_op": datum, "mondelinge_inbreng": tekst}))
def test_inbreng(raad: dict[str, Any], staf: dict[str, Client], data: dict[str, Any]) -> None:
    if "meedenken" not in _cache:
        _cache["meedenken"] = aanvraag_aanmaken(
            soort=Soort.MEEDENKEN, titel="Meedenken", door=raad["beleidsmedewerker"]
        )
    aanvraag = _cache["meedenken"]
    with _terugdraaien():
        response = staf["beleid"].post(f"/portaal/advies/{aanvraag.pk}/inbreng/", data)
        _ok_of_fout(response)
        aanvraag.refresh_from_db()
        if response.status_code == 200:
            assert aanvraag.mondelinge_inbreng == ""
            return
        aanvraag.full_clean()
        assert aanvraag.mondelinge_inbreng == data["mondelinge_inbreng"].strip()
        assert aanvraag.mondelinge_inbreng


# --- The College's response ------------------------------------------------------------------
oordeel = st.one_of(st.sampled_from(Overname.values), tekst)


@INSTELLINGEN
@given(
    data=st.fixed_dictionaries(
        {
            "besluitdatum": datum,
            "oordeel_1": oordeel,
            "toelichting_1": tekst,
            "oordeel_2": oordeel,
            "toelichting_2": tekst,
        }
    )
)
def test_reactie(
    raad: dict[str, Any], pdf_bytes: bytes, staf: dict[str, Client], data: dict[str, Any]
) -> None:
    aanvraag = _verzonden(raad, pdf_bytes)
    with _terugdraaien():
        response = staf["beleid"].post(f"/portaal/advies/{aanvraag.pk}/reactie/", data)
        _ok_of_fout(response)
        reacties = Collegereactie.objects.filter(advies__aanvraag=aanvraag)
        if response.status_code == 200:
            assert not reacties.exists() and not Puntreactie.objects.exists()
            return
        reactie = reacties.get()
        assert reactie.besluitdatum >= reactie.advies.verzonden_op
        for p in Puntreactie.objects.filter(reactie=reactie):
            assert p.oordeel in Overname.values
            assert p.oordeel == Overname.OVERGENOMEN or p.toelichting.strip()


# --- Documents -------------------------------------------------------------------------------
@INSTELLINGEN
@given(
    titel=tekst,
    naam=st.one_of(
        st.text(min_size=1, max_size=80),
        st.sampled_from(["../../etc/passwd", "a.svg", "x.html", "concept.pdf", "..", "\x00.pdf"]),
    ),
    inhoud=st.one_of(st.binary(max_size=2_000), st.sampled_from([b"%PDF-1.4\n", b"<svg/>"])),
    vertrouwelijk=st.sampled_from(["", "on", "x" * 1_000]),
)
def test_document(
    raad: dict[str, Any],
    pdf_bytes: bytes,
    staf: dict[str, Client],
    titel: str,
    naam: str,
    inhoud: bytes,
    vertrouwelijk: str,
) -> None:
    aanvraag = _in_voorbereiding(raad, pdf_bytes)
    with _terugdraaien():
        try:
            upload = SimpleUploadedFile(naam, inhoud)
        except SuspiciousFileOperation:
            assume(False)  # a name the browser cannot send ("", "/", "..")
        response = staf["ondersteuner"].post(
            f"/portaal/advies/{aanvraag.pk}/documenten/nieuw/",
            {"titel": titel, "upload": upload, "vertrouwelijk": vertrouwelijk},
        )
        _ok_of_fout(response)
        documenten = Document.objects.filter(aanvraag=aanvraag)
        if response.status_code == 200:
            assert not documenten.exists()
            return
        document = documenten.get()  # only a real document (magic bytes) gets this far
        assert document.titel == titel.strip() and document.titel
        assert "/" not in document.bestand.bestand.name.rsplit("/", 1)[-1].replace("..", "/")


# --- Transitions, portal and admin ------------------------------------------------------------
naar = st.one_of(
    st.sampled_from(Status.values), st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True)
)


def _wijziging_klopt(aanvraag: Adviesaanvraag, van: str, aantal: int) -> None:
    """Either nothing changed, or one step of the table was taken (with its reason)."""
    aanvraag.refresh_from_db()
    nu = Statuswijziging.objects.filter(aanvraag=aanvraag).count()
    if aanvraag.status == van:
        assert nu == aantal
        return
    assert nu == aantal + 1
    assert transitions.WERKSTROOM.zoek(van, aanvraag.status, aanvraag.soort) is not None
    if aanvraag.status == Status.INGETROKKEN:
        assert aanvraag.ingetrokken_reden.strip()
        assert aanvraag.ingetrokken_reden == aanvraag.ingetrokken_reden.strip()


@INSTELLINGEN
@given(naar=naar, reden=tekst)
def test_overgang_portaal(
    raad: dict[str, Any], pdf_bytes: bytes, staf: dict[str, Client], naar: str, reden: str
) -> None:
    aanvraag = _in_voorbereiding(raad, pdf_bytes)
    with _terugdraaien():
        aantal = Statuswijziging.objects.filter(aanvraag=aanvraag).count()
        response = staf["ondersteuner"].post(
            f"/portaal/advies/{aanvraag.pk}/status/{naar}/", {"reden": reden}
        )
        assert response.status_code in (302, 404)
        _wijziging_klopt(aanvraag, Status.IN_VOORBEREIDING, aantal)


@INSTELLINGEN
@given(naar=naar, reden=tekst, methode=st.sampled_from(["get", "post"]))
def test_stap_in_de_admin(
    raad: dict[str, Any],
    pdf_bytes: bytes,
    staf: dict[str, Client],
    naar: str,
    reden: str,
    methode: str,
) -> None:
    aanvraag = _in_voorbereiding(raad, pdf_bytes)
    with _terugdraaien():
        aantal = Statuswijziging.objects.filter(aanvraag=aanvraag).count()
        url = f"/admin/adviesraad/adviesaanvraag/{aanvraag.pk}/stap/{naar}/"
        response = getattr(staf["ondersteuner"], methode)(url, {"reden": reden})
        assert response.status_code in (200, 302)
        if response.status_code == 200 and methode == "post":
            assert response.context["form"].errors  # the reason was missing
        _wijziging_klopt(aanvraag, Status.IN_VOORBEREIDING, aantal)


# --- Shorter advice period ---------------------------------------------------------------------
@INSTELLINGEN
@given(
    data=st.fixed_dictionaries(
        {
            "advies_uiterlijk": st.one_of(
                st.integers(-400, 400).map(
                    lambda d: (timezone.localdate() + timedelta(days=d)).isoformat()
                ),
                datum,
            ),
            "afspraak": tekst,
            "bevestigd": st.sampled_from(["1", "", "0", "ja"]),
        }
    )
)
def test_kortere_termijn(
    raad: dict[str, Any], pdf_bytes: bytes, staf: dict[str, Client], data: dict[str, Any]
) -> None:
    if "termijn" not in _cache:
        aanvraag = gevraagd(raad, pdf_bytes)
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
        )
        aanvraag.refresh_from_db()
        _cache["termijn"] = (aanvraag, aanvraag.advies_uiterlijk)
    aanvraag, gewoon = _cache["termijn"]
    with _terugdraaien():
        response = staf["voorzitter"].post(f"/portaal/advies/{aanvraag.pk}/kortere-termijn/", data)
        assert response.status_code in (200, 302)
        aanvraag.refresh_from_db()
        if response.status_code == 200:
            form = response.context["form"]
            assert form.errors or response.context["bevestigen"]
            assert aanvraag.advies_uiterlijk == gewoon and aanvraag.kortere_termijn_akkoord == ""
            return
        assert data["bevestigd"] == "1"
        assert timezone.localdate() <= aanvraag.advies_uiterlijk < gewoon
        assert aanvraag.kortere_termijn_akkoord == data["afspraak"].strip()
        assert aanvraag.kortere_termijn_akkoord
