"""Demo advice requests for `make run`: a year of realistic requests in every state, including an
overdue College response and one unsolicited advice. Idempotent (skips when the demo requests
exist). Called from ``adviesraad/demo.py`` after the council exists; everything goes through the
services, with dates in the past passed as ``op``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviesraad.models import Kernwet
from adviesraad.models.advies import Adviesaanvraag, Oordeel, Overname, Soort, Status
from adviesraad.models.college import Ontvangers, Ontvangersoort
from hengelo_participatie.accounts.demo import demo_gebruiker
from hengelo_participatie.pdf import render_pdf

from .services.aanvraag import (
    aanvraag_aanmaken,
    document_toevoegen,
    meedenken_vastleggen,
    overgang_uitvoeren,
    planning_wijzigen,
)
from .services.bezorging import ontvangers_vastleggen
from .services.goedkeuring import concept_opslaan, goedkeuring_geven, open_ronde
from .services.publicatie import publiceren
from .services.reactie import collegereactie_vastleggen
from .services.versie import huidige_versie

ZAAK = "DEMO-"


def _document(aanvraag: Adviesaanvraag, titel: str, door: Any, *, vertrouwelijk: bool) -> None:
    pdf = render_pdf("pdf/voorbeeld.html", {"titel": titel, "alineas": [f"Demo: {titel}."]})
    document_toevoegen(
        aanvraag=aanvraag,
        upload=SimpleUploadedFile(f"{titel[:40]}.pdf", pdf),
        titel=titel,
        vertrouwelijk=vertrouwelijk,
        door=door,
    )


def _stap(aanvraag: Adviesaanvraag, naar: str, op: date, reden: str = "") -> None:
    overgang_uitvoeren(aanvraag=aanvraag, naar=naar, door=None, op=op, reden=reden)


def _tot_ronde(a: Adviesaanvraag, begin: date, punten: list[str]) -> date:
    if a.soort == Soort.GEVRAAGD:
        _stap(a, Status.DOCUMENTEN_ONTVANGEN, begin)
        _stap(a, Status.IN_VOORBEREIDING, begin + timedelta(days=3))
        planning_wijzigen(
            aanvraag=a,
            door=None,
            toelichting_op=begin + timedelta(days=7),
            adviesgesprek_op=begin + timedelta(days=21),
        )
        _stap(a, Status.ADVIESGESPREK_GEHOUDEN, begin + timedelta(days=21))
    else:
        _stap(a, Status.IN_VOORBEREIDING, begin)
    concept_opslaan(aanvraag=a, inleiding="Wij danken u voor de vraag.", punten=punten, door=None)
    _stap(a, Status.CONCEPT, begin + timedelta(days=24))
    _stap(a, Status.TER_GOEDKEURING, begin + timedelta(days=25))
    return begin + timedelta(days=25)


def _goedkeuren(a: Adviesaanvraag, op: date) -> None:
    ronde = open_ronde(a)
    for g in ronde.goedkeuringen.select_related("lid__user").filter(oordeel=Oordeel.OPEN):
        goedkeuring_geven(
            aanvraag=a, door=g.lid.user, oordeel=Oordeel.AKKOORD, opmerking="Akkoord.", op=op
        )


def _verzenden(a: Adviesaanvraag, ronde_op: date) -> date:
    _goedkeuren(a, ronde_op + timedelta(days=2))
    _stap(a, Status.VASTGESTELD, ronde_op + timedelta(days=8))
    verzonden = ronde_op + timedelta(days=9)
    _stap(a, Status.VERZONDEN, verzonden)
    return verzonden


def _reactie(a: Adviesaanvraag, besluit: date) -> None:
    advies = huidige_versie(a)
    keuzes = [Overname.OVERGENOMEN, Overname.DEELS, Overname.NIET]
    collegereactie_vastleggen(
        aanvraag=a,
        besluitdatum=besluit,
        ontvangen_op=besluit,
        door=None,
        punten={
            p.nummer: (
                keuzes[(p.nummer - 1) % 3],
                "" if (p.nummer - 1) % 3 == 0 else "Past niet binnen het budget van dit jaar.",
            )
            for p in advies.punten.all()
        },
    )
    _stap(a, Status.REACTIE_ONTVANGEN, besluit)


def seed(*, stdout: Any) -> None:
    if Adviesaanvraag.objects.filter(zaaknummer__startswith=ZAAK).exists():
        stdout.write("Adviezen: demogegevens bestaan al.")
        return
    beleid, accounthouder = demo_gebruiker("beleidsmedewerker"), demo_gebruiker("accounthouder")
    if beleid is None or accounthouder is None:
        stdout.write("Adviezen: geen demo-accounts gevonden; overgeslagen.")
        return
    vandaag = timezone.localdate()
    start = max(date(2026, 1, 12), vandaag - timedelta(days=330))
    wmo, jeugd, pw, minima = (
        Kernwet.objects.get(code=c) for c in ("wmo", "jeugdwet", "participatiewet", "minimabeleid")
    )
    # Who receives what the council sends (the account holder keeps this in the admin).
    for soort, adres in (
        (Ontvangersoort.COLLEGE, "bestuurssecretariaat@demo.hengelo.example"),
        (Ontvangersoort.GRIFFIE, "griffie@demo.hengelo.example"),
    ):
        if not Ontvangers.objects.filter(soort=soort).exists():
            ontvangers_vastleggen(soort=soort, adressen=adres, geldig_vanaf=start, door=None)

    def gevraagd(titel: str, wet: Kernwet, nr: int, op: date, **kw: Any) -> Adviesaanvraag:
        a = aanvraag_aanmaken(
            soort=Soort.GEVRAAGD,
            titel=titel,
            kernwetten=[wet],
            door=None,
            op=op,
            beleidsmedewerker=beleid,
            zaaknummer=f"{ZAAK}{nr:03d}",
            wethouder="Wethouder Zorg",
            samenvatting=f"Concept: {titel}.",
            vragen=["Wat mist u vanuit inwoners?"],
            **kw,
        )
        _document(a, f"Concept {titel}", beleid, vertrouwelijk=True)
        return a

    punten = [
        "<p>Betrek <strong>cliëntondersteuning</strong> vanaf het eerste gesprek.</p>",
        "<p>Maak de regeling begrijpelijk in eenvoudige taal (B1).</p>",
        "<p>Evalueer na één jaar samen met inwoners.</p>",
    ]
    # 1. Meedenken, held, with a requested advice as follow-up; that one is finished and public.
    sessie = aanvraag_aanmaken(
        soort=Soort.MEEDENKEN,
        titel="Vroeg idee: nieuw beleidskader Wmo",
        kernwetten=[wmo],
        door=None,
        op=start,
        beleidsmedewerker=beleid,
        zaaknummer=f"{ZAAK}001",
        meedenken_op=start + timedelta(days=7),
    )
    meedenken_vastleggen(
        aanvraag=sessie,
        door=None,
        mondelinge_inbreng="Portefeuillehouders vragen aandacht voor mantelzorgers en wachttijden.",
    )
    _stap(sessie, Status.GEHOUDEN, start + timedelta(days=7))
    _stap(sessie, Status.AFGEROND, start + timedelta(days=8))
    b1 = start + timedelta(days=30)
    a1 = gevraagd("Beleidskader Wmo 2027-2030", wmo, 2, b1, vervolg_op=sessie)
    v1 = _verzenden(a1, _tot_ronde(a1, b1, punten))
    _reactie(a1, v1 + timedelta(days=35))
    publiceren(aanvraag=a1, door=None)
    _stap(a1, Status.AFGEROND, v1 + timedelta(days=40))
    # 2. The unsolicited advice: announced, written, answered, to the raad for information.
    b2 = start + timedelta(days=60)
    a2 = aanvraag_aanmaken(
        soort=Soort.ONGEVRAAGD,
        titel="Armoede onder jongeren",
        kernwetten=[minima, jeugd],
        door=None,
        op=b2,
        zaaknummer=f"{ZAAK}003",
        samenvatting="Signalen uit de samenleving over jongeren in armoede.",
    )
    v2 = _verzenden(a2, _tot_ronde(a2, b2, punten[:2]))
    _reactie(a2, v2 + timedelta(days=30))
    _stap(a2, Status.TER_KENNISNAME_RAAD, v2 + timedelta(days=31))
    publiceren(aanvraag=a2, door=None)
    # 3. Sent, but the College's response is overdue.
    b3 = vandaag - timedelta(days=120)
    a3 = gevraagd("Verordening Jeugdhulp 2027", jeugd, 4, b3)
    _verzenden(a3, _tot_ronde(a3, b3, punten))
    publiceren(aanvraag=a3, door=None)
    # 4. A concept waiting for the members' approval now.
    b4 = vandaag - timedelta(days=25)
    a4 = gevraagd("Re-integratiebeleid Participatiewet", pw, 5, b4)
    _tot_ronde(a4, b4 - timedelta(days=0), punten[:2])
    # 5. In preparation; 6. announced; 7. withdrawn; 8. meedenken planned.
    a5 = gevraagd("Minimabeleid: meedoenregeling", minima, 6, vandaag - timedelta(days=10))
    _stap(a5, Status.DOCUMENTEN_ONTVANGEN, vandaag - timedelta(days=9))
    _stap(a5, Status.IN_VOORBEREIDING, vandaag - timedelta(days=8))
    gevraagd("Huishoudelijke hulp: nieuwe inkoop", wmo, 7, vandaag - timedelta(days=2))
    a7 = gevraagd("Leerlingenvervoer: eigen bijdrage", jeugd, 8, start + timedelta(days=90))
    _stap(
        a7,
        Status.INGETROKKEN,
        start + timedelta(days=100),
        reden="Het college heeft het voorstel uitgesteld tot volgend jaar.",
    )
    aanvraag_aanmaken(
        soort=Soort.MEEDENKEN,
        titel="Vroeg idee: inloophuis in de wijk",
        kernwetten=[wmo],
        door=None,
        op=vandaag,
        beleidsmedewerker=beleid,
        zaaknummer=f"{ZAAK}009",
        meedenken_op=vandaag + timedelta(days=14),
    )
    stdout.write("Adviezen: 9 aanvragen in alle fasen, één ongevraagd advies, één te late reactie.")
