"""Deadline providers: each app declares its deadlines in one place, ``<app>/deadlines.py``.

A provider is an instance of a ``DeadlineProvider`` class::

    kind: str          # stable code, e.g. "termijn_einde_6_maanden"
    label: str         # Dutch, B1: shown on the preferences page and in the e-mail
    mandatory: bool    # True: the person cannot switch it off
    def deadlines(self, on: date) -> Iterable[Deadline]: ...

``deadlines(on)`` yields every reminder that is due on the local day ``on``: a deadline whose
reminder window (lead time from a verordening rule) includes ``on``. Yielding the same deadline on
several days is fine: the outbox keeps one per (recipient, object, deadline date, kind), so a day
the scan did not run is caught up the next day and nothing is sent twice.

An *overdue* deadline (the College's response, feedback to participants) is offered only while it
is at most ``INHAALTERMIJN`` past its date (``inhaalgrens(on)`` is the lower bound of the SQL
filter). It is sent once anyway; the window only covers days the scan did not run. Without it the
scan re-read every item that ever became overdue, every day, and grew with the years. An item that
is already further overdue when it first qualifies (a request entered late) is not reminded by
e-mail; it stays visible on its own page.

Who gets a kind is a verordening rule too: ``doelgroep_<kind>`` (type ``rollen``), a list of role
codes plus ``betrokkene`` (the person the deadline is about). A provider asks it in the same query
as its lead time (``rules(lead, doelgroep_sleutel(kind), on=on)``) and resolves the roles with
``RolOntvangers``; ``rol_ontvangers`` does that for the roles of a list.

Every ``deadlines.py`` has the same shape: provider classes based on ``DeadlineProvider``, listed
in ``PROVIDERS``. ``autodiscover()`` (run from ``NotificationsConfig.ready``) imports that module
for every installed app and for every package of an app that has one, like the admin's
autodiscover, and registers each provider.
"""

from __future__ import annotations

import logging
import pkgutil
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol, runtime_checkable

from django.apps import AppConfig, apps
from django.urls import NoReverseMatch, reverse

from hengelo_participatie.accounts.roles import ROLES, beheer_rollen, gebruikers_met_rollen

logger = logging.getLogger("hengelo_participatie.notifications")

#: The person a reminder is about, as an entry of an audience (a verordening rule of type
#: ``rollen``): the member whose term ends, a participant of a meeting, the official responsible
#: for an activity. The provider knows who that is; the other entries are role codes.
BETROKKENE = "betrokkene"
BETROKKENE_LABEL = "de betrokkene zelf"


#: How long after its date an overdue deadline is still offered to the scan: a catch-up window for
#: days the scan did not run (a broken beat, an outage over a long weekend). See the docstring.
INHAALTERMIJN = timedelta(days=14)


def inhaalgrens(on: date) -> date:
    """The earliest deadline date a provider still offers on ``on`` (``on - INHAALTERMIJN``)."""
    return on - INHAALTERMIJN


def doelgroep_codes() -> dict[str, str]:
    """Every code an audience may hold, with its Dutch label: ``betrokkene`` and each role."""
    return {BETROKKENE: BETROKKENE_LABEL} | {str(rol): d.label.lower() for rol, d in ROLES.items()}


@dataclass(frozen=True, slots=True)
class Deadline:
    """One reminder for one person: the outbox row it becomes is unique on ``sleutel``."""

    ontvanger_id: int
    soort: str
    #: "app_label.model" of the object the deadline is about.
    onderwerp: str
    onderwerp_id: int
    onderwerp_label: str
    datum: date
    #: Path inside the site, e.g. reverse("lidmaatschap:mijn").
    link: str
    #: One line of B1 Dutch: "Uw zittingstermijn eindigt over 6 maanden".
    tekst: str
    #: Confidential subject: e-mail and iCal show a neutral text instead of label and text.
    vertrouwelijk: bool = False
    #: A neutral reference that e-mail and iCal show even for a confidential subject (an advice
    #: request's ``kenmerk``): never a title or a name.
    kenmerk: str = ""

    @property
    def sleutel(self) -> tuple[int, str, int, date, str]:
        return (self.ontvanger_id, self.onderwerp, self.onderwerp_id, self.datum, self.soort)


