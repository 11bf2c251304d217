"""The printable page and the PDF: the published version, its dates, only visible requests."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from adviesraad.kwartaalagenda import services

from .conftest import aanvraag, agenda_met_punten, punt

pytestmark = pytest.mark.django_db

BASIS = "/portaal/kwartaalagenda/"


def _pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(inhoud)).pages)


def test_pdf_bevat_onderwerpen_en_data(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(0, kwartaal=3)
    beleid = mensen["beleidsmedewerker"]
    p = punt(
        agenda,
        "Beleidskader Wmo 2027-2030",
        beleidsmedewerker=beleid,
        toelichting_op=date(2026, 7, 14),
        adviesgesprek_op=date(2026, 8, 25),
        collegebesluit_op=date(2026, 9, 22),
    )
    punt(agenda, "Verordening Jeugdhulp", raad_op=date(2026, 9, 30))
    services.punt_koppelen(
        punt=p, aanvraag=aanvraag(beleid, "Vertrouwelijke aanvraag"), door=beleid
    )
    services.publiceren(agenda=agenda, door=None)
    punt(agenda, "Concept dat niet in de PDF hoort")

    response = client_van(beleid).get(f"{BASIS}{agenda.pk}/kwartaalagenda.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    tekst = _pdf_tekst(response.content)
    for verwacht in (
        "Kwartaalagenda 3e kwartaal 2026",
        "Versie 1",
        "Beleidskader Wmo 2027-2030",
        "14-07-2026",
        "25-08-2026",
        "22-09-2026",
        "Verordening Jeugdhulp",
        "30-09-2026",
        beleid.get_full_name(),
        "Vertrouwelijke aanvraag",  # the policy officer may see their request
    ):
        assert verwacht in tekst, verwacht
    assert "Concept dat niet in de PDF hoort" not in tekst

    # A member without a grant on the request gets the agenda, not the request's title.
    lid_tekst = _pdf_tekst(
        client_van(mensen["lid"]).get(f"{BASIS}{agenda.pk}/kwartaalagenda.pdf").content
    )
    assert "Beleidskader Wmo 2027-2030" in lid_tekst
    assert "Vertrouwelijke aanvraag" not in lid_tekst


def test_afdrukpagina(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(2)
    services.publiceren(agenda=agenda, door=None)
    punt(agenda, "Nog niet gepubliceerd")
    pagina = (
        client_van(mensen["accounthouder"]).get(f"{BASIS}{agenda.pk}/afdrukken/").content.decode()
    )
    assert "hengelo-afdruk" in pagina and "Onderwerp 001" in pagina
    assert "1 april 2026" in pagina  # the planned early-input date of item 000
    assert "Nog niet gepubliceerd" not in pagina
    assert "/onderwerpen/" not in pagina  # no edit links on paper


def test_niets_gepubliceerd_geen_pdf(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(1)
    c = client_van(mensen["accounthouder"])
    assert c.get(f"{BASIS}{agenda.pk}/kwartaalagenda.pdf").status_code == 404
    assert c.get(f"{BASIS}{agenda.pk}/afdrukken/").status_code == 404
