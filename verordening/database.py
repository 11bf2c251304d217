"""The database-level guarantee that two versions of one rule never overlap, on both backends.

* PostgreSQL: an exclusion constraint over ``(sleutel =, daterange(geldig_vanaf, geldig_tot,
  '[)') &&)`` using ``btree_gist`` (installed by migration 0001 with ``BtreeGistExtension``).
* SQLite: two triggers (before insert, before update) that ``RAISE(ABORT, ...)``. SQLite reports
  that as a constraint failure, which Django raises as ``IntegrityError``, just like PostgreSQL.

Periods are half-open: ``geldig_vanaf`` is the first day a version applies and ``geldig_tot`` the
first day it no longer applies (``NULL``: open-ended). A version closed at 1 January 2026 and its
successor starting on 1 January 2026 therefore touch without overlapping.

SQLite drops a table's triggers whenever Django rebuilds the table (which it does for most
``AlterField`` operations). ``installeer_sqlite_triggers`` is therefore idempotent and runs both from
migration 0002 and after every ``migrate`` (see ``apps.py``), and a test checks they exist.
"""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.db import models

OVERLAP_FOUT = "regel_versies_overlappen"  # the message the triggers raise
REGEL_TABEL = "verordening_regel"


class DateRange(models.Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ``ExclusionConstraint`` that is created on PostgreSQL and skipped elsewhere.

    On other backends the same guarantee comes from triggers (below). ``validate()`` is a no-op:
    the model's ``clean()`` already gives the person a friendly Dutch message, on every backend,
    and the database refuses whatever slips past it.
    """

    def _is_postgres(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor)
            if self._is_postgres(schema_editor)
            else None
        )

    def create_sql(self, model, schema_editor):
        return (
            super().create_sql(model, schema_editor) if self._is_postgres(schema_editor) else None
        )

    def remove_sql(self, model, schema_editor):
        return (
            super().remove_sql(model, schema_editor) if self._is_postgres(schema_editor) else None
        )

    def validate(self, *args, **kwargs) -> None:
        return None


def geen_overlap_constraint() -> PostgresExclusionConstraint:
    return PostgresExclusionConstraint(
        name="regel_versies_overlappen_niet",
        expressions=[
            ("sleutel", RangeOperators.EQUAL),
            (
                DateRange("geldig_vanaf", "geldig_tot", RangeBoundary(True, False)),
                RangeOperators.OVERLAPS,
            ),
        ],
    )


# ``'9999-12-31'`` stands for "open-ended". SQLite stores dates as ISO text, which sorts correctly.
_OVERLAP_CONDITIE = """
    EXISTS (
        SELECT 1 FROM verordening_regel AS ander
        WHERE ander.sleutel = NEW.sleutel
          AND ander.id IS NOT NEW.id
          AND ander.geldig_vanaf < COALESCE(NEW.geldig_tot, '9999-12-31')
          AND NEW.geldig_vanaf < COALESCE(ander.geldig_tot, '9999-12-31')
    )
"""

SQLITE_TRIGGERS = {
    "verordening_regel_geen_overlap_insert": """
        CREATE TRIGGER IF NOT EXISTS verordening_regel_geen_overlap_insert
        BEFORE INSERT ON verordening_regel
        WHEN"""
    + _OVERLAP_CONDITIE
    + "BEGIN SELECT RAISE(ABORT, 'regel_versies_overlappen'); END",
    "verordening_regel_geen_overlap_update": """
        CREATE TRIGGER IF NOT EXISTS verordening_regel_geen_overlap_update
        BEFORE UPDATE OF sleutel, geldig_vanaf, geldig_tot ON verordening_regel
        WHEN"""
    + _OVERLAP_CONDITIE
    + "BEGIN SELECT RAISE(ABORT, 'regel_versies_overlappen'); END",
}


def installeer_sqlite_triggers(connection) -> bool:
    """Create the overlap triggers on SQLite if the table exists. Idempotent; no-op elsewhere."""
    if connection.vendor != "sqlite":
        return False
    if REGEL_TABEL not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        for sql in SQLITE_TRIGGERS.values():
            cursor.execute(sql)
    return True


def verwijder_sqlite_triggers(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for naam in SQLITE_TRIGGERS:
            cursor.execute("DROP TRIGGER IF EXISTS " + naam)  # names from the constant above
