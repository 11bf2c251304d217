"""What other apps show on an advice page: a small registry the higher layer fills.

The advice page has a panel "wat inwoners zeiden" (the findings of residents used for this
request) and the public register counts the findings per kind. Those findings live in the
participatiemix, which sits *above* the advisory council: it registers a :class:`Paneelbron`
from its ``AppConfig.ready()`` and the advice selectors ask the registry, never the participatiemix
itself. Without a registered source both answers are empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from adviesraad.models.advies import Adviesaanvraag
    from hengelo_participatie.accounts.policy import AnyUser


@dataclass(frozen=True)
class Paneelbron:
    naam: str
    #: The uses linked to the request that ``user`` may see, each with finding, theme and
    #: activity (``Detail.inwoners``), in a fixed number of queries.
    inwoners: Callable[[AnyUser, Adviesaanvraag], list[Any]]
    #: The number of linked findings per kind, as (kind label, number): never their text.
    opbrengsten_per_soort: Callable[[Adviesaanvraag], list[tuple[str, int]]]


_BRONNEN: dict[str, Paneelbron] = {}


def registreer(bron: Paneelbron) -> None:
    """Add ``bron`` (idempotent by name: ``ready()`` may run twice in tests)."""
    _BRONNEN[bron.naam] = bron


def inwoners(user: AnyUser, aanvraag: Adviesaanvraag) -> list[Any]:
    return [rij for bron in _BRONNEN.values() for rij in bron.inwoners(user, aanvraag)]


def opbrengsten_per_soort(aanvraag: Adviesaanvraag) -> list[tuple[str, int]]:
    return [rij for bron in _BRONNEN.values() for rij in bron.opbrengsten_per_soort(aanvraag)]
