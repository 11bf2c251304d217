from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hengelo_participatie.notifications"
    label = "notifications"
    verbose_name = "Berichten"

    def ready(self) -> None:
        # Imported once the app registry is ready (the registry reads the role table and the
        # user model), not to dodge a cycle.
        from . import overzicht, registry

        registry.autodiscover()
        # The dashboard's week overview goes stale when the data of a provider changes.
        overzicht.volgen()
