"""Demo data for the participatiemix: about a year of activities across all five instruments.

Called by ``manage.py seed_demo`` after the demo users and the demo meetings exist (it links the
listening delegation to an activity). Idempotent: an activity is found by
its title and left alone when it exists; the plan and survey results are updated in place. All
writes go through the services (as the system: ``door=None``), so the feedback due dates follow
the verordening rule and the demo moderator gets object permissions on their own conversations.
Dates are relative to today, so the demo always shows a recent year. No personal data of
participants: counts only.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from adviesraad.vergaderingen import demo as vergaderingen_demo
from adviesraad.vergaderingen.models import Soort, Vergadering
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from hengelo_participatie.accounts.demo import demo_gebruiker

from .demo_gegevens import ACTIVITEITEN, ENQUETES, SPELREGEL_TOELICHTING, DemoActiviteit
from .importeren import enqueteresultaten_importeren
from .models import (
    Activiteit,
    ActiviteitStatus,
    Doelgroep,
    Domein,
    GeplandeInzet,
    Instrument,
    Jaarplan,
    Organisatie,
    Spelregel,
    Thema,
)
from .services import activiteiten, inbreng, jaarplan, terugkoppelingen


def _activiteit(demo: DemoActiviteit, vandaag: date, refs: dict[str, Any]) -> Activiteit | None:
    if Activiteit.objects.filter(titel=demo.titel).exists():
        return None
    instrument = refs["instrumenten"][demo.instrument]
    datum = vandaag - timedelta(days=demo.dagen_geleden)
    gespreksleider = refs["gespreksleider"] if instrument.gespreksleider_verplicht else None
    activiteit = activiteiten.activiteit_aanmaken(
        door=None,
        instrument=instrument,
        titel=demo.titel,
        omschrijving=demo.omschrijving,
        startdatum=datum,
        verantwoordelijke=refs["beleidsmedewerker"],
        gespreksleider=gespreksleider,
        gespreksleider_organisatie="Bureau Onafhankelijk Gesprek" if gespreksleider else "",
        werving=demo.werving,
        aantal_deelnemers=demo.deelnemers,
        beslisruimte=(
            "Deelnemers praten mee over de uitvoering en de communicatie. Het budget ligt vast."
            if instrument.spelregels_van_toepassing
            else ""
        ),
        verwachtingen=(
            "Binnen de termijn horen deelnemers wat er met hun inbreng is gedaan."
            if instrument.spelregels_van_toepassing
            else ""
        ),
        themas=[refs["themas"][t] for t in demo.themas],
        domeinen=[refs["domeinen"][d] for d in demo.domeinen],
        doelgroepen=[refs["doelgroepen"][d] for d in demo.doelgroepen],
        organisaties=[refs["organisaties"][o] for o in demo.organisaties],
        luisterdelegatie=refs["luisterdelegatie"] if instrument.nummer == 2 else [],
    )
    if datum > vandaag:
        return activiteit
    activiteiten.activiteit_status_wijzigen(
        activiteit=activiteit, naar=ActiviteitStatus.UITGEVOERD, door=None
    )
    for soort, thema, domein, omschrijving, citaat, frequentie, benutting in demo.opbrengsten:
        opbrengst = inbreng.opbrengst_toevoegen(
            activiteit=activiteit,
            door=None,
            soort=soort,
            thema=refs["themas"][thema],
            domein=refs["domeinen"].get(domein),
            omschrijving=omschrijving,
            citaat=citaat,
            frequentie=frequentie,
        )
        if benutting:
            b_soort, b_omschrijving, document = benutting
            inbreng.benutting_vastleggen(
                opbrengst=opbrengst,
                door=None,
                soort=b_soort,
                omschrijving=b_omschrijving,
                beleidsdocument=document,
                datum=min(vandaag, datum + timedelta(days=45)),
            )
    if instrument.spelregels_van_toepassing:
        for nummer in refs["spelregels"]:
            antwoord, toelichting = SPELREGEL_TOELICHTING[nummer]
            activiteiten.spelregel_beantwoorden(
                activiteit=activiteit,
                nummer=nummer,
                antwoord=antwoord,
                toelichting=toelichting,
                door=None,
            )
    if demo.terugkoppeling_na is not None:
        gegeven = min(vandaag, datum + timedelta(days=demo.terugkoppeling_na))
        terugkoppelingen.terugkoppeling_vastleggen(
            terugkoppeling=activiteit.terugkoppeling,
            door=None,
            gegeven_op=gegeven,
            wat_gedaan=(
                "De inbreng is besproken met de beleidsmedewerkers en verwerkt in de aanpak. "
                "In de samenvatting staat per punt wat de gemeente doet."
            ),
            hoe_geinformeerd="Per e-mail en brief aan de deelnemers, via de organisaties die wierven.",
            je_zei=(
                "U vertelde wat goed gaat en wat beter kan: "
                + "; ".join(o[3] for o in demo.opbrengsten)
                if demo.openbaar
                else ""
            ),
            openbaar=demo.openbaar,
        )
    if demo.afsluiten and (gespreksleider or not instrument.gespreksleider_verplicht):
        activiteiten.activiteit_afsluiten(activiteit=activiteit, door=None)
    return activiteit


def _jaarplan(jaar: int, refs: dict[str, Any]) -> None:
    plan = Jaarplan.objects.filter(jaar=jaar).first() or jaarplan.jaarplan_opslaan(
        jaarplan=Jaarplan(
            jaar=jaar,
            toelichting="Plan voor de inzet van de participatiemix, voor college en raad.",
        ),
        door=None,
    )
    # (instrument, per quarter)
    inzet = {1: (1, 1, 0, 1), 2: (1, 1, 1, 1), 3: (0, 1, 1, 1), 4: (1, 0, 1, 0), 5: (0, 1, 0, 1)}
    for nummer, per_kwartaal in inzet.items():
        for kwartaal, aantal in enumerate(per_kwartaal, start=1):
            inzet = GeplandeInzet.objects.filter(
                jaarplan=plan, instrument=refs["instrumenten"][nummer], kwartaal=kwartaal
            ).first() or GeplandeInzet(
                jaarplan=plan, instrument=refs["instrumenten"][nummer], kwartaal=kwartaal
            )
            if inzet.pk is None or inzet.aantal != aantal:
                inzet.aantal = aantal
                jaarplan.geplande_inzet_opslaan(inzet=inzet, door=None)


@transaction.atomic
def _meeluisteren() -> None:
    """The demo season's listening delegation (the meetings demo runs before this one) listens in
    on the newest activity. Left alone once linked; nothing to do without the meeting."""
    delegatie = (
        Vergadering.objects.filter(
            soort=Soort.LUISTERDELEGATIE,
            titel__startswith=vergaderingen_demo.PREFIX,
            meeluisteren__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    activiteit = Activiteit.objects.order_by("-startdatum", "pk").first()
    if delegatie is not None and activiteit is not None:
        vergadering_services.vergadering_wijzigen(
            vergadering=delegatie, door=None, activiteit=activiteit
        )


def referenties() -> dict[str, Any]:
    """The reference data and demo people an activity is built from (``activiteit_maken``)."""
    return {
        "instrumenten": {i.nummer: i for i in Instrument.objects.all()},
        "themas": {t.naam: t for t in Thema.objects.all()},
        "domeinen": {d.code: d for d in Domein.objects.all()},
        "doelgroepen": {d.code: d for d in Doelgroep.objects.all()},
        "organisaties": {o.naam: o for o in Organisatie.objects.all()},
        "spelregels": list(Spelregel.objects.values_list("nummer", flat=True)),
        "gespreksleider": demo_gebruiker("gespreksleider"),
        "beleidsmedewerker": demo_gebruiker("beleidsmedewerker"),
        "luisterdelegatie": [
            u for u in (demo_gebruiker("lid"), demo_gebruiker("beleidsmedewerker")) if u
        ],
    }


def seed(*, stdout: Any) -> None:
    vandaag = timezone.localdate()
    refs = referenties()
    nieuw = 0
    for demo in ACTIVITEITEN:
        try:
            with transaction.atomic():
                if _activiteit(demo, vandaag, refs) is not None:
                    nieuw += 1
        except ValidationError as exc:
            stdout.write(f"Participatiemix: „{demo.titel}” overgeslagen: {' '.join(exc.messages)}")
    jaren = {vandaag.year} | {
        (vandaag - timedelta(days=d.dagen_geleden)).year for d in ACTIVITEITEN
    }
    for jaar in sorted(jaren):
        _jaarplan(jaar, refs)
    j = vandaag.year
    enqueteresultaten_importeren(
        inhoud=ENQUETES.format(j1=j - 1, j1p=j, j2=j - 2, j2p=j - 1, j3=j - 3, j3p=j - 2).encode(),
        door=None,
    )
    _meeluisteren()
    stdout.write(f"Participatiemix: {nieuw} nieuwe activiteiten, jaarplannen {sorted(jaren)}.")
