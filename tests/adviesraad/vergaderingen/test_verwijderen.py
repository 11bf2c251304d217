"""Removing a participant or an agenda item in the portal: confirmation page, history, the rules
that keep the record of a meeting (attendance, recusals, decisions), and 404 for everyone who does
not keep the records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from adviesraad.vergaderingen.models import Agendapunt, Deelname, Vergadering, Verschoning
from adviesraad.vergaderingen.services import agenda as agenda_services
from adviesraad.vergaderingen.services import besluiten as besluiten_services
from adviesraad.vergaderingen.services import deelnemers as deelnemers_services
from adviesraad.vergaderingen.services import stukken as stukken_services
from hengelo_participatie.files.policy import bestand_policy

pytestmark = pytest.mark.django_db


def _weg_deelname(d: Deelname) -> str:
    return reverse("vergaderingen:deelname_verwijderen", args=[d.pk])


def _weg_punt(p: Agendapunt) -> str:
    return reverse("vergaderingen:agendapunt_verwijderen", args=[p.pk])


# --- Participants ---------------------------------------------------------------------------------
def test_deelnemer_weghalen_met_bevestiging_en_historie(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    pdf_bytes: bytes,
) -> None:
    v = maak_vergadering(titel="Vergadering adviesraad")
    lid = raad["leden"][0]
    stuk = stukken_services.stuk_toevoegen(
        vergadering=v,
        upload=SimpleUploadedFile("agenda.pdf", pdf_bytes),
        titel="Agenda",
        door=raad["ondersteuner"],
    )
    assert bestand_policy.user_has_perm_for_object(lid, "view", stuk.bestand)
    deelname = v.deelnames.get(gebruiker=lid)
    client = client_van(raad["ondersteuner"])
    # The participants page links to the confirmation page.
    pagina = client.get(reverse("vergaderingen:deelnemers", args=[v.pk])).content.decode()
    assert _weg_deelname(deelname) in pagina
    bevestiging = client.get(_weg_deelname(deelname))
    assert bevestiging.status_code == 200
    assert lid.get_full_name() in bevestiging.content.decode()
    assert Deelname.objects.filter(pk=deelname.pk).exists()  # GET removes nothing

    response = client.post(_weg_deelname(deelname))
    assert response.status_code == 302
    assert response["Location"] == reverse("vergaderingen:deelnemers", args=[v.pk])
    assert not Deelname.objects.filter(pk=deelname.pk).exists()
    laatste = Deelname.history.filter(id=deelname.pk).latest("history_date")
    assert laatste.history_type == "-"
    assert laatste.history_change_reason == "deelnemer verwijderd"
    assert laatste.history_user == raad["ondersteuner"]
    # The removed participant loses the document grant (a fresh user object: no perm cache).
    lid = type(lid).objects.get(pk=lid.pk)
    assert not bestand_policy.user_has_perm_for_object(lid, "view", stuk.bestand)


def test_deelnemer_met_aanwezigheid_blijft(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(dagen=-1)
    deelname = v.deelnames.get(gebruiker=raad["leden"][0])
    deelnemers_services.aanwezigheid_vastleggen(
        vergadering=v, door=raad["ondersteuner"], per_deelname={deelname.pk: "aanwezig"}
    )
    client = client_van(raad["ondersteuner"])
    # No remove link for this one on the participants page.
    pagina = client.get(reverse("vergaderingen:deelnemers", args=[v.pk])).content.decode()
    assert _weg_deelname(deelname) not in pagina
    for response in (client.get(_weg_deelname(deelname)), client.post(_weg_deelname(deelname))):
        assert response.status_code == 200
        tekst = response.content.decode()
        assert "de aanwezigheid is al vastgelegd" in tekst
        assert "Ja, " not in tekst  # no confirm button
    assert Deelname.objects.filter(pk=deelname.pk).exists()
    with pytest.raises(ValidationError):
        deelnemers_services.deelname_verwijderen(deelname=deelname, door=raad["ondersteuner"])
    assert Deelname.objects.filter(pk=deelname.pk).exists()


def test_deelnemer_weghalen_haalt_eigen_verschoningen_weg(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering()
    punt = agenda_services.agendapunt_opslaan(
        vergadering=v, titel="Punt", door=raad["ondersteuner"]
    )
    lid, ander = raad["leden"][0], raad["leden"][1]
    for wie in (lid, ander):
        agenda_services.verschoning_vastleggen(
            agendapunt=punt, gebruiker=wie, reden="Familie", door=raad["ondersteuner"]
        )
    deelnemers_services.deelname_verwijderen(
        deelname=v.deelnames.get(gebruiker=lid), door=raad["ondersteuner"]
    )
    assert list(Verschoning.objects.values_list("gebruiker", flat=True)) == [ander.pk]


def test_deelnemer_weghalen_alleen_door_de_beheerders(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering()
    deelname = v.deelnames.get(gebruiker=raad["leden"][0])
    for wie in (raad["leden"][0], raad["leden"][1], raad["voorzitter"], raad["beleidsmedewerker"]):
        client = client_van(wie)
        assert client.get(_weg_deelname(deelname)).status_code == 404
        assert client.post(_weg_deelname(deelname)).status_code == 404
    assert Client().get(_weg_deelname(deelname)).status_code == 302  # to the login
    assert client_van(raad["accounthouder"]).get(_weg_deelname(deelname)).status_code == 200
    with pytest.raises(PermissionDenied):
        deelnemers_services.deelname_verwijderen(deelname=deelname, door=raad["leden"][1])
    assert Deelname.objects.filter(pk=deelname.pk).exists()
    # A missing id is the same 404.
    ondersteuner = client_van(raad["ondersteuner"])
    assert (
        ondersteuner.get(reverse("vergaderingen:deelname_verwijderen", args=[999999])).status_code
        == 404
    )


# --- Agenda items ---------------------------------------------------------------------------------
def test_agendapunt_weghalen_met_bevestiging_en_historie(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    pdf_bytes: bytes,
) -> None:
    v = maak_vergadering()
    ondersteuner = raad["ondersteuner"]
    punt = agenda_services.agendapunt_opslaan(
        vergadering=v, titel="Armoedebeleid", door=ondersteuner
    )
    stuk = stukken_services.stuk_toevoegen(
        vergadering=v,
        upload=SimpleUploadedFile("nota.pdf", pdf_bytes),
        titel="Nota armoede",
        agendapunt=punt,
        door=ondersteuner,
    )
    client = client_van(ondersteuner)
    pagina = client.get(reverse("vergaderingen:agenda", args=[v.pk])).content.decode()
    assert _weg_punt(punt) in pagina
    bevestiging = client.get(_weg_punt(punt)).content.decode()
    assert "Armoedebeleid" in bevestiging
    assert "Nota armoede" in bevestiging  # says which documents lose their item
    assert Agendapunt.objects.filter(pk=punt.pk).exists()

    response = client.post(_weg_punt(punt))
    assert response.status_code == 302
    assert response["Location"] == reverse("vergaderingen:agenda", args=[v.pk])
    assert not Agendapunt.objects.filter(pk=punt.pk).exists()
    laatste = Agendapunt.history.filter(id=punt.pk).latest("history_date")
    assert (laatste.history_type, laatste.history_change_reason) == ("-", "agendapunt verwijderd")
    assert laatste.history_user == ondersteuner
    # The document stays with the meeting, unlinked, and that change has history too.
    stuk.refresh_from_db()
    assert stuk.agendapunt_id is None
    assert stuk.history.first().history_change_reason == "agendapunt verwijderd"


@pytest.mark.parametrize("gekoppeld", ["verschoning", "besluit"])
def test_agendapunt_met_verschoning_of_besluit_blijft(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    gekoppeld: str,
) -> None:
    v = maak_vergadering()
    ondersteuner = raad["ondersteuner"]
    punt = agenda_services.agendapunt_opslaan(vergadering=v, titel="Punt", door=ondersteuner)
    if gekoppeld == "verschoning":
        agenda_services.verschoning_vastleggen(
            agendapunt=punt, gebruiker=raad["leden"][0], reden="Familie", door=ondersteuner
        )
    else:
        besluiten_services.besluit_vastleggen(
            vergadering=v, tekst="Akkoord", agendapunt=punt, door=ondersteuner
        )
    client = client_van(ondersteuner)
    for response in (client.get(_weg_punt(punt)), client.post(_weg_punt(punt))):
        assert response.status_code == 200
        tekst = response.content.decode()
        assert f"er is een {gekoppeld} bij vastgelegd" in tekst
        assert "Ja, agendapunt weghalen" not in tekst
    assert Agendapunt.objects.filter(pk=punt.pk).exists()
    with pytest.raises(ValidationError):
        agenda_services.agendapunt_verwijderen(agendapunt=punt, door=ondersteuner)
    assert Agendapunt.objects.filter(pk=punt.pk).exists()
    assert Verschoning.objects.count() == (1 if gekoppeld == "verschoning" else 0)


def test_agendapunt_weghalen_alleen_door_de_beheerders(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering()
    punt = agenda_services.agendapunt_opslaan(
        vergadering=v, titel="Punt", door=raad["ondersteuner"]
    )
    for wie in (raad["leden"][0], raad["voorzitter"], raad["beleidsmedewerker"]):
        client = client_van(wie)
        assert client.get(_weg_punt(punt)).status_code == 404
        assert client.post(_weg_punt(punt)).status_code == 404
    assert Client().post(_weg_punt(punt)).status_code == 302
    assert client_van(raad["accounthouder"]).get(_weg_punt(punt)).status_code == 200
    with pytest.raises(PermissionDenied):
        agenda_services.agendapunt_verwijderen(agendapunt=punt, door=raad["leden"][0])
    assert Agendapunt.objects.filter(pk=punt.pk).exists()