@runtime_checkable
class DeadlineProvider(Protocol):
    """The one shape of a reminder source: what the scan and the preferences page ask.

    Every provider class in a ``deadlines.py`` names this protocol as its base, so the shape is
    visible where it is implemented (and checked by mypy).
    """

    #: Stable code, stored in the outbox and in the preferences.
    kind: str
    #: Dutch, B1: shown on the preferences page and in the e-mail.
    label: str
    #: True: the person cannot switch it off.
    mandatory: bool

    def deadlines(self, on: date) -> Iterable[Deadline]:
        """Every reminder due on the local day ``on`` (see the module docstring)."""
        ...


class DubbeleSoort(ValueError):
    pass


_providers: dict[str, DeadlineProvider] = {}
#: Labels of the apps whose ``deadlines.py`` finds deadlines by scanning (not only
#: ``Gebeurtenis`` kinds): a change to their data may change what is due.
_bron_apps: set[str] = set()
#: Contexts a whole scan runs in (e.g. one read of the verordening rules per date), registered
#: by the app that owns them from its ``AppConfig.ready()``.
_scan_contexten: list[Callable[[], AbstractContextManager[object]]] = []


def register(provider: DeadlineProvider) -> DeadlineProvider:
    """Register ``provider``; registering the same kind twice is an error (not a silent override)."""
    if not isinstance(provider, DeadlineProvider):
        raise TypeError(
            f"{provider!r} is geen DeadlineProvider (kind, label, mandatory, deadlines)."
        )
    bestaand = _providers.get(provider.kind)
    if bestaand is not None and bestaand is not provider:
        raise DubbeleSoort(f"De herinneringssoort {provider.kind!r} is al geregistreerd.")
    _providers[provider.kind] = provider
    return provider


def unregister(kind: str) -> None:
    _providers.pop(kind, None)


def providers() -> list[DeadlineProvider]:
    return list(_providers.values())


def provider(kind: str) -> DeadlineProvider | None:
    return _providers.get(kind)


def bron_apps() -> frozenset[str]:
    """Labels of the apps whose data the scanning providers read (see ``autodiscover``)."""
    return frozenset(_bron_apps)


def rond_scan(context: Callable[[], AbstractContextManager[object]]) -> None:
    """Run every later scan of the providers inside ``context()``."""
    if context not in _scan_contexten:
        _scan_contexten.append(context)


def scan_context() -> ExitStack:
    """The registered scan contexts, entered: ``with scan_context(): ...``. Inside it, every
    ``RolOntvangers`` shares one cache, so each role is resolved once per scan."""
    stapel = ExitStack()
    if _rollen_per_scan.get() is None:
        token = _rollen_per_scan.set({})
        stapel.callback(_rollen_per_scan.reset, token)
    for context in _scan_contexten:
        stapel.enter_context(context())
    return stapel


def verplichte_soorten() -> frozenset[str]:
    return frozenset(k for k, p in _providers.items() if p.mandatory)


class Gebeurtenis(DeadlineProvider):
    """A kind of notice caused by an action (``services.herinnering_plannen``), not found by a
    scan: it is registered for its label and ``mandatory`` flag; ``deadlines`` is always empty."""

    def __init__(self, *, kind: str, label: str, mandatory: bool) -> None:
        self.kind = kind
        self.label = label
        self.mandatory = mandatory

    def deadlines(self, on: date) -> list[Deadline]:
        return []


# --- Audiences -----------------------------------------------------------------------------------
#: Inside ``scan_context()``: the role lookups of the whole scan.
_rollen_per_scan: ContextVar[dict[str, tuple[int, ...]] | None] = ContextVar(
    "notifications_rollen_per_scan", default=None
)


