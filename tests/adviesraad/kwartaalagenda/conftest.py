"""Fixtures of the quarterly agenda tests: one user per role, and agendas built by the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from adviesraad.advies.services.aanvraag import aanvraag_aanmaken
from adviesraad.kwartaalagenda import services
from adviesraad.kwartaalagenda.models import Agendapunt, Kwartaalagenda
from adviesraad.models.advies import Adviesaanvraag, Soort
from tests.conftest import mfa_verify
from tests.factories import UserFactory

ROLLEN = (
    "lid",
    "voorzitter",
    "vicevoorzitter",
    "ondersteuner",
    "accounthouder",
    "beleidsmedewerker",
    "gespreksleider",
)


@pytest.fixture
def mensen(db: None) -> dict[str, Any]:
    """One user per role, plus a second policy officer and a former member (no role)."""
    mensen: dict[str, Any] = {
        rol: UserFactory(email=f"{rol}@ka.nl", roles=[rol], voornaam=rol.title(), achternaam="Test")
        for rol in ROLLEN
    }
    mensen["beleid2"] = UserFactory(
        email="beleid2@ka.nl", roles=["beleidsmedewerker"], voornaam="Bea", achternaam="Tweede"
    )
    mensen["oud_lid"] = UserFactory(email="oud@ka.nl")
    return mensen


@pytest.fixture
def client_van() -> Callable[[Any], Client]:
    def _maak(user: Any) -> Client:
        client = Client()
        mfa_verify(client, user)
        return client

    return _maak


def punt(agenda: Kwartaalagenda, titel: str, **kw: Any) -> Agendapunt:
    return services.punt_toevoegen(agenda=agenda, door=None, titel=titel, **kw)


def agenda_met_punten(aantal: int = 2, *, jaar: int = 2026, kwartaal: int = 2) -> Kwartaalagenda:
    agenda = services.agenda_aanmaken(jaar=jaar, kwartaal=kwartaal, door=None)
    for i in range(aantal):
        punt(
            agenda,
            f"Onderwerp {i:03d}",
            meedenken_op=date(jaar, 3 * kwartaal - 2, 1 + i % 20),
            adviesgesprek_op=date(jaar, 3 * kwartaal - 1, 1 + i % 20),
            opmerking=f"Opmerking {i}",
        )
    return agenda


def aanvraag(door: Any, titel: str = "Beleidskader Wmo 2027") -> Adviesaanvraag:
    """A real request via the advice services; ``door`` (a policy officer) is related to it."""
    return aanvraag_aanmaken(soort=Soort.GEVRAAGD, titel=titel, door=door)
