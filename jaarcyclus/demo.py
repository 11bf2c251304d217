"""Demo data of the yearly cycle for `make run` (called by seed_demo after the council, the
advice, the meetings and the participatiemix demo exist). Idempotent: skips when the demo
evaluations exist. Everything goes through the services (``door=None``: the system; answers by
the members themselves):

* a completed self-evaluation of this year, with the Ombudsman statements and two open
  questions, answered by every sitting member (so its results show), and its follow-up actions;
* an evaluation of the chair, answered by two members (below the minimum group: no breakdown);
* a reflection of policy staff with two open actions owned by the account holder (one overdue);
* the annual report of this year, rendered to PDF (what the Celery task does).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from adviesraad.selectors import zetels_op
from hengelo_participatie.accounts.demo import demo_gebruiker
from hengelo_participatie.core.schrijven import vandaag

from .models import Evaluatie, EvaluatieSoort, VraagSoort
from .services.evaluaties import (
    evaluatie_aanmaken,
    evaluatie_afronden,
    ombudsman_stellingen,
    vervolgactie_bijwerken,
    vervolgactie_toevoegen,
    vragen_toevoegen,
)
from .services.jaarverslag import jaarverslag_aanvragen
from .services.jaarverslag_maken import jaarverslag_genereren
from .services.vragenlijst import vragenlijst_beantwoorden

PREFIX = "Demo: "
OPEN_ANTWOORDEN = [
    "Meer tijd om stukken te lezen voor een adviesgesprek.",
    "De portefeuilles in duo's werken goed.",
    "Vaker terugkoppeling van het college over wat er met ons advies gebeurt.",
    "Nieuwe leden sneller inwerken.",
]


def _beantwoorden(evaluatie: Evaluatie, leden: list[Any], *, basis: int) -> None:
    vragen = list(evaluatie.vragen.all())
    for i, lid in enumerate(leden):
        antwoorden: dict[int, int | str | None] = {}
        for j, vraag in enumerate(vragen):
            if vraag.soort == VraagSoort.STELLING:
                antwoorden[vraag.pk] = min(5, max(1, basis + (i + j) % 3 - 1))
            else:
                antwoorden[vraag.pk] = OPEN_ANTWOORDEN[(i + j) % len(OPEN_ANTWOORDEN)]
        vragenlijst_beantwoorden(evaluatie=evaluatie, antwoorden=antwoorden, door=lid)


def seed(*, stdout: Any) -> None:
    if Evaluatie.objects.filter(titel__startswith=PREFIX).exists():
        return
    ondersteuner = demo_gebruiker("ondersteuner")
    accounthouder = demo_gebruiker("accounthouder")
    beleid = demo_gebruiker("beleidsmedewerker")
    voorzitter = demo_gebruiker("voorzitter")
    if None in (ondersteuner, accounthouder, beleid, voorzitter):
        return
    jaar = vandaag().year
    leden = [z.lid.user for z in zetels_op(vandaag()) if z.lid.user.is_active]
    zonder_voorzitter = [u for u in leden if u != voorzitter]

    zelf = evaluatie_aanmaken(
        soort=EvaluatieSoort.ZELFEVALUATIE,
        jaar=jaar,
        titel=f"{PREFIX}zelfevaluatie {jaar}",
        eigenaar=ondersteuner,
        deelnemers=leden,
        door=None,
    )
    vragen_toevoegen(
        evaluatie=zelf,
        vragen=[
            *ombudsman_stellingen(),
            (VraagSoort.OPEN, "Wat ging dit jaar goed?"),
            (VraagSoort.OPEN, "Wat moet volgend jaar beter?"),
        ],
        door=None,
    )
    _beantwoorden(zelf, leden, basis=4)
    evaluatie_afronden(
        evaluatie=zelf,
        resultaten=(
            "De adviesraad is tevreden over de samenwerking in duo's. Verbeterpunten: meer tijd "
            "voor stukken en vaker terugkoppeling van het college."
        ),
        door=None,
    )
    klaar = vervolgactie_toevoegen(
        evaluatie=zelf,
        omschrijving="Afspraak maken over de termijn voor stukken (7 dagen vooraf)",
        eigenaar=voorzitter,
        uiterlijk=vandaag() + timedelta(days=30),
        door=None,
    )
    vervolgactie_bijwerken(actie=klaar, status="afgerond", door=None)
    vervolgactie_toevoegen(
        evaluatie=zelf,
        omschrijving="Inwerkprogramma voor nieuwe leden herzien",
        eigenaar=ondersteuner,
        uiterlijk=vandaag() + timedelta(days=60),
        door=None,
    )

    chair = evaluatie_aanmaken(
        soort=EvaluatieSoort.VOORZITTER,
        jaar=jaar,
        titel=f"{PREFIX}evaluatie van de voorzitter {jaar}",
        eigenaar=accounthouder,
        deelnemers=zonder_voorzitter,
        door=None,
    )
    vragen_toevoegen(
        evaluatie=chair,
        vragen=[
            (VraagSoort.STELLING, "De voorzitter leidt de vergaderingen goed."),
            (VraagSoort.STELLING, "De voorzitter geeft iedereen ruimte om te spreken."),
            (VraagSoort.OPEN, "Wat wilt u de voorzitter meegeven?"),
        ],
        door=None,
    )
    _beantwoorden(chair, zonder_voorzitter[:2], basis=4)

    reflectie = evaluatie_aanmaken(
        soort=EvaluatieSoort.REFLECTIE,
        jaar=jaar,
        titel=f"{PREFIX}reflectie beleidsmedewerkers {jaar}",
        eigenaar=accounthouder,
        deelnemers=[beleid],
        door=None,
    )
    evaluatie_afronden(
        evaluatie=reflectie,
        resultaten="Beleidsmedewerkers willen de adviesraad eerder betrekken (meedenken).",
        door=None,
    )
    for dagen, omschrijving in (
        (-5, "Kwartaalagenda eerder delen met de adviesraad"),
        (20, "Vaste contactpersoon per portefeuille afspreken"),
    ):
        vervolgactie_toevoegen(
            evaluatie=reflectie,
            omschrijving=omschrijving,
            eigenaar=accounthouder,
            uiterlijk=vandaag() + timedelta(days=dagen),
            door=None,
        )

    aanvraag = jaarverslag_aanvragen(jaar=jaar, door=ondersteuner)
    jaarverslag_genereren(verslag_id=aanvraag.verslag.pk)
    stdout.write(f"Jaarcyclus: 3 evaluaties en het jaarverslag {jaar}.")
