"""Portal pages of meetings, mounted at /portaal/vergaderingen/ (namespace ``vergaderingen``)."""

from django.urls import URLPattern, path

from .views import inzien, verslag, voorbereiden

app_name = "vergaderingen"

urlpatterns: list[URLPattern] = [
    path("", inzien.overzicht, name="overzicht"),
    path("aanwezigheid/", inzien.aanwezigheid_overzicht, name="aanwezigheid_overzicht"),
    path("nieuw/", voorbereiden.nieuw, name="nieuw"),
    path("<id:pk>/", inzien.detail, name="detail"),
    path("<id:pk>/aanmelden/", inzien.aanmelden, name="aanmelden"),
    path("<id:pk>/deelnemers/", voorbereiden.deelnemers, name="deelnemers"),
    path("<id:pk>/agenda/", voorbereiden.agenda, name="agenda"),
    path("<id:pk>/stukken/nieuw/", voorbereiden.stuk, name="stuk"),
    path("<id:pk>/uitnodigen/", voorbereiden.uitnodigen, name="uitnodigen"),
    path("<id:pk>/aanwezigheid/", verslag.aanwezigheid, name="aanwezigheid"),
    path("<id:pk>/notulen/", verslag.notulen, name="notulen"),
    path("<id:pk>/notulen/vaststellen/", verslag.vaststellen, name="vaststellen"),
    path("<id:pk>/acties/", verslag.acties, name="acties"),
    path("<id:pk>/besluiten/", verslag.besluiten, name="besluiten"),
    path(
        "deelnemers/<id:pk>/verwijderen/",
        voorbereiden.deelname_verwijderen,
        name="deelname_verwijderen",
    ),
    path(
        "agendapunten/<id:pk>/verwijderen/",
        voorbereiden.agendapunt_verwijderen,
        name="agendapunt_verwijderen",
    ),
]
