"""The portal pages per role, the forms with bad input, and the confirmation before publishing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from adviesraad.kwartaalagenda import services
from adviesraad.kwartaalagenda.models import Agendapunt, Gezien, Kwartaalagenda, Versie
from tests.conftest import mfa_verify

from .conftest import aanvraag, agenda_met_punten, punt

pytestmark = pytest.mark.django_db

BASIS = "/portaal/kwartaalagenda/"
LEZERS = ("lid", "voorzitter", "vicevoorzitter", "ondersteuner")
BEHEERDERS = ("accounthouder", "beleidsmedewerker")


def _html(response: Any) -> str:
    return response.content.decode()


def test_leden_zien_alleen_de_gepubliceerde_versie(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(2)
    # Before publication, readers find nothing: not in the list, 404 on the page.
    for rol in LEZERS:
        c = client_van(mensen[rol])
        assert "Onderwerp 000" not in _html(c.get(BASIS))
        assert c.get(f"{BASIS}{agenda.pk}/").status_code == 404
    services.publiceren(agenda=agenda, door=mensen["accounthouder"])
    punt(agenda, "Geheim concept-onderwerp")
    for rol in LEZERS:
        c = client_van(mensen[rol])
        pagina = _html(c.get(f"{BASIS}{agenda.pk}/"))
        assert "Onderwerp 000" in pagina and "Versie 1" in pagina
        assert "Geheim concept-onderwerp" not in pagina
        assert "/onderwerpen/" not in pagina  # no edit links
        for pad in ("afdrukken/", "kwartaalagenda.pdf"):
            assert c.get(f"{BASIS}{agenda.pk}/{pad}").status_code == 200
        for pad in ("nieuw/", f"{agenda.pk}/publiceren/", f"{agenda.pk}/onderwerpen/nieuw/"):
            assert c.get(BASIS + pad).status_code == 404, pad
        p = agenda.punten.first()
        for pad in ("", "verwijderen/", "koppelen/"):
            assert c.get(f"{BASIS}onderwerpen/{p.pk}/{pad}").status_code == 404
            assert c.post(f"{BASIS}onderwerpen/{p.pk}/{pad}", {"titel": "x"}).status_code == 404
        assert c.post(f"{BASIS}{agenda.pk}/publiceren/").status_code == 404
    assert agenda.versies.count() == 1
    assert agenda.punten.count() == 3


def test_beheerders_zien_het_concept(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(1)
    services.publiceren(agenda=agenda, door=None)
    punt(agenda, "Nieuw in het concept")
    for rol in BEHEERDERS:
        pagina = _html(client_van(mensen[rol]).get(f"{BASIS}{agenda.pk}/"))
        assert "Nieuw in het concept" in pagina
        assert "Er is 1 wijziging die de leden nog niet zien." in pagina


@pytest.mark.parametrize("rol", ["gespreksleider", "oud_lid"])
def test_zonder_rol_niets(rol: str, mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(1)
    services.publiceren(agenda=agenda, door=None)
    c = client_van(mensen[rol])
    for pad in ("", f"{agenda.pk}/", f"{agenda.pk}/afdrukken/", f"{agenda.pk}/kwartaalagenda.pdf"):
        assert c.get(BASIS + pad).status_code == 404


def test_anoniem_naar_inloggen(db: None) -> None:
    agenda = agenda_met_punten(1)
    for pad in ("", f"{agenda.pk}/", f"{agenda.pk}/kwartaalagenda.pdf", "nieuw/"):
        response = Client().get(BASIS + pad)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_ander_id_is_404(mensen: dict[str, Any], client_van: Any) -> None:
    c = client_van(mensen["accounthouder"])
    for pad in ("999999/", "999999/publiceren/", "onderwerpen/999999/", "onderwerpen/abc/"):
        assert c.get(BASIS + pad).status_code == 404


def test_beleidsmedewerker_werkt_via_het_portaal(mensen: dict[str, Any], client_van: Any) -> None:
    beleid = mensen["beleidsmedewerker"]
    c = client_van(beleid)
    assert c.get(BASIS + "nieuw/").status_code == 200
    response = c.post(BASIS + "nieuw/", {"jaar": "2026", "kwartaal": "3"})
    agenda = Kwartaalagenda.objects.get(jaar=2026, kwartaal=3)
    assert response["Location"] == f"{BASIS}{agenda.pk}/"

    response = c.post(
        f"{BASIS}{agenda.pk}/onderwerpen/nieuw/",
        {
            "titel": "Verordening Jeugdhulp",
            "beleidsmedewerker": beleid.pk,
            "meedenken_op": "2026-07-02",
            "adviesgesprek_op": "2026-08-20",
            "opmerking": "Onder voorbehoud.",
        },
    )
    assert response.status_code == 302
    p = Agendapunt.objects.get(titel="Verordening Jeugdhulp")
    assert (p.beleidsmedewerker, str(p.adviesgesprek_op)) == (beleid, "2026-08-20")
    assert p.history.get().history_user == beleid

    response = c.post(
        f"{BASIS}onderwerpen/{p.pk}/",
        {"titel": "Verordening Jeugdhulp 2027", "adviesgesprek_op": "2026-08-27"},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.titel, str(p.adviesgesprek_op), p.meedenken_op) == (
        "Verordening Jeugdhulp 2027",
        "2026-08-27",
        None,
    )

    eigen = aanvraag(beleid, "Verordening Jeugdhulp 2027 (aanvraag)")
    andere = aanvraag(mensen["beleid2"], "Niet van mij")
    formulier = _html(c.get(f"{BASIS}onderwerpen/{p.pk}/koppelen/"))
    assert eigen.titel in formulier and "Niet van mij" not in formulier
    response = c.post(f"{BASIS}onderwerpen/{p.pk}/koppelen/", {"adviesaanvraag": andere.pk})
    assert response.status_code == 200
    assert "Kies een adviesaanvraag uit de lijst." in _html(response)
    c.post(f"{BASIS}onderwerpen/{p.pk}/koppelen/", {"adviesaanvraag": eigen.pk})
    p.refresh_from_db()
    assert p.adviesaanvraag == eigen

    # Publishing: first a confirmation page, then a POST.
    bevestiging = _html(c.get(f"{BASIS}{agenda.pk}/publiceren/"))
    assert "Ja, publiceer deze versie" in bevestiging and "met 1 onderwerp" in bevestiging
    assert not Versie.objects.exists()
    response = c.post(f"{BASIS}{agenda.pk}/publiceren/", {"toelichting": "Eerste versie."})
    assert response.status_code == 302
    versie = Versie.objects.get()
    assert (versie.nummer, versie.gepubliceerd_door, versie.toelichting) == (
        1,
        beleid,
        "Eerste versie.",
    )
    # Nothing changed: a clear message, no new version, no 500.
    response = c.post(f"{BASIS}{agenda.pk}/publiceren/", {})
    assert response.status_code == 200
    assert "Er is niets veranderd sinds versie 1" in _html(response)

    # Removing: confirmation first.
    assert "Weet u zeker" in _html(c.get(f"{BASIS}onderwerpen/{p.pk}/verwijderen/"))
    assert Agendapunt.objects.filter(pk=p.pk).exists()
    c.post(f"{BASIS}onderwerpen/{p.pk}/verwijderen/")
    assert not Agendapunt.objects.filter(pk=p.pk).exists()
    assert Versie.objects.get().inhoud["punten"][0]["titel"] == "Verordening Jeugdhulp 2027"


def test_lid_ziet_wat_er_veranderd_is_en_daarna_niet_meer(
    mensen: dict[str, Any], client_van: Any
) -> None:
    agenda = agenda_met_punten(2)
    services.publiceren(agenda=agenda, door=None)
    c = client_van(mensen["lid"])
    eerste = _html(c.get(f"{BASIS}{agenda.pk}/"))
    assert "voor het eerst" in eerste
    assert Gezien.objects.get(user=mensen["lid"]).versie.nummer == 1

    a = agenda.punten.order_by("pk").first()
    services.punt_wijzigen(punt=a, door=None, titel="Andere titel")
    punt(agenda, "Toegevoegd onderwerp")
    services.publiceren(agenda=agenda, door=None)
    tweede = _html(c.get(f"{BASIS}{agenda.pk}/"))
    assert "Wat is er veranderd sinds versie 1?" in tweede
    assert "Toegevoegd onderwerp" in tweede
    assert "was Onderwerp 000, nu Andere titel" in tweede
    assert Gezien.objects.get(user=mensen["lid"]).versie.nummer == 2
    derde = _html(c.get(f"{BASIS}{agenda.pk}/"))
    assert "Wat is er veranderd" not in derde


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"titel": ""}, "Vul het onderwerp in."),
        ({"titel": "x" * 201}, "Het onderwerp is te lang"),
        ({"titel": "Goed", "meedenken_op": "31-02-2026"}, "Vul een geldige datum in"),
        ({"titel": "Goed", "meedenken_op": "niet-een-datum"}, "Vul een geldige datum in"),
        (
            {"titel": "Goed", "adviesgesprek_op": "2026-09-01", "raad_op": "2026-08-01"},
            "ligt vóór de datum van",
        ),
        (
            {"titel": "Goed", "beleidsmedewerker": "99999"},
            "Kies een beleidsmedewerker uit de lijst.",
        ),
        ({"titel": "Goed", "opmerking": "x" * 2001}, "De opmerking is te lang"),
    ],
)
def test_onderwerp_met_foute_invoer(
    data: dict[str, str], fout: str, mensen: dict[str, Any], client_van: Any
) -> None:
    agenda = agenda_met_punten(0)
    c = client_van(mensen["accounthouder"])
    response = c.post(f"{BASIS}{agenda.pk}/onderwerpen/nieuw/", data)
    assert response.status_code == 200
    assert fout in _html(response)
    assert 'aria-invalid="true"' in _html(response) or "formulier-fouten" in _html(response)
    assert not Agendapunt.objects.exists()


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"jaar": "", "kwartaal": "1"}, "Vul het jaar in."),
        ({"jaar": "twintig", "kwartaal": "1"}, "Vul het jaar in met vier cijfers"),
        ({"jaar": "1999", "kwartaal": "1"}, "Vul een jaar in vanaf 2020."),
        ({"jaar": "2026", "kwartaal": "5"}, "Kies een kwartaal uit de lijst."),
        ({"jaar": "2026"}, "Kies een kwartaal."),
        ({"jaar": "2026", "kwartaal": "2"}, "Er is al een kwartaalagenda voor dit kwartaal."),
    ],
)
def test_kwartaal_met_foute_invoer(
    data: dict[str, str], fout: str, mensen: dict[str, Any], client_van: Any
) -> None:
    bestaand = agenda_met_punten(0, kwartaal=2)
    response = client_van(mensen["beleidsmedewerker"]).post(BASIS + "nieuw/", data)
    assert response.status_code == 200
    assert fout in _html(response)
    assert list(Kwartaalagenda.objects.all()) == [bestaand]


def test_csrf_verplicht(mensen: dict[str, Any]) -> None:
    agenda = agenda_met_punten(1)
    c = Client(enforce_csrf_checks=True)
    mfa_verify(c, mensen["accounthouder"])
    assert c.post(f"{BASIS}{agenda.pk}/publiceren/").status_code == 403
    assert not Versie.objects.exists()


def test_tekst_wordt_ontsnapt(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(0)
    punt(agenda, "<script>alert(1)</script>", opmerking="<img src=x onerror=alert(1)>")
    services.publiceren(agenda=agenda, door=None)
    pagina = _html(client_van(mensen["lid"]).get(f"{BASIS}{agenda.pk}/"))
    assert "<script>alert(1)</script>" not in pagina
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pagina
    assert "<img src=x" not in pagina
