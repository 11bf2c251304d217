"""The portal dashboard "Wat komt eraan": one read per section, each from its own app's selector.

* my next meetings (``adviesraad.vergaderingen.selectors.volgende_vergaderingen``);
* my deadlines: what the reminder engine has in its window for me today (the same list as my
  iCal feed, ``notifications.selectors.deadlines_voor``);
* approvals waiting for me (``adviesraad.advies.selectors.portaal_overzicht``);
* what changed on the quarterly agenda since I last looked
  (``adviesraad.kwartaalagenda.selectors.wijzigingen_voor``).

Every section is a fixed number of queries whatever the amount of data: see
tests/portal/test_wat_komt_eraan.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from adviesraad.advies.selectors import portaal_overzicht
from adviesraad.kwartaalagenda.selectors import wijzigingen_voor
from adviesraad.vergaderingen.selectors import volgende_vergaderingen
from hengelo_participatie.notifications.registry import Deadline
from hengelo_participatie.notifications.selectors import deadlines_voor

#: How many items a section shows; the section links to the full list.
PER_SECTIE = 5


@dataclass
class WatKomtEraan:
    vergaderingen: list[Any]
    deadlines: list[Deadline]
    meer_deadlines: bool
    goedkeuringen: list[Any]
    agendawijzigingen: list[Any]


def wat_komt_eraan(user: Any, *, op: date | None = None) -> WatKomtEraan:
    op = op or timezone.localdate()
    deadlines = deadlines_voor(user, op=op)
    return WatKomtEraan(
        vergaderingen=list(volgende_vergaderingen(user, aantal=PER_SECTIE)),
        deadlines=deadlines[:PER_SECTIE],
        meer_deadlines=len(deadlines) > PER_SECTIE,
        goedkeuringen=portaal_overzicht(user, op=op).wacht_op_mij[:PER_SECTIE],
        agendawijzigingen=list(wijzigingen_voor(user)),
    )
