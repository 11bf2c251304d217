"""Fixtures for the verordening tests."""

from __future__ import annotations

import pytest

from tests.conftest import mfa_verify
from tests.factories import UserFactory


@pytest.fixture
def beheerder(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def beheer_client(client, beheerder):
    mfa_verify(client, beheerder)
    return client
