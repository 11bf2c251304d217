"""``migrate_met_slot``: containers that start together migrate one after the other."""

from __future__ import annotations

import io
import threading

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections

from hengelo_participatie.portal.management.commands.migrate_met_slot import SLOT
from tests.conftest import require_service


@pytest.mark.django_db(transaction=True)
def test_migrate_met_slot_migrates():
    out = io.StringIO()
    call_command("migrate_met_slot", stdout=out)
    assert "No migrations to apply" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_second_process_waits_for_the_migration_lock():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "het migratieslot is een advisory lock van PostgreSQL")
    params = connection.get_connection_params()
    other = psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"})
    other.execute("SELECT pg_advisory_lock(%s)", [SLOT])  # another container is migrating
    out = io.StringIO()

    def run() -> None:
        try:
            call_command("migrate_met_slot", stdout=out)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    try:
        thread.start()
        thread.join(timeout=2)
        assert thread.is_alive(), "migrate liep terwijl een ander proces het slot had"
        assert "No migrations to apply" not in out.getvalue()
    finally:
        other.execute("SELECT pg_advisory_unlock(%s)", [SLOT])
        other.close()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert "No migrations to apply" in out.getvalue()
