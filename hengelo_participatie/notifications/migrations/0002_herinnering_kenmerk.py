"""A neutral reference on each reminder, and no more advice titles in the outbox.

Reminders about an unpublished advice request stored "kenmerk titel" as their label. The label is
stored and shown in the admin; the title is confidential until publication. Existing rows keep
only the reference (the first word of the label), which also fills the new ``kenmerk`` field.
"""

from django.db import migrations, models


def titels_weghalen(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Herinnering = apps.get_model("notifications", "Herinnering")
    soort = ContentType.objects.filter(app_label="adviesraad", model="adviesaanvraag").first()
    if soort is None:
        return
    rijen = Herinnering.objects.filter(onderwerp_type=soort, vertrouwelijk=True)
    for rij in rijen.iterator():
        kenmerk = (rij.onderwerp_label.split(" ", 1) or [""])[0][:40]
        rij.kenmerk = kenmerk
        rij.onderwerp_label = f"Adviesaanvraag {kenmerk}"[:200]
        rij.save(update_fields=["kenmerk", "onderwerp_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="herinnering",
            name="kenmerk",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="kenmerk"),
        ),
        migrations.RunPython(titels_weghalen, migrations.RunPython.noop, elidable=True),
    ]
