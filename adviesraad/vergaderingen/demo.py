"""Demo meetings for `make run`: a season around today. Past meetings have recorded attendance,
minutes (most of them approved at a later meeting), actions and decisions; upcoming ones have
RSVPs, and one has its invitation with documents sent. Every meeting type appears at least once.

Called by ``seed_demo`` after the council and the advice requests exist. The listening
delegation is linked to an activity by the participatiemix demo, which runs after this one.
Idempotent: skips when the demo meetings exist. Everything goes
through the services (``door=None``: the system; RSVPs by the members themselves).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.demo import demo_gebruiker
from hengelo_participatie.pdf import render_pdf

from .models import Aanmelding, Aanwezigheid, Soort, Vergadering
from .services import agenda as agenda_services
from .services import besluiten as besluiten_services
from .services import deelnemers as deelnemers_services
from .services import notulen as notulen_services
from .services import stukken as stukken_services
from .services import uitnodiging as uitnodiging_services
from .services import vergadering as vergadering_services

PREFIX = "Demo: "

#: (days from today, type, title, hour). Negative: in the past. Titles name no month: the
#: season is laid around whatever day the demo is loaded.
SEIZOEN = [
    (-70, Soort.RAADSVERGADERING, "Eerdere vergadering adviesraad", 19),
    (-56, Soort.MEEDENKSESSIE, "Meedenken over de Wmo-verordening", 14),
    (-42, Soort.ADVIESGESPREK, "Adviesgesprek beleidskader jeugd", 10),
    (-35, Soort.AGENDAOVERLEG, "Agendaoverleg met de accounthouder", 16),
    (-28, Soort.WETHOUDERSGESPREK, "Gesprek met de wethouders", 15),
    (-21, Soort.RAADSVERGADERING, "Vorige vergadering adviesraad", 19),
    (-14, Soort.VOORZITTERSOVERLEG, "Halfjaarlijks overleg voorzitter", 11),
    (6, Soort.TOELICHTING, "Toelichting op de nota armoede", 14),
    (10, Soort.LUISTERDELEGATIE, "Luisteren bij het inwonersgesprek", 19),
    (14, Soort.RAADSVERGADERING, "Volgende vergadering adviesraad", 19),
    (21, Soort.COLLEGEPRESENTATIE, "Jaarlijkse presentatie aan het college", 10),
    (35, Soort.POLITIEKE_MARKT, "Politieke markt", 19),
]
ROULATIE = [
    Aanwezigheid.AANWEZIG,
    Aanwezigheid.AANWEZIG,
    Aanwezigheid.AFGEMELD,
    Aanwezigheid.AANWEZIG,
    Aanwezigheid.AFWEZIG,
]


def _moment(dagen: int, uur: int) -> datetime:
    dag = timezone.localdate() + timedelta(days=dagen)
    return timezone.make_aware(datetime.combine(dag, time(uur, 0)))


def _verleden(v: Vergadering, nummer: int, aanvraag: Adviesaanvraag | None) -> None:
    punt = agenda_services.agendapunt_opslaan(
        vergadering=v,
        titel="Opening en mededelingen",
        toelichting="De voorzitter opent de vergadering.",
        door=None,
    )
    if aanvraag is not None and v.soort in (Soort.RAADSVERGADERING, Soort.ADVIESGESPREK):
        punt = agenda_services.agendapunt_opslaan(
            vergadering=v, titel=aanvraag.titel[:200], adviesaanvraag=aanvraag, door=None
        )
    deelnames = list(v.deelnames.order_by("pk"))
    deelnemers_services.aanwezigheid_vastleggen(
        vergadering=v,
        door=None,
        per_deelname={
            d.pk: ROULATIE[(i + nummer) % len(ROULATIE)] for i, d in enumerate(deelnames)
        },
    )
    notulen_services.notulen_opslaan(
        vergadering=v,
        tekst=(
            f"<p>{v.titel}. De voorzitter heet iedereen welkom.</p>"
            "<ul><li>De mededelingen zijn besproken.</li><li>Er zijn afspraken gemaakt.</li></ul>"
        ),
        door=None,
    )
    besluiten_services.besluit_vastleggen(
        vergadering=v,
        tekst="De adviesraad neemt de mededelingen voor kennisgeving aan.",
        agendapunt=punt,
        door=None,
    )
    besluiten_services.actiepunt_toevoegen(
        vergadering=v,
        omschrijving="Verslag delen met de accounthouder",
        eigenaar=deelnames[0].gebruiker if deelnames else None,
        uiterlijk=timezone.localdate(v.begin) + timedelta(days=14),
        door=None,
    )


def seed(*, stdout: Any) -> None:
    if Vergadering.objects.filter(titel__startswith=PREFIX).exists():
        return
    if not deelnemers_services.raadsleden().exists():
        stdout.write("Vergaderingen: geen raadsleden, overgeslagen.")
        return
    aanvraag = Adviesaanvraag.objects.order_by("pk").first()
    ondersteuner = demo_gebruiker("ondersteuner")
    beleid = demo_gebruiker("beleidsmedewerker")
    vergaderingen: list[Vergadering] = []
    for nummer, (dagen, soort, titel, uur) in enumerate(SEIZOEN):
        delegatie = soort == Soort.LUISTERDELEGATIE
        extra = (
            [u for u in (demo_gebruiker("lid"), demo_gebruiker("vicevoorzitter")) if u]
            if delegatie
            else []
        )
        if soort in (Soort.ADVIESGESPREK, Soort.TOELICHTING) and beleid is not None:
            extra.append(beleid)
        v = vergadering_services.vergadering_aanmaken(
            soort=soort,
            titel=f"{PREFIX}{titel}",
            begin=_moment(dagen, uur),
            einde=_moment(dagen, uur) + timedelta(hours=2),
            locatie="Stadhuis Hengelo, Burgemeester Jansenplein 1",
            online_link="" if delegatie else "https://meet.example.org/adviesraad",
            raad_uitnodigen=not delegatie,
            extra_deelnemers=extra,
            door=None,
        )
        vergaderingen.append(v)
        if dagen < 0:
            _verleden(v, nummer, aanvraag)
    # Minutes of the earlier meetings were approved in the previous council meeting.
    november = vergaderingen[5]
    for v in vergaderingen[:5]:
        notulen_services.notulen_vaststellen(vergadering=v, in_vergadering=november, door=None)
    # Upcoming: an agenda, RSVPs, and the next council meeting's invitation with its documents.
    december = vergaderingen[9]
    agenda_services.agendapunt_opslaan(
        vergadering=december, titel="Vaststellen notulen vorige vergadering", door=None
    )
    if aanvraag is not None:
        agenda_services.agendapunt_opslaan(
            vergadering=december, titel=aanvraag.titel[:200], adviesaanvraag=aanvraag, door=None
        )
    if ondersteuner is not None:
        pdf = render_pdf(
            "pdf/voorbeeld.html",
            {"titel": "Agenda volgende vergadering", "alineas": ["Demo: agenda en stukken."]},
        )
        stukken_services.stuk_toevoegen(
            vergadering=december,
            upload=SimpleUploadedFile("agenda-volgende-vergadering.pdf", pdf),
            titel="Agenda en toelichting",
            vertrouwelijk=False,
            door=ondersteuner,
        )
    uitnodiging_services.uitnodiging_versturen(vergadering=december, door=None)
    for v in vergaderingen[7:]:
        for i, d in enumerate(v.deelnames.select_related("gebruiker").order_by("pk")):
            if i % 3 == 2:
                continue  # not everyone answers
            deelnemers_services.aanmelden(
                vergadering=v,
                door=d.gebruiker,
                aanmelding=Aanmelding.KOMT_NIET if i % 4 == 3 else Aanmelding.KOMT,
                toelichting="Ik ben op vakantie." if i % 4 == 3 else "",
            )
    stdout.write(f"Vergaderingen: {len(vergaderingen)} vergaderingen van alle soorten.")
