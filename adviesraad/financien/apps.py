"""Money of the council: the volunteer allowance, the budget and expense declarations."""

from django.apps import AppConfig


class FinancienConfig(AppConfig):
    name = "adviesraad.financien"
    label = "financien"
    verbose_name = "Financiën"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready (they import models), not to dodge a cycle.
        from .koppelingen import registreren

        registreren()
