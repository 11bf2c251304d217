"""Seed the reference data of §4.1 and Bijlage 1 (idempotent; the lists stay editable)."""

from django.db import migrations


def vullen(apps, schema_editor):
    from participatiemix import referentiedata

    referentiedata.vullen(apps)


class Migration(migrations.Migration):
    dependencies = [("participatiemix", "0001_initial")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
