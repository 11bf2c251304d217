"""Portal pages per role, bad input, and the query budget of the list and detail pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from adviesraad.vergaderingen.models import (
    Actiepunt,
    Agendapunt,
    Besluit,
    Deelname,
    Notulen,
    Vergadering,
)
from adviesraad.vergaderingen.services import agenda as agenda_services
from adviesraad.vergaderingen.services import besluiten as besluiten_services
from adviesraad.vergaderingen.services import deelnemers as deelnemers_services
from adviesraad.vergaderingen.services import notulen as notulen_services
from adviesraad.vergaderingen.services import stukken as stukken_services
from adviesraad.vergaderingen.services import uitnodiging as uitnodiging_services
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from hengelo_participatie.notifications.models import Herinnering
from tests.adviesraad.vergaderingen.conftest import gehouden, moment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(naam: str, v: Vergadering | None = None) -> str:
    return reverse(f"vergaderingen:{naam}", args=[v.pk] if v else [])


BEHEER_PAGINAS = [
    "deelnemers",
    "agenda",
    "stuk",
    "uitnodigen",
    "aanwezigheid",
    "notulen",
    "acties",
    "besluiten",
]


def test_pages_per_role(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(titel="Vergadering met de raad")
    lid = client_van(raad["leden"][0])
    beleid = client_van(raad["beleidsmedewerker"])
    ondersteuner = client_van(raad["ondersteuner"])
    accounthouder = client_van(raad["accounthouder"])
    assert "Vergadering met de raad" in lid.get(_url("overzicht")).content.decode()
    assert "Vergadering met de raad" not in beleid.get(_url("overzicht")).content.decode()
    assert lid.get(_url("detail", v)).status_code == 200
    assert lid.get(_url("aanmelden", v)).status_code == 200
    assert beleid.get(_url("detail", v)).status_code == 404
    assert beleid.get(_url("aanmelden", v)).status_code == 404
    for naam in BEHEER_PAGINAS:
        assert lid.get(_url(naam, v)).status_code == 404, naam
        assert ondersteuner.get(_url(naam, v)).status_code == 200, naam
        assert accounthouder.get(_url(naam, v)).status_code == 200, naam
    assert lid.get(_url("nieuw")).status_code == 404
    assert ondersteuner.get(_url("nieuw")).status_code == 200
    assert lid.get(reverse("vergaderingen:detail", args=[99999])).status_code == 404
    assert Client().get(_url("detail", v)).status_code == 302


def test_rsvp_through_the_portal(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering()
    client = client_van(raad["leden"][0])
    r = client.post(_url("aanmelden", v), {"aanmelding": "komt_niet", "toelichting": "Op reis"})
    assert r.status_code == 302
    d = Deelname.objects.get(vergadering=v, gebruiker=raad["leden"][0])
    assert (d.aanmelding, d.aanmelding_toelichting) == ("komt_niet", "Op reis")
    r = client.post(_url("aanmelden", v), {"aanmelding": "<script>", "toelichting": "x" * 400})
    assert r.status_code == 200
    d.refresh_from_db()
    assert d.aanmelding == "komt_niet"
    assert "utrecht-form-field--invalid" in r.content.decode()


def test_invitation_needs_confirmation_and_warns_when_late(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(dagen=2)
    client = client_van(raad["ondersteuner"])
    bevestig = client.get(_url("uitnodigen", v)).content.decode()
    assert "Ja, uitnodiging versturen" in bevestig and "Let op" in bevestig
    assert not Herinnering.objects.exists()
    r = client.post(_url("uitnodigen", v), follow=True)
    assert "Let op" in r.content.decode()
    assert Herinnering.objects.filter(soort=uitnodiging_services.UITNODIGING).count() == 4
    v.refresh_from_db()
    assert v.uitnodiging_verzonden_op is not None
    assert client_van(raad["leden"][0]).post(_url("uitnodigen", v)).status_code == 404


def test_bad_input_on_supporter_forms_writes_nothing(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(dagen=-1)
    client = client_van(raad["ondersteuner"])
    slecht = [
        ("agenda", {"punt": "nieuw", "nieuw-titel": "", "nieuw-volgorde": "abc"}),
        ("agenda", {"punt": "nieuw", "nieuw-titel": "x", "nieuw-adviesaanvraag": "999999"}),
        ("stuk", {"titel": "x", "upload": SimpleUploadedFile("a.svg", b"<svg onload=1/>")}),
        ("aanwezigheid", {f"deelname_{v.deelnames.first().pk}": "feest"}),
        ("notulen", {"tekst": "<script>alert(1)</script>"}),
        ("acties", {"omschrijving": "", "uiterlijk": "2026-13-45"}),
        ("acties", {"omschrijving": "x", "eigenaar": str(raad["beleidsmedewerker"].pk)}),
        ("besluiten", {"tekst": "", "agendapunt": "abc"}),
        ("deelnemers", {"gebruikers": ["abc"]}),
    ]
    for naam, data in slecht:
        r = client.post(_url(naam, v), data)
        assert r.status_code == 200, (naam, r.status_code)
    assert client.post(_url("agenda", v), {"punt": "12345"}).status_code == 404
    assert client.post(_url("acties", v), {"actiepunt": "abc"}).status_code == 404
    r = client.post(
        _url("nieuw"),
        {"soort": "onbekend", "titel": "", "begin": "gisteren", "online_link": "javascript:1"},
    )
    assert r.status_code == 200
    assert not Agendapunt.objects.exists()
    assert not v.stukken.exists()
    assert not Notulen.objects.exists()
    assert not Actiepunt.objects.exists()
    assert not Besluit.objects.exists()
    assert Vergadering.objects.count() == 1
    assert set(v.deelnames.values_list("aanwezigheid", flat=True)) == {""}


def test_supporter_keeps_a_meeting_through_the_portal(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    pdf_bytes: bytes,
) -> None:
    client = client_van(raad["ondersteuner"])
    r = client.post(
        _url("nieuw"),
        {
            "soort": "raadsvergadering",
            "titel": "Januari",
            "begin": "2027-01-12T19:00",
            "einde": "2027-01-12T21:00",
            "locatie": "Stadhuis",
        },
    )
    assert r.status_code == 302
    v = Vergadering.objects.get(titel="Januari")
    assert v.deelnames.count() == 4
    client.post(_url("agenda", v), {"punt": "nieuw", "nieuw-titel": "Opening"})
    punt = v.agendapunten.get()
    client.post(
        _url("agenda", v),
        {"punt": str(punt.pk), f"p{punt.pk}-titel": "Welkom", f"p{punt.pk}-volgorde": "1"},
    )
    punt.refresh_from_db()
    assert punt.titel == "Welkom"
    client.post(
        _url("stuk", v),
        {
            "titel": "Agenda",
            "upload": SimpleUploadedFile("a.pdf", pdf_bytes),
            "vertrouwelijk": "on",
        },
    )
    stuk = v.stukken.get()
    lid = client_van(raad["leden"][0])
    assert lid.get(reverse("files:download", args=[stuk.bestand_id])).status_code == 200
    assert (
        client_van(raad["accounthouder"])
        .get(reverse("files:download", args=[stuk.bestand_id]))
        .status_code
        == 404
    )
    detail = lid.get(_url("detail", v)).content.decode()
    assert "Welkom" in detail and reverse("files:download", args=[stuk.bestand_id]) in detail


def test_minutes_approval_page(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(dagen=-10)
    later = gehouden(maak_vergadering(dagen=-1, titel="Later"), raad["ondersteuner"])
    client = client_van(raad["ondersteuner"])
    assert client.get(_url("vaststellen", v)).status_code == 404  # nothing to approve yet
    client.post(_url("notulen", v), {"tekst": "<p>Verslag <em>kort</em></p>"})
    pagina = client.get(_url("vaststellen", v)).content.decode()
    assert "niet meer veranderen" in pagina
    assert client.post(_url("vaststellen", v), {"in_vergadering": str(v.pk)}).status_code == 200
    assert client.post(_url("vaststellen", v), {"in_vergadering": str(later.pk)}).status_code == 302
    n = Notulen.objects.get(vergadering=v)
    assert n.status == "vastgesteld" and n.vastgesteld_in == later
    assert client.get(_url("notulen", v)).status_code == 404
    tekst = client_van(raad["leden"][0]).get(_url("detail", v)).content.decode()
    assert "<em>kort</em>" in tekst and "Later" in tekst


def test_attendance_overview_member_sees_own_supporter_all(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(dagen=-1)
    deelnemers_services.aanwezigheid_vastleggen(
        vergadering=v,
        door=raad["ondersteuner"],
        per_deelname={d.pk: "aanwezig" for d in v.deelnames.all()},
    )
    ander = raad["leden"][1].get_full_name()
    eigen = client_van(raad["leden"][0]).get(_url("aanwezigheid_overzicht")).content.decode()
    assert raad["leden"][0].get_full_name() in eigen and ander not in eigen
    alle = client_van(raad["ondersteuner"]).get(_url("aanwezigheid_overzicht")).content.decode()
    assert ander in alle


def _veel(
    maak_vergadering: Callable[..., Vergadering], raad: dict[str, Any], aantal: int, pdf: bytes
) -> Vergadering:
    """``aantal`` meetings with extra participants, agenda items, documents, actions, decisions."""
    gasten = [
        UserFactory(
            email=f"gast{Vergadering.objects.count()}-{i}@x.nl", roles=["beleidsmedewerker"]
        )
        for i in range(aantal)
    ]
    laatste = None
    for i in range(aantal):
        # Yesterday onwards (never today 19:00, which is past or upcoming by the clock): the
        # single meeting of the small case is a past one, as in the large case some are.
        v = maak_vergadering(dagen=i - aantal // 2 - 1, extra_deelnemers=gasten)
        o = raad["ondersteuner"]
        for j in range(aantal):
            p = agenda_services.agendapunt_opslaan(vergadering=v, titel=f"Punt {j}", door=o)
            besluiten_services.actiepunt_toevoegen(
                vergadering=v, omschrijving=f"Actie {j}", eigenaar=gasten[j], door=o
            )
            besluiten_services.besluit_vastleggen(
                vergadering=v, tekst=f"Besluit {j}", agendapunt=p, door=o
            )
        notulen_services.notulen_opslaan(vergadering=v, tekst="<p>Notulen</p>", door=o)
        for j in range(max(1, aantal // 5)):
            stukken_services.stuk_toevoegen(
                vergadering=v,
                upload=SimpleUploadedFile("s.pdf", pdf),
                titel=f"Stuk {j}",
                vertrouwelijk=bool(j % 2),
                door=o,
            )
        laatste = v
    assert laatste is not None
    return laatste


@pytest.mark.parametrize("rol", ["lid", "ondersteuner"])
def test_list_and_detail_have_a_fixed_query_count(
    rol: str,
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client: Client,
    django_assert_max_num_queries: Any,
    pdf_bytes: bytes,
) -> None:
    from tests.conftest import mfa_verify

    user = raad["leden"][0] if rol == "lid" else raad["ondersteuner"]
    mfa_verify(client, user)
    klein = _veel(maak_vergadering, raad, 1, pdf_bytes)
    tellingen = {}
    for naam, url in (("lijst", _url("overzicht")), ("detail", _url("detail", klein))):
        client.get(url)
        with django_assert_max_num_queries(25) as q:
            assert client.get(url).status_code == 200
        tellingen[naam] = len(q.captured_queries)
    groot = _veel(maak_vergadering, raad, 10, pdf_bytes)
    for naam, url in (("lijst", _url("overzicht")), ("detail", _url("detail", groot))):
        with django_assert_max_num_queries(tellingen[naam]):
            assert client.get(url).status_code == 200
    assert Vergadering.objects.count() == 11


def test_history_records_who_and_why(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering()
    vergadering_services.vergadering_wijzigen(
        vergadering=v, door=raad["accounthouder"], locatie="Raadzaal"
    )
    h = v.history.first()
    assert (h.locatie, h.history_user, h.history_change_reason) == (
        "Raadzaal",
        raad["accounthouder"],
        "gewijzigd",
    )
    assert v.history.count() == 2
    assert moment(14) == v.begin
