from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hengelo_participatie.portal"
    label = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from .converters import registreren

        registreren()
