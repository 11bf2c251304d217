from django.apps import AppConfig


class PdfConfig(AppConfig):
    name = "hengelo_participatie.pdf"
    label = "pdf"
    verbose_name = "PDF"
