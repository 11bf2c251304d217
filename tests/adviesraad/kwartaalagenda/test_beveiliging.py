"""Security review of the quarterly agenda: refusals without a 500 on a removed item, the advice
policy on links and titles, confirmation and CSRF before publishing or removing, and no access
for a former member.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from adviesraad.kwartaalagenda import services
from adviesraad.kwartaalagenda.models import Agendapunt, Versie
from tests.conftest import mfa_verify

from .conftest import aanvraag, agenda_met_punten, punt

pytestmark = pytest.mark.django_db


# --- A removed item: a refusal, never a 500 ------------------------------------------------------
def test_een_weggehaald_onderwerp_geeft_een_nette_weigering(mensen: dict[str, Any]) -> None:
    """A double submit or a colleague: the request loaded the item before it was removed."""
    agenda = agenda_met_punten(1)
    oud = agenda.punten.get()
    door = mensen["accounthouder"]
    services.punt_verwijderen(punt=oud, door=door)
    with pytest.raises(ValidationError):
        services.punt_verwijderen(punt=oud, door=door)
    with pytest.raises(ValidationError):
        services.punt_wijzigen(punt=oud, door=door, titel="Nieuw")
    with pytest.raises(ValidationError):
        services.punt_koppelen(punt=oud, aanvraag=None, door=door)
    assert not Agendapunt.objects.exists()


def test_dubbel_verwijderen_in_het_portaal_is_geen_500(
    mensen: dict[str, Any], client_van: Any
) -> None:
    agenda = agenda_met_punten(1)
    p = agenda.punten.get()
    client = client_van(mensen["accounthouder"])
    url = reverse("kwartaalagenda:punt_verwijderen", args=[p.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404


# --- The advice policy ---------------------------------------------------------------------------
def test_koppelen_aan_een_onzichtbare_aanvraag_via_een_gekozen_id_wordt_geweigerd(
    mensen: dict[str, Any], client_van: Any
) -> None:
    eigen = aanvraag(mensen["beleidsmedewerker"], titel="Eigen aanvraag")
    vreemd = aanvraag(mensen["beleid2"], titel="Geheime aanvraag van een collega")
    agenda = agenda_met_punten(0)
    p = punt(agenda, "Onderwerp")
    client = client_van(mensen["beleidsmedewerker"])
    url = reverse("kwartaalagenda:punt_koppelen", args=[p.pk])
    pagina = client.get(url).content.decode()
    assert "Eigen aanvraag" in pagina
    assert "Geheime aanvraag" not in pagina
    assert client.post(url, {"adviesaanvraag": vreemd.pk}).status_code == 200  # a form error
    p.refresh_from_db()
    assert p.adviesaanvraag_id is None
    assert client.post(url, {"adviesaanvraag": eigen.pk}).status_code == 302
    p.refresh_from_db()
    assert p.adviesaanvraag_id == eigen.pk


def test_titel_van_een_gekoppelde_aanvraag_alleen_voor_wie_hem_mag_zien(
    mensen: dict[str, Any], client_van: Any
) -> None:
    geheim = aanvraag(mensen["beleid2"], titel="Geheime aanvraag van een collega")
    agenda = agenda_met_punten(1)
    services.punt_koppelen(punt=agenda.punten.get(), aanvraag=geheim, door=None)
    services.publiceren(agenda=agenda, door=None)
    detail = reverse("kwartaalagenda:detail", args=[agenda.pk])
    for url in (detail, reverse("kwartaalagenda:afdrukken", args=[agenda.pk])):
        tekst = client_van(mensen["beleidsmedewerker"]).get(url).content.decode()
        assert "Geheime aanvraag" not in tekst
        assert geheim.kenmerk not in tekst
    assert "Geheime aanvraag" in client_van(mensen["beleid2"]).get(detail).content.decode()


# --- Confirmation, CSRF and a former member ------------------------------------------------------
def test_publiceren_en_verwijderen_vragen_bevestiging_en_csrf(mensen: dict[str, Any]) -> None:
    agenda = agenda_met_punten(1)
    p = agenda.punten.get()
    client = Client(enforce_csrf_checks=True)
    mfa_verify(client, mensen["accounthouder"])
    publiceren = reverse("kwartaalagenda:publiceren", args=[agenda.pk])
    verwijderen = reverse("kwartaalagenda:punt_verwijderen", args=[p.pk])
    assert client.get(publiceren).status_code == 200
    assert client.get(verwijderen).status_code == 200
    assert client.post(publiceren).status_code == 403
    assert client.post(verwijderen).status_code == 403
    assert not Versie.objects.exists()
    assert Agendapunt.objects.filter(pk=p.pk).exists()


def test_oud_lid_bereikt_niets(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(1)
    services.publiceren(agenda=agenda, door=None)
    client = client_van(mensen["oud_lid"])
    for url in (
        reverse("kwartaalagenda:detail", args=[agenda.pk]),
        reverse("kwartaalagenda:afdrukken", args=[agenda.pk]),
        reverse("kwartaalagenda:pdf", args=[agenda.pk]),
        reverse("kwartaalagenda:punt_wijzigen", args=[agenda.punten.get().pk]),
    ):
        assert client.get(url).status_code == 404, url
