from django.apps import AppConfig

from hengelo_participatie.core.converters import registreren


class PortalConfig(AppConfig):
    name = "hengelo_participatie.portal"
    label = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        registreren()
