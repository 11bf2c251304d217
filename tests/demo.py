"""The demo data (``seed_demo``) for tests that need realistic content: built once per session.

``seed_demo`` takes about 20 seconds; a function-scoped fixture that runs it made more than twenty
full runs of the suite (the axe tests, one per page and role). Now:

* ``demo_momentopname`` (session): runs ``seed_demo`` once, committed, into the test database,
  with its private files in a session folder; keeps the result as Django's own serialized form
  (``serialize_db_to_string``, the format of ``serialized_rollback``); then empties the database
  again and puts back the reference data of the migrations, so the other tests see the database
  they expect.
* ``demo`` (function, transactional: for live-server and browser tests): loads that snapshot
  into the (freshly flushed) database and copies the files into the test's own private media
  folder. Each test's writes are removed by the flush at its end, as for every transactional
  test, so tests stay isolated and may run in any order.

Use it by naming both in the test module (``demo = demo_fixtures.demo`` and
``demo_momentopname = demo_fixtures.demo_momentopname``), like the other shared fixtures.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import override_settings

from tests.conftest import _SERIALIZED

_MOMENTOPNAME: tuple[str, Path] | None = None


@pytest.fixture(scope="session")
def demo_momentopname(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """(serialized demo data, folder with its private files), made once per session.

    Each test module that names this fixture gets its own fixture definition from pytest (and so
    its own session-scoped value); the module-level ``_MOMENTOPNAME`` makes it one build for all.
    """
    global _MOMENTOPNAME
    if _MOMENTOPNAME is not None:
        return _MOMENTOPNAME
    from django.conf import settings

    map_ = tmp_path_factory.mktemp("demo-private-media")
    opslag = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": map_, "base_url": None},
        },
    }
    # The reference data of the migrations, as serialized rollback keeps it (tests/conftest.py).
    referentie = _SERIALIZED.get("default") or getattr(
        connection, "_test_serialized_contents", None
    )
    with django_db_blocker.unblock(), override_settings(PRIVATE_MEDIA_ROOT=map_, STORAGES=opslag):
        if not referentie:
            # No transactional test was collected, so pytest-django serialized nothing; then no
            # flush has run either and the database still holds just the migrations' data.
            referentie = connection.creation.serialize_db_to_string()
        # A transactional test that ran before may have left the database empty (its flush).
        _leeg_met_referentie(referentie)
        call_command("seed_demo", allow_production=True, stdout=io.StringIO())
        gegevens = connection.creation.serialize_db_to_string()
        # Back to the state every other test expects: only the migrations' reference data.
        _leeg_met_referentie(referentie)
    _MOMENTOPNAME = (gegevens, map_)
    return _MOMENTOPNAME


def _leeg_met_referentie(referentie: str) -> None:
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    _laden(referentie)


def _laden(gegevens: str) -> None:
    """Load serialized rows as they were: simple-history stays out of it (its history rows are in
    the data already; many-to-many changes would otherwise add new ones), then the id sequences
    move past the loaded ids."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        connection.creation.deserialize_db_from_string(gegevens)
    _reeksen_bijwerken()


def _reeksen_bijwerken() -> None:
    """Move every id sequence past the rows just loaded with their own ids.

    ``flush`` restarts PostgreSQL's sequences at 1 and deserializing keeps the stored ids, so the
    next insert would reuse an id of the reference data (SQLite takes the highest id itself)."""
    sql = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for regel in sql:
            cursor.execute(regel)


def demo_laden(momentopname: tuple[str, Path], private_media: Path) -> None:
    """Load the snapshot into the current test's database and its files into ``private_media``.
    In a ``db`` test it is rolled back with the test; in a transactional one flushed after it."""
    gegevens, map_ = momentopname
    _laden(gegevens)
    shutil.copytree(map_, private_media, dirs_exist_ok=True)


@pytest.fixture
def demo(transactional_db: None, private_media: Path, demo_momentopname: tuple[str, Path]) -> None:
    """The demo data in the database of this (transactional) test, with its files."""
    demo_laden(demo_momentopname, private_media)
