"""Pages of a long list: Django's ``Paginator`` plus the links of the pagination nav.

A list page reads its page number with ``queryparams.pagina`` (never a 500: a bad number is page
1, a page past the end is the last one, as ``Paginator.get_page`` does) and passes the filters it
read, so every link keeps them. ``templates/core/_paginering.html`` draws the nav: a labelled
``<nav>``, ``aria-current="page"`` on the current page, and ``rel="prev"``/``rel="next"``.

Two queries per page: the count and the slice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

T = TypeVar("T")

#: Page links shown either side of the current page (plus the first and the last page).
OMRINGING = 2


@dataclass(frozen=True)
class PaginaLink:
    #: None for a gap ("…") between page numbers.
    nummer: int | None
    url: str
    huidig: bool


@dataclass(frozen=True)
class Paginering:
    pagina: Page[Any]
    aantal: int
    links: list[PaginaLink]
    vorige_url: str
    volgende_url: str

    @property
    def meer_dan_een(self) -> bool:
        return self.pagina.paginator.num_pages > 1


def _url(filters: Mapping[str, Any], nummer: int) -> str:
    velden = [(k, str(v)) for k, v in filters.items() if v not in (None, "")]
    if nummer > 1:
        velden.append(("pagina", str(nummer)))
    return "?" + urlencode(velden) if velden else "?"


def huidig_jaar_eerst(jaren: Iterable[int], huidig: int) -> list[int]:
    """The year choices of a list filter: ``huidig`` first (also when it has nothing yet), then
    the others, the latest first."""
    return [huidig, *sorted({j for j in jaren if j != huidig}, reverse=True)]


def pagina_nummers(huidig: int, laatste: int) -> list[int | None]:
    """1, the pages around ``huidig``, and ``laatste``; None where numbers are left out."""
    rond = set(range(max(1, huidig - OMRINGING), min(laatste, huidig + OMRINGING) + 1))
    nummers = sorted({1, laatste} | rond)
    uit: list[int | None] = []
    vorige = 0
    for nummer in nummers:
        if vorige and nummer - vorige > 1:
            uit.append(None)
        uit.append(nummer)
        vorige = nummer
    return uit


def pagineer(
    lijst: Sequence[T] | Any, pagina: int, *, per_pagina: int, filters: Mapping[str, Any]
) -> Paginering:
    """Page ``pagina`` of ``lijst`` (a queryset or a list); ``filters`` go into every link."""
    paginator = Paginator(lijst, per_pagina, allow_empty_first_page=True)
    page = paginator.get_page(pagina)
    laatste = paginator.num_pages
    links = [
        PaginaLink(nummer, _url(filters, nummer) if nummer else "", nummer == page.number)
        for nummer in pagina_nummers(page.number, laatste)
    ]
    return Paginering(
        pagina=page,
        aantal=paginator.count,
        links=links,
        vorige_url=_url(filters, page.number - 1) if page.has_previous() else "",
        volgende_url=_url(filters, page.number + 1) if page.has_next() else "",
    )
