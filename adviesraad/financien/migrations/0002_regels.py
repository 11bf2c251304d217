"""The default versions of the money rules (issue 12), as rules of the verordening.

The percentages, the fiscal maxima (``vrijwilligersvergoeding_max_*``) and ``budget_per_jaar``
already exist (verordening 0003). These are the rules the seed leaves to the huishoudelijk
reglement or to the municipality ("sensible defaults the chair can change", each saying so):
which meeting types count and how much, absence and long absence, the period, the chair's
threshold for declarations, the budget warnings, the reminder and the fiscal retention period.

Idempotent: a rule that already has a version is left alone. Each new rule gets a history row.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (verordening 0003)
REGLEMENT = (
    "Standaardwaarde; de seed laat dit aan het huishoudelijk reglement over. De voorzitter kan "
    "een nieuwe versie laten vastleggen"
)
GEMEENTE = (
    "Standaardwaarde van de gemeente, geen bepaling uit de verordening; aanpasbaar in het beheer"
)
FISCAAL = (
    "Fiscale bewaarplicht: art. 52 lid 4 Algemene wet inzake rijksbelastingen (7 jaar); "
    "gaat voor de bewaartermijn van persoonsgegevens van oud-leden"
)

SOORTEN = [
    ("raadsvergadering", "vergaderingen van de adviesraad"),
    ("meedenksessie", "meedenksessies"),
    ("toelichting", "toelichtingen op een beleidsstuk"),
    ("adviesgesprek", "adviesgesprekken"),
    ("agendaoverleg", "agendaoverleggen"),
    ("wethoudersgesprek", "gesprekken met wethouders"),
    ("voorzittersoverleg", "halfjaarlijkse voorzittersoverleggen"),
    ("collegepresentatie", "presentaties aan het college"),
    ("politieke_markt", "politieke markten"),
    ("luisterdelegatie", "luisterdelegaties bij participatieactiviteiten"),
]

# (sleutel, naam, type, waarde, eenheid, artikel of None, lid, toelichting)
REGELS = [
    (
        "vergoeding_vicevoorzitter_percentage",
        "Vrijwilligersvergoeding vicevoorzitter",
        "percentage",
        "50",
        "van de fiscaal maximale vrijwilligersvergoeding",
        "9",
        "3",
        "Advies §4.2.5: de vicevoorzitter kan een eigen percentage krijgen; standaard als een lid",
    ),
    (
        "vergoeding_bijeenkomsten_per_jaar",
        "Aantal bijeenkomsten per jaar waarover de jaarvergoeding wordt verdeeld",
        "geheel_getal",
        20,
        "bijeenkomsten",
        "9",
        "4",
        f"{REGLEMENT}. Per bijeenkomst: de jaarvergoeding gedeeld door dit aantal",
    ),
    *[
        (
            f"vergoeding_weging_{code}",
            f"Vergoeding voor {naam}",
            "percentage",
            "100",
            "van het bedrag per bijeenkomst (0: telt niet mee)",
            "9",
            "4",
            REGLEMENT,
        )
        for code, naam in SOORTEN
    ],
    (
        "vergoeding_afgemeld_percentage",
        "Vergoeding bij afmelding vooraf",
        "percentage",
        "0",
        "van het bedrag per bijeenkomst",
        "9",
        "4",
        REGLEMENT,
    ),
    (
        "vergoeding_doorbetaling_verzuim",
        "Doorbetaling van de vergoeding bij langdurig verzuim (ziekte, bijzondere omstandigheid)",
        "maanden",
        3,
        "",
        "9",
        "4",
        REGLEMENT,
    ),
    (
        "vergoeding_periode",
        "Periode van uitbetaling van de vergoeding (1: per maand, 3: per kwartaal)",
        "maanden",
        3,
        "",
        None,
        "",
        GEMEENTE,
    ),
    (
        "declaratie_drempel_voorzitter",
        "Declaraties boven dit bedrag keurt de voorzitter goed",
        "bedrag",
        "250.00",
        "",
        None,
        "",
        f"{GEMEENTE}; bijlage 9: de ondersteuner handelt declaraties af",
    ),
    (
        "begroting_waarschuwing_percentage",
        "Waarschuwing bij besteding van de begroting",
        "percentage",
        "80",
        "van het begrote bedrag per categorie",
        None,
        "",
        GEMEENTE,
    ),
    (
        "begroting_overschrijding_percentage",
        "Overschrijding van de begroting",
        "percentage",
        "100",
        "van het begrote bedrag per categorie",
        None,
        "",
        GEMEENTE,
    ),
    (
        "herinnering_declaratie_wacht",
        "Herinnering als een declaratie langer wacht dan",
        "dagen",
        14,
        "",
        None,
        "",
        f"{GEMEENTE}; bijlage 9: de ondersteuner bewaakt termijnen",
    ),
    (
        "doelgroep_declaratie_wacht",
        "Wie de herinnering over een wachtende declaratie krijgt",
        "rollen",
        ["ondersteuner", "voorzitter"],
        "",
        None,
        "",
        GEMEENTE,
    ),
    (
        "bewaartermijn_financieel",
        "Bewaartermijn van financiële gegevens (vergoedingen, declaraties, begrotingen)",
        "jaren",
        7,
        "na het einde van het boekjaar",
        None,
        "",
        FISCAAL,
    ),
]


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Artikel = apps.get_model("verordening", "Artikel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    artikelen = {a.nummer: a for a in Artikel.objects.filter(verordening__cvdr="CVDR753530")}
    moment = timezone.now()
    for sleutel, naam, soort, waarde, eenheid, artikel, lid, toelichting in REGELS:
        if Regel.objects.filter(sleutel=sleutel).exists():
            continue
        bron = artikelen.get(artikel) if artikel else None
        regel = Regel.objects.create(
            sleutel=sleutel,
            naam=naam,
            type=soort,
            waarde=waarde,
            eenheid=eenheid,
            bron=bron,
            bron_lid=lid if bron is not None else "",
            bron_toelichting=toelichting[:300],
            geldig_vanaf=VANAF,
            geldig_tot=None,
        )
        if hasattr(type(regel), "history"):
            continue  # a real model (a test reloads the defaults): simple-history wrote it
        velden = {f.attname: getattr(regel, f.attname) for f in regel._meta.concrete_fields}
        HistoricalRegel.objects.create(
            **velden,
            history_date=moment,
            history_type="+",
            history_change_reason="Regels voor vergoeding, begroting en declaraties (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[r[0] for r in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("financien", "0001_initial"),
        ("verordening", "0007_herinneringen_planning"),
    ]

    operations = [migrations.RunPython(laad, verwijder)]
