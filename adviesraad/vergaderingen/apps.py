"""Meetings of the council and with the municipality: agenda, documents, minutes, attendance."""

from django.apps import AppConfig


class VergaderingenConfig(AppConfig):
    name = "adviesraad.vergaderingen"
    label = "vergaderingen"
    verbose_name = "Vergaderingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The invitation is a notice caused by an action (not found by the daily scan): register
        # its kind with the reminder engine here, so that ``deadlines.py`` stays with the
        # reminder providers.
        from hengelo_participatie.notifications import registry
        from hengelo_participatie.notifications.registry import Gebeurtenis

        from .services.uitnodiging import UITNODIGING

        if registry.provider(UITNODIGING) is None:
            registry.register(
                Gebeurtenis(
                    kind=UITNODIGING,
                    label="Uitnodiging voor een vergadering met de stukken",
                    mandatory=True,
                )
            )
