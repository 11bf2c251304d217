"""Issue 14 point 5: small workflow faults found when the product was tried as a new user would.

Each test fails on the code before the fix: the letter numbered internal concept versions and
said "concept bijgewerkt"; a meedenksessie could be marked held before its date; an unsolicited
advice without a policy officer said nothing about who must act; the concept form had no way to
add a point without saving and reopening. (Minutes: tests/adviesraad/vergaderingen/test_services.py.)
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    meedenken_vastleggen,
    overgang_uitvoeren,
)
from adviesraad.advies.services.goedkeuring import concept_opslaan
from adviesraad.advies.services.versie import huidige_versie
from adviesraad.models.advies import Soort, Status

from .helpers import PUNTEN, gevraagd, iedereen_akkoord, tot_ter_goedkeuring

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _versieregel(tekst: str) -> str:
    return " ".join(tekst.split("Versie", 1)[1].split("Hoe is dit advies")[0].split())


def _verzenden(aanvraag: Any, raad: dict[str, Any]) -> bytes:
    iedereen_akkoord(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["voorzitter"].user)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VERZONDEN, door=raad["ondersteuner"])
    advies = huidige_versie(aanvraag)
    assert advies is not None and advies.pdf is not None
    return bytes(advies.pdf.bestand.open("rb").read())


def test_the_letter_numbers_what_the_college_receives_and_says_final(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    # The concept was saved twice on the way (internal versions 1 and 2).
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.CONCEPT, door=raad["ondersteuner"])
    concept_opslaan(
        aanvraag=aanvraag,
        inleiding="Dank.",
        punten=[*PUNTEN, "<p>Drie</p>"],
        door=raad["ondersteuner"],
    )
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.TER_GOEDKEURING, door=raad["ondersteuner"])
    assert huidige_versie(aanvraag).versie == 2
    eerste = _tekst(_verzenden(aanvraag, raad))
    regel = _versieregel(eerste)
    assert regel.startswith("1, definitief advies"), regel
    assert "concept" not in regel.lower()
    # A correction: the College receives version 2, which says what it replaces.
    overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.CONCEPT, door=raad["ondersteuner"], reden="Typfout"
    )
    tot_ter_goedkeuring_opnieuw = overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.TER_GOEDKEURING, door=raad["ondersteuner"]
    )
    assert tot_ter_goedkeuring_opnieuw.status == Status.TER_GOEDKEURING
    tweede = _versieregel(_tekst(_verzenden(aanvraag, raad)))
    assert tweede.startswith("2, definitief advies"), tweede
    assert re.search(r"vervangt versie 1 van \d+ \w+ \d{4}", tweede), tweede


def test_the_portal_calls_a_finished_advice_final_not_concept(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    client = client_van(raad["ondersteuner"])
    url = reverse("advies:detail", args=[aanvraag.pk])
    assert "Het conceptadvies (versie 1)" in client.get(url).content.decode()
    _verzenden(aanvraag, raad)
    pagina = client.get(url).content.decode()
    assert "Het definitieve advies" in pagina
    assert "Het is definitief." in pagina
    assert "conceptadvies" not in pagina


def test_a_meedenksessie_cannot_be_marked_held_before_its_date(raad: dict[str, Any]) -> None:
    morgen = timezone.localdate() + timedelta(days=1)
    sessie = aanvraag_aanmaken(
        soort=Soort.MEEDENKEN,
        titel="Vroeg idee",
        door=raad["beleidsmedewerker"],
        meedenken_op=morgen,
    )
    meedenken_vastleggen(aanvraag=sessie, mondelinge_inbreng="Alvast.", door=raad["ondersteuner"])
    with pytest.raises(ValidationError, match="mag niet in de toekomst liggen"):
        overgang_uitvoeren(aanvraag=sessie, naar=Status.GEHOUDEN, door=raad["ondersteuner"])
    sessie.refresh_from_db()
    assert sessie.status == Status.GEPLAND
    # On its date it can.
    overgang_uitvoeren(aanvraag=sessie, naar=Status.GEHOUDEN, door=raad["ondersteuner"], op=morgen)
    sessie.refresh_from_db()
    assert sessie.status == Status.GEHOUDEN


def test_unsolicited_advice_says_who_must_act_and_offers_the_assignment(
    raad: dict[str, Any], client_van: Any
) -> None:
    aanvraag = aanvraag_aanmaken(
        soort=Soort.ONGEVRAAGD, titel="Mantelzorg", door=raad["voorzitter"].user
    )
    assert aanvraag.beleidsmedewerker_id is None
    url = reverse("advies:detail", args=[aanvraag.pk])
    toewijzen = reverse("advies:beleidsmedewerker", args=[aanvraag.pk])
    houder = client_van(raad["accounthouder"])
    pagina = houder.get(url).content.decode()
    assert "Er is nog geen beleidsmedewerker toegewezen" in pagina
    assert toewijzen in pagina
    # A member is told who must act, but is not offered the assignment.
    lid_pagina = client_van(raad["leden"][0].user).get(url).content.decode()
    assert "De accounthouder wijst er een toe" in lid_pagina
    assert toewijzen not in lid_pagina
    assert client_van(raad["leden"][0].user).get(toewijzen).status_code == 404
    # Only holders of the role are accepted (a hand-made POST with another id is a form error).
    assert (
        houder.post(toewijzen, {"beleidsmedewerker": raad["accounthouder"].pk}).status_code == 200
    )
    antwoord = houder.post(toewijzen, {"beleidsmedewerker": raad["beleidsmedewerker"].pk})
    assert antwoord.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.beleidsmedewerker == raad["beleidsmedewerker"]
    # The policy officer now reaches the request; the notice is gone.
    pagina = client_van(raad["beleidsmedewerker"]).get(url)
    assert pagina.status_code == 200
    assert "Er is nog geen beleidsmedewerker" not in pagina.content.decode()


def test_the_concept_form_adds_a_point_without_saving_and_without_js(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.CONCEPT, door=raad["ondersteuner"])
    client = client_van(raad["ondersteuner"])
    url = reverse("advies:concept", args=[aanvraag.pk])
    leeg = client.get(url).content.decode()
    assert 'name="punt_4"' in leeg and 'name="punt_5"' not in leeg  # 2 points + 2 empty
    assert 'name="extra_punt"' in leeg
    versies = aanvraag.versies.count()
    gegevens = {
        "inleiding": "Dank.",
        "punt_1": PUNTEN[0],
        "punt_2": PUNTEN[1],
        "punt_3": "<p>Derde</p>",
        "punt_4": "<p>Vierde</p>",
    }
    meer = client.post(url, {**gegevens, "extra_punt": "1"})
    assert meer.status_code == 200
    html = meer.content.decode()
    assert 'name="punt_5"' in html and 'name="punt_6"' not in html
    assert "Vierde" in html  # what was typed stays
    assert re.search(r'name="punt_5"[^>]*autofocus|autofocus[^>]*name="punt_5"', html)
    assert aanvraag.versies.count() == versies  # nothing saved yet
    # Once more, then save: five points.
    meer = client.post(url, {**gegevens, "punt_5": "", "extra_punt": "1"})
    assert 'name="punt_6"' in meer.content.decode()
    opgeslagen = client.post(url, {**gegevens, "punt_5": "<p>Vijfde</p>", "punt_6": ""})
    assert opgeslagen.status_code == 302
    advies = huidige_versie(aanvraag)
    assert [p.nummer for p in advies.punten.order_by("nummer")] == [1, 2, 3, 4, 5]
