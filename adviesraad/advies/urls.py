"""Portal pages of the advice workflow, mounted at /portaal/advies/ (namespace ``advies``)."""

from django.urls import URLPattern, path

from . import views

app_name = "advies"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/<slug:naar>/", views.overgang, name="overgang"),
    path("<int:pk>/concept/", views.concept, name="concept"),
    path("<int:pk>/documenten/nieuw/", views.document, name="document"),
    path("<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("<int:pk>/belang/", views.belang, name="belang"),
    path("<int:pk>/inbreng/", views.inbreng, name="inbreng"),
    path("<int:pk>/kortere-termijn/", views.kortere_termijn, name="kortere_termijn"),
    path("<int:pk>/reactie/", views.reactie, name="reactie"),
    path("<int:pk>/publiceren/", views.publiceren, name="publiceren"),
    path("<int:pk>/raadsvoorlegger/", views.voorlegger, name="raadsvoorlegger"),
    path("<int:pk>/raadsvoorlegger.pdf", views.voorlegger_pdf, name="raadsvoorlegger_pdf"),
]
