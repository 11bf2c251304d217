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

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.models.advies import Adviesaanvraag
from adviesraad.selectors import huidige_portefeuilles_van

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
    """Why something is relevant for a user: their current portfolios, the open advice requests
    they can see, and the laws these cover."""

    portefeuilles: tuple[str, ...] = ()
    #: ``adviesraad.Kernwet.code`` of the relevant laws (portfolios and open advice requests).
    kernwetten: frozenset[str] = frozenset()
    kernwet_namen: tuple[str, ...] = ()
    #: Kenmerken of the open advice requests (with at least one law) that ``user`` can see.
    adviesaanvragen: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.portefeuilles or self.adviesaanvragen)

    @property
    def domeinen(self) -> frozenset[str]:
        """The ``participatiemix.Domein`` codes to filter on."""
        return domeinen_voor(self.kernwetten)


def relevante_wetten_voor(user: Any, op: date) -> Relevantie:
    """The laws that make an activity or finding relevant for ``user`` on ``op`` (two queries;
    none for an anonymous user).

    The laws of the portfolios ``user`` holds on ``op``, and those of the open advice requests
    ``user`` can see through the advice policy (object grants only: "relevant to their
    portfolios and to open advice requests"). A finished or withdrawn request does not
    count. An empty result means "nothing to narrow on": the pages then show everything.
    """
    huidig = huidige_portefeuilles_van(user, op=op)
    if not getattr(user, "is_authenticated", False):
        return Relevantie()
    # One query: the laws of the open requests, with the visible requests (advice policy:
    # object grants only) as a subquery.
    zichtbaar = aanvraag_policy.zichtbaar_zonder_extra_queries(user).open()
    rijen = (
        Adviesaanvraag.kernwetten.through.objects.filter(adviesaanvraag__in=zichtbaar.values("pk"))
        .values_list(
            "adviesaanvraag__kenmerk", "kernwet__code", "kernwet__naam", "kernwet__volgorde"
        )
        .order_by("adviesaanvraag__kenmerk", "kernwet__volgorde")
    )
    kenmerken: dict[str, None] = {}
    wetten: dict[str, tuple[int, str]] = {}
    for kenmerk, code, naam, volgorde in rijen:
        kenmerken[kenmerk] = None
        wetten[code] = (volgorde, naam)
    if not kenmerken:
        return Relevantie(
            portefeuilles=huidig.namen,
            kernwetten=huidig.kernwetten,
            kernwet_namen=huidig.kernwet_namen,
        )
    # The portfolio's laws first (as before), then those only an open request adds.
    extra = [naam for _, naam in sorted(wetten.values()) if naam not in huidig.kernwet_namen]
    return Relevantie(
        portefeuilles=huidig.namen,
        kernwetten=huidig.kernwetten | frozenset(wetten),
        kernwet_namen=(*huidig.kernwet_namen, *extra),
        adviesaanvragen=tuple(kenmerken),
    )
