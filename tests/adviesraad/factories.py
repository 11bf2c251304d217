"""Factories and builders for the council. Builders go through the services (``door=None``: the
system itself), so what they make obeys the same rules as real data."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

import factory
from django.utils import timezone

from adviesraad.models import Lid, TermijnSoort, Zittingstermijn
from adviesraad.models.verklaringen import Aanleiding
from adviesraad.services.termijnen import termijn_aanmaken, termijn_benoemen, termijn_voordragen
from adviesraad.services.verklaringen import verklaring_indienen
from tests.factories import UserFactory

_kenmerk = count(1)


def vandaag() -> date:
    return timezone.localdate()


class LidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lid

    user = factory.SubFactory(UserFactory)
    adres = factory.Sequence(lambda n: f"Marktstraat {n + 1}")
    postcode = "7551 AB"
    woonplaats = "Hengelo"
    beschikbaarheid_uren_per_maand = 10


def schone_verklaring(lid: Lid, *, op: date | None = None, **antwoorden: Any):
    return verklaring_indienen(
        lid=lid,
        aanleiding=Aanleiding.BENOEMING,
        ingediend_op=op or vandaag() - timedelta(days=400),
        door=None,
        **antwoorden,
    )


def benoemde_termijn(
    lid: Lid | None = None,
    *,
    besluitdatum: date | None = None,
    begindatum: date | None = None,
    soort: str = TermijnSoort.LID,
    verklaring: bool = True,
    **lid_kwargs: Any,
) -> Zittingstermijn:
    """A person appointed through nomination and College decision (all via services)."""
    lid = lid or LidFactory(**lid_kwargs)
    besluitdatum = besluitdatum or vandaag() - timedelta(days=30)
    if verklaring and not lid.verklaringen.exists():
        schone_verklaring(lid, op=besluitdatum - timedelta(days=10))
    termijn = termijn_aanmaken(lid=lid, soort=soort, door=None)
    termijn = termijn_voordragen(
        termijn=termijn, voorgedragen_op=besluitdatum - timedelta(days=7), door=None
    )
    return termijn_benoemen(
        termijn=termijn,
        besluitdatum=besluitdatum,
        besluit_kenmerk=f"B&W-{next(_kenmerk)}",
        begindatum=begindatum,
        door=None,
    )


def raad(aantal: int, *, besluitdatum: date | None = None, **kwargs: Any) -> list[Zittingstermijn]:
    return [benoemde_termijn(besluitdatum=besluitdatum, **kwargs) for _ in range(aantal)]
