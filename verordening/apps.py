from django.apps import AppConfig


class VerordeningConfig(AppConfig):
    name = "verordening"
    verbose_name = "Verordening en regels"
