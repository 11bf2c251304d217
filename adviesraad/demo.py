"""Demo council for `make run` (called by seed_demo after the demo users exist). Idempotent.

A council of 10 members with staggered terms (one leaving within 6 months), an ad-interim chair
(voorzitter@demo), a vice-chair (vicevoorzitter@demo, also a member), lid@demo as a member,
portfolios in pairs with one incomplete, and one open recruitment. Everything goes through the
services (``door=None``: the system), so the demo obeys the rules of the verordening.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hengelo_participatie.accounts.demo import DEMO_DOMEIN, demo_inlog
from hengelo_participatie.accounts.models import User
from verordening.waarden import Duur

from .models import (
    EindeReden,
    FunctieSoort,
    Kernwet,
    Lid,
    Portefeuille,
    TermijnSoort,
    TermijnStatus,
    Vacature,
)
from .models.verklaringen import Aanleiding
from .services.functies import functie_toewijzen
from .services.leden import lid_aanmaken
from .services.portefeuilles import portefeuille_aanmaken, portefeuillehouder_toewijzen
from .services.rollen import rollen_bijwerken
from .services.termijnen import (
    termijn_aanmaken,
    termijn_beeindigen,
    termijn_benoemen,
    termijn_voordragen,
)
from .services.verklaringen import verklaring_indienen
from .services.werving import kandidaat_aanmelden, vacature_aanmaken, vacature_publiceren
from .werving_profielen import PROFIEL_LID, PROFIEL_VOORZITTER

EERSTE_DAG = date(2026, 1, 5)  # after the verordening's start (30 December 2025)

#: (e-mail local part, first name, last name, postcode). The first two are demo logins.
LEDEN = [
    ("vicevoorzitter", "Bram", "Jansen", "7551 AB"),
    ("lid", "Carla", "Bosch", "7552 CD"),
    ("lid.henk", "Henk", "Ter Horst", "7553 EF"),
    ("lid.ilse", "Ilse", "Wolters", "7554 GH"),
    ("lid.jamal", "Jamal", "El Amrani", "7555 JK"),
    ("lid.karin", "Karin", "Nijhuis", "7556 LM"),
    ("lid.lucas", "Lucas", "Brink", "7557 NP"),
    ("lid.maria", "Maria", "Oude Luttikhuis", "7558 RS"),
    ("lid.nadia", "Nadia", "Yilmaz", "7559 TV"),
    ("lid.otto", "Otto", "Kamphuis", "7555 WX"),
]

PORTEFEUILLES = [
    ("Zorg en ondersteuning", ["wmo", "wpg"]),
    ("Jeugd en onderwijs", ["jeugdwet", "leerlingenvervoer"]),
    ("Werk en meedoen", ["participatiewet", "wsw", "wet-inburgering"]),
    ("Bestaanszekerheid", ["minimabeleid", "schuldhulpverlening"]),
    ("Inclusie en toegankelijkheid", ["wmo"]),
]


def _user(lokaal: str, voornaam: str, achternaam: str) -> User:
    user, created = User.objects.get_or_create(
        email=f"{lokaal}@{DEMO_DOMEIN}", defaults={"voornaam": voornaam, "achternaam": achternaam}
    )
    if user.is_active:
        # Every demo member signs in with the demo password and an e-mail code, so an approval
        # round can complete in the demo.
        demo_inlog(user)
    return user


def _lid(user: User, postcode: str, nummer: int) -> Lid:
    bestaand = Lid.objects.filter(user=user).first()
    if bestaand is not None:
        return bestaand
    lid = lid_aanmaken(
        user=user,
        postcode=postcode,
        adres=f"Demostraat {nummer}",
        woonplaats="Hengelo",
        beschikbaarheid_uren_per_maand=10 + nummer % 4,
        themas=list(Kernwet.objects.all()[nummer % 9 : nummer % 9 + 2]),
        door=None,
    )
    verklaring_indienen(
        lid=lid,
        aanleiding=Aanleiding.BENOEMING,
        ingediend_op=EERSTE_DAG,
        door=None,
        vrijwilligerswerk=nummer % 3 == 0,
        vrijwilligerswerk_toelichting="Vrijwilliger bij de voedselbank" if nummer % 3 == 0 else "",
    )
    return lid


def _benoem(lid: Lid, begin: date, nummer: int) -> None:
    if lid.termijnen.exists():
        return
    termijn = termijn_aanmaken(lid=lid, door=None)
    termijn = termijn_voordragen(termijn=termijn, voorgedragen_op=begin, door=None)
    termijn_benoemen(
        termijn=termijn,
        besluitdatum=begin,
        besluit_kenmerk=f"B&W-{begin:%Y}-{100 + nummer}",
        begindatum=begin,
        door=None,
    )


def seed(*, stdout: Any) -> None:
    vandaag = timezone.localdate()
    nieuw = not Lid.objects.filter(user__email=f"lid@{DEMO_DOMEIN}").exists()

    # Staggered start dates, a month apart, none before the verordening.
    leden = []
    for nummer, (lokaal, voornaam, achternaam, postcode) in enumerate(LEDEN):
        lid = _lid(_user(lokaal, voornaam, achternaam), postcode, nummer)
        begin = max(EERSTE_DAG, Duur(max(1, 12 - nummer), "maanden").voor(vandaag))
        _benoem(lid, min(begin, vandaag), nummer)
        leden.append(lid)

    # One member leaves within 6 months (announced resignation).
    vertrekker = leden[-1].termijnen.filter(status=TermijnStatus.BENOEMD).first()
    if vertrekker is not None:
        termijn_beeindigen(
            termijn=vertrekker,
            reden=EindeReden.AFTREDEN,
            laatste_dag=min(vertrekker.einddatum, vandaag + timedelta(days=120)),
            toelichting="Verhuist naar Enschede",
            door=None,
        )

    voorzitter = _lid(_user("voorzitter", "Anna", "de Vries"), "7511 AA", 99)
    if not voorzitter.functies.exists():
        functie_toewijzen(
            lid=voorzitter,
            soort=FunctieSoort.VOORZITTER_AD_INTERIM,
            van=EERSTE_DAG,
            tot=Duur(18, "maanden").na(EERSTE_DAG),
            uurtarief=Decimal("85.00"),
            besluit_kenmerk="B&W-2025-001",
            door=None,
        )
    if not leden[0].functies.exists():
        functie_toewijzen(lid=leden[0], soort=FunctieSoort.VICEVOORZITTER, van=vandaag, door=None)

    # Portfolios in pairs; the last one has only one holder (incomplete pair).
    paren = [leden[0:2], leden[2:4], leden[4:6], leden[6:8], leden[8:9]]
    for (naam, codes), houders in zip(PORTEFEUILLES, paren, strict=True):
        if Portefeuille.objects.filter(naam=naam).exists():
            continue
        portefeuille = portefeuille_aanmaken(
            naam=naam, kernwetten=Kernwet.objects.filter(code__in=codes), van=EERSTE_DAG, door=None
        )
        for lid in houders:
            portefeuillehouder_toewijzen(portefeuille=portefeuille, lid=lid, van=vandaag, door=None)

    titel = "Lid Adviesraad sociaal domein (2 plaatsen)"
    if not Vacature.objects.filter(titel=titel).exists():
        vacature = vacature_aanmaken(
            titel=titel,
            profiel=PROFIEL_LID,
            aantal_plaatsen=2,
            sluit_op=vandaag + timedelta(days=30),
            door=None,
        )
        vacature_publiceren(vacature=vacature, op=vandaag - timedelta(days=7), door=None)
        for naam, postcode in (("Petra Demo", "7552 AA"), ("Youssef Demo", "7554 BB")):
            kandidaat_aanmelden(
                vacature=vacature,
                naam=naam,
                email=f"{naam.split()[0].lower()}.kandidaat@{DEMO_DOMEIN}",
                postcode=postcode,
                motivatie="Ik wil meedenken over zorg en ondersteuning in Hengelo.",
                door=None,
            )
    titel = "Vaste voorzitter Adviesraad sociaal domein"
    if not Vacature.objects.filter(titel=titel).exists():
        vacature = vacature_aanmaken(
            titel=titel,
            profiel=PROFIEL_VOORZITTER,
            soort=TermijnSoort.VOORZITTER,
            sluit_op=vandaag + timedelta(days=45),
            door=None,
        )
        vacature_publiceren(vacature=vacature, op=vandaag - timedelta(days=3), door=None)

    # seed_demo_users() resets each demo login to its single role: let terms decide again.
    for lid in [*leden, voorzitter]:
        rollen_bijwerken(lid=lid)

    if nieuw:
        stdout.write("Adviesraad: 10 leden, voorzitter ad interim, portefeuilles en een vacature.")
