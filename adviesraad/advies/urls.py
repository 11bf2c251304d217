"""Portal pages of the advice workflow, mounted at /portaal/advies/ (namespace ``advies``)."""

from django.urls import URLPattern, path

from . import views, views_college, views_toezeggingen

app_name = "advies"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("toezeggingen/", views_toezeggingen.overzicht, name="toezeggingen"),
    path("toezeggingen.csv", views_toezeggingen.export_csv, name="toezeggingen_csv"),
    path("toezeggingen/<id:pk>/", views_toezeggingen.detail, name="toezegging"),
    path("toezeggingen/<id:pk>/stand/", views_toezeggingen.stand, name="toezegging_stand"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/status/<slug:naar>/", views.overgang, name="overgang"),
    path("<id:pk>/concept/", views.concept, name="concept"),
    path("<id:pk>/documenten/nieuw/", views.document, name="document"),
    path("<id:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("<id:pk>/belang/", views.belang, name="belang"),
    path("<id:pk>/inbreng/", views.inbreng, name="inbreng"),
    path("<id:pk>/kortere-termijn/", views.kortere_termijn, name="kortere_termijn"),
    path("<id:pk>/reactie/", views.reactie, name="reactie"),
    path("<id:pk>/publiceren/", views.publiceren, name="publiceren"),
    path(
        "<id:pk>/bezorging/<id:bezorging>/opnieuw/",
        views_college.opnieuw_bezorgen,
        name="opnieuw_bezorgen",
    ),
    path("<id:pk>/ontvangst/", views_college.ontvangst, name="ontvangst"),
    path("<id:pk>/reactietermijn/", views_college.verlengen, name="reactietermijn"),
    path(
        "<id:pk>/raadsvoorlegger/versturen/",
        views_college.voorlegger_versturen,
        name="raadsvoorlegger_versturen",
    ),
    path(
        "<id:pk>/beleidsmedewerker/",
        views_college.beleidsmedewerker,
        name="beleidsmedewerker",
    ),
    path("<id:pk>/raadsvoorlegger/", views.voorlegger, name="raadsvoorlegger"),
    path("<id:pk>/raadsvoorlegger.pdf", views.voorlegger_pdf, name="raadsvoorlegger_pdf"),
]
