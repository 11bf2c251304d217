"""The portal dashboard "Wat komt eraan": one read per section, each from its own app's selector.

* what I must do this week, soonest first: one list from the reminder engine's own week overview
  (``notifications.overzicht.openstaand_voor``: every provider's deadlines for me today and the
  six days after, as the reminders would send them, kept per day instead of computed per visit);
  a new provider appears here by itself;
* my next meetings (``adviesraad.vergaderingen.selectors.volgende_vergaderingen``);
* approvals waiting for me (``adviesraad.advies.selectors.wacht_op_mij``);
* what changed on the quarterly agenda since I last looked
  (``adviesraad.kwartaalagenda.selectors.wijzigingen_voor``).

Every section is a fixed number of queries whatever the amount of data: see
tests/portal/test_wat_komt_eraan.py and tests/portal/test_query_budgets.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from adviesraad.advies.deadlines import ONDERWERP as ADVIESAANVRAAG
from adviesraad.advies.selectors import aanvragen_zichtbaar_voor, wacht_op_mij
from adviesraad.kwartaalagenda.selectors import wijzigingen_voor
from adviesraad.vergaderingen.selectors import volgende_vergaderingen
from hengelo_participatie.notifications.models import Openstaand
from hengelo_participatie.notifications.overzicht import openstaand_voor

#: How many items a section shows; the section links to the full list.
PER_SECTIE = 5
#: How many tasks of the week the list shows; the rest are in the e-mail and the iCal feed.
MAX_TAKEN = 20


@dataclass
class WatKomtEraan:
    vergaderingen: list[Any]
    #: What I must do this week, soonest first (the reminder engine's list).
    deadlines: list[Openstaand]
    meer_deadlines: bool
    goedkeuringen: list[Any]
    agendawijzigingen: list[Any]


def _links_die_openen(user: Any, taken: list[Openstaand]) -> None:
    """A reminder of a request goes to a role (the College's response to the chair, say); its
    link only to who may open the request (one query, and only with such reminders)."""
    ids = {t.onderwerp_id for t in taken if t.onderwerp == ADVIESAANVRAAG}
    if not ids:
        return
    zichtbaar = set(aanvragen_zichtbaar_voor(user).filter(pk__in=ids).values_list("pk", flat=True))
    for taak in taken:
        if taak.onderwerp == ADVIESAANVRAAG and taak.onderwerp_id not in zichtbaar:
            taak.link = ""


def wat_komt_eraan(user: Any, *, op: date | None = None) -> WatKomtEraan:
    op = op or timezone.localdate()
    taken = openstaand_voor(user, op=op)
    _links_die_openen(user, taken[:MAX_TAKEN])
    return WatKomtEraan(
        vergaderingen=list(volgende_vergaderingen(user, aantal=PER_SECTIE)),
        deadlines=taken[:MAX_TAKEN],
        meer_deadlines=len(taken) > MAX_TAKEN,
        goedkeuringen=wacht_op_mij(user, op=op, aantal=PER_SECTIE),
        agendawijzigingen=list(wijzigingen_voor(user)),
    )
