"""Fixtures of the meeting tests: a sitting council with staff, and meetings built with services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from adviesraad.vergaderingen.models import Soort, Vergadering
from adviesraad.vergaderingen.services import deelnemers as deelnemers_services
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from tests.conftest import mfa_verify
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    return None


@pytest.fixture
def raad(db: None) -> dict[str, Any]:
    """Three members and a chair (by role), a supporter, account holder, policy officer and an
    outsider member of another meeting."""
    leden = [
        UserFactory(email=f"lid{i}@raad.nl", roles=["lid"], voornaam=f"Lid{i}", achternaam="Raad")
        for i in range(3)
    ]
    return {
        "leden": leden,
        "voorzitter": UserFactory(email="voorzitter@raad.nl", roles=["voorzitter"]),
        "ondersteuner": UserFactory(email="ondersteuner@raad.nl", roles=["ondersteuner"]),
        "accounthouder": UserFactory(email="accounthouder@raad.nl", roles=["accounthouder"]),
        "beleidsmedewerker": UserFactory(email="beleid@raad.nl", roles=["beleidsmedewerker"]),
    }


def moment(dagen: float, uur: int = 19) -> datetime:
    dag = timezone.localdate() + timedelta(days=dagen)
    return datetime(dag.year, dag.month, dag.day, uur, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def maak_vergadering(raad: dict[str, Any]) -> Callable[..., Vergadering]:
    def _maak(dagen: float = 14, **kw: Any) -> Vergadering:
        return vergadering_services.vergadering_aanmaken(
            soort=kw.pop("soort", Soort.RAADSVERGADERING),
            titel=kw.pop("titel", "Vergadering adviesraad"),
            begin=kw.pop("begin", moment(dagen)),
            door=kw.pop("door", raad["ondersteuner"]),
            **kw,
        )

    return _maak


@pytest.fixture
def client_van() -> Callable[[Any], Client]:
    def _maak(user: Any) -> Client:
        client = Client()
        mfa_verify(client, user)
        return client

    return _maak


def gehouden(vergadering: Vergadering, door: Any) -> Vergadering:
    """Mark a past meeting held the way the product does: by recording attendance."""
    deelnemers_services.aanwezigheid_vastleggen(vergadering=vergadering, door=door, per_deelname={})
    vergadering.refresh_from_db()
    return vergadering
