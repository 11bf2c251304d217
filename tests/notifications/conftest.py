"""Fixtures of the reminder engine tests.

``testsoort`` registers a provider whose deadlines the test sets directly (no model rows needed);
it is removed again afterwards. Every test here runs with the notification URLs included
(``tests/notifications/urls.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from hengelo_participatie.notifications import registry
from hengelo_participatie.notifications.registry import Deadline


@dataclass
class TestProvider:
    kind: str
    label: str
    mandatory: bool = False
    items: list[Deadline] = field(default_factory=list)
    #: Alternatively a function of the date (for generated or date-dependent deadlines).
    maker: Callable[[date], Iterable[Deadline]] | None = None

    __test__ = False  # not a test class for pytest

    def deadlines(self, on: date) -> Iterable[Deadline]:
        if self.maker is not None:
            return self.maker(on)
        return list(self.items)


@pytest.fixture
def testsoort() -> Iterator[Callable[..., TestProvider]]:
    gemaakt: list[str] = []

    def maak(kind: str = "test_vrij", *, mandatory: bool = False, **kwargs: Any) -> TestProvider:
        provider = TestProvider(kind=kind, label=f"Test: {kind}", mandatory=mandatory, **kwargs)
        registry.register(provider)
        gemaakt.append(kind)
        return provider

    yield maak
    for kind in gemaakt:
        registry.unregister(kind)


def deadline(
    ontvanger: Any, *, soort: str = "test_vrij", nummer: int = 1, datum: date, **kwargs: Any
) -> Deadline:
    """A deadline about object ``nummer`` (any number: no row needed; typed as a user)."""
    return Deadline(
        ontvanger_id=getattr(ontvanger, "pk", ontvanger),
        soort=soort,
        onderwerp=kwargs.pop("onderwerp", "accounts.user"),
        onderwerp_id=nummer,
        onderwerp_label=kwargs.pop("onderwerp_label", f"Onderwerp {nummer}"),
        datum=datum,
        link=kwargs.pop("link", "/portaal/"),
        tekst=kwargs.pop("tekst", f"Test-deadline {nummer}"),
        **kwargs,
    )
