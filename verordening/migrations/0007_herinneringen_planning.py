"""Audiences, lead times and cycles of the reminders (issue 5), as rules of the verordening.

* ``doelgroep_<kind>`` (type ``rollen``): who gets each kind of reminder. These replace the
  ``DOELGROEPEN`` constants that were in ``adviesraad/deadlines.py`` and
  ``adviesraad/advies/deadlines.py``, with the same values, so nothing changes for anyone.
  ``betrokkene`` is the person the reminder is about (the member, the participant, the official).
* ``herinnering_<...>``: how long in advance people are reminded (also the participatiemix's
  "14 days ahead" that was a constant, ``VOORUIT``).
* ``cyclus_<...>``: how often the periodic agreements come round. Where the advice
  "Doorontwikkeling inwoners- en cliëntenparticipatie in het sociaal domein" (16 juni 2025) or the
  verordening says so, the rule cites it; the others are municipal defaults and say so.

Idempotent: a rule that already has a version is left alone. Each new rule gets a history row.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VANAF = date(2025, 12, 30)  # the verordening's start (migration 0003)
HERINNERING = (
    "Standaardwaarde voor herinneringen, geen bepaling uit de verordening; aanpasbaar in het beheer"
)
DOELGROEP = (
    "Standaardwaarde van de gemeente: wie deze herinnering krijgt, geen bepaling uit de "
    "verordening; aanpasbaar in het beheer"
)
GEMEENTE = (
    "Standaardwaarde van de gemeente, geen bepaling uit de verordening; aanpasbaar in het beheer"
)
ADVIES = "Advies „Doorontwikkeling inwoners- en cliëntenparticipatie in het sociaal domein” (16 juni 2025)"

# (sleutel, naam, type, waarde, artikel of None, lid, toelichting)
REGELS = [
    # --- Audiences (were DOELGROEPEN in adviesraad/deadlines.py and advies/deadlines.py) --------
    (
        "doelgroep_termijn_einde_6_maanden",
        "Wie de eerste herinnering over het einde van een zittingstermijn krijgt",
        "rollen",
        ["betrokkene", "ondersteuner", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_termijn_einde_3_maanden",
        "Wie de tweede herinnering over het einde van een zittingstermijn krijgt",
        "rollen",
        ["betrokkene", "ondersteuner", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_herbenoemingsevaluatie",
        "Wie de herinnering over de evaluatie vóór herbenoeming krijgt",
        "rollen",
        ["betrokkene", "voorzitter", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_advies_uiterlijk",
        "Wie de herinnering over de uiterste datum van een advies krijgt",
        "rollen",
        ["ondersteuner", "voorzitter"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_reactie_college",
        "Wie de herinnering over de reactie van het college krijgt",
        "rollen",
        ["ondersteuner", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_terugkoppeling_verwacht",
        "Wie de herinnering over terugkoppeling aan deelnemers krijgt",
        "rollen",
        ["betrokkene", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_terugkoppeling_te_laat",
        "Wie het bericht over te late terugkoppeling aan deelnemers krijgt",
        "rollen",
        ["betrokkene", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_jaarlijkse_evaluatie",
        "Wie de herinnering over de jaarlijkse evaluatie krijgt",
        "rollen",
        ["voorzitter", "ondersteuner"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_samenwerkingsafspraken_evaluatie",
        "Wie de herinnering over de evaluatie van de samenwerkingsafspraken krijgt",
        "rollen",
        ["voorzitter", "ondersteuner", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_huishoudelijk_reglement_herzien",
        "Wie de herinnering over het herzien van het huishoudelijk reglement krijgt",
        "rollen",
        ["voorzitter", "ondersteuner"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_stukken_versturen",
        "Wie de herinnering over het versturen van de stukken voor een vergadering krijgt",
        "rollen",
        ["ondersteuner"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_vergadering_morgen",
        "Wie de herinnering „morgen is er een vergadering” krijgt",
        "rollen",
        ["betrokkene"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_voorzittersoverleg_plannen",
        "Wie de herinnering over het plannen van het voorzittersoverleg krijgt",
        "rollen",
        ["voorzitter", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_collegepresentatie_plannen",
        "Wie de herinnering over het plannen van de presentatie aan het college krijgt",
        "rollen",
        ["voorzitter", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    (
        "doelgroep_politieke_markt_plannen",
        "Wie de herinnering over het plannen van de politieke markt krijgt",
        "rollen",
        ["voorzitter", "accounthouder"],
        None,
        "",
        DOELGROEP,
    ),
    # --- Lead times ---------------------------------------------------------------------------
    (
        "herinnering_terugkoppeling_vooruit",
        "Herinnering vóór de uiterste datum van terugkoppeling aan deelnemers",
        "dagen",
        14,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_jaarlijkse_evaluatie",
        "Herinnering vóór de jaarlijkse evaluatie",
        "weken",
        6,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_samenwerkingsafspraken_evaluatie",
        "Herinnering vóór de evaluatie van de samenwerkingsafspraken",
        "weken",
        6,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_huishoudelijk_reglement_herzien",
        "Herinnering vóór het herzien van het huishoudelijk reglement",
        "maanden",
        2,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_stukken_versturen",
        "Herinnering vóór de uiterste datum om de stukken voor een vergadering te versturen",
        "dagen",
        3,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_vergadering_morgen",
        "Herinnering vóór een vergadering",
        "dagen",
        1,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_voorzittersoverleg",
        "Herinnering om het voorzittersoverleg te plannen",
        "weken",
        6,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_collegepresentatie",
        "Herinnering om de presentatie aan het college te plannen",
        "weken",
        8,
        None,
        "",
        HERINNERING,
    ),
    (
        "herinnering_politieke_markt",
        "Herinnering om de politieke markt te plannen",
        "weken",
        8,
        None,
        "",
        HERINNERING,
    ),
    # --- Cycles ---------------------------------------------------------------------------------
    (
        "cyclus_jaarlijkse_evaluatie",
        "Cyclus: evaluatie van het eigen functioneren van de adviesraad",
        "jaren",
        1,
        "12",
        "1",
        f"{ADVIES}, §4.2 „Evalueren en bijsturen”: „evalueert jaarlijks het "
        "eigen functioneren”; de datum volgt de inwerkingtreding van de verordening",
    ),
    (
        "cyclus_samenwerkingsafspraken",
        "Cyclus: evaluatie en vaststelling van de samenwerkingsafspraken",
        "jaren",
        1,
        "11",
        "2",
        "Geldt als de afspraken geen datum voor de volgende evaluatie noemen",
    ),
    (
        "cyclus_huishoudelijk_reglement",
        "Cyclus: herziening van het huishoudelijk reglement",
        "jaren",
        2,
        None,
        "",
        f"{GEMEENTE}: halverwege elke zittingstermijn van 4 jaar, zodat elke samenstelling van "
        "de adviesraad het reglement bekijkt",
    ),
    (
        "cyclus_voorzittersoverleg",
        "Cyclus: overleg van voorzitter, wethouders en accounthouder",
        "maanden",
        6,
        None,
        "",
        f"{ADVIES}, §4.2 „Verhouding adviesraad sociaal domein - College van "
        "B en W”: „minimaal 1 keer per half jaar overleg”",
    ),
    (
        "cyclus_collegepresentatie",
        "Cyclus: presentatie van de adviesraad aan het college",
        "jaren",
        1,
        None,
        "",
        f"{ADVIES}, §4.2 „Verhouding adviesraad sociaal domein - College van "
        "B en W”: „Eén keer per jaar presenteert de adviesraad sociaal domein zich”",
    ),
    (
        "cyclus_politieke_markt",
        "Cyclus: de adviesraad op de politieke markt",
        "jaren",
        1,
        None,
        "",
        f"{ADVIES}, §4.2 „Verhouding adviesraad sociaal domein - "
        "gemeenteraad”: „1 keer per jaar tijdens een politieke markt”",
    ),
]


def laad(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Artikel = apps.get_model("verordening", "Artikel")
    HistoricalRegel = apps.get_model("verordening", "HistoricalRegel")
    artikelen = {a.nummer: a for a in Artikel.objects.filter(verordening__cvdr="CVDR753530")}
    moment = timezone.now()
    for sleutel, naam, soort, waarde, artikel, lid, toelichting in REGELS:
        if Regel.objects.filter(sleutel=sleutel).exists():
            continue
        bron = artikelen.get(artikel) if artikel else None
        regel = Regel.objects.create(
            sleutel=sleutel,
            naam=naam,
            type=soort,
            waarde=waarde,
            eenheid="",
            bron=bron,
            bron_lid=lid if bron is not None else "",
            bron_toelichting=toelichting[:300],
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
            history_change_reason="Doelgroepen, herinneringen en cycli (datamigratie)",
        )


def verwijder(apps, schema_editor):
    Regel = apps.get_model("verordening", "Regel")
    Regel.objects.filter(sleutel__in=[r[0] for r in REGELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("verordening", "0006_regeltype_rollen")]

    operations = [migrations.RunPython(laad, verwijder)]
