"""On SQLite, triggers give the guarantee the exclusion constraint gives on PostgreSQL:
no two versions of one rule overlap. A no-op on PostgreSQL. See verordening/database.py."""

from django.db import migrations

from verordening.database import installeer_sqlite_triggers, verwijder_sqlite_triggers


def maak_triggers(apps, schema_editor):
    installeer_sqlite_triggers(schema_editor.connection)


def verwijder_triggers(apps, schema_editor):
    verwijder_sqlite_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("verordening", "0001_initial")]

    operations = [migrations.RunPython(maak_triggers, verwijder_triggers, elidable=False)]
