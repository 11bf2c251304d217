"""One shape for every workflow: a table of :class:`Transition` rows.

A row says, for one kind of object (``soort``; ``""`` when a workflow has one kind), *from* which
state *to* which state, *which capability* it needs (a name from the role table, asked through
the object's policy, never a role name), *what must be true* (``eisen``: each returns the reason
it is not allowed yet, or ``None``) and *what happens after* (``effecten``: functions, so an
effect can be followed from its row by reading the code).

:class:`Workflow` holds the rows and answers the questions every workflow has: which rows start
here (the buttons), is this step in the table (the service refuses anything that is not), which
states can be reached (a test that the table is connected). Rows shared by several kinds are
written once and generated with :func:`voor_soorten`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

O = TypeVar("O")  # noqa: E741 - the object a workflow moves


@dataclass(frozen=True)
class Stap:
    """What an effect gets besides the object: who, on which day, and why."""

    door: User | None
    op: date
    reden: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


#: "What must be true": the reason the step is not allowed yet, or ``None``.
Eis = Callable[[O, date], "str | None"]
#: "What happens after": runs inside the service's transaction.
Effect = Callable[[O, Stap], None]


@dataclass(frozen=True)
class Transition(Generic[O]):
    van: str
    naar: str
    label: str
    #: The capability (role table, ``roles.kan``) the acting user needs; the object's policy
    #: adds the relation (a sitting member, the assigned policy officer).
    capability: str
    eisen: tuple[Eis[O], ...] = ()
    effecten: tuple[Effect[O], ...] = ()
    #: The user must give a reason (withdrawal, correction, rejection).
    reden_verplicht: bool = False
    soort: str = ""

    @property
    def naam(self) -> str:
        return f"{self.van}__{self.naar}"

    def blokkade(self, obj: O, op: date) -> str | None:
        """The first reason this step is not allowed yet, or ``None``."""
        for eis in self.eisen:
            reden = eis(obj, op)
            if reden:
                return reden
        return None

    def effecten_uitvoeren(self, obj: O, stap: Stap) -> None:
        for effect in self.effecten:
            effect(obj, stap)


def voor_soorten(soorten: Iterable[str], rijen: Sequence[Transition[O]]) -> list[Transition[O]]:
    """The same rows for several kinds: written once, generated per kind."""
    return [replace(rij, soort=soort) for soort in soorten for rij in rijen]


class Workflow(Generic[O]):
    def __init__(self, rijen: Iterable[Transition[O]], *, begin: dict[str, str] | str) -> None:
        self.rijen: tuple[Transition[O], ...] = tuple(rijen)
        self.begin: dict[str, str] = begin if isinstance(begin, dict) else {"": begin}
        gezien: set[tuple[str, str, str]] = set()
        for rij in self.rijen:
            sleutel = (rij.soort, rij.van, rij.naar)
            if sleutel in gezien:
                raise ValueError(f"Dubbele overgang in de tabel: {sleutel}")
            gezien.add(sleutel)

    def van(self, van: str, soort: str = "") -> list[Transition[O]]:
        return [r for r in self.rijen if r.soort == soort and r.van == van]

    def zoek(self, van: str, naar: str, soort: str = "") -> Transition[O] | None:
        for r in self.rijen:
            if (r.soort, r.van, r.naar) == (soort, van, naar):
                return r
        return None

    def bereikbaar(self, soort: str = "") -> set[str]:
        """Every state reachable from the kind's first state."""
        gezien = {self.begin[soort]}
        rand = [self.begin[soort]]
        while rand:
            huidige = rand.pop()
            for r in self.van(huidige, soort):
                if r.naar not in gezien:
                    gezien.add(r.naar)
                    rand.append(r.naar)
        return gezien

    def capabilities(self) -> set[str]:
        """Every capability the table asks for (a test: each is held by some role)."""
        return {r.capability for r in self.rijen}
