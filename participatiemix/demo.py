"""Demo data for the participatiemix: about a year of activities across all five instruments.

Called by ``manage.py seed_demo`` after the demo users exist. Idempotent: an activity is found by
its title and left alone when it exists; the plan and survey results are updated in place. All
writes go through the services (as the system: ``door=None``), so the feedback due dates follow
the verordening rule and the demo moderator gets object permissions on their own conversations.
Dates are relative to today, so the demo always shows a recent year. No personal data of
participants: counts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hengelo_participatie.accounts.models import User

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
from .services import activiteiten, inbreng, terugkoppelingen

DEMO_DOMEIN = "demo.hengelo.example"


@dataclass
class DemoActiviteit:
    titel: str
    instrument: int
    dagen_geleden: int
    deelnemers: int | None
    themas: list[str]
    domeinen: list[str]
    doelgroepen: list[str] = field(default_factory=list)
    organisaties: list[str] = field(default_factory=list)
    omschrijving: str = ""
    werving: str = ""
    #: (soort, thema, domein code or "", omschrijving, citaat, frequentie, benutting or None)
    opbrengsten: list[tuple[str, str, str, str, str, int, tuple[str, str, str] | None]] = field(
        default_factory=list
    )
    #: None: no feedback yet; an int: feedback given this many days after the activity.
    terugkoppeling_na: int | None = None
    openbaar: bool = False
    afsluiten: bool = False


ACTIVITEITEN = [
    DemoActiviteit(
        "Cliëntervaringsonderzoek Wmo",
        1,
        320,
        412,
        ["Zorg", "Ondersteuning"],
        ["wmo"],
        ["clienten"],
        omschrijving="Jaarlijkse vragenlijst over de ervaringen met Wmo-voorzieningen.",
        werving="Brief aan alle inwoners met een Wmo-voorziening.",
        opbrengsten=[
            (
                "ervaring",
                "Ondersteuning",
                "wmo",
                "De meeste cliënten zijn tevreden over de kwaliteit van de hulp.",
                "",
                290,
                None,
            ),
            (
                "knelpunt",
                "Communicatie",
                "wmo",
                "Inwoners weten vaak niet waar ze terechtkunnen met vragen over hun voorziening.",
                "Ik wist niet wie ik moest bellen.",
                64,
                (
                    "communicatie",
                    "Nieuwe folder en webpagina over de Wmo-loketten.",
                    "Communicatieplan Wmo",
                ),
            ),
        ],
        terugkoppeling_na=30,
        openbaar=True,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Cliëntervaringsonderzoek Jeugd",
        1,
        300,
        238,
        ["Zorg"],
        ["jeugdwet"],
        ["clienten", "naasten"],
        werving="Vragenlijst aan ouders en jongeren met jeugdhulp.",
        opbrengsten=[
            (
                "behoefte",
                "Zorg",
                "jeugdwet",
                "Ouders willen één vast aanspreekpunt tijdens de hele hulpverlening.",
                "",
                71,
                ("beleid", "Opgenomen in het concept-beleidsplan Jeugd.", "Beleidsplan Jeugd 2027"),
            ),
        ],
        terugkoppeling_na=40,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Groepsgesprek mantelzorgers Wmo",
        2,
        280,
        9,
        ["Ondersteuning", "Communicatie"],
        ["wmo"],
        ["naasten"],
        ["Wijkracht Hengelo"],
        werving="Via Wijkracht en het steunpunt mantelzorg; ook oud-leden van de cliëntenraad.",
        opbrengsten=[
            (
                "patroon",
                "Ondersteuning",
                "wmo",
                "Mantelzorgers lopen vast bij het regelen van respijtzorg.",
                "Je moet alles drie keer uitleggen.",
                7,
                ("uitvoering", "Eén aanvraagformulier voor respijtzorg.", ""),
            ),
            (
                "suggestie",
                "Communicatie",
                "wmo",
                "Stuur na een keukentafelgesprek een korte samenvatting.",
                "",
                5,
                ("dienstverlening", "Samenvatting na elk gesprek ingevoerd.", ""),
            ),
        ],
        terugkoppeling_na=35,
        openbaar=True,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Groepsgesprek jongeren over jeugdhulp",
        2,
        240,
        7,
        ["Zorg", "Inclusie"],
        ["jeugdwet"],
        ["jongeren"],
        werving="Via jongerenwerk en school maatschappelijk werk.",
        opbrengsten=[
            (
                "ervaring",
                "Zorg",
                "jeugdwet",
                "Jongeren voelen zich niet altijd gehoord bij de keuze voor hulp.",
                "Ze praten over mij, niet met mij.",
                6,
                (
                    "beleid",
                    "Jongeren praten mee over de nieuwe inkoop jeugdhulp.",
                    "Inkoopstrategie Jeugd",
                ),
            ),
        ],
        terugkoppeling_na=60,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Groepsgesprek inwoners met beperkte Nederlandse taalvaardigheid",
        2,
        150,
        8,
        ["Dienstverlening", "Inclusie"],
        ["inburgering", "dienstverlening"],
        ["taal"],
        werving="Via taalcafés en statushoudersbegeleiding; met tolk.",
        opbrengsten=[
            (
                "knelpunt",
                "Dienstverlening",
                "dienstverlening",
                "Brieven van de gemeente zijn te moeilijk.",
                "",
                8,
                None,
            ),
        ],
        terugkoppeling_na=None,
    ),
    DemoActiviteit(
        "Groepsgesprek minima en bijzondere bijstand",
        2,
        60,
        10,
        ["Ondersteuning"],
        ["minimabeleid", "participatiewet"],
        ["clienten"],
        ["Cliëntenraad Minima en Wmo (belangengroep)"],
        werving="Via de Voedselbank en de belangengroep minima.",
        opbrengsten=[
            (
                "behoefte",
                "Ondersteuning",
                "minimabeleid",
                "Meer hulp bij het aanvragen van regelingen.",
                "",
                9,
                None,
            ),
        ],
        terugkoppeling_na=None,
    ),
    DemoActiviteit(
        "Gesprek vrijwilligers Voedselbank en SchuldHulpMaatje",
        3,
        260,
        12,
        ["Ondersteuning"],
        ["schuldhulpverlening", "minimabeleid"],
        ["vrijwilligers"],
        ["Voedselbank", "SchuldHulpMaatje", "Stichting Humanitas"],
        opbrengsten=[
            (
                "patroon",
                "Uitvoering",
                "schuldhulpverlening",
                "Inwoners melden zich pas laat bij schuldhulp.",
                "",
                11,
                ("uitvoering", "Vroegsignalering uitgebreid met de woningcorporaties.", ""),
            ),
        ],
        terugkoppeling_na=28,
        openbaar=True,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Jeugdtafel met professionals",
        3,
        200,
        14,
        ["Zorg", "Uitvoering"],
        ["jeugdwet"],
        ["professionals"],
        opbrengsten=[
            (
                "knelpunt",
                "Uitvoering",
                "jeugdwet",
                "Wachtlijsten voor specialistische jeugdhulp.",
                "",
                12,
                (
                    "beleid",
                    "Besproken in het adviesgesprek over de inkoop jeugdhulp.",
                    "Adviesaanvraag inkoop jeugdhulp",
                ),
            ),
        ],
        terugkoppeling_na=50,
        afsluiten=False,
    ),
    DemoActiviteit(
        "Inkoop Wmo: gesprek met aanbieders en Stichting Hengelo Toegankelijk",
        3,
        110,
        11,
        ["Inclusie", "Zorg"],
        ["wmo", "inclusie"],
        ["professionals", "vrijwilligers"],
        ["Stichting Hengelo Toegankelijk", "Seniorenraad"],
        opbrengsten=[
            (
                "suggestie",
                "Inclusie",
                "inclusie",
                "Neem toegankelijkheid op als gunningscriterium.",
                "",
                6,
                None,
            ),
        ],
        terugkoppeling_na=None,
    ),
    DemoActiviteit(
        "Contractgesprek cliëntondersteuning (voorjaar)",
        4,
        230,
        4,
        ["Ondersteuning"],
        ["wmo", "participatiewet"],
        ["clientondersteuning"],
        opbrengsten=[
            (
                "patroon",
                "Ondersteuning",
                "wmo",
                "Meer vragen over schulden bij ouderen.",
                "",
                4,
                None,
            ),
        ],
        terugkoppeling_na=30,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Contractgesprek cliëntondersteuning (najaar)",
        4,
        20,
        4,
        ["Ondersteuning"],
        ["wmo"],
        ["clientondersteuning"],
        terugkoppeling_na=None,
    ),
    DemoActiviteit(
        "Cliëntenreis aanvraag huishoudelijke hulp",
        5,
        180,
        5,
        ["Dienstverlening"],
        ["wmo"],
        ["clienten"],
        opbrengsten=[
            (
                "knelpunt",
                "Dienstverlening",
                "wmo",
                "Tussen melding en gesprek zitten te veel weken.",
                "",
                5,
                ("dienstverlening", "Doorlooptijd teruggebracht met een vaste belronde.", ""),
            ),
        ],
        terugkoppeling_na=42,
        afsluiten=True,
    ),
    DemoActiviteit(
        "Cliëntenreis schuldhulpverlening",
        5,
        90,
        3,
        ["Dienstverlening", "Communicatie"],
        ["schuldhulpverlening"],
        ["clienten"],
        terugkoppeling_na=None,
    ),
    DemoActiviteit(
        "Groepsgesprek ouders van kinderen met een beperking",
        2,
        -20,
        None,
        ["Zorg", "Inclusie"],
        ["jeugdwet", "inclusie"],
        ["naasten"],
        werving="Via oudervereniging en scholen.",
    ),
]

SPELREGEL_TOELICHTING = {
    1: ("ja", "Overdag en 's avonds, op een bekende plek, met koffie en zonder aanmelddrempel."),
    2: ("ja", "Deelnemers zijn persoonlijk benaderd via organisaties die zij kennen."),
    3: ("ja", "De werkwijze stond in de uitnodiging en is aan het begin uitgelegd."),
    4: ("deels", "Gezegd wat wel en niet kan; de planning van het beleid was nog niet bekend."),
    5: ("ja", "Een korte uitleg vooraf in eenvoudige taal."),
    6: ("ja", "Eerst in kleine groepjes, daarna samen."),
    7: ("ja", "De gespreksleider vatte steeds samen; de luisterdelegatie stelde alleen vragen."),
    8: ("ja", "Verschillende ervaringen zijn naast elkaar vastgelegd."),
    9: ("deels", "Terugkoppeling is beloofd; die volgt na de besluitvorming."),
    10: ("nee", "De evaluatie met deelnemers moet nog worden gepland."),
}

ENQUETES = """onderzoek;wet;indicator_code;indicator_tekst;jaar;percentage_positief;n;bron;publicatiedatum
ceo;wmo;WMO-01;Ik weet waar ik terechtkan met mijn hulpvraag;{j2};71,0;398;CEO Wmo {j2};{j2p}-06-15
ceo;wmo;WMO-01;Ik weet waar ik terechtkan met mijn hulpvraag;{j1};74,5;412;CEO Wmo {j1};{j1p}-06-12
ceo;wmo;WMO-02;De ondersteuning past bij mijn hulpvraag;{j2};80,2;398;CEO Wmo {j2};{j2p}-06-15
ceo;wmo;WMO-02;De ondersteuning past bij mijn hulpvraag;{j1};78,9;412;CEO Wmo {j1};{j1p}-06-12
ceo;jeugdwet;JW-01;Ik voel me serieus genomen door de hulpverlener;{j2};76,0;221;CEO Jeugd {j2};{j2p}-06-20
ceo;jeugdwet;JW-01;Ik voel me serieus genomen door de hulpverlener;{j1};79,3;238;CEO Jeugd {j1};{j1p}-06-18
kbo;participatiewet;PW-01;Ik ben tevreden over de dienstverlening van Werk en Inkomen;{j3};64,0;305;KBO Participatiewet {j3};{j3p}-03-01
kbo;participatiewet;PW-01;Ik ben tevreden over de dienstverlening van Werk en Inkomen;{j1};68,5;322;KBO Participatiewet {j1};{j1p}-03-05
kbo;minimabeleid;MB-01;De regelingen voor minima zijn goed te vinden;{j3};52,0;190;KBO minima {j3};{j3p}-03-01
kbo;minimabeleid;MB-01;De regelingen voor minima zijn goed te vinden;{j1};58,0;204;KBO minima {j1};{j1p}-03-05
"""


def _user(rol: str) -> User | None:
    return User.objects.filter(email=f"{rol}@{DEMO_DOMEIN}").first()


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
    plan, _ = Jaarplan.objects.get_or_create(
        jaar=jaar,
        defaults={
            "toelichting": "Plan voor de inzet van de participatiemix, voor college en raad."
        },
    )
    # (instrument, per quarter)
    inzet = {1: (1, 1, 0, 1), 2: (1, 1, 1, 1), 3: (0, 1, 1, 1), 4: (1, 0, 1, 0), 5: (0, 1, 0, 1)}
    for nummer, per_kwartaal in inzet.items():
        for kwartaal, aantal in enumerate(per_kwartaal, start=1):
            GeplandeInzet.objects.update_or_create(
                jaarplan=plan,
                instrument=refs["instrumenten"][nummer],
                kwartaal=kwartaal,
                defaults={"aantal": aantal},
            )


@transaction.atomic
def seed(*, stdout: Any) -> None:
    vandaag = timezone.localdate()
    refs: dict[str, Any] = {
        "instrumenten": {i.nummer: i for i in Instrument.objects.all()},
        "themas": {t.naam: t for t in Thema.objects.all()},
        "domeinen": {d.code: d for d in Domein.objects.all()},
        "doelgroepen": {d.code: d for d in Doelgroep.objects.all()},
        "organisaties": {o.naam: o for o in Organisatie.objects.all()},
        "spelregels": list(Spelregel.objects.values_list("nummer", flat=True)),
        "gespreksleider": _user("gespreksleider"),
        "beleidsmedewerker": _user("beleidsmedewerker"),
        "luisterdelegatie": [u for u in (_user("lid"), _user("beleidsmedewerker")) if u],
    }
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
    stdout.write(f"Participatiemix: {nieuw} nieuwe activiteiten, jaarplannen {sorted(jaren)}.")
