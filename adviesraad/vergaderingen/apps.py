from django.apps import AppConfig


class VergaderingenConfig(AppConfig):
    name = "adviesraad.vergaderingen"
    label = "vergaderingen"
    verbose_name = "Vergaderingen"
    default_auto_field = "django.db.models.BigAutoField"
