from django.apps import AppConfig


class AdviesraadConfig(AppConfig):
    name = "adviesraad"
    verbose_name = "Adviesraad sociaal domein"
