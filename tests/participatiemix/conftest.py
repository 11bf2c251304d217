"""Fixtures of the participatiemix tests.

* Private files go to a temporary directory.
* The feedback period is the verordening's real rule (default 6 weeks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.adviesraad.advies.conftest import client_van, raad  # noqa: F401  (relevance tests)
from tests.conftest import mfa_verify
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _prive_bestanden(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "prive"), "base_url": None},
        },
    }


@pytest.fixture
def client_als() -> Callable[..., tuple[Client, Any]]:
    """``client_als("lid")`` → (client, user), MFA-verified; ``None`` for a user without role."""

    def _maak(rol: str | None, **kwargs: Any) -> tuple[Client, Any]:
        client = Client()
        if rol == "superuser":
            user = UserFactory(is_superuser=True, is_staff=True)
        else:
            user = UserFactory(roles=[rol] if rol else [], **kwargs)
        mfa_verify(client, user)
        return client, user

    return _maak
