from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "hengelo_participatie.files"
    label = "files"
    verbose_name = "Bestanden"
