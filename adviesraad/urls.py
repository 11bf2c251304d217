"""Public pages of the council, mounted at /adviesraad/."""

from django.urls import URLPattern, path

from . import views

app_name = "adviesraad"

urlpatterns: list[URLPattern] = [
    path("", views.openbaar, name="openbaar"),
    path("foto/<id:pk>/", views.foto, name="foto"),
    path("vacatures/", views.vacatures, name="vacatures"),
    path("vacatures/<id:pk>/", views.vacature, name="vacature"),
]
