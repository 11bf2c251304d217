"""Follow-ups of the membership core that belong to its sub-apps.

The core (terms, functions, roles) does not know the advice workflow or the meetings, yet when
someone's council roles change, who reaches an open advice request or a meeting's documents must
change with them, today and not only in the nightly task. So the core owns these hook lists and
calls them; the sub-apps register into them from their ``AppConfig.ready()`` (Open Forms'
``plugins/registry.py`` style). A sub-app that is not installed simply registers nothing.

* :data:`raad_gewijzigd`: after ``rollen_bijwerken`` changed someone's council roles, so the
  council itself changed; each hook is called without arguments (re-sync every open record).
* :data:`rollen_gewijzigd`: right after that, for the account whose roles changed; each hook
  gets ``gebruiker=<the account>``.
* :data:`evaluatie_vastgelegd`: a re-appointment evaluation was recorded; each hook gets
  ``evaluatie=<Herbenoemingsevaluatie>, door=<user or None>`` (the yearly cycle keeps every
  evaluation in one shape, ``jaarcyclus``).
* :data:`dagelijks`: the nightly task, after the terms were closed and the roles recomputed;
  each hook brings the sub-app's object grants in line with who sits on the council.

* :data:`export_onderdelen`: the AVG export of "Mijn lidmaatschap"; each hook gets
  ``user=<the account>`` and returns a dict merged into the export (the allowance, declarations).
* :data:`lid_opschonen`: the retention purge, just before a former member is removed; each hook
  gets ``lid=<the member>`` and removes or detaches the sub-app's rows about them.
* :data:`opschonen`: the retention purge, once per run; each hook gets ``today=<date>``, removes
  what is past its own retention period and returns a line for the audit trail.

Hooks run in the caller's transaction, in registration order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


class HookLijst:
    """An ordered list of callables with one signature; registering twice adds nothing."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        self._hooks: list[Callable[..., object]] = []

    def registreer(self, hook: Callable[..., object]) -> Callable[..., object]:
        if hook not in self._hooks:
            self._hooks.append(hook)
        return hook

    def __iter__(self) -> Iterator[Callable[..., object]]:
        return iter(tuple(self._hooks))

    def uitvoeren(self, **kwargs: Any) -> None:
        for hook in self:
            hook(**kwargs)


#: The council changed (someone gained or lost a council role): ``hook()``.
raad_gewijzigd = HookLijst("raad_gewijzigd")
#: The council roles of one account changed: ``hook(gebruiker=user)``.
rollen_gewijzigd = HookLijst("rollen_gewijzigd")
#: The nightly task, after terms and roles: ``hook()``.
dagelijks = HookLijst("dagelijks")
#: The AVG export: ``hook(user=user) -> dict``, merged into the export.
export_onderdelen = HookLijst("export_onderdelen")
#: Before the purge removes a former member: ``hook(lid=lid)``.
lid_opschonen = HookLijst("lid_opschonen")
#: Once per purge run: ``hook(today=date) -> str`` (what it removed, for the audit line).
opschonen = HookLijst("opschonen")
#: A re-appointment evaluation was recorded: ``hook(evaluatie=..., door=...)``.
evaluatie_vastgelegd = HookLijst("evaluatie_vastgelegd")
