"""Meetings of the council and with the municipality: agenda, documents, minutes, attendance."""

from django.apps import AppConfig


class VergaderingenConfig(AppConfig):
    name = "adviesraad.vergaderingen"
    label = "vergaderingen"
    verbose_name = "Vergaderingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready (they import models), not to dodge a cycle.
        from adviesraad import hooks
        from hengelo_participatie.notifications import kalender, registry
        from hengelo_participatie.notifications.registry import Gebeurtenis

        from .kalender import VERGADERINGEN
        from .services.stukken import toegang_alle_bijwerken, toegang_van_gebruiker_bijwerken
        from .services.uitnodiging import UITNODIGING

        # The invitation is a notice caused by an action (not found by the daily scan): register
        # its kind with the reminder engine here, so that ``deadlines.py`` stays with the
        # reminder providers.

        # The participant's meetings are timed entries of the personal iCal feed.
        kalender.registreer(VERGADERINGEN)
        if registry.provider(UITNODIGING) is None:
            registry.register(
                Gebeurtenis(
                    kind=UITNODIGING,
                    label="Uitnodiging voor een vergadering met de stukken",
                    mandatory=True,
                )
            )

        # Meeting documents follow the council roles (adviesraad.hooks).
        hooks.rollen_gewijzigd.registreer(toegang_van_gebruiker_bijwerken)
        hooks.dagelijks.registreer(toegang_alle_bijwerken)
