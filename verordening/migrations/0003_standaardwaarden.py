"""Default verordening, articles and rules. All of it is configurable afterwards in the admin.

The article texts are SUMMARIES (field ``samenvatting`` is set and each text says so), written from
the advice "Doorontwikkeling inwoners- en cliëntenparticipatie in het sociaal domein" (16 June 2025,
§4.2 and its annexes). The article numbering is ours: check numbers and texts against the adopted
text of CVDR753530 and correct them in the admin. Values that do not come from the advice (the
terms in weeks and days, the retention periods, the postcode ranges) are defaults, and their
``bron_toelichting`` says so.

The data is written here, not imported from the app, so this migration keeps doing what it did.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

CITEERTITEL = "Verordening Adviesraad sociaal domein Hengelo"
SAMENVATTING = (
    "Samenvatting, niet de letterlijke tekst van de verordening. Gebaseerd op het advies "
    "„Doorontwikkeling inwoners- en cliëntenparticipatie in het sociaal domein” (16 juni 2025), {bron}. "
    "Controleer tegen de vastgestelde tekst (CVDR753530).\n\n"
)

ARTIKELEN = [
    ("1", "Begripsbepalingen", "§4.2", (
        "In deze verordening gaat het om: de adviesraad (de Adviesraad sociaal domein Hengelo, een "
        "commissie als bedoeld in artikel 84 Gemeentewet); het college (het college van "
        "burgemeester en wethouders); de accounthouder (de vaste ambtelijke contactpersoon van de "
        "adviesraad); de ondersteuner (de externe secretaris van de adviesraad); het kerndomein "
        "(Wmo 2015, Participatiewet, Jeugdwet, Wet inburgering, schuldhulpverlening, minimabeleid, "
        "Wsw, leerlingenvervoer en publieke gezondheid)."
    )),
    ("2", "Taak en functies", "§4.2.1 en bijlage 4", (
        "1. De adviesraad denkt vroegtijdig mee met beleidsmedewerkers over nieuw of te herzien "
        "beleid.\n2. De adviesraad adviseert gevraagd over concept-beleidsstukken in het kerndomein.\n"
        "3. De adviesraad kan ongevraagd schriftelijk adviseren; dit wordt vooraf aangekondigd bij "
        "de accounthouder.\n4. De adviesraad voert jaarlijks één of twee gesprekken met de "
        "wethouders sociaal domein."
    )),
    ("3", "Samenstelling en omvang", "§4.2.3", (
        "1. De adviesraad bestaat uit minimaal 8 en maximaal 12 leden, de voorzitter niet "
        "meegerekend.\n2. De adviesraad kan van start gaan met 2/3 van de beoogde bezetting en "
        "tussentijds leden werven.\n3. Alle leden, de voorzitter inbegrepen, wonen in de gemeente "
        "Hengelo.\n4. Bij werving wordt ingezet op diversiteit in achtergrond, affiniteiten, "
        "netwerken, leeftijd, sekse en opleiding."
    )),
    ("4", "Benoeming, zittingstermijn en ontheffing", "§4.2.3", (
        "1. Het college benoemt de leden op voordracht van de adviesraad.\n2. Een zittingstermijn "
        "duurt 4 jaar. Een lid heeft zitting voor ten hoogste 2 zittingstermijnen. De vaste "
        "voorzitter heeft dezelfde zittingstermijn als de leden.\n3. Aan een herbenoeming gaat een "
        "evaluatie van het functioneren vooraf.\n4. Bij belangenverstrengeling of problematisch "
        "functioneren kan het college een lid op voordracht van de adviesraad ontheffen van zijn "
        "functie."
    )),
    ("5", "Onafhankelijkheid en onverenigbare functies", "§4.2.3 en bijlage 6", (
        "1. Leden functioneren op persoonlijke titel, zonder last of ruggespraak.\n2. Niet "
        "verenigbaar met het lidmaatschap zijn onder meer: een politieke functie, een "
        "bestuursfunctie bij een lokale belangenorganisatie, en een leidinggevende of "
        "beleidsfunctie bij een zorg- of welzijnsinstelling die in Hengelo actief is.\n3. "
        "Bijzondere omstandigheden bespreekt het lid met de voorzitter, die de afspraak vastlegt."
    )),
    ("6", "Werkwijze en advisering", "§4.2.1", (
        "1. De adviesraad krijgt voor een gevraagd advies een redelijke termijn (standaard 6 "
        "weken; korter alleen met instemming van de voorzitter).\n2. Stukken voor een vergadering "
        "worden ten minste 7 dagen vooraf verstrekt (standaardwaarde).\n3. De ondersteuner legt "
        "het conceptverslag van een adviesgesprek ter goedkeuring voor aan de leden (standaard "
        "binnen 7 dagen) en stuurt het daarna naar het college."
    )),
    ("7", "Reactie van het college", "§4.2.1", (
        "1. Het college reageert schriftelijk op een advies, binnen 6 weken (standaardwaarde), en "
        "motiveert waar het van het advies afwijkt.\n2. De gemeenteraad wordt met een voorlegger "
        "geïnformeerd over het advies en wat ermee is gedaan."
    )),
    ("8", "Informatie en vertrouwelijkheid", "§4.2.1 en §4.2.3", (
        "1. Het college geeft de adviesraad tijdig de informatie die hij nodig heeft.\n2. "
        "Vertrouwelijke informatie, zoals conceptbeleid, blijft binnen de adviesraad."
    )),
    ("9", "Budget en vrijwilligersvergoeding", "§4.2.5", (
        "1. De adviesraad stelt jaarlijks een begroting op; het budget bedraagt ten minste "
        "€ 15.000 per jaar. De gemeente is budgethouder.\n2. De vaste voorzitter ontvangt een "
        "vrijwilligersvergoeding van 100% van de fiscaal maximale vrijwilligersvergoeding.\n3. "
        "Leden ontvangen ten minste 50% daarvan.\n4. De vergoeding is gekoppeld aan daadwerkelijke "
        "aanwezigheid bij vergaderingen en overleggen."
    )),
    ("10", "Voorzitter, accounthouder en ondersteuner", "§4.2.4 en bijlagen 7 tot en met 9", (
        "1. De voorzitter leidt de adviesraad.\n2. De gemeente wijst een vaste accounthouder aan "
        "als eerste aanspreekpunt.\n3. De adviesraad wordt ondersteund door een externe "
        "ondersteuner."
    )),
    ("11", "Huishoudelijk reglement en samenwerkingsafspraken", "§4.2", (
        "1. De adviesraad stelt een huishoudelijk reglement op en legt het concept ter toetsing "
        "voor aan het college.\n2. Adviesraad en college leggen samenwerkingsafspraken vast, die "
        "jaarlijks worden geëvalueerd, herzien en vastgesteld."
    )),
    ("12", "Evaluatie", "§4.2.1 en §4.2.4", (
        "1. De adviesraad evalueert jaarlijks zijn eigen functioneren.\n2. Anderhalf jaar na de "
        "start evalueren gemeente en adviesraad samen de samenwerking.\n3. Elke vier jaar volgt "
        "een evaluatie die dient als input voor de verordening."
    )),
]

VERORDENING_START = date(2025, 12, 30)
STANDAARD = "Standaardwaarde, niet letterlijk uit het advies; aanpasbaar in het beheer"
FISCAAL = "Wet LB 1964 art. 2 lid 6 (fiscaal vrijgestelde vrijwilligersvergoeding)"
AVG = "AVG art. 5 lid 1 onder e (opslagbeperking); bewaartermijn vastgesteld door de gemeente"

# (sleutel, naam, type, waarde, eenheid, artikel, lid, toelichting, vanaf, tot)
REGELS = [
    ("zittingstermijn", "Duur van een zittingstermijn", "jaren", 4, "", "4", "2", "",
     VERORDENING_START, None),
    ("max_terms", "Maximaal aantal zittingstermijnen", "geheel_getal", 2, "zittingstermijnen",
     "4", "2", "", VERORDENING_START, None),
    ("min_leden", "Minimaal aantal leden (zonder voorzitter)", "geheel_getal", 8, "leden", "3",
     "1", "", VERORDENING_START, None),
    ("max_leden", "Maximaal aantal leden (zonder voorzitter)", "geheel_getal", 12, "leden", "3",
     "1", "", VERORDENING_START, None),
    ("startdrempel", "Startdrempel: deel van de beoogde bezetting", "fractie", "2/3",
     "van de beoogde bezetting", "3", "2", "", VERORDENING_START, None),
    ("vergoeding_voorzitter_percentage", "Vrijwilligersvergoeding vaste voorzitter",
     "percentage", "100", "van de fiscaal maximale vrijwilligersvergoeding", "9", "2", "",
     VERORDENING_START, None),
    ("vergoeding_lid_percentage", "Vrijwilligersvergoeding lid", "percentage", "50",
     "van de fiscaal maximale vrijwilligersvergoeding", "9", "3", "", VERORDENING_START, None),
    ("vrijwilligersvergoeding_max_maand", "Fiscaal maximale vrijwilligersvergoeding per maand",
     "bedrag", "210.00", "per maand", None, "", FISCAAL, date(2025, 1, 1), date(2026, 1, 1)),
    ("vrijwilligersvergoeding_max_maand", "Fiscaal maximale vrijwilligersvergoeding per maand",
     "bedrag", "220.00", "per maand", None, "", FISCAAL, date(2026, 1, 1), None),
    ("vrijwilligersvergoeding_max_jaar", "Fiscaal maximale vrijwilligersvergoeding per jaar",
     "bedrag", "2100.00", "per jaar", None, "", FISCAAL, date(2025, 1, 1), date(2026, 1, 1)),
    ("vrijwilligersvergoeding_max_jaar", "Fiscaal maximale vrijwilligersvergoeding per jaar",
     "bedrag", "2200.00", "per jaar", None, "", FISCAAL, date(2026, 1, 1), None),
    ("adviestermijn", "Termijn voor een gevraagd advies", "weken", 6, "", "6", "1", STANDAARD,
     VERORDENING_START, None),
    ("reactietermijn_college", "Termijn voor de reactie van het college", "weken", 6, "", "7",
     "1", STANDAARD, VERORDENING_START, None),
    ("stukken_voor_vergadering", "Stukken verstrekken vóór een vergadering", "dagen", 7, "",
     "6", "2", STANDAARD, VERORDENING_START, None),
    ("goedkeuringstermijn_verslag", "Termijn voor goedkeuring van een conceptverslag", "dagen", 7,
     "", "6", "3", STANDAARD, VERORDENING_START, None),
    ("budget_per_jaar", "Budget van de adviesraad", "bedrag", "15000.00", "per jaar", "9", "1",
     "", VERORDENING_START, None),
    ("bewaartermijn_kandidaten", "Bewaartermijn gegevens van kandidaten na sluiten werving",
     "maanden", 6, "", None, "", AVG, VERORDENING_START, None),
    ("bewaartermijn_oud_leden", "Bewaartermijn persoonsgegevens na de laatste zittingstermijn",
     "jaren", 2, "", None, "", AVG, VERORDENING_START, None),
    ("postcodes_hengelo", "Postcodes die gelden als wonen in Hengelo", "postcodegebieden",
     [[7550, 7559]], "", "3", "3",
     "Postcodes 7550 tot en met 7559 (Hengelo, Overijssel); standaardwaarde, controleer tegen de "
     "BAG", VERORDENING_START, None),
    ("terugkoppeling_termijn", "Terugkoppeling aan deelnemers na een activiteit", "weken", 6, "",
     None, "", "Spelregel 9 van de Nationale Ombudsman (geef terugkoppeling); " + STANDAARD,
     # The participatiemix does not wait for the council's verordening: it applies from the
     # start of 2025, so that the year in which the College decided on it can be reported.
     date(2025, 1, 1), None),
    ("evaluatie_voor_herbenoeming", "Evaluatie vóór het einde van een zittingstermijn",
     "maanden", 3, "", "4", "3", STANDAARD, VERORDENING_START, None),
    ("gezamenlijke_evaluatie_na_start", "Gezamenlijke evaluatie na de start van de adviesraad",
     "maanden", 18, "", "12", "2", "", VERORDENING_START, None),
]


def _geschiedenis(apps, obj, model_name, moment):
    if hasattr(type(obj), "history"):
        return  # a real model (tests reload the defaults): simple-history has written it already
    historisch = apps.get_model("verordening", f"Historical{model_name}")
    velden = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    historisch.objects.create(
        **velden,
        history_date=moment,
        history_type="+",
        history_change_reason="Standaardwaarden (datamigratie)",
    )


def laad_standaardwaarden(apps, schema_editor):
    """Idempotent: does nothing once the default verordening exists."""
    Verordening = apps.get_model("verordening", "Verordening")
    Artikel = apps.get_model("verordening", "Artikel")
    Regel = apps.get_model("verordening", "Regel")
    if Verordening.objects.filter(cvdr="CVDR753530").exists():
        return
    moment = timezone.now()
    verordening = Verordening.objects.create(
        titel=CITEERTITEL,
        citeertitel=CITEERTITEL,
        cvdr="CVDR753530",
        datum_vastgesteld=None,  # the council's date is not in the seed: fill it in the admin
        in_werking_vanaf=VERORDENING_START,
    )
    _geschiedenis(apps, verordening, "Verordening", moment)
    artikelen = {}
    for nummer, titel, bron, tekst in ARTIKELEN:
        artikel = Artikel.objects.create(
            verordening=verordening,
            nummer=nummer,
            titel=titel,
            tekst=SAMENVATTING.format(bron=bron) + tekst,
            samenvatting=True,
        )
        _geschiedenis(apps, artikel, "Artikel", moment)
        artikelen[nummer] = artikel
    for sleutel, naam, soort, waarde, eenheid, art, lid, toelichting, vanaf, tot in REGELS:
        regel = Regel.objects.create(
            sleutel=sleutel,
            naam=naam,
            type=soort,
            waarde=waarde,
            eenheid=eenheid,
            bron=artikelen[art] if art else None,
            bron_lid=lid,
            bron_toelichting=toelichting,
            geldig_vanaf=vanaf,
            geldig_tot=tot,
        )
        _geschiedenis(apps, regel, "Regel", moment)


class Migration(migrations.Migration):
    dependencies = [("verordening", "0002_sqlite_overlap_triggers")]

    operations = [migrations.RunPython(laad_standaardwaarden, migrations.RunPython.noop)]
