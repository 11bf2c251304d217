from django.apps import AppConfig


class ParticipatiemixConfig(AppConfig):
    name = "participatiemix"
    verbose_name = "Participatiemix"
