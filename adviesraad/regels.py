"""Every rule of the verordening this app relies on, asked in one place.

Nothing in ``adviesraad`` hard-codes a term length, a maximum number of terms, a council size or a
retention period: it asks here, "as of" the date of the decision, and an error names the rule
(``RegelWaarde.citeer()``). The keys are those of ``verordening.rules.Sleutel``.

Which date a rule is asked on:

* appointment decisions (term length, maximum terms, size, residency): the College's decision
  date, so a new rule version from a date changes only decisions from that date;
* the composition overview: the day it is shown;
* retention: the day the purge runs.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import ceil

from verordening.rules import RegelWaarde, Sleutel, rule, rules, woont_in_hengelo
from verordening.selectors import verordening_op

__all__ = [
    "woont_in_hengelo",
    "RegelWaarde",
    "bewaartermijn_kandidaten",
    "bewaartermijn_oud_leden",
    "max_leden",
    "max_termijnen",
    "min_leden",
    "omvang",
    "startdrempel",
    "startdrempel_aantal",
    "termijn_duur",
    "woonplaatsregel",
]


def termijn_duur(op: date) -> RegelWaarde:
    """The length of a term: ``.waarde`` is a ``Duur`` with ``.na(begindatum)``."""
    return rule(Sleutel.ZITTINGSTERMIJN, on=op)


def max_termijnen(op: date) -> RegelWaarde:
    return rule(Sleutel.MAX_TERMS, on=op)


def min_leden(op: date) -> RegelWaarde:
    return rule(Sleutel.MIN_LEDEN, on=op)


def max_leden(op: date) -> RegelWaarde:
    return rule(Sleutel.MAX_LEDEN, on=op)


def startdrempel(op: date) -> RegelWaarde:
    """The share of the intended size at which the council may start (a ``Fraction``)."""
    return rule(Sleutel.STARTDREMPEL, on=op)


def omvang(op: date) -> dict[str, RegelWaarde]:
    """Minimum, maximum and start threshold in one query (composition overview)."""
    found = rules(Sleutel.MIN_LEDEN, Sleutel.MAX_LEDEN, Sleutel.STARTDREMPEL, on=op)
    return {
        "min": found[Sleutel.MIN_LEDEN],
        "max": found[Sleutel.MAX_LEDEN],
        "startdrempel": found[Sleutel.STARTDREMPEL],
    }


def startdrempel_aantal(*, drempel: RegelWaarde, beoogd: int) -> int:
    """Seats needed to start: the threshold share of the intended size, rounded up."""
    return ceil(Fraction(drempel.waarde) * beoogd)


def bewaartermijn_kandidaten(op: date) -> RegelWaarde:
    return rule(Sleutel.BEWAARTERMIJN_KANDIDATEN, on=op)


def bewaartermijn_oud_leden(op: date) -> RegelWaarde:
    return rule(Sleutel.BEWAARTERMIJN_OUD_LEDEN, on=op)


def woonplaatsregel(op: date) -> RegelWaarde:
    return rule(Sleutel.POSTCODES_HENGELO, on=op)


def citeer_onverenigbare_functies(op: date) -> str:
    """The source of the rules on conflicting roles: the verordening's article, and Bijlage 6."""
    bijlage = "bijlage 6 van het advies over de adviesraad"
    verordening = verordening_op(op)
    artikel = (
        verordening.artikelen.filter(titel__icontains="onverenigbare").first()
        if verordening is not None
        else None
    )
    return f"volgens {artikel.citeer()} en {bijlage}" if artikel else f"volgens {bijlage}"
