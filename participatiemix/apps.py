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
        # Imported once the app registry is ready (they import models), not to dodge a cycle.
        from . import adviespaneel, meeluisteren
        from .policies import bestand_regels_registreren

        post_migrate.connect(_referentiedata_na_migrate, sender=self)
        # What this app adds to lower layers: the owner rule of its files, the residents' panel
        # on an advice page, and the activity of a listening-delegation meeting.
        bestand_regels_registreren()
        adviespaneel.registreren()
        meeluisteren.registreren()
