"""Reading query parameters of list pages and feeds: one place, never a 500.

A query string is typed by anyone (or by a robot), so every value is read here and a bad one is
ignored: the page then shows what it shows without that filter. Numbers are bounded before they
reach the database, because a huge number does not fit in a database integer (SQLite and
PostgreSQL answer with an error, not with "nothing found"), and ``int()`` alone accepts digits
like "²" that ``str.isdigit`` lets through and ``int`` refuses.

Pages follow the semantics of Django's ``Paginator.get_page``: a page that is not a number is
page 1; a page beyond the last one is the last one (the selectors that slice a queryset without
counting cap it at ``MAX_PAGINA`` and show an empty page past the end).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

#: The largest value a bigint column (SQLite INTEGER, PostgreSQL bigint) holds.
MAX_BIGINT = 2**63 - 1

#: No list page has more pages than this; a larger number is read as this one. It keeps
#: ``(pagina - 1) * per_pagina`` far below ``MAX_BIGINT`` for every page size.
MAX_PAGINA = 100_000

#: Only plain ASCII digits, with an optional minus sign; "²", "٣" or " 1" are not numbers here.
_GETAL = re.compile(r"-?[0-9]{1,19}")


def getal(
    params: Mapping[str, Any],
    naam: str,
    *,
    minimum: int,
    maximum: int,
    standaard: int | None = None,
) -> int | None:
    """The parameter ``naam`` as an int in ``[minimum, maximum]``, else ``standaard``."""
    waarde = params.get(naam)
    if not isinstance(waarde, str) or not _GETAL.fullmatch(waarde):
        return standaard
    getal_ = int(waarde)
    if not minimum <= getal_ <= maximum:
        return standaard
    return getal_


def pagina(params: Mapping[str, Any], naam: str = "pagina") -> int:
    """The page number: 1 when missing or not a number, at most ``MAX_PAGINA``.

    Like ``Paginator.get_page``, a bad page is not an error: the user gets a page to read.
    """
    waarde = params.get(naam)
    if not isinstance(waarde, str) or not re.fullmatch(r"-?[0-9]+", waarde):
        return 1
    if waarde.startswith("-"):
        return 1
    if len(waarde.lstrip("0")) > len(str(MAX_PAGINA)):  # no int() of a thousand digits
        return MAX_PAGINA
    return min(max(1, int(waarde)), MAX_PAGINA)


def keuze(params: Mapping[str, Any], naam: str, keuzes: Iterable[str], standaard: str = "") -> str:
    """The parameter ``naam`` if it is one of ``keuzes``, else ``standaard``."""
    waarde = params.get(naam)
    if isinstance(waarde, str) and waarde in set(keuzes):
        return waarde
    return standaard


def code(params: Mapping[str, Any], naam: str, *, max_lengte: int = 50) -> str:
    """A short code (letters, digits, ``-`` and ``_``), for a choice the selector checks against
    its own list (read in the same query as the page). Anything else is ignored: ""."""
    waarde = params.get(naam)
    if isinstance(waarde, str) and re.fullmatch(rf"[A-Za-z0-9_-]{{1,{max_lengte}}}", waarde):
        return waarde
    return ""


def jaar(params: Mapping[str, Any], naam: str = "jaar") -> int | None:
    """A calendar year Python's ``date`` can hold (1..9999), else None."""
    return getal(params, naam, minimum=1, maximum=9999)


def datum(params: Mapping[str, Any], naam: str) -> date | None:
    """An ISO date (``2026-03-01``), else None."""
    waarde = params.get(naam)
    if not isinstance(waarde, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", waarde):
        return None
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        return None
