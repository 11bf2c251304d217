"""Reference data: the nine laws and regulations of the core domain (seed, chapter 3)."""

from django.db import migrations

KERNWETTEN = [
    ("wmo", "Wmo 2015"),
    ("participatiewet", "Participatiewet"),
    ("jeugdwet", "Jeugdwet"),
    ("wet-inburgering", "Wet inburgering"),
    ("schuldhulpverlening", "Wet gemeentelijke schuldhulpverlening"),
    ("minimabeleid", "Minimabeleid"),
    ("wsw", "Wet sociale werkvoorziening"),
    ("leerlingenvervoer", "Leerlingenvervoer"),
    ("wpg", "Wet publieke gezondheid"),
]


def laad(apps, schema_editor):
    Kernwet = apps.get_model("adviesraad", "Kernwet")
    for volgorde, (code, naam) in enumerate(KERNWETTEN, start=1):
        Kernwet.objects.update_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("adviesraad", "0001_initial")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
