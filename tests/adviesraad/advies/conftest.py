"""Fixtures of the advice workflow tests.

Private files go to a temporary folder; ``raad`` builds a sitting council with staff.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from aiosmtpd.controller import Controller
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


# --- A real SMTP server (aiosmtpd) for the delivery tests (issue 14) ----------------------------
class Verzamelaar:
    """aiosmtpd handler: keeps every message it accepts (raw bytes, envelope recipients)."""

    def __init__(self) -> None:
        self.berichten: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.berichten.append((list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 Message accepted for delivery"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that a test can stop and start again on the same port."""

    def __init__(self, poort: int) -> None:
        self.poort = poort
        self.handler = Verzamelaar()
        self._controller: Controller | None = None

    @property
    def berichten(self) -> list[tuple[list[str], bytes]]:
        return self.handler.berichten

    def start(self) -> None:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.poort)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """Django sends through real SMTP to this server (started; ``.stop()`` to take it down)."""
    server = SmtpServer(vrije_poort())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.poort
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    server.start()
    try:
        yield server
    finally:
        server.stop()
