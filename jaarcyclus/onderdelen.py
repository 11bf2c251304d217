"""Extra sections of the annual report, registered by the app that owns the figures.

The annual report adds up a year of advice, meetings, people, residents' input and evaluations
itself. Figures it does not own (the council's spending per budget category against its budget,
once an app records money) come in through this registry, so the report never imports that app:

    from jaarcyclus.onderdelen import Onderdeel, registreren

    registreren(Onderdeel(
        sleutel="geld",
        titel="Geld: uitgaven per budgetcategorie",
        # a selector with a fixed number of queries; the default template shows a table:
        cijfers=lambda jaar, peildatum: {
            "koppen": ["Categorie", "Begroot", "Uitgegeven"],
            "rijen": [("Scholing", "€ 3.000,00", "€ 2.450,00"), ...],
        },
    ))

Call ``registreren`` from an ``AppConfig.ready()``. The money section (``jaarcyclus/geld.py``, from
``adviesraad.financien``'s selector) is registered by this app itself, which may read the
financien app (a lower layer).
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
    cijfers: Callable[[int, date], dict[str, Any]]
    #: Rendered in the page and in the PDF with ``onderdeel`` and ``cijfers`` in its context.
    template: str = "jaarcyclus/_onderdeel_standaard.html"


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
