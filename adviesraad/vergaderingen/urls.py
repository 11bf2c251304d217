"""Portal pages of meetings, mounted at /portaal/vergaderingen/ (namespace ``vergaderingen``)."""

from django.urls import URLPattern, path

from . import views

app_name = "vergaderingen"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("aanwezigheid/", views.aanwezigheid_overzicht, name="aanwezigheid_overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("<int:pk>/deelnemers/", views.deelnemers, name="deelnemers"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/stukken/nieuw/", views.stuk, name="stuk"),
    path("<int:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("<int:pk>/aanwezigheid/", views.aanwezigheid, name="aanwezigheid"),
    path("<int:pk>/notulen/", views.notulen, name="notulen"),
    path("<int:pk>/notulen/vaststellen/", views.vaststellen, name="vaststellen"),
    path("<int:pk>/acties/", views.acties, name="acties"),
    path("<int:pk>/besluiten/", views.besluiten, name="besluiten"),
    path(
        "deelnemers/<int:pk>/verwijderen/",
        views.deelname_verwijderen,
        name="deelname_verwijderen",
    ),
    path(
        "agendapunten/<int:pk>/verwijderen/",
        views.agendapunt_verwijderen,
        name="agendapunt_verwijderen",
    ),
]
