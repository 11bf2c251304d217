from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

from verordening.database import installeer_sqlite_triggers


def _herstel_sqlite_triggers(sender, using="default", **kwargs) -> None:
    """SQLite drops triggers when Django rebuilds a table; put the overlap triggers back.

    Schema upkeep, not business logic: idempotent, and a no-op on PostgreSQL (which has the
    exclusion constraint instead). See ``verordening.database``.
    """
    installeer_sqlite_triggers(connections[using])


class VerordeningConfig(AppConfig):
    name = "verordening"
    verbose_name = "Verordening en regels"

    def ready(self) -> None:
        post_migrate.connect(
            _herstel_sqlite_triggers, sender=self, dispatch_uid="verordening_triggers"
        )
