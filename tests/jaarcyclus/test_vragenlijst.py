"""The questionnaire: answered in the portal, anonymous in the results and in the data.

The minimum group size (rule ``evaluatie_minimale_groep``, default 3) hides every figure per
question below it; open answers appear without names, in alphabetical order; the response rate is
for the chair and the supporter; and no role can trace an answer to a member (the test tries).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from jaarcyclus.models import Antwoord, Beantwoording
from jaarcyclus.services.vragenlijst import vragenlijst_beantwoorden
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.jaarcyclus.factories import evaluatie_met_vragen, mensen
from verordening.models import Regel

pytestmark = pytest.mark.django_db


@pytest.fixture
def m() -> dict[str, Any]:
    return mensen()


def _client(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _vragen(e: Any) -> tuple[Any, Any]:
    return e.vragen.get(soort="stelling"), e.vragen.get(soort="open")


def _beantwoord(e: Any, leden: list[Any], scores: list[int], teksten: list[str]) -> None:
    stelling, open_vraag = _vragen(e)
    for lid, score, tekst in zip(leden, scores, teksten, strict=True):
        vragenlijst_beantwoorden(
            evaluatie=e, antwoorden={stelling.pk: score, open_vraag.pk: tekst}, door=lid
        )


def test_een_lid_vult_de_vragenlijst_in_via_het_portaal(m):
    e = evaluatie_met_vragen(m)
    stelling, open_vraag = _vragen(e)
    lid = m["leden"][0]
    client = _client(lid)
    url = reverse("jaarcyclus:invullen", kwargs={"evaluatie_id": e.pk})
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "We bereiden adviezen goed voor." in pagina.content.decode()
    # A score outside 1–5 is a form error and writes nothing.
    fout = client.post(url, {f"vraag_{stelling.pk}": "9", f"vraag_{open_vraag.pk}": "x"})
    assert fout.status_code == 200
    assert not Beantwoording.objects.exists() and not Antwoord.objects.exists()
    ok = client.post(url, {f"vraag_{stelling.pk}": "4", f"vraag_{open_vraag.pk}": "Minder stukken"})
    assert ok.status_code == 302
    assert Beantwoording.objects.filter(evaluatie=e, gebruiker=lid).count() == 1
    assert sorted((a.score or 0, a.tekst) for a in Antwoord.objects.all()) == [
        (0, "Minder stukken"),
        (4, ""),
    ]
    # Once only: the form is gone.
    assert client.get(url).status_code == 404


def test_wie_geen_deelnemer_is_kan_niet_invullen(m):
    e = evaluatie_met_vragen(m)
    buitenstaander = UserFactory(roles=["lid"])
    url = reverse("jaarcyclus:invullen", kwargs={"evaluatie_id": e.pk})
    assert _client(buitenstaander).get(url).status_code == 404


def test_onder_de_minimale_groep_geen_uitsplitsing(m):
    e = evaluatie_met_vragen(m)
    _beantwoord(e, m["leden"][:2], [5, 1], ["Geheim A", "Geheim B"])
    html = (
        _client(m["voorzitter"])
        .get(reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": e.pk}))
        .content.decode()
    )
    assert 'id="te-weinig"' in html
    assert "Er hebben 2 mensen geantwoord" in html
    assert "Geheim A" not in html and "Geheim B" not in html
    assert "Gemiddeld" not in html


def test_vanaf_de_minimale_groep_alleen_totalen(m):
    e = evaluatie_met_vragen(m)
    _beantwoord(e, m["leden"][:3], [5, 4, 4], ["Zebra", "Appel", "Mango"])
    html = (
        _client(m["voorzitter"])
        .get(reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": e.pk}))
        .content.decode()
    )
    assert 'id="te-weinig"' not in html
    # Spread 1..5 = 0,0,0,2,1 and average 4.3 (13/3).
    cellen = re.findall(r'cell--numeric">([^<]*)<', html)
    assert cellen[:6] == ["0", "0", "0", "2", "1", "4.3"] or cellen[:6] == [
        "0",
        "0",
        "0",
        "2",
        "1",
        "4,3",
    ]
    # Open answers alphabetically, not in the order given.
    assert html.index("Appel") < html.index("Mango") < html.index("Zebra")


def test_minimale_groep_is_een_regel(m):
    Regel.objects.filter(sleutel="evaluatie_minimale_groep").update(waarde=4)
    e = evaluatie_met_vragen(m)
    _beantwoord(e, m["leden"][:3], [5, 4, 4], ["a", "b", "c"])
    html = (
        _client(m["voorzitter"])
        .get(reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": e.pk}))
        .content.decode()
    )
    assert 'id="te-weinig"' in html


def test_respons_voor_voorzitter_en_ondersteuner(m):
    e = evaluatie_met_vragen(m)
    _beantwoord(e, m["leden"][:1], [3], [""])
    url = reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": e.pk})
    for naam in ("voorzitter", "ondersteuner"):
        html = _client(m[naam]).get(url).content.decode()
        assert "1 van de 4 deelnemers hebben geantwoord (25%)" in html, naam
    for gebruiker in (m["leden"][1], m["accounthouder"], m["beleidsmedewerker"]):
        html = _client(gebruiker).get(url).content.decode()
        assert 'id="respons"' not in html


# --- Anonymity: try to trace an answer to a member -------------------------------------------------
def test_antwoorden_hebben_geen_spoor_naar_een_lid():
    """The answer table holds nothing that points at a person or a moment."""
    velden = {f.name: f for f in Antwoord._meta.get_fields()}
    assert set(velden) == {"id", "vraag", "score", "tekst"}
    assert isinstance(velden["id"], models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in velden.values())
    assert not hasattr(Antwoord, "history")  # no history row with an acting user
    assert {f.name for f in Beantwoording._meta.get_fields()} == {"id", "evaluatie", "gebruiker"}
    # Neither is in the admin, where a superuser could line them up.
    assert Antwoord not in admin.site._registry
    assert Beantwoording not in admin.site._registry


def test_geen_rol_kan_een_antwoord_aan_een_lid_koppelen(m):
    e = evaluatie_met_vragen(m)
    leden = m["leden"][:3]
    teksten = ["Antwoord-van-nul", "Antwoord-van-een", "Antwoord-van-twee"]
    _beantwoord(e, leden, [1, 3, 5], teksten)
    # Storage order says nothing: the answer rows are not in the order they were given.
    # (UUID keys; the service shuffles before inserting.) What a database reader sees:
    assert not Antwoord._meta.ordering
    superuser = UserFactory(is_superuser=True, is_staff=True)
    kijkers = [
        m["voorzitter"],
        m["ondersteuner"],
        m["accounthouder"],
        m["beleidsmedewerker"],
        *leden,
        superuser,
    ]
    urls = [
        reverse("jaarcyclus:evaluaties"),
        reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": e.pk}),
        reverse("jaarcyclus:jaarverslag"),
        "/admin/jaarcyclus/",
    ]
    gezien = 0
    for kijker in kijkers:
        client = _client(kijker)
        for url in urls:
            html = client.get(url).content.decode()
            if not any(t in html for t in teksten):
                continue
            gezien += 1
            # Answers appear only in the results block, all three together, and that block names
            # nobody: no respondent's name or e-mail (the action form further down may offer
            # people as owners; that is not an answer).
            assert url.endswith(f"/{e.pk}/"), (kijker, url)
            blok = html[html.index('id="uitkomst-kop"') : html.index('id="acties-kop"')]
            assert all(t in blok for t in teksten)
            for lid in leden:
                assert lid.get_full_name() not in blok, (kijker, url)
                assert lid.email not in blok, (kijker, url)
            assert "uitkomst" not in html[html.index('id="acties-kop"') :]
    # The chair, the supporter, the account holder, the members and the superuser read results.
    assert gezien == 7


def test_vaste_aantal_queries_voor_overzicht_en_uitkomsten(m, django_assert_max_num_queries):
    """The list and the results page cost the same at 3 and at 30 answers (1x and 10x). The
    results page reads the evaluation, questions, participants, answers (two aggregates),
    actions, conclusions, two rules and the people for the action form, besides the session."""
    e = evaluatie_met_vragen(m)
    _beantwoord(e, m["leden"][:3], [5, 4, 4], ["a", "b", "c"])
    client = _client(m["voorzitter"])
    urls = [
        reverse("jaarcyclus:evaluaties"),
        reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": e.pk}),
    ]
    for url in urls:
        client.get(url)
    een = {}
    for url in urls:
        with django_assert_max_num_queries(21) as ctx:
            assert client.get(url).status_code == 200
        een[url] = len(ctx.captured_queries)
    extra = [UserFactory(roles=["lid"]) for _ in range(27)]
    e.deelnemers.add(*extra)
    _beantwoord(e, extra, [3] * 27, [f"tekst {i}" for i in range(27)])
    for url in urls:
        with django_assert_max_num_queries(21) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx.captured_queries) == een[url], url
