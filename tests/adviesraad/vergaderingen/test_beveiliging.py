"""Security review of meetings: who reaches a meeting's documents, what a page or feed shows to
whom, refusals without a 500, and an audit line for every write.

Each test fails without the fix it guards (see the report of the review), or pins a property the
review checked and found in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from adviesraad.models import EindeReden
from adviesraad.services.rollen import rollen_bijwerken
from adviesraad.services.termijnen import termijn_beeindigen
from adviesraad.tasks import termijnen_en_rollen_bijwerken
from adviesraad.vergaderingen.models import Deelname, Soort, Vergadering, Vergaderstuk
from adviesraad.vergaderingen.services import agenda as agenda_services
from adviesraad.vergaderingen.services import besluiten as besluiten_services
from adviesraad.vergaderingen.services import deelnemers as deelnemers_services
from adviesraad.vergaderingen.services import notulen as notulen_services
from adviesraad.vergaderingen.services import stukken as stukken_services
from adviesraad.vergaderingen.services import uitnodiging as uitnodiging_services
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from hengelo_participatie.notifications import agenda
from hengelo_participatie.notifications.models import Herinnering
from tests.adviesraad.factories import LidFactory, benoemde_termijn, vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory

from .conftest import gehouden, moment

pytestmark = pytest.mark.django_db

GEHEIM_STUK = "Conceptnota armoedebeleid Geheimwijk"
GEHEIME_VERGADERING = "Adviesgesprek sluiting Geheimwijk"


def _stuk(vergadering: Vergadering, door: Any, pdf: bytes, **kw: Any) -> Vergaderstuk:
    return stukken_services.stuk_toevoegen(
        vergadering=vergadering,
        upload=SimpleUploadedFile("stuk.pdf", pdf),
        titel=kw.pop("titel", GEHEIM_STUK),
        door=door,
        **kw,
    )


def _download(client: Client, stuk: Vergaderstuk) -> int:
    return client.get(reverse("files:download", args=[stuk.bestand_id])).status_code


# --- Documents: a former member and a member of another meeting ----------------------------------
def test_oud_lid_verliest_stukken_zodra_de_termijn_eindigt(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering], pdf_bytes: bytes
) -> None:
    """A member whose term ends keeps an active account (AVG export) and their ``Deelname``
    rows, but may no longer download the meeting's documents: at once, not only at night."""
    user = UserFactory(email="vertrekt@raad.nl")
    termijn = benoemde_termijn(LidFactory(user=user))
    assert user.groups.filter(name="lid").exists()
    vergadering = maak_vergadering()
    assert vergadering.deelnames.filter(gebruiker=user).exists()
    stuk = _stuk(vergadering, raad["ondersteuner"], pdf_bytes)
    client = Client()
    mfa_verify(client, user)
    assert _download(client, stuk) == 200

    termijn_beeindigen(termijn=termijn, reden=EindeReden.AFTREDEN, laatste_dag=vandaag(), door=None)
    rollen_bijwerken(lid=termijn.lid, op=vandaag() + timedelta(days=1))
    user.refresh_from_db()
    assert user.is_active and not user.groups.exists()

    client = Client()  # the term's end also ended the old session
    mfa_verify(client, user)
    assert _download(client, stuk) == 404
    assert client.get(reverse("vergaderingen:detail", args=[vergadering.pk])).status_code == 404


def test_nachtelijke_taak_haalt_stukken_weg_bij_wie_geen_rol_meer_heeft(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    pdf_bytes: bytes,
) -> None:
    oud_lid = raad["leden"][0]
    vergadering = maak_vergadering()
    stuk = _stuk(vergadering, raad["ondersteuner"], pdf_bytes)
    assert _download(client_van(oud_lid), stuk) == 200
    oud_lid.groups.clear()  # the role went some other way than rollen_bijwerken
    termijnen_en_rollen_bijwerken()
    assert _download(client_van(oud_lid), stuk) == 404
    assert _download(client_van(raad["leden"][1]), stuk) == 200  # the others keep it


def test_lid_van_een_andere_vergadering_kan_een_vertrouwelijk_stuk_niet_downloaden(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    pdf_bytes: bytes,
) -> None:
    binnen, buiten = raad["leden"][0], UserFactory(email="ander@raad.nl", roles=["lid"])
    vergadering = maak_vergadering(raad_uitnodigen=False, extra_deelnemers=[binnen])
    maak_vergadering(raad_uitnodigen=False, extra_deelnemers=[buiten])
    stuk = _stuk(vergadering, raad["ondersteuner"], pdf_bytes, vertrouwelijk=True)
    assert _download(client_van(binnen), stuk) == 200
    assert _download(client_van(buiten), stuk) == 404
    assert _download(client_van(raad["accounthouder"]), stuk) == 404
    detail = client_van(buiten).get(reverse("vergaderingen:detail", args=[vergadering.pk]))
    assert detail.status_code == 404


