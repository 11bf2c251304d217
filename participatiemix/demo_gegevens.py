"""The demo year of the participatiemix as data: the activities with what they yielded, the
Spelregel answers, and the survey results (CSV). ``demo.seed`` writes them through the services.
No personal data of participants: counts only."""

from __future__ import annotations

from dataclasses import dataclass, field


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
