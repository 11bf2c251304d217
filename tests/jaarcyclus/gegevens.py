"""Seeded data for the annual report, with figures known in advance (``VERWACHT``).

Rows are written with the ORM on purpose: the report reads what the services leave behind, and
exact dates (sent on time, answered late) are simplest to set here. ``jaar(keer=n)`` adds the same
set n times (for the query budget at 1x and 10x data); every count then scales by n, every
percentage stays.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from adviesraad.models import Kernwet
from adviesraad.models.advies import (
    Advies,
    Adviesaanvraag,
    Adviespunt,
    Collegereactie,
    Overname,
    Puntreactie,
)
from adviesraad.vergaderingen.models import Deelname, Vergadering
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.files.services import bestand_opslaan
from jaarcyclus.models import Evaluatie, Vervolgactie
from participatiemix.models import Benutting, Opbrengst
from tests.factories import UserFactory
from tests.participatiemix.factories import maak_activiteit, thema

AMS = ZoneInfo("Europe/Amsterdam")
_nummer = itertools.count(1)

VERWACHT = {
    "gevraagd": 3,
    "ongevraagd": 1,
    "meedenken": 1,
    "Wmo 2015": 2,
    "Jeugdwet": 1,
    "Participatiewet": 1,
    "advies_op_tijd": 1,
    "advies_te_laat": 1,
    "advies_zonder": 1,
    "college_op_tijd": 1,
    "college_te_laat": 1,
    "overgenomen": 3,
    "deels": 1,
    "niet": 1,
    "overname_pct": 80,
    "overname_vorig_jaar_pct": 50,
    "vergaderingen": 3,
    "raadsvergadering_pct": 71,  # 5 present of 7 recorded
    "adviesgesprek_pct": 100,
    "opkomst_pct": 78,  # 7 of 9
    "opkomst_vorig_jaar_pct": 50,
}


def _aanvraag(soort: str, ontvangen: date, *wetten: str, **velden: Any) -> Adviesaanvraag:
    aanvraag = Adviesaanvraag.objects.create(
        kenmerk=f"AR-T-{next(_nummer):04d}",
        soort=soort,
        status="afgerond",
        titel=f"Aanvraag {soort}",
        ontvangen_op=ontvangen,
        **velden,
    )
    aanvraag.kernwetten.set(Kernwet.objects.filter(code__in=wetten))
    return aanvraag


def _pdf(door: Any) -> Bestand:
    """One small private file for every sent version of a data set."""
    return bestand_opslaan(
        upload=SimpleUploadedFile("advies.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        door=door,
    )


def _verzonden(aanvraag: Adviesaanvraag, op: date, pdf: Bestand) -> Advies:
    return Advies.objects.create(
        aanvraag=aanvraag, versie=1, vastgesteld_op=op, verzonden_op=op, pdf=pdf
    )


def _reactie(advies: Advies, ontvangen: date, oordelen: list[str]) -> None:
    reactie = Collegereactie.objects.create(
        advies=advies, besluitdatum=ontvangen, ontvangen_op=ontvangen
    )
    for i, oordeel in enumerate(oordelen, start=1):
        punt = Adviespunt.objects.create(advies=advies, nummer=i, tekst=f"Punt {i}")
        Puntreactie.objects.create(reactie=reactie, punt=punt, oordeel=oordeel, toelichting="x")


def _vergadering(
    soort: str, dag: date, aanwezigheid: list[str], *, status: str = "gehouden"
) -> None:
    v = Vergadering.objects.create(
        soort=soort,
        titel=f"{soort} {dag}",
        begin=datetime.combine(dag, time(19, 0), tzinfo=AMS),
        status=status,
    )
    for a in aanwezigheid:
        Deelname.objects.create(vergadering=v, gebruiker=UserFactory(), aanwezigheid=a)


def jaar(keer: int = 1) -> dict[str, Any]:
    """The data of 2026 (and a little of 2025 for the comparison), ``keer`` times."""
    eigenaar = UserFactory(roles=["accounthouder"])
    pdf = _pdf(eigenaar)
    for _ in range(keer):
        a1 = _aanvraag(
            "gevraagd",
            date(2026, 2, 1),
            "wmo",
            advies_uiterlijk=date(2026, 3, 15),
            reactie_uiterlijk=date(2026, 4, 20),
        )
        a2 = _aanvraag(
            "gevraagd",
            date(2026, 3, 1),
            "wmo",
            "jeugdwet",
            advies_uiterlijk=date(2026, 5, 1),
            reactie_uiterlijk=date(2026, 7, 1),
        )
        a3 = _aanvraag("gevraagd", date(2026, 4, 1), "participatiewet")
        _aanvraag("ongevraagd", date(2026, 5, 1))
        _aanvraag("meedenken", date(2026, 6, 1))
        _reactie(
            _verzonden(a1, date(2026, 3, 10), pdf),
            date(2026, 4, 1),
            [
                Overname.OVERGENOMEN,
                Overname.OVERGENOMEN,
                Overname.DEELS,
            ],
        )
        _reactie(
            _verzonden(a2, date(2026, 5, 20), pdf),
            date(2026, 7, 15),
            [
                Overname.NIET,
                Overname.OVERGENOMEN,
            ],
        )
        _verzonden(a3, date(2026, 6, 1), pdf)
        # 2025: one answered advice for the comparison (50%).
        a0 = _aanvraag("gevraagd", date(2025, 9, 1))
        _reactie(
            _verzonden(a0, date(2025, 10, 1), pdf),
            date(2025, 11, 1),
            [
                Overname.OVERGENOMEN,
                Overname.NIET,
            ],
        )
        # Meetings.
        _vergadering("raadsvergadering", date(2026, 2, 10), ["aanwezig"] * 3 + ["afgemeld"])
        _vergadering("raadsvergadering", date(2026, 5, 12), ["aanwezig", "aanwezig", "afwezig", ""])
        _vergadering("adviesgesprek", date(2026, 3, 3), ["aanwezig", "aanwezig"])
        _vergadering("raadsvergadering", date(2026, 6, 9), ["aanwezig"], status="geannuleerd")
        _vergadering("raadsvergadering", date(2025, 11, 10), ["aanwezig", "afwezig"])
        # Residents' input used in advice: two uses of findings of a group conversation in a1.
        activiteit = maak_activiteit(nummer=2, startdatum=date(2026, 1, 20))
        for _i in range(2):
            opbrengst = Opbrengst.objects.create(
                activiteit=activiteit, soort="knelpunt", thema=thema(), omschrijving="Wachttijden"
            )
            Benutting.objects.create(
                opbrengst=opbrengst,
                soort="beleid",
                omschrijving="In advies",
                adviesaanvraag=a1,
                datum=date(2026, 3, 1),
            )
        # Evaluations: a self-evaluation with one open and one finished action; a chair's one.
        zelf = Evaluatie.objects.create(
            soort="zelfevaluatie",
            titel="Zelfevaluatie 2026",
            jaar=2026,
            eigenaar=eigenaar,
            uiterlijk=date(2026, 12, 30),
            status="afgerond",
            resultaten="Goed",
        )
        for status in ("open", "afgerond"):
            Vervolgactie.objects.create(
                evaluatie=zelf,
                omschrijving=f"Actie {status}",
                eigenaar=eigenaar,
                uiterlijk=date(2027, 1, 31),
                status=status,
            )
        voorzitter = Evaluatie.objects.create(
            soort="voorzitter",
            titel="Evaluatie voorzitter 2026",
            jaar=2026,
            eigenaar=eigenaar,
            uiterlijk=date(2026, 12, 30),
        )
        Vervolgactie.objects.create(
            evaluatie=voorzitter,
            omschrijving="Geheim",
            eigenaar=eigenaar,
            uiterlijk=date(2027, 1, 31),
        )
    return {"eigenaar": eigenaar}
