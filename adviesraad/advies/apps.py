"""The advice workflow: an installed app without models of its own (its models live in
``adviesraad.models.advies``), so that its admin is found by autodiscovery and it can register
its follow-ups with the membership core (``adviesraad.hooks``)."""

from django.apps import AppConfig


class AdviesConfig(AppConfig):
    name = "adviesraad.advies"
    label = "advies"
    verbose_name = "Adviesaanvragen"

    def ready(self) -> None:
        # Imported once the app registry is ready (they import models), not to dodge a cycle.
        from adviesraad import hooks

        from .services.toegang import toegang_alle_open_bijwerken

        # Who sits on the council reaches the open advice requests: re-sync when it changes.
        hooks.raad_gewijzigd.registreer(toegang_alle_open_bijwerken)
        hooks.dagelijks.registreer(toegang_alle_open_bijwerken)
