"""The profiles a vacancy starts from: Bijlage 5 (members) and Bijlage 7 (the chair) of the
advice on the council, in plain words. The account holder adapts them per vacancy in the admin.
"""

PROFIEL_LID = """\
Wat doet een lid?
U geeft samen met de andere leden advies aan de gemeente Hengelo over zorg, werk, inkomen en \
jeugd. U denkt mee over plannen, vaak al voordat ze op papier staan.

Wie zoeken wij?
- U woont in Hengelo.
- U heeft interesse in onderwerpen van het sociaal domein, en liefst ervaring ermee.
- U wilt zich verdiepen in de onderwerpen van een portefeuille.
- U kent inwoners die zorg of ondersteuning krijgen, en u praat met hen en met organisaties.
- U weet wat er leeft in de stad.
- U werkt graag samen, u luistert en vraagt door, en u staat open voor feedback.
- U bent onafhankelijk: u spreekt niet namens een partij, organisatie of eigen belang.

Hoeveel tijd kost het?
Gemiddeld minimaal 10 uur per maand, voor vergaderingen, overleg met de gemeente, de \
voorbereiding en gesprekken met inwoners.
"""

PROFIEL_VOORZITTER = """\
Wat doet de voorzitter?
- U leidt de vergaderingen en overleggen van de adviesraad.
- U zorgt voor goede samenwerking, een heldere taakverdeling en goede afspraken.
- U begeleidt de leden en let op hoe de groep samenwerkt.
- U bereidt adviezen voor met de leden: u denkt mee, maar adviseert niet zelf.
- U overlegt met de accounthouder, de ondersteuner, beleidsmedewerkers en twee keer per jaar \
met de wethouders.

Wie zoeken wij?
- U woont in Hengelo.
- U verbindt mensen, u bent open en onafhankelijk.
- U heeft ervaring met het begeleiden van groepen en vrijwilligers.
- U communiceert goed en u durft besluiten te nemen.
- U kent het sociaal domein en de gemeente, of u wilt dat leren.

Hoeveel tijd kost het?
Gemiddeld minimaal 10 uur per maand. De vaste voorzitter heeft dezelfde zittingstermijn als \
de leden.
"""
