"""Portal pages of the quarterly agenda, mounted at /portaal/kwartaalagenda/."""

from django.urls import URLPattern, path

from . import views

app_name = "kwartaalagenda"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/afdrukken/", views.afdrukken, name="afdrukken"),
    path("<id:pk>/kwartaalagenda.pdf", views.pdf, name="pdf"),
    path("<id:pk>/publiceren/", views.publiceren, name="publiceren"),
    path("<id:pk>/onderwerpen/nieuw/", views.punt_nieuw, name="punt_nieuw"),
    path("onderwerpen/<id:pk>/", views.punt_wijzigen, name="punt_wijzigen"),
    path("onderwerpen/<id:pk>/verwijderen/", views.punt_verwijderen, name="punt_verwijderen"),
    path("onderwerpen/<id:pk>/koppelen/", views.punt_koppelen, name="punt_koppelen"),
]
