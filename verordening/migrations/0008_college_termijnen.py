"""Rules for delivery to the College, its response, and the follow-up of adopted points (issue 14).

* ``escalatie_reactie_college``: how long after the College's response date an overdue response
  goes to the chair as well (Bijlage 4 step 7: the College responds in writing).
* ``doelgroep_<kind>`` (type ``rollen``) of the new reminder kinds: an overdue response
  (account holder), its escalation (chair), a failed delivery (supporter, who sends the advice),
  an overdue follow-up of an adopted point (account holder), and the chair's request for an
  update (account holder).

Municipal defaults, not provisions of the verordening: changeable in the admin. Idempotent: a
rule that already has a version is left alone. Each new rule gets a history row.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (migration 0003)
TOELICHTING = (
    "Standaardwaarde van de gemeente, geen bepaling uit de verordening; aanpasbaar in het beheer"
)

# (sleutel, naam, type, waarde)
REGELS = [
    (
        "escalatie_reactie_college",
        "Hoe lang na de uiterste datum een te late reactie van het college naar de voorzitter gaat",
        "weken",
        2,
    ),
    (
        "doelgroep_reactie_college_te_laat",
        "Wie de herinnering krijgt dat de reactie van het college te laat is",
        "rollen",
        ["accounthouder"],
    ),
    (
        "doelgroep_reactie_college_escalatie",
        "Wie hoort dat de reactie van het college lang uitblijft",
        "rollen",
        ["voorzitter"],
    ),
    (
        "doelgroep_bezorging_mislukt",
        "Wie hoort dat een advies niet bij het college of de griffie is aangekomen",
        "rollen",
        ["ondersteuner"],
    ),
    (
        "doelgroep_toezegging_verlopen",
        "Wie de herinnering krijgt dat een toezegging van het college over de datum is",
        "rollen",
        ["accounthouder"],
    ),
    (
        "doelgroep_toezegging_stand_gevraagd",
        "Wie de vraag van de voorzitter om de stand van een toezegging krijgt",
        "rollen",
        ["accounthouder"],
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
        if hasattr(type(regel), "history"):
            continue  # a real model (a test reloads the defaults): simple-history wrote it
        velden = {f.attname: getattr(regel, f.attname) for f in regel._meta.concrete_fields}
        HistoricalRegel.objects.create(
            **velden,
            history_date=moment,
            history_type="+",
            history_change_reason="Termijnen en doelgroepen rond het college (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[r[0] for r in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("verordening", "0007_herinneringen_planning")]

    operations = [migrations.RunPython(laad, verwijder)]
