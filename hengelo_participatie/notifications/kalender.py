"""The calendar sources of the personal iCal feed: a registry the domain apps fill.

The feed (``agenda.kalender``) holds the user's deadlines and, from every registered source, the
user's timed entries (meetings). The glue knows no domain model: an app that has such entries
registers a :class:`KalenderBron` from its ``AppConfig.ready()``::

    kalender.registreer(KalenderBron(naam="vergaderingen", model=Deelname, items=..., event=...))

``items(gebruiker, vanaf)`` gives the user's entries that start at or after ``vanaf`` (one query,
and only what the app's own policy lets the user see); ``event(item, nu)`` turns one entry into an
iCal event. The feed finds the source of an entry by its model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model
from icalendar import Event


@dataclass(frozen=True)
class KalenderBron:
    naam: str
    #: The model of the entries (``items`` yields instances of it).
    model: type[Model]
    #: The user's entries from ``vanaf`` on, lazily (one query however many).
    items: Callable[[Any, datetime], Iterable[Any]]
    #: One entry as a timed iCal event; ``nu`` is the feed's DTSTAMP.
    event: Callable[[Any, datetime], Event]


_bronnen: dict[str, KalenderBron] = {}


def registreer(bron: KalenderBron) -> None:
    """Add ``bron`` (idempotent: a second registration under the same name replaces it)."""
    _bronnen[bron.naam] = bron


def bronnen() -> list[KalenderBron]:
    return list(_bronnen.values())


def bron_voor(item: object) -> KalenderBron:
    """The source of ``item`` (by its model)."""
    for bron in _bronnen.values():
        if isinstance(item, bron.model):
            return bron
    raise LookupError(f"Geen agendabron voor {type(item).__name__}")
