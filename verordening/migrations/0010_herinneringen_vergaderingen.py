"""Lead times of the reminders "say whether you come to a meeting" (``aanmelding_doorgeven``) and
"read the documents" (``stukken_lezen``), in ``adviesraad/vergaderingen/deadlines.py``: 7 days
before the meeting. Municipal defaults, like the other lead times of migration 0007. Idempotent;
each new rule gets a history row."""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (migration 0003)
TOELICHTING = (
    "Standaardwaarde voor herinneringen, geen bepaling uit de verordening; aanpasbaar in het beheer"
)
REGELS = [
    (
        "herinnering_aanmelding_doorgeven",
        "Herinnering om door te geven of u naar een vergadering komt",
    ),
    ("herinnering_stukken_lezen", "Herinnering om de stukken voor een vergadering te lezen"),
]


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    for sleutel, naam in REGELS:
        if Regel.objects.filter(sleutel=sleutel).exists():
            continue
        regel = Regel.objects.create(
            sleutel=sleutel,
            naam=naam,
            type="dagen",
            waarde=7,
            eenheid="",
            bron=None,
            bron_lid="",
            bron_toelichting=TOELICHTING,
            geldig_vanaf=VANAF,
            geldig_tot=None,
        )
        if hasattr(type(regel), "history"):
            continue  # a real model (a test reloads the defaults): simple-history wrote it
        velden = {f.attname: getattr(regel, f.attname) for f in regel._meta.concrete_fields}
        HistoricalRegel.objects.create(
            **velden,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason="Herinneringen bij vergaderingen (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[sleutel for sleutel, _ in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("verordening", "0009_merge_0008_college_termijnen_0008_jaarcyclus_regels")]

    operations = [migrations.RunPython(laad, verwijder)]
