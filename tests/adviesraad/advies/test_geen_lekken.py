"""Nothing confidential leaves through e-mail or a calendar feed.

An advice request's title and summary are confidential until the advice is published. E-mails
(the workflow messages and the daily reminder digest), the outbox rows behind them and iCal
entries name the request by its reference number (``kenmerk``) and a link only.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from adviesraad.advies import deadlines as ad
from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    document_toevoegen,
    overgang_uitvoeren,
)
from adviesraad.models.advies import Adviesaanvraag, Soort, Status
from hengelo_participatie.notifications import agenda, registry
from hengelo_participatie.notifications import services as meldingen
from hengelo_participatie.notifications.models import Herinnering
from verordening.rules import rule

from .helpers import pdf_upload, reactie, tot_ter_goedkeuring

pytestmark = pytest.mark.django_db

TITEL = "Sluiting zwembad GEHEIMTITEL-7Q"
SAMENVATTING = "Bezuiniging GEHEIMSAMENVATTING-3Z op de Wmo"


def _aanvraag(raad: dict[str, Any], pdf: bytes) -> Adviesaanvraag:
    aanvraag = aanvraag_aanmaken(
        soort=Soort.GEVRAAGD,
        titel=TITEL,
        samenvatting=SAMENVATTING,
        kernwetten=[raad["kernwet"]],
        zaaknummer="Z-2026-0099",
        wethouder="Wethouder Zorg",
        vragen=["Wat vindt u ervan?"],
        door=raad["beleidsmedewerker"],
    )
    document_toevoegen(
        aanvraag=aanvraag,
        upload=pdf_upload(pdf),
        titel="Concept",
        vertrouwelijk=True,
        door=raad["beleidsmedewerker"],
    )
    return aanvraag


def _geen_geheimen(tekst: str) -> None:
    assert "GEHEIMTITEL" not in tekst
    assert "GEHEIMSAMENVATTING" not in tekst


def test_meldingen_over_een_aanvraag_noemen_kenmerk_en_link_niet_de_titel(
    raad: dict[str, Any], pdf_bytes: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = _aanvraag(raad, pdf_bytes)
        tot_ter_goedkeuring(aanvraag, raad)
    assert aanvraag.gepubliceerd_op is None
    soorten = {m.subject.split(" ")[0] for m in mail.outbox}
    assert {"Nieuwe", "Graag"} <= soorten  # documents received, the approval round
    for bericht in mail.outbox:
        for deel in (bericht.subject, bericht.body):
            _geen_geheimen(deel)
        assert aanvraag.kenmerk in bericht.body
        assert f"/portaal/advies/{aanvraag.pk}/" in bericht.body


def test_reactie_en_aankondiging_noemen_alleen_het_kenmerk(
    raad: dict[str, Any], pdf_bytes: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    from .helpers import iedereen_akkoord

    aanvraag = _aanvraag(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    iedereen_akkoord(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["voorzitter"].user)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VERZONDEN, door=raad["ondersteuner"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reactie(aanvraag, raad)
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.REACTIE_ONTVANGEN, door=raad["beleidsmedewerker"]
        )
        ongevraagd = aanvraag_aanmaken(
            soort=Soort.ONGEVRAAGD,
            titel=TITEL,
            kernwetten=[raad["kernwet"]],
            door=raad["voorzitter"].user,
        )
    aanvraag.refresh_from_db()
    assert aanvraag.gepubliceerd_op is None
    reacties = [m for m in mail.outbox if "Reactie" in m.subject]
    aankondiging = [m for m in mail.outbox if "aangekondigd" in m.subject]
    assert reacties and aankondiging
    for bericht in reacties:
        _geen_geheimen(bericht.body)
        assert aanvraag.kenmerk in bericht.body
    _geen_geheimen(aankondiging[0].body)
    assert ongevraagd.kenmerk in aankondiging[0].body
    assert f"/portaal/advies/{ongevraagd.pk}/" in aankondiging[0].body


def test_herinnering_in_outbox_digest_en_agenda_zonder_titel(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = _aanvraag(raad, pdf_bytes)
    uiterlijk = date(2027, 3, 15)
    Adviesaanvraag.objects.filter(pk=aanvraag.pk).update(advies_uiterlijk=uiterlijk)
    aanvraag.refresh_from_db()
    op = rule(ad.HERINNERING_ADVIES_UITERLIJK, on=uiterlijk).waarde.voor(uiterlijk)

    meldingen.herinneringen_verwerken(op=op)

    rijen = Herinnering.objects.filter(onderwerp_id=aanvraag.pk, soort=ad.ADVIES_UITERLIJK)
    assert rijen.count() == 2  # supporter and chair
    for rij in rijen:
        _geen_geheimen(f"{rij.onderwerp_label} {rij.tekst} {rij.kenmerk}")
        assert aanvraag.kenmerk in rij.onderwerp_label
        assert rij.kenmerk == aanvraag.kenmerk
        assert rij.link == f"/portaal/advies/{aanvraag.pk}/"
    digests = [m for m in mail.outbox if raad["ondersteuner"].email in m.to]
    assert len(digests) == 1
    html, _soort = digests[0].alternatives[0]
    for deel in (digests[0].subject, digests[0].body, html):
        _geen_geheimen(deel)
        assert aanvraag.kenmerk in deel or deel == digests[0].subject
        assert f"/portaal/advies/{aanvraag.pk}/" in deel or deel == digests[0].subject

    # The personal calendar feed: the reference and the link, not the title.
    gevonden = [d for d in registry.provider(ad.ADVIES_UITERLIJK).deadlines(op) if d.onderwerp_id]
    ical = agenda.kalender(deadlines=gevonden, nu=timezone.now())
    _geen_geheimen(ical.decode())
    event = Calendar.from_ical(ical).walk("VEVENT")[0]
    assert aanvraag.kenmerk in str(event["SUMMARY"])
    assert str(event["URL"]).endswith(f"/portaal/advies/{aanvraag.pk}/")


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_stuurt_geen_uitvoerbare_html_naar_een_lezer(
    raad: dict[str, Any], pdf_bytes: bytes, client: Any
) -> None:
    """The summary was cleaned with nh3, unescaped and sent as ``type="html"``: an escaped
    ``&lt;img onerror&gt;`` in the summary reached feed readers as a working ``<img>``."""
    aanvraag = _aanvraag(raad, pdf_bytes)
    Adviesaanvraag.objects.filter(pk=aanvraag.pk).update(
        samenvatting="Let op &lt;img src=x onerror=alert(1)&gt; en <img src=y onerror=alert(2)>",
        gepubliceerd_op=timezone.now(),
    )
    feed = client.get("/adviezen/feed/")
    assert feed.status_code == 200
    root = ElementTree.fromstring(feed.content)  # noqa: S314 - our own response, in a test
    samenvattingen = root.findall(f"{ATOM}entry/{ATOM}summary")
    assert len(samenvattingen) == 1
    summary = samenvattingen[0]
    # What a reader renders: the element text, parsed as HTML when the type says so.
    tekst = summary.text or ""
    if summary.get("type") == "html":
        assert "<" not in tekst and ">" not in tekst
    else:
        assert summary.get("type", "text") == "text"
    assert "Let op" in tekst


def test_migratie_haalt_opgeslagen_titels_uit_de_outbox(raad: dict[str, Any], pdf_bytes: bytes):
    """Rows written before the fix held "kenmerk titel": the migration keeps the reference."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    migratie = importlib.import_module(
        "hengelo_participatie.notifications.migrations.0002_herinnering_kenmerk"
    )
    aanvraag = _aanvraag(raad, pdf_bytes)
    velden = {
        "ontvanger": raad["ondersteuner"],
        "onderwerp_type": ContentType.objects.get_for_model(Adviesaanvraag),
        "onderwerp_id": aanvraag.pk,
        "onderwerp_label": str(aanvraag),
        "deadline": date(2027, 3, 15),
        "tekst": "Het advies moet uiterlijk 15 maart 2027 naar het college.",
        "link": f"/portaal/advies/{aanvraag.pk}/",
        "gepland_op": date(2027, 3, 1),
    }
    oud = Herinnering.objects.create(soort=ad.ADVIES_UITERLIJK, vertrouwelijk=True, **velden)
    openbaar = Herinnering.objects.create(soort=ad.REACTIE_COLLEGE, vertrouwelijk=False, **velden)

    migratie.titels_weghalen(apps, None)

    oud.refresh_from_db()
    openbaar.refresh_from_db()
    assert (oud.onderwerp_label, oud.kenmerk) == (
        f"Adviesaanvraag {aanvraag.kenmerk}",
        aanvraag.kenmerk,
    )
    assert openbaar.onderwerp_label == str(aanvraag)  # published: the title may stay
