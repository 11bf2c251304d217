from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate

from .referentiedata import vullen


def _referentiedata_na_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # A flush (transactional and browser tests) empties the tables without rerunning the data
    # migration; this puts the five instruments, the Spelregels and the lists back. Idempotent.
    vullen(kwargs.get("apps") or global_apps)


class ParticipatiemixConfig(AppConfig):
    name = "participatiemix"
    verbose_name = "Participatiemix"

    def ready(self) -> None:
        post_migrate.connect(_referentiedata_na_migrate, sender=self)
        from .policies import bestand_regels_registreren

        bestand_regels_registreren()
        from . import adviespaneel, meeluisteren

        adviespaneel.registreren()
        meeluisteren.registreren()
