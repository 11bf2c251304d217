"""What in the participatiemix concerns a council member: "Voor mijn portefeuille".

A member who holds a portfolio sees on the portal's list pages (activities, findings) by default
only what concerns the laws of their current portfolios, with a toggle "Toon alles". This only
narrows what ``selectors`` already lets the user see: the access rules do not change.

The participatiemix and the council each keep their own list of the core domain, with different
codes (``participatiemix.Domein.code`` and ``adviesraad.Kernwet.code``). ``DOMEIN_NAAR_KERNWET``
is the one place that links them; tests/participatiemix/test_relevantie.py checks it against both
reference data sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

#: ``participatiemix.Domein.code`` → ``adviesraad.Kernwet.code``. ``None``: deliberately not a
#: law of the core domain (a cross-cutting domain), so it never makes something portfolio news.
DOMEIN_NAAR_KERNWET: dict[str, str | None] = {
    "wmo": "wmo",
    "jeugdwet": "jeugdwet",
    "participatiewet": "participatiewet",
    "inburgering": "wet-inburgering",
    "schuldhulpverlening": "schuldhulpverlening",
    "minimabeleid": "minimabeleid",
    "wsw": "wsw",
    "leerlingenvervoer": "leerlingenvervoer",
    "wpg": "wpg",
    "dienstverlening": None,
    "inclusie": None,
}


def domeinen_voor(kernwetten: frozenset[str]) -> frozenset[str]:
    """The ``Domein`` codes of the participatiemix that stand for these ``Kernwet`` codes."""
    return frozenset(d for d, k in DOMEIN_NAAR_KERNWET.items() if k is not None and k in kernwetten)


@dataclass(frozen=True)
class Relevantie:
    """Why something is relevant for a user: their current portfolios and the laws they cover."""

    portefeuilles: tuple[str, ...] = ()
    #: ``adviesraad.Kernwet.code`` of the relevant laws.
    kernwetten: frozenset[str] = frozenset()
    kernwet_namen: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.portefeuilles)

    @property
    def domeinen(self) -> frozenset[str]:
        """The ``participatiemix.Domein`` codes to filter on."""
        return domeinen_voor(self.kernwetten)


def relevante_wetten_voor(user: Any, op: date) -> Relevantie:
    """The laws that make an activity or finding relevant for ``user`` on ``op`` (one query).

    Today: the laws of the portfolios ``user`` holds on ``op``. Extension point: the laws of the
    open advice requests (adviesraad/advies/) belong here too once that workflow has landed; a
    later change adds them to ``kernwetten`` here, and the list pages follow without changes.
    An empty result means "nothing to narrow on": the pages then show everything as before.
    """
    # Imported here: adviesraad may come to import the participatiemix (findings used in advice).
    from adviesraad.selectors import huidige_portefeuilles_van

    huidig = huidige_portefeuilles_van(user, op=op)
    return Relevantie(
        portefeuilles=huidig.namen,
        kernwetten=huidig.kernwetten,
        kernwet_namen=huidig.kernwet_namen,
    )
