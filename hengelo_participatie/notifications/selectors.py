"""Reads of the reminder engine on behalf of a user."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import chain
from typing import Any

from . import kalender, registry
from .models import Herinneringsvoorkeur
from .registry import Deadline
from .services import alle_deadlines


def uitgezette_soorten(gebruiker: Any) -> set[str]:
    return set(
        Herinneringsvoorkeur.objects.filter(gebruiker=gebruiker).values_list("soort", flat=True)
    )


def verplichte_providers() -> list[registry.DeadlineProvider]:
    return sorted((p for p in registry.providers() if p.mandatory), key=lambda p: p.label)


def deadlines_voor(gebruiker: Any, *, op: date) -> list[Deadline]:
    """The user's current deadlines from every provider, one per (object, date, kind group).

    Two reminder moments of the same deadline (e.g. term end 6 and 3 months ahead) are one entry.
    """
    gezien: set[tuple[str, int, date, str]] = set()
    resultaat = []
    for d in alle_deadlines(op=op):
        if d.ontvanger_id != gebruiker.pk:
            continue
        sleutel = (d.onderwerp, d.onderwerp_id, d.datum, d.tekst)
        if sleutel in gezien:
            continue
        gezien.add(sleutel)
        resultaat.append(d)
    return sorted(resultaat, key=lambda d: (d.datum, d.onderwerp_label))


def vergaderingen_voor(gebruiker: Any, *, vanaf: datetime) -> Iterable[Any]:
    """The user's timed calendar entries (meetings) that start at or after ``vanaf``, from every
    registered calendar source (``kalender.py``): lazily, one query per source."""
    return chain.from_iterable(bron.items(gebruiker, vanaf) for bron in kalender.bronnen())
