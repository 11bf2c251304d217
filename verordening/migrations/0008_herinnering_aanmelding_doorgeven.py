"""Lead time of the reminder "say whether you come to a meeting" (``aanmelding_doorgeven``, in
``adviesraad/vergaderingen/deadlines.py``): 7 days before the meeting. A municipal default, like
the other lead times of migration 0007. Idempotent; the new rule gets a history row."""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (migration 0003)
SLEUTEL = "herinnering_aanmelding_doorgeven"


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    if Regel.objects.filter(sleutel=SLEUTEL).exists():
        return
    regel = Regel.objects.create(
        sleutel=SLEUTEL,
        naam="Herinnering om door te geven of u naar een vergadering komt",
        type="dagen",
        waarde=7,
        eenheid="",
        bron=None,
        bron_lid="",
        bron_toelichting=(
            "Standaardwaarde voor herinneringen, geen bepaling uit de verordening; aanpasbaar in "
            "het beheer"
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
        history_change_reason="Herinnering om aanmelding door te geven (datamigratie)",
    )


def verwijder(apps, schema_editor):
    apps.get_model("verordening", "Regel").objects.filter(sleutel=SLEUTEL).delete()


class Migration(migrations.Migration):
    dependencies = [("verordening", "0007_herinneringen_planning")]

    operations = [migrations.RunPython(laad, verwijder)]
