"""The query API: "what is rule X on date D, and where does it come from?"

    >>> from verordening.rules import rule
    >>> termijnen = rule("max_terms", on=date(2026, 1, 1))
    >>> termijnen.waarde
    2
    >>> f"Een lid heeft hoogstens {termijnen.waarde} zittingstermijnen, {termijnen.citeer()}."
    'Een lid heeft hoogstens 2 zittingstermijnen, volgens art. 4 lid 2 van de Verordening ...'

Every call is one query (``rules()`` answers several keys in one query too). Code never hard-codes
the numbers of the verordening: it asks here, and an error message cites ``citeer()``.

Inside ``regels_per_verzoek()`` (opened for every request by ``verordening.middleware``, and by
the reminder scan) the first lookup on a date reads every rule in force on that date in one
query, and later lookups on that date cost none. A save or delete of any model of this app
empties that cache (``VerordeningConfig.ready``), so a change is seen at once, also later in the
same request; outside a scope every call queries, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from verordening.models import Regel
from verordening.waarden import Duur


class Sleutel:
    """The keys of the rules the domain code reads; use these, not strings. Each default version
    comes from a data migration of this app (0003 and later). The rules of the reminder engine
    (``doelgroep_<kind>``, ``herinnering_<...>``, ``cyclus_<...>``) are named after their reminder
    kind in the owning app's ``deadlines.py`` instead."""

    ZITTINGSTERMIJN = "zittingstermijn"
    MAX_TERMS = "max_terms"
    MIN_LEDEN = "min_leden"
    MAX_LEDEN = "max_leden"
    STARTDREMPEL = "startdrempel"
    VERGOEDING_VOORZITTER = "vergoeding_voorzitter_percentage"
    VERGOEDING_LID = "vergoeding_lid_percentage"
    VRIJWILLIGERSVERGOEDING_MAX_MAAND = "vrijwilligersvergoeding_max_maand"
    VRIJWILLIGERSVERGOEDING_MAX_JAAR = "vrijwilligersvergoeding_max_jaar"
    ADVIESTERMIJN = "adviestermijn"
    REACTIETERMIJN_COLLEGE = "reactietermijn_college"
    STUKKEN_VOOR_VERGADERING = "stukken_voor_vergadering"
    GOEDKEURINGSTERMIJN_VERSLAG = "goedkeuringstermijn_verslag"
    BUDGET_PER_JAAR = "budget_per_jaar"
    BEWAARTERMIJN_KANDIDATEN = "bewaartermijn_kandidaten"
    BEWAARTERMIJN_OUD_LEDEN = "bewaartermijn_oud_leden"
    POSTCODES_HENGELO = "postcodes_hengelo"
    TERUGKOPPELING_TERMIJN = "terugkoppeling_termijn"
    EVALUATIE_VOOR_HERBENOEMING = "evaluatie_voor_herbenoeming"
    GEZAMENLIJKE_EVALUATIE_NA_START = "gezamenlijke_evaluatie_na_start"
    # Issue 14: an overdue response of the College also goes to the chair after this period.
    ESCALATIE_REACTIE_COLLEGE = "escalatie_reactie_college"

    # --- Money (issue 12; default versions in adviesraad/financien/migrations/0002) ---------
    VERGOEDING_VICEVOORZITTER = "vergoeding_vicevoorzitter_percentage"
    VERGOEDING_BIJEENKOMSTEN_PER_JAAR = "vergoeding_bijeenkomsten_per_jaar"
    #: Prefix: ``vergoeding_weging_<meeting type>`` (percentage of a meeting's amount; 0: it
    #: does not count).
    VERGOEDING_WEGING = "vergoeding_weging_"
    VERGOEDING_AFGEMELD = "vergoeding_afgemeld_percentage"
    VERGOEDING_DOORBETALING_VERZUIM = "vergoeding_doorbetaling_verzuim"
    VERGOEDING_PERIODE = "vergoeding_periode"
    DECLARATIE_DREMPEL_VOORZITTER = "declaratie_drempel_voorzitter"
    BEGROTING_WAARSCHUWING = "begroting_waarschuwing_percentage"
    BEGROTING_OVERSCHRIJDING = "begroting_overschrijding_percentage"
    BEWAARTERMIJN_FINANCIEEL = "bewaartermijn_financieel"
    # --- jaarcyclus (issue 13): evaluations and their questionnaires (migration 0008) ---
    CYCLUS_TOTAALEVALUATIE = "cyclus_totaalevaluatie"
    PARTICIPATIEMIX_EVALUATIE_NA_START = "participatiemix_evaluatie_na_start"
    EVALUATIE_MINIMALE_GROEP = "evaluatie_minimale_groep"
    INZAGE_EVALUATIE_VOORZITTER = "inzage_evaluatie_voorzitter"


class RegelOntbreekt(LookupError):
    """No version of the rule applies on the date asked. A configuration error, not user input."""

    def __init__(self, sleutel: str, op: date) -> None:
        self.sleutel = sleutel
        self.op = op
        super().__init__(
            _(
                "Er geldt op %(datum)s geen regel „%(sleutel)s”. Voeg in het beheer een versie toe "
                "die op die datum geldt."
            )
            % {"datum": f"{op:%d-%m-%Y}", "sleutel": sleutel}
        )


