"""The onboarding task (``inwerken``, issue 15 §2) as rules of the verordening:

* ``inwerken_binnen``: the onboarding (§4.2.3 "Randvoorwaarden") is due this long after the start
  of a member's first term; the reminder runs from that start;
* ``doelgroep_inwerken``: who gets it (default: the member and the supporter, who organises it).

Municipal defaults, not provisions of the verordening. Idempotent: a rule that already has a
version is left alone. Each new rule gets a history row.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (verordening 0003)
GEMEENTE = (
    "Standaardwaarde van de gemeente, geen bepaling uit de verordening; aanpasbaar in het beheer"
)

# (sleutel, naam, type, waarde)
REGELS = [
    ("inwerken_binnen", "Het inwerkprogramma is af binnen (na de start als lid)", "maanden", 3),
    (
        "doelgroep_inwerken",
        "Wie de herinnering over het inwerkprogramma van een nieuw lid krijgt",
        "rollen",
        ["betrokkene", "ondersteuner"],
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
            bron_toelichting=GEMEENTE,
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
            history_change_reason="Regels voor het inwerkprogramma (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[r[0] for r in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("adviesraad", "0006_merge_0004_werving_aanmelding_0005_toezeggingen"),
        ("verordening", "0010_herinneringen_vergaderingen"),
    ]

    operations = [migrations.RunPython(laad, verwijder)]
