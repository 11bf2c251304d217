"""URLs of the participatiemix: public pages under /participatie/, portal pages under
/portaal/participatie/. Included once, at the root: ``path("", include("participatiemix.urls"))``.
"""

from django.urls import path

from . import views

app_name = "participatiemix"

PORTAAL = "portaal/participatie/"
PUBLIEK = "participatie/"

urlpatterns = [
    # Public: "Je zei, wij deden".
    path(PUBLIEK, views.publiek_overzicht, name="publiek_overzicht"),
    path(f"{PUBLIEK}<id:activiteit_id>/", views.publiek_activiteit, name="publiek_activiteit"),
    # Portal.
    path(f"{PORTAAL}activiteiten/", views.activiteiten, name="activiteiten"),
    path(f"{PORTAAL}activiteiten/<id:activiteit_id>/", views.activiteit, name="activiteit"),
    path(
        f"{PORTAAL}activiteiten/<id:activiteit_id>/verslag/",
        views.verslag_uploaden,
        name="verslag_uploaden",
    ),
    path(
        f"{PORTAAL}activiteiten/<id:activiteit_id>/verslag/download/",
        views.verslag_downloaden,
        name="verslag_downloaden",
    ),
    path(
        f"{PORTAAL}activiteiten/<id:activiteit_id>/opbrengsten/nieuw/",
        views.opbrengst_toevoegen,
        name="opbrengst_toevoegen",
    ),
    path(f"{PORTAAL}opbrengsten/", views.opbrengsten, name="opbrengsten"),
    path(f"{PORTAAL}jaarrapportage/", views.jaarrapportage, name="jaarrapportage"),
    path(
        f"{PORTAAL}jaarrapportage/pdf/",
        views.jaarrapportage_aanvragen,
        name="jaarrapportage_aanvragen",
    ),
    path(
        f"{PORTAAL}jaarrapportage/pdf/<id:rapportage_id>/",
        views.jaarrapportage_status,
        name="jaarrapportage_status",
    ),
    path(
        f"{PORTAAL}jaarrapportage/pdf/<id:rapportage_id>/download/",
        views.jaarrapportage_downloaden,
        name="jaarrapportage_downloaden",
    ),
    path(f"{PORTAAL}enquetes/", views.indicatoren, name="indicatoren"),
]
