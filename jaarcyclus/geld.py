"""The money section of the annual report: the council's spending per budget category against
its adopted budget (§4.2.5), from the same selector as the budget page
(``adviesraad.financien.selectors.besteding_per_categorie``). Figures only, no names.

Registered in ``JaarcyclusConfig.ready()`` through ``jaarcyclus.onderdelen``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from adviesraad.financien.selectors import besteding_per_categorie

from .onderdelen import Onderdeel

SLEUTEL = "begroting"


def _euro(bedrag: Decimal) -> str:
    return f"€ {number_format(bedrag, 2, force_grouping=True)}"


def cijfers(jaar: int, peildatum: date) -> dict[str, Any]:
    """Per category: budgeted, spent (approved or paid declarations) and what is left."""
    _versies, geldend, posten = besteding_per_categorie(jaar)
    rijen = [
        (p.label, _euro(p.begroot), _euro(p.verplicht + p.betaald), _euro(p.resterend))
        for p in posten
    ]
    if posten:
        begroot = sum((p.begroot for p in posten), Decimal("0"))
        besteed = sum((p.verplicht + p.betaald for p in posten), Decimal("0"))
        rijen.append((_("Totaal"), _euro(begroot), _euro(besteed), _euro(begroot - besteed)))
    return {
        "koppen": [_("Categorie"), _("Begroot"), _("Besteed"), _("Resterend")],
        "rijen": rijen if geldend is not None else [],
        "leeg": geldend is None,
    }


ONDERDEEL = Onderdeel(
    sleutel=SLEUTEL,
    titel=gettext_lazy("Budget: uitgaven per categorie tegenover de begroting"),
    cijfers=cijfers,
)
