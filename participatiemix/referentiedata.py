"""The reference data of the participatiemix as the seed names it (§4.1, §5.1, Bijlage 1).

Used by the data migration (``0002_referentiedata``) and nothing else: after that, the account
holder maintains the lists in the admin. Kept in a plain module so the migration stays short and
the texts are reviewable in one place.
"""

from __future__ import annotations

from typing import Any

#: (nummer, code, naam, omschrijving, gespreksleider_verplicht, spelregels_van_toepassing)
INSTRUMENTEN = [
    (
        1,
        "schriftelijke-bevraging",
        "Schriftelijk bevragen van inwoners",
        "Cliëntervaringsonderzoeken (CEO, jaarlijks, Jeugdwet en Wmo), "
        "klantbelevingsonderzoeken (KBO, eens in de twee jaar, Participatiewet en minimabeleid) "
        "en tevredenheidsmetingen, ook die van Wijkracht.",
        False,
        False,
    ),
    (
        2,
        "groepsgesprek",
        "Groepsgesprekken met cliënten en naasten",
        "Aparte groepen voor vergelijkbare vormen van ondersteuning, met aandacht voor kinderen "
        "en jongeren en voor inwoners die de taal onvoldoende beheersen. Een externe, "
        "onafhankelijke gespreksleider begeleidt het gesprek en legt de opbrengsten vast. Een "
        "kleine delegatie van gemeente en adviesraad luistert mee.",
        True,
        True,
    ),
    (
        3,
        "professionals-vrijwilligers",
        "Input van professionals en vrijwilligers",
        "Groepsgesprekken met professionals en vrijwilligers op logische momenten, bijvoorbeeld "
        "bij inkoop of belangrijke ontwikkelingen. Gericht op patronen, ervaringen en suggesties "
        "vanuit het perspectief van de cliënt en zijn of haar naaste.",
        False,
        True,
    ),
    (
        4,
        "clientondersteuning",
        "Input van cliëntondersteuning",
        "Vaste ruimte in de contractgesprekken met cliëntondersteuners om hun bevindingen en "
        "signalen op te halen. Vastgelegd in een verslag dat intern wordt gedeeld.",
        False,
        True,
    ),
    (
        5,
        "clientenreis",
        "Cliëntenreis",
        "Stap voor stap volgen hoe iemand de weg vindt naar zorg en ondersteuning, gekoppeld aan "
        "een vast moment, zoals de start van een verbeterproces.",
        False,
        False,
    ),
]

#: (nummer, titel, tekst) — Bijlage 1: Spelregels Nationale Ombudsman.
SPELREGELS = [
    (
        1,
        "Laagdrempelige aanpak",
        "Zorg voor een laagdrempelige aanpak – participatie moet toegankelijk zijn voor iedereen, "
        "ongeacht achtergrond of opleidingsniveau.",
    ),
    (
        2,
        "Actieve betrokkenheid",
        "Stimuleer actieve betrokkenheid – inwoners moeten worden aangemoedigd om mee te denken en "
        "mee te doen.",
    ),
    (
        3,
        "Vooraf duidelijke spelregels",
        "Vooraf duidelijke spelregels communiceren: hoe ziet de participatie eruit en wat kan er "
        "verwacht worden.",
    ),
    (
        4,
        "Eerlijk over wat mogelijk is",
        "Vooraf en tijdens de participatie eerlijk zijn over wat mogelijk en niet mogelijk is "
        "(realistische verwachtingen).",
    ),
    (
        5,
        "Tijdige en volledige informatie",
        "Tijdig de benodigde en volledige informatie verstrekken die inwoners nodig hebben om te "
        "kunnen participeren.",
    ),
    (6, "Ruimte voor het gesprek", "Geef ruimte voor het (onderlinge) gesprek."),
    (7, "Actief luisteren", "Luister actief en serieus naar wat inwoners aangeven."),
    (
        8,
        "Respect voor verschillende perspectieven",
        "Respecteer en hou rekening met verschillende perspectieven en belangen.",
    ),
    (
        9,
        "Terugkoppeling",
        "Geef terugkoppeling – inwoners moeten weten wat er met hun inbreng gebeurt en waarom "
        "bepaalde keuzes worden gemaakt.",
    ),
    (
        10,
        "Evalueren en leren",
        "Evalueer en leer – evalueer participatieprocessen en werk aan verbetering.",
    ),
]

