"""Portal pages of meetings, mounted at /portaal/vergaderingen/ (namespace ``vergaderingen``)."""

from django.urls import URLPattern, path

from . import views

app_name = "vergaderingen"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("aanwezigheid/", views.aanwezigheid_overzicht, name="aanwezigheid_overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("<id:pk>/deelnemers/", views.deelnemers, name="deelnemers"),
    path("<id:pk>/agenda/", views.agenda, name="agenda"),
    path("<id:pk>/stukken/nieuw/", views.stuk, name="stuk"),
    path("<id:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("<id:pk>/aanwezigheid/", views.aanwezigheid, name="aanwezigheid"),
    path("<id:pk>/notulen/", views.notulen, name="notulen"),
    path("<id:pk>/notulen/vaststellen/", views.vaststellen, name="vaststellen"),
    path("<id:pk>/acties/", views.acties, name="acties"),
    path("<id:pk>/besluiten/", views.besluiten, name="besluiten"),
    path(
        "deelnemers/<id:pk>/verwijderen/",
        views.deelname_verwijderen,
        name="deelname_verwijderen",
    ),
    path(
        "agendapunten/<id:pk>/verwijderen/",
        views.agendapunt_verwijderen,
        name="agendapunt_verwijderen",
    ),
]
