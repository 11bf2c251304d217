"""Every rule of the verordening the money pages rely on, asked in one place.

The allowance of a year needs the rules of every day of that year (a new version from a date
changes only the days from that date, e.g. the fiscal maximum of 2026). :class:`Regelset` loads
every version of the keys it needs in **one query** and answers "rule X on day D" in memory, so
a statement or a period costs the same number of queries whatever its length.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from verordening.models import Regel
from verordening.rules import RegelOntbreekt, RegelWaarde, Sleutel, rule, rules
from verordening.waarden import Duur

from .models import Categorie

__all__ = [
    "ALLE_VERGOEDING",
    "RegelOntbreekt",
    "RegelWaarde",
    "Regelset",
    "Sleutel",
    "begroting_waarschuwingen",
    "bewaartermijn_financieel",
    "declaratie_drempel",
    "periode_maanden",
    "standaardbudget",
    "weging_sleutel",
]

#: The meeting types (``vergaderingen.Soort`` values) with a weight rule each.
SOORTEN = (
    "raadsvergadering",
    "meedenksessie",
    "toelichting",
    "adviesgesprek",
    "agendaoverleg",
    "wethoudersgesprek",
    "voorzittersoverleg",
    "collegepresentatie",
    "politieke_markt",
    "luisterdelegatie",
)


def weging_sleutel(soort: str) -> str:
    return f"{Sleutel.VERGOEDING_WEGING}{soort}"


#: Every key the allowance computation reads.
ALLE_VERGOEDING: tuple[str, ...] = (
    Sleutel.VERGOEDING_VOORZITTER,
    Sleutel.VERGOEDING_VICEVOORZITTER,
    Sleutel.VERGOEDING_LID,
    Sleutel.VRIJWILLIGERSVERGOEDING_MAX_MAAND,
    Sleutel.VRIJWILLIGERSVERGOEDING_MAX_JAAR,
    Sleutel.VERGOEDING_BIJEENKOMSTEN_PER_JAAR,
    Sleutel.VERGOEDING_AFGEMELD,
    Sleutel.VERGOEDING_DOORBETALING_VERZUIM,
    *(weging_sleutel(s) for s in SOORTEN),
)


class Regelset:
    """All versions of ``sleutels``, loaded once; ``op(sleutel, dag)`` like ``rule()``."""

    def __init__(self, sleutels: Iterable[str] = ALLE_VERGOEDING) -> None:
        self._versies: dict[str, list[Regel]] = {}
        for regel in Regel.objects.filter(sleutel__in=list(sleutels)).select_related(
            "bron__verordening"
        ):
            self._versies.setdefault(regel.sleutel, []).append(regel)

    def versie(self, sleutel: str, dag: date) -> Regel:
        for regel in self._versies.get(sleutel, ()):
            if regel.geldig_vanaf <= dag and (regel.geldig_tot is None or dag < regel.geldig_tot):
                return regel
        raise RegelOntbreekt(sleutel, dag)

    def waarde(self, sleutel: str, dag: date) -> Decimal:
        """A number rule (amount, percentage, whole number) as ``Decimal``."""
        return Decimal(self.versie(sleutel, dag).python_waarde)

    def duur(self, sleutel: str, dag: date) -> Duur:
        waarde: Duur = self.versie(sleutel, dag).python_waarde
        return waarde


def periode_maanden(op: date) -> RegelWaarde:
    """1 (a month) or 3 (a quarter): ``.waarde`` is a ``Duur`` in months."""
    return rule(Sleutel.VERGOEDING_PERIODE, on=op)


def declaratie_drempel(op: date) -> RegelWaarde:
    return rule(Sleutel.DECLARATIE_DREMPEL_VOORZITTER, on=op)


def standaardbudget(op: date) -> RegelWaarde:
    return rule(Sleutel.BUDGET_PER_JAAR, on=op)


def begroting_waarschuwingen(op: date) -> tuple[Decimal, Decimal]:
    """(warning, overrun) as percentages of the budgeted amount; one query."""
    gevonden = rules(Sleutel.BEGROTING_WAARSCHUWING, Sleutel.BEGROTING_OVERSCHRIJDING, on=op)
    return (
        gevonden[Sleutel.BEGROTING_WAARSCHUWING].waarde,
        gevonden[Sleutel.BEGROTING_OVERSCHRIJDING].waarde,
    )


def bewaartermijn_financieel(op: date) -> RegelWaarde:
    return rule(Sleutel.BEWAARTERMIJN_FINANCIEEL, on=op)


CATEGORIEEN = tuple(Categorie)