# --- Choosing participants ------------------------------------------------------------------------
def test_oud_lid_staat_niet_in_de_keuze_en_wordt_niet_uitgenodigd(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    oud_lid = UserFactory(email="oud@raad.nl", voornaam="Oud", achternaam="Ledenlijst")
    vergadering = maak_vergadering()
    client = client_van(raad["ondersteuner"])
    url = reverse("vergaderingen:deelnemers", args=[vergadering.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Ledenlijst" not in pagina.content.decode()
    antwoord = client.post(url, {"gebruikers": [oud_lid.pk]})
    assert antwoord.status_code == 200  # the form, with an error
    assert not Deelname.objects.filter(gebruiker=oud_lid).exists()
    with pytest.raises(ValidationError):
        deelnemers_services.deelnemers_uitnodigen(
            vergadering=vergadering, gebruikers=[oud_lid], door=raad["ondersteuner"]
        )
    with pytest.raises(ValidationError):
        vergadering_services.vergadering_aanmaken(
            soort=Soort.RAADSVERGADERING,
            titel="Met een oud-lid",
            begin=moment(20),
            door=raad["ondersteuner"],
            extra_deelnemers=[oud_lid],
        )
    assert not Deelname.objects.filter(gebruiker=oud_lid).exists()
    nieuw = client.get(reverse("vergaderingen:nieuw")).content.decode()
    assert "Ledenlijst" not in nieuw


def test_uitnodiging_gaat_niet_naar_een_oud_lid(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    oud_lid, blijft = raad["leden"][0], raad["leden"][1]
    vergadering = maak_vergadering()
    oud_lid.groups.clear()
    uitnodiging = uitnodiging_services.uitnodiging_versturen(
        vergadering=vergadering, door=raad["ondersteuner"]
    )
    assert not Herinnering.objects.filter(ontvanger=oud_lid).exists()
    assert Herinnering.objects.filter(ontvanger=blijft).exists()
    assert uitnodiging.ontvangers == vergadering.deelnames.count() - 1


def test_ical_feed_van_een_oud_lid_toont_geen_vergaderingen(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    oud_lid = raad["leden"][0]
    vergadering = maak_vergadering(titel="Vergadering over de Wmo-verordening")
    token = agenda.agendatoken_maken(gebruiker=oud_lid)
    url = reverse("agenda:feed", args=[token])
    assert f"vergadering-{vergadering.pk}@" in Client().get(url).content.decode()
    oud_lid.groups.clear()
    feed = Client().get(url)
    assert feed.status_code == 200
    tekst = feed.content.decode()
    assert f"vergadering-{vergadering.pk}@" not in tekst
    assert "Wmo-verordening" not in tekst


# --- Titles shown to whom -------------------------------------------------------------------------
def test_titel_van_een_vertrouwelijk_stuk_niet_voor_wie_het_niet_mag_openen(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
    pdf_bytes: bytes,
) -> None:
    vergadering = maak_vergadering()
    punt = agenda_services.agendapunt_opslaan(
        vergadering=vergadering, titel="Armoede", door=raad["ondersteuner"]
    )
    _stuk(vergadering, raad["ondersteuner"], pdf_bytes, vertrouwelijk=True, agendapunt=punt)
    _stuk(
        vergadering, raad["ondersteuner"], pdf_bytes, titel="Openbare agenda", vertrouwelijk=False
    )
    detail = reverse("vergaderingen:detail", args=[vergadering.pk])
    weghalen = reverse("vergaderingen:agendapunt_verwijderen", args=[punt.pk])
    # The account holder keeps the records but has no grant on a confidential document.
    houder = client_van(raad["accounthouder"])
    for url in (detail, weghalen):
        antwoord = houder.get(url)
        assert antwoord.status_code == 200
        assert GEHEIM_STUK not in antwoord.content.decode()
    assert "Openbare agenda" in houder.get(detail).content.decode()
    # Participants and the supporter see it and may open it.
    assert GEHEIM_STUK in client_van(raad["leden"][0]).get(detail).content.decode()
    assert GEHEIM_STUK in client_van(raad["ondersteuner"]).get(weghalen).content.decode()
    # The admin follows the same rule.
    beheer = reverse("admin:vergaderingen_vergadering_change", args=[vergadering.pk])
    antwoord = houder.get(beheer)
    assert antwoord.status_code == 200
    assert GEHEIM_STUK not in antwoord.content.decode()
    assert "Openbare agenda" in antwoord.content.decode()
    assert GEHEIM_STUK in client_van(raad["ondersteuner"]).get(beheer).content.decode()


def test_notulen_noemen_geen_vergadering_die_de_lezer_niet_mag_zien(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    lid = raad["leden"][0]
    eerste = maak_vergadering(dagen=-14)
    later = maak_vergadering(
        dagen=-7,
        titel=GEHEIME_VERGADERING,
        soort=Soort.RAADSVERGADERING,
        raad_uitnodigen=False,
        extra_deelnemers=[raad["voorzitter"]],
    )
    gehouden(later, raad["ondersteuner"])
    notulen_services.notulen_opslaan(
        vergadering=eerste, tekst="<p>Besproken.</p>", door=raad["ondersteuner"]
    )
    notulen_services.notulen_vaststellen(
        vergadering=eerste, in_vergadering=later, door=raad["ondersteuner"]
    )
    url = reverse("vergaderingen:detail", args=[eerste.pk])
    bij_lid = client_van(lid).get(url)
    assert bij_lid.status_code == 200
    assert GEHEIME_VERGADERING not in bij_lid.content.decode()
    assert "Besproken." in bij_lid.content.decode()
    assert GEHEIME_VERGADERING in client_van(raad["voorzitter"]).get(url).content.decode()


# --- Refusals, not 500s ---------------------------------------------------------------------------
def test_dubbel_weghalen_is_een_nette_weigering(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    """A double submit: the second request loaded the row before the first one removed it."""
    vergadering = maak_vergadering()
    deelname = vergadering.deelnames.first()
    punt = agenda_services.agendapunt_opslaan(vergadering=vergadering, titel="Punt", door=None)
    deelnemers_services.deelname_verwijderen(deelname=deelname, door=raad["ondersteuner"])
    agenda_services.agendapunt_verwijderen(agendapunt=punt, door=raad["ondersteuner"])
    with pytest.raises(ValidationError):
        deelnemers_services.deelname_verwijderen(deelname=deelname, door=raad["ondersteuner"])
    with pytest.raises(ValidationError):
        agenda_services.agendapunt_verwijderen(agendapunt=punt, door=raad["ondersteuner"])


def test_weghalen_vraagt_bevestiging_en_csrf(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    vergadering = maak_vergadering()
    deelname = vergadering.deelnames.first()
    url = reverse("vergaderingen:deelname_verwijderen", args=[deelname.pk])
    client = Client(enforce_csrf_checks=True)
    mfa_verify(client, raad["ondersteuner"])
    assert client.get(url).status_code == 200  # the confirmation page; nothing removed
    assert Deelname.objects.filter(pk=deelname.pk).exists()
    assert client.post(url).status_code == 403
    assert Deelname.objects.filter(pk=deelname.pk).exists()


def test_andermans_actiepunt_of_agendapunt_via_verborgen_id_is_404(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    eigen, ander = maak_vergadering(), maak_vergadering(dagen=20)
    actie = besluiten_services.actiepunt_toevoegen(
        vergadering=ander, omschrijving="Bellen", door=None
    )
    punt = agenda_services.agendapunt_opslaan(vergadering=ander, titel="Ander punt", door=None)
    client = client_van(raad["ondersteuner"])
    antwoord = client.post(
        reverse("vergaderingen:acties", args=[eigen.pk]), {"actiepunt": actie.pk, "afgerond": "1"}
    )
    assert antwoord.status_code == 404
    actie.refresh_from_db()
    assert not actie.afgerond
    antwoord = client.post(
        reverse("vergaderingen:stuk", args=[eigen.pk]), {"titel": "x", "agendapunt": punt.pk}
    )
    assert antwoord.status_code == 200  # a form error: not a choice here
    assert not Vergaderstuk.objects.exists()


# --- Audit lines ----------------------------------------------------------------------------------
def test_elke_schrijfactie_heeft_een_auditregel(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    caplog: pytest.LogCaptureFixture,
) -> None:
    door = raad["ondersteuner"]
    vergadering = maak_vergadering()
    punt = agenda_services.agendapunt_opslaan(vergadering=vergadering, titel="Punt", door=door)
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    vergadering_services.vergadering_wijzigen(
        vergadering=vergadering, door=door, locatie="Stadhuis"
    )
    actie = besluiten_services.actiepunt_toevoegen(
        vergadering=vergadering, omschrijving="Bellen", door=door
    )
    besluiten_services.actiepunt_bijwerken(actiepunt=actie, door=door, afgerond=True)
    besluit = besluiten_services.besluit_vastleggen(
        vergadering=vergadering, tekst="Akkoord", door=door
    )
    verschoning = agenda_services.verschoning_vastleggen(
        agendapunt=punt, gebruiker=raad["leden"][0], reden="Familie", door=door
    )
    regels = [r.getMessage() for r in caplog.records]
    for actie_naam, obj in (
        ("vergadering_wijzigen", f"vergadering:{vergadering.pk}"),
        ("actiepunt_toevoegen", f"actiepunt:{actie.pk}"),
        ("actiepunt_bijwerken", f"actiepunt:{actie.pk}"),
        ("besluit_vastleggen", f"besluit:{besluit.pk}"),
        ("verschoning_vastleggen", f"verschoning:{verschoning.pk}"),
    ):
        assert any(f"actor={door.pk} action={actie_naam} object={obj} " in r for r in regels), (
            actie_naam
        )