class RolOntvangers:
    """Resolves role names to active user ids (``roles.gebruikers_met_rollen``), once per role per
    instance, or once per scan inside ``scan_context()``."""

    def __init__(self) -> None:
        gedeeld = _rollen_per_scan.get()
        self._cache: dict[str, tuple[int, ...]] = {} if gedeeld is None else gedeeld

    def __call__(self, rol: str) -> tuple[int, ...]:
        if rol not in self._cache:
            self._cache[rol] = tuple(
                gebruikers_met_rollen([rol]).order_by("pk").values_list("pk", flat=True)
            )
        return self._cache[rol]


def doelgroep_sleutel(kind: str) -> str:
    """The verordening rule that holds the audience of ``kind``: ``doelgroep_<kind>``."""
    return f"doelgroep_{kind}"


def rol_ontvangers(doelgroep: Iterable[str], rollen: RolOntvangers) -> list[int]:
    """The active users holding any role of ``doelgroep``, sorted. ``betrokkene`` is skipped:
    the provider knows who that is and adds them itself."""
    ids: set[int] = set()
    for rol in doelgroep:
        if rol != BETROKKENE:
            ids.update(rollen(rol))
    return sorted(ids)


def rol_ontvangers_met_beheer(doelgroep: Iterable[str], rollen: RolOntvangers) -> dict[int, bool]:
    """``{user_id: works in the admin}`` for the roles of ``doelgroep`` (``betrokkene`` skipped).

    A person who holds any admin role (``RolDefinitie.beheer``) gets a link into the admin; the
    others a link in the portal.
    """
    beheer = beheer_rollen()
    gevonden: dict[int, bool] = {}
    for rol in doelgroep:
        if rol == BETROKKENE:
            continue
        for user_id in rollen(rol):
            gevonden[user_id] = gevonden.get(user_id, False) or rol in beheer
    return dict(sorted(gevonden.items()))


def link_per_pk(naam: str) -> Callable[[int], str]:
    """``lambda pk: reverse(naam, args=[pk])`` at the cost of one ``reverse``: a scan over many
    objects spent most of its time resolving the same pattern for each of them. For URL
    patterns with one integer argument."""
    teken = 987_654_321
    voor, gevonden, na = reverse(naam, args=[teken]).partition(str(teken))
    if not gevonden:  # pragma: no cover - a pattern that does not print the number as is
        return lambda pk: reverse(naam, args=[pk])
    return lambda pk: f"{voor}{pk}{na}"


def portaal_link() -> str:
    """The portal's start page: the link of a reminder that has no page of its own."""
    try:
        return reverse("portal:home")
    except NoReverseMatch:  # pragma: no cover - the portal is always installed
        return "/"


def _deadline_modules(config: AppConfig) -> list[str]:
    """``<app>.deadlines``, and ``<app>.<package>.deadlines`` for each package of the app that has
    one (the council's advice workflow is a package of the ``adviesraad`` app, not an app)."""
    namen = [f"{config.name}.deadlines"]
    for info in pkgutil.iter_modules(config.module.__path__):  # type: ignore[union-attr]
        pad = getattr(info.module_finder, "path", "")
        if info.ispkg and (Path(pad) / info.name / "deadlines.py").is_file():
            namen.append(f"{config.name}.{info.name}.deadlines")
    return namen


def autodiscover() -> None:
    """Import every ``deadlines`` module (see ``_deadline_modules``) and register its
    ``PROVIDERS``."""
    gezien: set[str] = set()
    for config in apps.get_app_configs():
        for naam in _deadline_modules(config):
            if naam in gezien or find_spec(naam) is None:
                continue
            gezien.add(naam)
            for p in import_module(naam).PROVIDERS:
                register(p)
                if not isinstance(p, Gebeurtenis):
                    # The app scanned and the (sub-)app the module belongs to: a package of an
                    # app may be an app of its own (the meetings).
                    eigen = apps.get_containing_app_config(naam)
                    _bron_apps.update({config.label, eigen.label if eigen else config.label})
    logger.debug("herinneringssoorten: %s", sorted(_providers))
