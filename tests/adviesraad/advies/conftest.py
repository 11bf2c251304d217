"""Fixtures of the advice workflow tests.

Private files go to a temporary folder; ``raad`` builds a sitting council with staff.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from adviesraad.models import FunctieSoort, Kernwet
from adviesraad.services.functies import functie_toewijzen
from tests.adviesraad.factories import LidFactory, benoemde_termijn
from tests.conftest import mfa_verify
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    return None


@pytest.fixture
def raad(db: None) -> dict[str, Any]:
    """A sitting council: chair, three members; a supporter, account holder, policy officer."""
    begin = timezone.localdate() - timedelta(days=200)
    leden = []
    for i in range(3):
        termijn = benoemde_termijn(besluitdatum=begin, user=UserFactory(email=f"lid{i}@raad.nl"))
        leden.append(termijn.lid)
    voorzitter = LidFactory(
        user=UserFactory(email="voorzitter@raad.nl", voornaam="Anna", achternaam="de Vries")
    )
    functie_toewijzen(
        lid=voorzitter,
        soort=FunctieSoort.VOORZITTER_AD_INTERIM,
        van=begin,
        door=None,
        uurtarief=Decimal("85.00"),
    )
    voorzitter.user.refresh_from_db()
    return {
        "leden": leden,
        "voorzitter": voorzitter,
        "ondersteuner": UserFactory(
            email="ondersteuner@raad.nl",
            roles=["ondersteuner"],
            voornaam="Olga",
            achternaam="Schrijver",
        ),
        "accounthouder": UserFactory(email="accounthouder@raad.nl", roles=["accounthouder"]),
        "beleidsmedewerker": UserFactory(email="beleid@raad.nl", roles=["beleidsmedewerker"]),
        "kernwet": Kernwet.objects.get(code="wmo"),
    }


@pytest.fixture
def client_van() -> Callable[[Any], Client]:
    """``client_van(user)``: a client logged in (MFA-verified) as ``user``."""

    def _maak(user: Any) -> Client:
        client = Client()
        mfa_verify(client, user)
        return client

    return _maak
