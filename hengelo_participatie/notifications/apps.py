from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hengelo_participatie.notifications"
    label = "notifications"
    verbose_name = "Berichten"

    def ready(self) -> None:
        from . import registry

        registry.autodiscover()
