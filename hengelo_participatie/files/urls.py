from django.urls import URLPattern, path

from . import views

app_name = "files"
urlpatterns: list[URLPattern] = [
    path("<id:pk>/download/", views.download, name="download"),
]
