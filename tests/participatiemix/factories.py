"""Test data for the participatiemix, made through the services (as the real code does)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from participatiemix.models import (
    Activiteit,
    Domein,
    Enqueteresultaat,
    GeplandeInzet,
    Instrument,
    Jaarplan,
    Spelregel,
    Thema,
)
from participatiemix.services import activiteiten as activiteiten_services
from participatiemix.services import inbreng as inbreng_services
from participatiemix.services import rapportage as rapportage_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services


def instrument(nummer: int) -> Instrument:
    return Instrument.objects.get(nummer=nummer)


def thema(naam: str = "Zorg") -> Thema:
    return Thema.objects.get(naam=naam)


def domein(code: str = "wmo") -> Domein:
    return Domein.objects.get(code=code)


def maak_activiteit(
    *, nummer: int = 2, startdatum: date = date(2026, 3, 2), **velden: Any
) -> Activiteit:
    velden.setdefault("titel", f"Activiteit {Activiteit.objects.count() + 1}")
    velden.setdefault("themas", [thema()])
    return activiteiten_services.activiteit_aanmaken(
        door=None, instrument=instrument(nummer), startdatum=startdatum, **velden
    )


def spelregels_invullen(
    activiteit: Activiteit, antwoorden: dict[int, str] | None = None, toelichting: str = "Gedaan."
) -> None:
    antwoorden = antwoorden or {}
    for nummer in Spelregel.objects.values_list("nummer", flat=True):
        activiteiten_services.spelregel_beantwoorden(
            activiteit=activiteit,
            nummer=nummer,
            antwoord=antwoorden.get(nummer, "ja"),
            toelichting=toelichting,
            door=None,
        )


def uitgevoerd(activiteit: Activiteit) -> Activiteit:
    return activiteiten_services.activiteit_status_wijzigen(
        activiteit=activiteit, naar="uitgevoerd", door=None
    )


class JaarplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jaarplan
        django_get_or_create = ("jaar",)

    jaar = 2026


def plan(jaar: int, inzet: dict[int, tuple[int, int, int, int]]) -> Jaarplan:
    jaarplan = JaarplanFactory(jaar=jaar)
    for nummer, per_kwartaal in inzet.items():
        for kwartaal, aantal in enumerate(per_kwartaal, start=1):
            if aantal:
                GeplandeInzet.objects.update_or_create(
                    jaarplan=jaarplan,
                    instrument=instrument(nummer),
                    kwartaal=kwartaal,
                    defaults={"aantal": aantal},
                )
    return jaarplan


class EnqueteresultaatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enqueteresultaat

    onderzoek = "ceo"
    domein = factory.LazyFunction(lambda: Domein.objects.get(code="wmo"))
    indicator_code = factory.Sequence(lambda n: f"WMO-{n:02d}")
    indicator_tekst = "Ik weet waar ik terechtkan"
    jaar = 2025
    percentage_positief = 75
    n = 300
    bron = "CEO Wmo"
    publicatiedatum = date(2026, 6, 1)


def portefeuillehouder(
    *kernwetten: str,
    user: Any = None,
    tot: date | None = None,
    portefeuille_tot: date | None = None,
) -> Any:
    """A council member (role ``lid``; ``user`` or a new one) holding a portfolio over the
    ``Kernwet`` codes ``kernwetten`` from the start of their term (``tot``: last day as holder)."""
    from adviesraad.models import Kernwet
    from adviesraad.services.portefeuilles import (
        portefeuille_aanmaken,
        portefeuillehouder_toewijzen,
    )
    from tests.adviesraad.factories import LidFactory, benoemde_termijn

    termijn = benoemde_termijn(LidFactory(user=user) if user is not None else None)
    van = termijn.begindatum
    portefeuille = portefeuille_aanmaken(
        naam="Zorg en ondersteuning",
        kernwetten=Kernwet.objects.filter(code__in=kernwetten),
        van=van,
        tot=portefeuille_tot,
        door=None,
    )
    portefeuillehouder_toewijzen(
        portefeuille=portefeuille, lid=termijn.lid, van=van, tot=tot, door=None
    )
    return termijn.lid.user


TOEGANG_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def toegangswereld() -> dict[str, int]:
    """An activity of someone else's moderator (with a report), a finished PDF, a published page.

    Used by the access tests here and by the project's role x URL matrix.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from participatiemix.models import Jaarrapportage
    from tests.factories import UserFactory

    ander = UserFactory(roles=["gespreksleider"])
    activiteit = uitgevoerd(maak_activiteit(nummer=2, gespreksleider=ander, titel="Gesprek A"))
    inbreng_services.verslag_uploaden(
        activiteit=activiteit, door=ander, upload=SimpleUploadedFile("verslag.pdf", TOEGANG_PDF)
    )
    terugkoppelingen_services.terugkoppeling_vastleggen(
        terugkoppeling=activiteit.terugkoppeling,
        door=None,
        gegeven_op=date(2026, 3, 20),
        wat_gedaan="Folder herschreven.",
        hoe_geinformeerd="Brief aan 9 deelnemers.",
        je_zei="Brieven zijn moeilijk.",
        openbaar=True,
    )
    rapportage = rapportage_services.jaarrapportage_aanvragen(
        jaar=2026, door=UserFactory(roles=["beleidsmedewerker"])
    ).rapportage
    Jaarrapportage.objects.filter(pk=rapportage.pk).update(status="klaar", pdf=activiteit.verslag)
    return {"a": activiteit.pk, "r": rapportage.pk}
