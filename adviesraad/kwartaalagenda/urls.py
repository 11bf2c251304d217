"""Portal pages of the quarterly agenda, mounted at /portaal/kwartaalagenda/."""

from django.urls import URLPattern, path

from . import views

app_name = "kwartaalagenda"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/afdrukken/", views.afdrukken, name="afdrukken"),
    path("<int:pk>/kwartaalagenda.pdf", views.pdf, name="pdf"),
    path("<int:pk>/publiceren/", views.publiceren, name="publiceren"),
    path("<int:pk>/onderwerpen/nieuw/", views.punt_nieuw, name="punt_nieuw"),
    path("onderwerpen/<int:pk>/", views.punt_wijzigen, name="punt_wijzigen"),
    path("onderwerpen/<int:pk>/verwijderen/", views.punt_verwijderen, name="punt_verwijderen"),
    path("onderwerpen/<int:pk>/koppelen/", views.punt_koppelen, name="punt_koppelen"),
]
