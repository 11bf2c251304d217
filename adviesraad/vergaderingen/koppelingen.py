"""Records of higher layers linked to a meeting: a small registry those layers fill.

A listening delegation (``Soort.LUISTERDELEGATIE``) goes with the participation activity the
council listens in on. That activity lives in the participatiemix, which sits *above* the
advisory council, so the link is stored there too; the participatiemix registers a
:class:`Koppeling` from its ``AppConfig.ready()`` (Open Forms' ``plugins/registry.py`` style).
The meetings app asks the registry, never the participatiemix:

* the meeting forms (portal and admin) get one extra choice field per link (``naam``), offering
  the choices of the link's model field (``veld``);
* ``vergadering_aanmaken`` and ``vergadering_wijzigen`` accept ``naam=<value>``, refuse a value
  for a meeting of another type (``soorten``, ``fout``), and call ``opslaan`` in their own
  transaction (``None`` removes the link);
* the detail page reads the link through ``pad`` (one ``select_related``) and shows
  ``weergave``'s label, text and link target.

Without a registered link there is no extra field, argument or line on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Field
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from hengelo_participatie.accounts.models import User

    from .models import Vergadering


@dataclass(frozen=True)
class Weergave:
    """One line of the meeting's detail page: ``label``, and ``tekst`` linking to ``url``."""

    label: str
    tekst: str
    url: str


@dataclass(frozen=True)
class Koppeling:
    #: The form field and the services' keyword argument, e.g. ``"activiteit"``.
    naam: str
    #: The model field whose choices the forms offer (a foreign key of the linking model).
    veld: Field[Any, Any]
    #: The portal form's label.
    label: StrOrPromise
    #: The meeting types the link may go with, and the error for any other type.
    soorten: frozenset[str]
    fout: StrOrPromise
    #: The ``select_related`` path from a meeting to the linking record (a reverse one-to-one).
    pad: str
    #: The linked object of ``vergadering``, or ``None`` (reads through ``pad``).
    huidig: Callable[[Vergadering], Any]
    #: Store ``waarde`` for ``vergadering`` (``None``: no link); runs inside the meeting service's
    #: transaction, after the meeting is saved. Audits its own write.
    opslaan: Callable[[Vergadering, Any, User | None], None]
    #: What the detail page shows for ``vergadering`` (``None``: nothing).
    weergave: Callable[[Vergadering], Weergave | None]


_KOPPELINGEN: dict[str, Koppeling] = {}


def registreer(koppeling: Koppeling) -> None:
    """Add ``koppeling`` (idempotent by name: ``ready()`` may run twice in tests)."""
    _KOPPELINGEN[koppeling.naam] = koppeling


def alle() -> tuple[Koppeling, ...]:
    return tuple(_KOPPELINGEN.values())


def namen() -> frozenset[str]:
    return frozenset(_KOPPELINGEN)


def paden() -> tuple[str, ...]:
    """The ``select_related`` paths of every link: for the pages that show them."""
    return tuple(k.pad for k in _KOPPELINGEN.values())


def fouten(vergadering: Vergadering, waarden: dict[str, Any]) -> dict[str, StrOrPromise]:
    """The errors of the links' values (``waarden`` by name) for ``vergadering``'s type."""
    return {
        k.naam: k.fout
        for k in _KOPPELINGEN.values()
        if waarden.get(k.naam) is not None and vergadering.soort not in k.soorten
    }


def huidige_waarden(vergadering: Vergadering) -> dict[str, Any]:
    return {k.naam: k.huidig(vergadering) for k in _KOPPELINGEN.values()}


def opslaan(vergadering: Vergadering, waarden: dict[str, Any], door: User | None) -> None:
    for naam, waarde in waarden.items():
        _KOPPELINGEN[naam].opslaan(vergadering, waarde, door)


def weergaven(vergadering: Vergadering) -> list[Weergave]:
    return [w for k in _KOPPELINGEN.values() if (w := k.weergave(vergadering)) is not None]


def in_volgorde(namen_voor: Iterable[str], na: str) -> list[str]:
    """The field names ``namen_voor`` with every link's name inserted right after ``na``."""
    volgorde: list[str] = []
    for naam in namen_voor:
        if naam in _KOPPELINGEN:
            continue
        volgorde.append(naam)
        if naam == na:
            volgorde.extend(_KOPPELINGEN)
    return volgorde
