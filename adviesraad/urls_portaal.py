"""Portal pages of the council's membership, mounted at /portaal/lidmaatschap/."""

from django.urls import URLPattern, path

from . import views

app_name = "lidmaatschap"

urlpatterns: list[URLPattern] = [
    path("", views.mijn_lidmaatschap, name="mijn"),
    path("mijn-gegevens.json", views.export, name="export"),
    path("leden/", views.leden, name="leden"),
    path("samenstelling/", views.samenstelling, name="samenstelling"),
    path("verklaringen/", views.verklaringen, name="verklaringen"),
    path("verklaringen/nieuw/", views.verklaring_nieuw, name="verklaring_nieuw"),
    path("verklaringen/<id:pk>/", views.verklaring, name="verklaring"),
    path("werving/", views.werving, name="werving"),
]
