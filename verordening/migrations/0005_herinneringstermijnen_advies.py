"""Lead times of the advice workflow's reminders (adviesraad/advies/deadlines.py).

The verordening sets the deadlines themselves (advice period, approval period, the College's
response period); how long in advance people are reminded is a default of the municipality,
adjustable in the admin like every other rule. Idempotent: a rule that already has a version is
left alone.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (migration 0003)
TOELICHTING = (
    "Standaardwaarde voor herinneringen, geen bepaling uit de verordening; aanpasbaar in het beheer"
)

# (sleutel, naam, type, waarde)
REGELS = [
    (
        "herinnering_advies_uiterlijk",
        "Herinnering vóór de uiterste datum van een advies",
        "weken",
        2,
    ),
    (
        "herinnering_goedkeuringsronde",
        "Herinnering vóór het einde van een goedkeuringsronde",
        "dagen",
        3,
    ),
    (
        "herinnering_reactie_college",
        "Herinnering vóór de uiterste datum van de reactie van het college",
        "weken",
        1,
    ),
]


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    moment = timezone.now()
    for sleutel, naam, soort, waarde in REGELS:
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
            bron_toelichting=TOELICHTING,
            geldig_vanaf=VANAF,
            geldig_tot=None,
        )
        velden = {f.attname: getattr(regel, f.attname) for f in regel._meta.concrete_fields}
        HistoricalRegel.objects.create(
            **velden,
            history_date=moment,
            history_type="+",
            history_change_reason="Herinneringstermijnen advies (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[r[0] for r in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("verordening", "0004_herinneringstermijnen")]

    operations = [migrations.RunPython(laad, verwijder)]
