from django.apps import AppConfig


class KwartaalagendaConfig(AppConfig):
    name = "adviesraad.kwartaalagenda"
    label = "kwartaalagenda"
    verbose_name = "Kwartaalagenda"
    default_auto_field = "django.db.models.BigAutoField"
