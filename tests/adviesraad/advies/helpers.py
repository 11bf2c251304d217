"""Builders that walk a request through the workflow with the real services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    document_toevoegen,
    overgang_uitvoeren,
    planning_wijzigen,
)
from adviesraad.advies.services.goedkeuring import concept_opslaan, goedkeuring_geven, open_ronde
from adviesraad.advies.services.reactie import collegereactie_vastleggen
from adviesraad.models.advies import Adviesaanvraag, Oordeel, Overname, Soort, Status


def pdf_upload(pdf: bytes, naam: str = "concept-beleid.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, pdf, content_type="application/pdf")


PUNTEN = [
    "<p>Betrek <strong>cliëntondersteuning</strong> bij elke keukentafel.</p>",
    "<p>Maak de eigen bijdrage lager voor minima.</p>",
]


def gevraagd(raad: dict[str, Any], pdf: bytes, **kw: Any) -> Adviesaanvraag:
    aanvraag = aanvraag_aanmaken(
        soort=Soort.GEVRAAGD,
        titel=kw.pop("titel", "Beleidskader Wmo 2027"),
        samenvatting="Het nieuwe beleidskader voor zorg en ondersteuning.",
        kernwetten=[raad["kernwet"]],
        zaaknummer=kw.pop("zaaknummer", "Z-2026-0042"),
        wethouder="Wethouder Zorg",
        vragen=["Wat mist u voor mantelzorgers?", "Is de toegang laagdrempelig genoeg?"],
        door=raad["beleidsmedewerker"],
        **kw,
    )
    document_toevoegen(
        aanvraag=aanvraag,
        upload=pdf_upload(pdf),
        titel="Geheim concept beleidskader",
        vertrouwelijk=True,
        door=raad["beleidsmedewerker"],
    )
    return aanvraag


def tot_ter_goedkeuring(
    aanvraag: Adviesaanvraag, raad: dict[str, Any], punten: list[str] | None = None
) -> Adviesaanvraag:
    o = raad["ondersteuner"]
    if aanvraag.soort == Soort.GEVRAAGD:
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
        )
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.IN_VOORBEREIDING, door=o)
        planning_wijzigen(
            aanvraag=aanvraag,
            door=raad["accounthouder"],
            adviesgesprek_op=timezone.localdate() - timedelta(days=1),
            toelichting_op=timezone.localdate() - timedelta(days=10),
        )
        aanvraag.refresh_from_db()
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.ADVIESGESPREK_GEHOUDEN, door=o)
    else:
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.IN_VOORBEREIDING, door=o)
    concept_opslaan(
        aanvraag=aanvraag,
        inleiding="Wij danken u voor de vraag.",
        punten=punten or PUNTEN,
        door=o,
    )
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.CONCEPT, door=o)
    return overgang_uitvoeren(aanvraag=aanvraag, naar=Status.TER_GOEDKEURING, door=o)


def iedereen_akkoord(aanvraag: Adviesaanvraag, raad: dict[str, Any]) -> None:
    for lid in raad["leden"]:
        goedkeuring_geven(
            aanvraag=aanvraag, door=lid.user, oordeel=Oordeel.AKKOORD, opmerking="Prima."
        )
    voorzitter = raad["voorzitter"].user
    if (
        open_ronde(aanvraag)
        .goedkeuringen.filter(lid__user=voorzitter, oordeel=Oordeel.OPEN)
        .exists()
    ):
        goedkeuring_geven(aanvraag=aanvraag, door=voorzitter, oordeel=Oordeel.AKKOORD)


def tot_verzonden(
    aanvraag: Adviesaanvraag, raad: dict[str, Any], punten: list[str] | None = None
) -> Adviesaanvraag:
    tot_ter_goedkeuring(aanvraag, raad, punten)
    iedereen_akkoord(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["voorzitter"].user)
    return overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VERZONDEN, door=raad["ondersteuner"])


def reactie(aanvraag: Adviesaanvraag, raad: dict[str, Any], besluit: date | None = None) -> Any:
    return collegereactie_vastleggen(
        aanvraag=aanvraag,
        besluitdatum=besluit or timezone.localdate(),
        punten={
            1: (Overname.OVERGENOMEN, ""),
            2: (Overname.DEELS, "Alleen voor de laagste inkomens."),
        },
        door=raad["beleidsmedewerker"] if aanvraag.beleidsmedewerker_id else raad["ondersteuner"],
    )
