"""Issue 14 point 2 and 4: the College's response deadline, its reminders and escalation (rules),
tested across an extension by the chair; the register says "reactie te laat" honestly and shows
the extension; the raadsvoorlegger goes to the griffie on the delivery path and the public page
links it once sent. Staff names never reach the public pages.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from adviesraad.advies import deadlines as ad
from adviesraad.advies.services import bezorging as bezorg_services
from adviesraad.advies.services.aanvraag import overgang_uitvoeren
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.advies.services.reactietermijn import ontvangst_bevestigen
from adviesraad.models.advies import Adviesaanvraag, Status
from adviesraad.models.college import Bezorging, Bezorgstatus, Ontvangersoort, Stuk
from hengelo_participatie.notifications import registry
from hengelo_participatie.notifications import services as herinnering_services
from hengelo_participatie.notifications.models import Herinnering
from verordening.rules import Sleutel, rule

from .conftest import SmtpServer
from .helpers import gevraagd, reactie, tot_verzonden

pytestmark = pytest.mark.django_db


@pytest.fixture
def adressen(db: None) -> None:
    for soort, adres in (
        (Ontvangersoort.COLLEGE, "bestuurssecretariaat@hengelo.example"),
        (Ontvangersoort.GRIFFIE, "griffie@hengelo.example"),
    ):
        bezorg_services.ontvangers_vastleggen(
            soort=soort,
            adressen=adres,
            geldig_vanaf=timezone.localdate() - timedelta(days=1),
            door=None,
        )


def _ontvangers(kind: str, op: Any) -> set[int]:
    return {d.ontvanger_id for d in registry.provider(kind).deadlines(op)}


def _bevestigd(raad: dict[str, Any], pdf_bytes: bytes) -> Adviesaanvraag:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    ontvangst_bevestigen(
        bezorging=Bezorging.objects.get(aanvraag=aanvraag),
        geregistreerd_op=timezone.localdate(),
        zaaknummer="Z-2026-0100",
        door=raad["accounthouder"],
    )
    aanvraag.refresh_from_db()
    return aanvraag


def test_overdue_response_reminded_and_escalated_by_rule_across_an_extension(
    raad: dict[str, Any], pdf_bytes: bytes, adressen: None, client_van: Any
) -> None:
    aanvraag = _bevestigd(raad, pdf_bytes)
    houder, voorzitter = raad["accounthouder"].pk, raad["voorzitter"].user.pk
    uiterlijk = aanvraag.reactie_uiterlijk
    assert uiterlijk == rule(Sleutel.REACTIETERMIJN_COLLEGE, on=timezone.localdate()).waarde.na(
        timezone.localdate()
    )
    escalatie = rule(Sleutel.ESCALATIE_REACTIE_COLLEGE, on=uiterlijk).waarde
    assert _ontvangers(ad.REACTIE_COLLEGE_TE_LAAT, uiterlijk) == set()  # due today: not late
    assert _ontvangers(ad.REACTIE_COLLEGE_TE_LAAT, uiterlijk + timedelta(days=1)) == {houder}
    voor_escalatie = escalatie.na(uiterlijk) - timedelta(days=1)
    assert _ontvangers(ad.REACTIE_COLLEGE_ESCALATIE, voor_escalatie) == set()
    assert _ontvangers(ad.REACTIE_COLLEGE_ESCALATIE, escalatie.na(uiterlijk)) == {voorzitter}
    # Through the scan: an outbox row for the account holder, once.
    herinnering_services.herinneringen_verwerken(op=uiterlijk + timedelta(days=1))
    herinnering_services.herinneringen_verwerken(op=uiterlijk + timedelta(days=2))
    rijen = Herinnering.objects.filter(soort=ad.REACTIE_COLLEGE_TE_LAAT)
    assert [(r.ontvanger_id, r.deadline) for r in rijen] == [(houder, uiterlijk)]

    # The chair records an extension with a reason (portal form).
    nieuw = uiterlijk + timedelta(days=60)
    url = reverse("advies:reactietermijn", args=[aanvraag.pk])
    assert client_van(raad["accounthouder"]).get(url).status_code == 404
    chair = client_van(raad["voorzitter"].user)
    zonder_reden = chair.post(url, {"nieuwe_datum": nieuw.isoformat(), "reden": ""})
    assert "Schrijf op waarom" in zonder_reden.content.decode()
    antwoord = chair.post(
        url, {"nieuwe_datum": nieuw.isoformat(), "reden": "Het college besluit na de zomer."}
    )
    assert antwoord.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.reactie_uiterlijk == nieuw
    # On the day the escalation was due, nothing: the period now runs until ``nieuw``.
    assert _ontvangers(ad.REACTIE_COLLEGE_TE_LAAT, escalatie.na(uiterlijk)) == set()
    assert _ontvangers(ad.REACTIE_COLLEGE_ESCALATIE, escalatie.na(uiterlijk)) == set()
    # After the new date: late again (a new date, so a new reminder), escalated after the rule.
    assert _ontvangers(ad.REACTIE_COLLEGE_TE_LAAT, nieuw + timedelta(days=1)) == {houder}
    assert [
        d.datum
        for d in registry.provider(ad.REACTIE_COLLEGE_TE_LAAT).deadlines(nieuw + timedelta(1))
    ] == [nieuw]
    assert _ontvangers(ad.REACTIE_COLLEGE_ESCALATIE, escalatie.na(nieuw)) == {voorzitter}
    assert _ontvangers(ad.REACTIE_COLLEGE_ESCALATIE, escalatie.na(nieuw) - timedelta(1)) == set()
    # A recorded response ends both.
    reactie(aanvraag, raad)
    assert _ontvangers(ad.REACTIE_COLLEGE_TE_LAAT, nieuw + timedelta(days=1)) == set()
    assert _ontvangers(ad.REACTIE_COLLEGE_ESCALATIE, escalatie.na(nieuw)) == set()


def test_register_says_reactie_te_laat_and_shows_the_extension_without_names(
    raad: dict[str, Any], pdf_bytes: bytes, adressen: None, client_van: Any
) -> None:
    aanvraag = _bevestigd(raad, pdf_bytes)
    publiceren(aanvraag=aanvraag, door=raad["ondersteuner"])
    gisteren = timezone.localdate() - timedelta(days=1)
    # Time passed: the response date is behind us.
    Adviesaanvraag.objects.filter(pk=aanvraag.pk).update(reactie_uiterlijk=gisteren)
    anoniem = Client()
    detail = reverse("adviezen:detail", args=[aanvraag.kenmerk])
    assert "reactie te laat" in anoniem.get(reverse("adviezen:register")).content.decode()
    assert "reactie te laat" in anoniem.get(detail).content.decode()
    chair = client_van(raad["voorzitter"].user)
    chair.post(
        reverse("advies:reactietermijn", args=[aanvraag.pk]),
        {
            "nieuwe_datum": (timezone.localdate() + timedelta(days=14)).isoformat(),
            "reden": "Extra overleg met de wethouder.",
        },
    )
    pagina = anoniem.get(detail).content.decode()
    assert "reactie te laat" not in pagina
    assert "Reactietermijn verlengd" in pagina and "Extra overleg met de wethouder." in pagina
    assert "reactie te laat" not in anoniem.get(reverse("adviezen:register")).content.decode()
    for naam in ("Anna de Vries", raad["accounthouder"].email, raad["ondersteuner"].email):
        assert naam not in pagina


def test_raadsvoorlegger_goes_to_the_griffie_and_the_register_links_it(
    raad: dict[str, Any], pdf_bytes: bytes, adressen: None, client_van: Any, smtp_server: SmtpServer
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    reactie(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.REACTIE_ONTVANGEN, door=raad["ondersteuner"])
    publiceren(aanvraag=aanvraag, door=raad["ondersteuner"])
    detail = reverse("adviezen:detail", args=[aanvraag.kenmerk])
    pdf_url = reverse("adviezen:raadsvoorlegger", args=[aanvraag.kenmerk])
    assert pdf_url not in Client().get(detail).content.decode()
    assert Client().get(pdf_url).status_code == 404
    versturen = reverse("advies:raadsvoorlegger_versturen", args=[aanvraag.pk])
    assert client_van(raad["leden"][0].user).post(versturen).status_code == 404
    ondersteuner = client_van(raad["ondersteuner"])
    assert (
        versturen in ondersteuner.get(reverse("advies:detail", args=[aanvraag.pk])).content.decode()
    )
    assert ondersteuner.post(versturen).status_code == 302
    voorlegger = Bezorging.objects.get(aanvraag=aanvraag, stuk=Stuk.RAADSVOORLEGGER)
    assert voorlegger.ontvangers == "griffie@hengelo.example"
    assert Client().get(pdf_url).status_code == 404  # not yet delivered
    bezorg_services.bezorgingen_versturen()
    voorlegger.refresh_from_db()
    assert voorlegger.status == Bezorgstatus.BEZORGD
    griffie = [raw for naar, raw in smtp_server.berichten if naar == ["griffie@hengelo.example"]]
    assert len(griffie) == 1 and b"Beste griffie" in griffie[0]
    assert pdf_url in Client().get(detail).content.decode()
    antwoord = Client().get(pdf_url)
    inhoud = b"".join(antwoord.streaming_content)
    assert inhoud == voorlegger.bestand.bestand.open("rb").read()
    # Twice is refused.
    antwoord = ondersteuner.post(versturen, follow=True)
    assert "al naar de griffie gestuurd" in antwoord.content.decode()