@dataclass(frozen=True)
class RegelWaarde:
    sleutel: str
    naam: str
    #: The typed value: int, Decimal (decimal, money, percentage), Fraction, Duur, or a tuple of
    #: (from, to) postcode pairs, or a tuple of role codes (type ``rollen``).
    waarde: Any
    eenheid: str
    #: The citation, e.g. "art. 4 lid 2 Verordening Adviesraad sociaal domein Hengelo (CVDR753530)";
    #: empty when the version names no source.
    bron: str
    geldig_vanaf: date
    #: First day the version no longer applies; None while open-ended.
    geldig_tot: date | None
    weergave: str
    versie_id: int

    def citeer(self) -> str:
        """A Dutch sentence part: "volgens art. 5 van de Verordening ... (CVDR753530)"."""
        return f"volgens {self.bron}" if self.bron else f"volgens de regel „{self.naam}”"

    def __str__(self) -> str:
        return self.weergave


def _als_regelwaarde(regel: Regel) -> RegelWaarde:
    return RegelWaarde(
        sleutel=regel.sleutel,
        naam=regel.naam,
        waarde=regel.python_waarde,
        eenheid=regel.eenheid,
        bron=regel.citaat(),
        geldig_vanaf=regel.geldig_vanaf,
        geldig_tot=regel.geldig_tot,
        weergave=regel.waarde_weergave,
        versie_id=regel.pk,
    )


def _versies_op(on: date):
    return Regel.objects.geldig_op(on).select_related("bron__verordening")


#: The rules in force per date, for the current scope (a request, a scan); None: no scope.
_per_datum: ContextVar[dict[date, dict[str, RegelWaarde]] | None] = ContextVar(
    "verordening_regels_per_datum", default=None
)


@contextmanager
def regels_per_verzoek() -> Iterator[None]:
    """A scope in which each date's rules are read once (one query for all keys); nestable."""
    if _per_datum.get() is not None:
        yield
        return
    token = _per_datum.set({})
    try:
        yield
    finally:
        _per_datum.reset(token)


def cache_legen(**kwargs: Any) -> None:
    """Forget the rules read in the current scope (a rule, source or regulation was saved)."""
    cache = _per_datum.get()
    if cache is not None:
        cache.clear()


def _in_werking(on: date) -> dict[str, RegelWaarde] | None:
    cache = _per_datum.get()
    if cache is None:
        return None
    if on not in cache:
        cache[on] = {r.sleutel: _als_regelwaarde(r) for r in _versies_op(on)}
    return cache[on]


def rule(sleutel: str, *, on: date) -> RegelWaarde:
    """The version of ``sleutel`` that applies on ``on``; ``RegelOntbreekt`` if there is none."""
    alle = _in_werking(on)
    if alle is not None:
        if sleutel not in alle:
            raise RegelOntbreekt(sleutel, on)
        return alle[sleutel]
    regel = _versies_op(on).filter(sleutel=sleutel).first()
    if regel is None:
        raise RegelOntbreekt(sleutel, on)
    return _als_regelwaarde(regel)


def rules(*sleutels: str, on: date) -> dict[str, RegelWaarde]:
    """Several rules on one date, in one query; ``RegelOntbreekt`` for the first one missing."""
    alle = _in_werking(on)
    if alle is not None:
        gevonden = {s: alle[s] for s in sleutels if s in alle}
    else:
        gevonden = {
            r.sleutel: _als_regelwaarde(r) for r in _versies_op(on).filter(sleutel__in=sleutels)
        }
    for sleutel in sleutels:
        if sleutel not in gevonden:
            raise RegelOntbreekt(sleutel, on)
    return gevonden


_POSTCODE = re.compile(r"([1-9]\d{3})([A-Z]{2})?")


def normaliseer_postcode(postcode: object) -> str | None:
    """ "7551 ab" -> "7551AB"; "7551" -> "7551"; anything else -> None."""
    if not isinstance(postcode, str) or len(postcode) > 12:
        return None
    schoon = re.sub(r"\s+", "", postcode).upper()
    return schoon if _POSTCODE.fullmatch(schoon) else None


def woont_in_hengelo(postcode: object, *, on: date) -> bool:
    """Does ``postcode`` fall in the ranges of ``postcodes_hengelo`` on ``on``? Bad input: False."""
    schoon = normaliseer_postcode(postcode)
    if schoon is None:
        return False
    cijfers = int(schoon[:4])
    gebieden = rule(Sleutel.POSTCODES_HENGELO, on=on).waarde
    return any(van <= cijfers <= tot for van, tot in gebieden)


__all__ = [
    "Duur",
    "RegelOntbreekt",
    "RegelWaarde",
    "Sleutel",
    "normaliseer_postcode",
    "regels_per_verzoek",
    "rule",
    "rules",
    "woont_in_hengelo",
]