#: (code, naam, soort, volgorde) — the core domain (§4.1 "Brede uitvraag").
DOMEINEN = [
    ("wmo", "Wmo 2015", "wet", 10),
    ("jeugdwet", "Jeugdwet", "wet", 20),
    ("participatiewet", "Participatiewet", "wet", 30),
    ("inburgering", "Wet inburgering", "wet", 40),
    ("schuldhulpverlening", "Wet gemeentelijke schuldhulpverlening", "wet", 50),
    ("minimabeleid", "Minimabeleid", "wet", 60),
    ("wsw", "Wet sociale werkvoorziening", "wet", 70),
    ("leerlingenvervoer", "Leerlingenvervoer", "wet", 80),
    ("wpg", "Wet publieke gezondheid", "wet", 90),
    ("dienstverlening", "Dienstverlening", "domein", 100),
    ("inclusie", "Inclusie (VN-verdrag handicap)", "domein", 110),
]

#: (code, naam, volgorde)
DOELGROEPEN = [
    ("clienten", "Cliënten", 10),
    ("naasten", "Naasten", 20),
    ("jongeren", "Kinderen en jongeren", 30),
    ("taal", "Inwoners die de Nederlandse taal onvoldoende beheersen", 40),
    ("professionals", "Professionals", 50),
    ("vrijwilligers", "Vrijwilligers", 60),
    ("clientondersteuning", "Cliëntondersteuners", 70),
]

#: The organisations the seed names (§4.1 instrument 3, "Rol leden cliëntenraad").
ORGANISATIES = [
    "Stichting Humanitas",
    "SchuldHulpMaatje",
    "Voedselbank",
    "Diaconieën",
    "Stichting Hengelo Toegankelijk",
    "Seniorenraad",
    "Wijkracht Hengelo",
    "Buurt- en wijkraden",
    "Cliëntenraad Minima en Wmo (belangengroep)",
]

#: The themes §4.1 instrument 2 lists.
THEMAS = ["Zorg", "Ondersteuning", "Inclusie", "Uitvoering", "Dienstverlening", "Communicatie"]


def vullen(apps: Any) -> None:
    """Create the reference data that is missing (never changes or deletes what exists).

    Run by the data migration ``0002_referentiedata`` and after every ``migrate`` and ``flush``
    (``post_migrate``): a flush (e.g. after a transactional or browser test) empties the tables
    but does not rerun data migrations.
    """
    instrument = apps.get_model("participatiemix", "Instrument")
    spelregel = apps.get_model("participatiemix", "Spelregel")
    domein = apps.get_model("participatiemix", "Domein")
    doelgroep = apps.get_model("participatiemix", "Doelgroep")
    organisatie = apps.get_model("participatiemix", "Organisatie")
    thema = apps.get_model("participatiemix", "Thema")

    for nummer, code, naam, omschrijving, gespreksleider, spelregels in INSTRUMENTEN:
        instrument.objects.get_or_create(
            code=code,
            defaults={
                "nummer": nummer,
                "naam": naam,
                "omschrijving": omschrijving,
                "gespreksleider_verplicht": gespreksleider,
                "spelregels_van_toepassing": spelregels,
            },
        )
    for nummer, titel, tekst in SPELREGELS:
        spelregel.objects.get_or_create(nummer=nummer, defaults={"titel": titel, "tekst": tekst})
    for code, naam, soort, volgorde in DOMEINEN:
        domein.objects.get_or_create(
            code=code, defaults={"naam": naam, "soort": soort, "volgorde": volgorde}
        )
    for code, naam, volgorde in DOELGROEPEN:
        doelgroep.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})
    for naam in ORGANISATIES:
        organisatie.objects.get_or_create(naam=naam)
    for naam in THEMAS:
        thema.objects.get_or_create(naam=naam)
