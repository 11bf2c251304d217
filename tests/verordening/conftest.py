"""Fixtures for the verordening tests."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from tests.conftest import mfa_verify
from tests.factories import UserFactory
from verordening.models import Verordening

_migratie = importlib.import_module("verordening.migrations.0003_standaardwaarden")


@pytest.fixture(autouse=True)
def standaardwaarden(db):
    """The defaults come from migration 0003. A transactional test elsewhere in the suite flushes
    the tables; then this puts them back by running that migration's own function again."""
    if not Verordening.objects.exists():
        _migratie.laad_standaardwaarden(apps, None)


@pytest.fixture
def beheerder(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def beheer_client(client, beheerder):
    mfa_verify(client, beheerder)
    return client
