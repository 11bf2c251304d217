"""``migrate``, but only one process at a time: for containers that migrate when they start.

When several web containers start together (a rolling deploy, ``docker compose up --scale web=3``),
each runs its entry point. Plain ``migrate`` in parallel can apply the same migration twice and
fail halfway. On PostgreSQL this command first takes a session-level advisory lock, so the others
wait and then find nothing left to do. SQLite has one writer anyway and needs no lock.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

#: Any fixed 64-bit number, the same in every container: "hengelo-migrate".
SLOT = 0x68656E67656C6F


class Command(BaseCommand):
    help = "Voer de migraties uit; op PostgreSQL wacht een tweede proces tot het eerste klaar is."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        connection = connections[alias]
        if connection.vendor != "postgresql":
            self._migrate(alias, options["verbosity"])
            return
        with connection.cursor() as cursor:
            self.stdout.write("Wachten op het migratieslot…")
            cursor.execute("SELECT pg_advisory_lock(%s)", [SLOT])
            try:
                self._migrate(alias, options["verbosity"])
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SLOT])

    def _migrate(self, alias: str, verbosity: int) -> None:
        call_command(
            "migrate",
            database=alias,
            interactive=False,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )
