"""Demo quarterly agenda for `make run` (called by seed_demo after the advice demo). Idempotent.

The current quarter, published twice (so the demo members see what changed: they "saw" version
1), with unpublished draft edits on top, and two items linked to demo advice requests. Everything
goes through the services.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.demo import demo_gebruiker

from . import services
from .models import Agendapunt, Kwartaalagenda, kwartaal_van

#: Demo users who saw version 1, so version 2 shows as a change for them.
LEZERS = ("lid", "voorzitter", "vicevoorzitter", "ondersteuner")


def _aanvraag(titel: str) -> Adviesaanvraag | None:
    return Adviesaanvraag.objects.filter(titel=titel, zaaknummer__startswith="DEMO-").first()


def _punt(agenda: Kwartaalagenda, titel: str, begin: date, beleid: Any, **kw: Any) -> Agendapunt:
    dagen = kw.pop("dagen", (7, 14, 28, 49, 70))
    datums = dict(
        zip(
            ("meedenken_op", "toelichting_op", "adviesgesprek_op", "collegebesluit_op", "raad_op"),
            (begin + timedelta(days=d) if d is not None else None for d in dagen),
            strict=True,
        )
    )
    return services.punt_toevoegen(
        agenda=agenda, door=None, titel=titel, beleidsmedewerker=beleid, **datums, **kw
    )


def seed(*, stdout: Any) -> None:
    jaar, kwartaal = kwartaal_van(timezone.localdate())
    agenda = Kwartaalagenda.objects.filter(jaar=jaar, kwartaal=kwartaal).first()
    if agenda is not None and agenda.versies.exists():
        stdout.write("Kwartaalagenda: demogegevens bestaan al.")
        return
    accounthouder, beleid = demo_gebruiker("accounthouder"), demo_gebruiker("beleidsmedewerker")
    if accounthouder is None or beleid is None:
        stdout.write("Kwartaalagenda: geen demo-accounts gevonden; overgeslagen.")
        return
    if agenda is None:
        agenda = services.agenda_aanmaken(jaar=jaar, kwartaal=kwartaal, door=None)
    begin = date(jaar, 3 * kwartaal - 2, 1)

    inkoop = _punt(agenda, "Huishoudelijke hulp: nieuwe inkoop", begin, beleid)
    vervoer = _punt(
        agenda, "Leerlingenvervoer: eigen bijdrage", begin, beleid, dagen=(None, 10, 24, 45, 66)
    )
    _punt(
        agenda,
        "Nota mantelzorg en respijtzorg",
        begin,
        beleid,
        dagen=(14, 21, 42, None, None),
        opmerking="De datum van het collegebesluit volgt.",
    )
    schulden = _punt(agenda, "Schuldhulpverlening: vroegsignalering", begin, None)
    for punt, titel in (
        (inkoop, "Huishoudelijke hulp: nieuwe inkoop"),
        (vervoer, "Leerlingenvervoer: eigen bijdrage"),
    ):
        aanvraag = _aanvraag(titel)
        if aanvraag is not None:
            services.punt_koppelen(punt=punt, aanvraag=aanvraag, door=None)
    eerste = services.publiceren(
        agenda=agenda, door=accounthouder, toelichting="Eerste versie van dit kwartaal."
    )
    for rol in LEZERS:
        lezer = demo_gebruiker(rol)
        if lezer is not None:
            services.gezien_markeren(user=lezer, versie=eerste)

    # Version 2: a date moved, one item added, one item dropped.
    services.punt_wijzigen(
        punt=vervoer,
        door=None,
        adviesgesprek_op=begin + timedelta(days=31),
        collegebesluit_op=begin + timedelta(days=52),
    )
    _punt(
        agenda,
        "Inclusieagenda: toegankelijke gemeente",
        begin,
        beleid,
        dagen=(21, 35, 56, 77, None),
    )
    services.punt_verwijderen(punt=schulden, door=None)
    services.publiceren(
        agenda=agenda,
        door=accounthouder,
        toelichting="Het adviesgesprek over leerlingenvervoer is een week later.",
    )

    # Draft edits the members do not see yet.
    _punt(agenda, "Beleidsregels bijzondere bijstand", begin, beleid, dagen=(30, 40, 60, 80, None))
    services.punt_wijzigen(
        punt=inkoop, door=None, titel="Huishoudelijke hulp: inkoop en kwaliteitseisen"
    )
    stdout.write(f"Kwartaalagenda: {agenda.naam} met 2 gepubliceerde versies en een concept.")
