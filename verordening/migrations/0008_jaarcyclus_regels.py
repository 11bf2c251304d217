"""Rules of the yearly cycle (issue 13): due dates of the evaluations, the questionnaire's
minimum group size, who may read the chair's evaluation, and the reminders of the follow-up
actions, the questionnaires and the conversations with the aldermen (§4.2.1 f4).

Idempotent: a rule that already has a version is left alone. Each new rule gets a history row.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (migration 0003)
ADVIES = "Advies „Doorontwikkeling inwoners- en cliëntenparticipatie in het sociaal domein” (16 juni 2025)"
HERINNERING = (
    "Standaardwaarde voor herinneringen, geen bepaling uit de verordening; aanpasbaar in het beheer"
)
DOELGROEP = (
    "Standaardwaarde van de gemeente: wie deze herinnering krijgt, geen bepaling uit de "
    "verordening; aanpasbaar in het beheer"
)
GEMEENTE = (
    "Standaardwaarde van de gemeente, geen bepaling uit de verordening; aanpasbaar in het beheer"
)

# (sleutel, naam, type, waarde, toelichting)
REGELS = [
    (
        "cyclus_totaalevaluatie",
        "Cyclus: totaalevaluatie van de adviesraad (voedt de verordening)",
        "jaren",
        4,
        f"{ADVIES}, §4.2 „Evalueren en bijsturen”: elke vier jaar een totaalevaluatie",
    ),
    (
        "participatiemix_evaluatie_na_start",
        "Evaluatie van de participatiemix na de start",
        "maanden",
        18,
        f"{ADVIES}, §5.1: de participatiemix wordt na 1,5 jaar geëvalueerd",
    ),
    (
        "evaluatie_minimale_groep",
        "Kleinste groep antwoorden waarvoor een uitsplitsing getoond wordt",
        "geheel_getal",
        3,
        f"{GEMEENTE}: onder dit aantal antwoorden toont het portaal geen uitsplitsing, zodat "
        "niemand te herkennen is",
    ),
    (
        "inzage_evaluatie_voorzitter",
        "Wie de evaluatie van de voorzitter mag inzien",
        "rollen",
        ["voorzitter", "accounthouder"],
        f"{ADVIES}, §4.2: de evaluatie van de voorzitter; {GEMEENTE}",
    ),
    (
        "doelgroep_evaluatie_actie",
        "Wie de herinnering over een open vervolgactie van een evaluatie krijgt",
        "rollen",
        ["betrokkene", "accounthouder"],
        DOELGROEP,
    ),
    (
        "herinnering_evaluatie_actie",
        "Herinnering vóór de datum van een vervolgactie",
        "weken",
        2,
        HERINNERING,
    ),
    (
        "doelgroep_evaluatie_vragenlijst",
        "Wie de herinnering krijgt om de vragenlijst van een evaluatie in te vullen",
        "rollen",
        ["betrokkene"],
        DOELGROEP,
    ),
    (
        "herinnering_evaluatie_vragenlijst",
        "Herinnering vóór de uiterste datum van een evaluatie om de vragenlijst in te vullen",
        "weken",
        3,
        HERINNERING,
    ),
    (
        "doelgroep_wethoudersgesprek_plannen",
        "Wie de herinnering over het plannen van het gesprek met de wethouders krijgt",
        "rollen",
        ["voorzitter", "accounthouder"],
        DOELGROEP,
    ),
    (
        "herinnering_wethoudersgesprek",
        "Herinnering om het gesprek met de wethouders te plannen",
        "weken",
        8,
        HERINNERING,
    ),
    (
        "cyclus_wethoudersgesprek",
        "Cyclus: gesprek van de adviesraad met de wethouders",
        "maanden",
        12,
        f"{ADVIES}, §4.2.1 f4 „In gesprek met wethouders”: 1 à 2 keer per jaar",
    ),
]


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    moment = timezone.now()
    for sleutel, naam, soort, waarde, toelichting in REGELS:
        if Regel.objects.filter(sleutel=sleutel).exists():
            continue
        regel = Regel.objects.create(
            sleutel=sleutel,
            naam=naam,
            type=soort,
            waarde=waarde,
            eenheid="",
            bron=None,
            bron_lid="",
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
            history_change_reason="Jaarcyclus: evaluaties en wethoudersgesprek (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[r[0] for r in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("verordening", "0007_herinneringen_planning")]

    operations = [migrations.RunPython(laad, verwijder)]
