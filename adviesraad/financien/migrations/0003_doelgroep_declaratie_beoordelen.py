"""Who gets the task "a declaration waits for your approval" (``declaratie_beoordelen``, issue 15
§2), as a rule of the verordening: default the chair, who approves declarations above the
threshold (``declaratie_drempel_voorzitter``).

Idempotent: a rule that already has a version is left alone. The new rule gets a history row.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (verordening 0003)
SLEUTEL = "doelgroep_declaratie_beoordelen"


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    if Regel.objects.filter(sleutel=SLEUTEL).exists():
        return
    regel = Regel.objects.create(
        sleutel=SLEUTEL,
        naam="Wie de taak krijgt om een gecontroleerde declaratie goed te keuren",
        type="rollen",
        waarde=["voorzitter"],
        eenheid="",
        bron=None,
        bron_lid="",
        bron_toelichting=(
            "Standaardwaarde van de gemeente: boven de drempel keurt de voorzitter goed; "
            "aanpasbaar in het beheer"
        ),
        geldig_vanaf=VANAF,
        geldig_tot=None,
    )
    if hasattr(type(regel), "history"):
        return  # a real model (a test reloads the defaults): simple-history wrote it
    velden = {f.attname: getattr(regel, f.attname) for f in regel._meta.concrete_fields}
    HistoricalRegel.objects.create(
        **velden,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Doelgroep van de taak een declaratie goed te keuren (datamigratie)",
    )


def verwijder(apps, schema_editor):
    apps.get_model("verordening", "Regel").objects.filter(sleutel=SLEUTEL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("financien", "0002_regels"),
    ]

    operations = [migrations.RunPython(laad, verwijder)]
