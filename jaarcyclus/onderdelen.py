"""Extra sections of the annual report, registered by the app that owns the figures.

The annual report adds up a year of advice, meetings, people, residents' input and evaluations
itself. Figures it does not own (the council's spending per budget category against its budget,
once an app records money) come in through this registry, so the report never imports that app:

    from jaarcyclus.onderdelen import Onderdeel, registreren

    registreren(Onderdeel(
        sleutel="geld",
        titel="Geld: uitgaven per budgetcategorie",
        template="<app>/jaarverslag_geld.html",   # rendered in the page and in the PDF
        cijfers=lambda jaar, peildatum: {...},     # a selector; fixed number of queries
    ))

Call ``registreren`` from the owning app's ``AppConfig.ready()``. Nothing is registered today:
the money issue has not landed, so the report shows no money section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Onderdeel:
    sleutel: str
    titel: str
    template: str
    cijfers: Callable[[int, date], dict[str, Any]]


_onderdelen: dict[str, Onderdeel] = {}


def registreren(onderdeel: Onderdeel) -> Onderdeel:
    bestaand = _onderdelen.get(onderdeel.sleutel)
    if bestaand is not None and bestaand is not onderdeel:
        raise ValueError(f"Het onderdeel {onderdeel.sleutel!r} is al geregistreerd.")
    _onderdelen[onderdeel.sleutel] = onderdeel
    return onderdeel


def afmelden(sleutel: str) -> None:
    _onderdelen.pop(sleutel, None)


def onderdelen() -> list[Onderdeel]:
    return list(_onderdelen.values())
