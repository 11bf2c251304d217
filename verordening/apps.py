from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save

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
        from hengelo_participatie.notifications.registry import rond_scan
        from verordening.rules import cache_legen, regels_per_verzoek

        # A changed rule, source or regulation is seen at once, also inside a request that
        # already read the rules of that date (``rules.regels_per_verzoek``).
        for model in self.get_models():
            uid = f"verordening_regels_{model._meta.model_name}"
            post_save.connect(cache_legen, sender=model, dispatch_uid=f"{uid}_save")
            post_delete.connect(cache_legen, sender=model, dispatch_uid=f"{uid}_delete")
        # A scan of the reminder providers reads each date's rules once too.
        rond_scan(regels_per_verzoek)
