"""Portal pages of money, mounted at /portaal/financien/."""

from django.urls import URLPattern, path

from . import views

app_name = "financien"

urlpatterns: list[URLPattern] = [
    path("mijn-vergoeding/", views.mijn_vergoeding, name="mijn_vergoeding"),
    path("vergoeding/<id:pk>/", views.vergoeding_lid, name="vergoeding_lid"),
    path("perioden/", views.perioden, name="perioden"),
    path("perioden/<id:pk>/", views.periode, name="periode"),
    path("perioden/<id:pk>/correctie/", views.correctie, name="correctie"),
    path("perioden/<id:pk>/vergoeding.csv", views.export_csv, name="export_csv"),
    path("perioden/<id:pk>/vergoeding.xlsx", views.export_xlsx, name="export_xlsx"),
    path("begroting/", views.begroting_nu, name="begroting_nu"),
    path("begroting/<int:jaar>/", views.begroting, name="begroting"),
    path("begroting/<int:jaar>/bewerken/", views.begroting_bewerken, name="begroting_bewerken"),
    path("begroting/<int:jaar>/begroting.pdf", views.begroting_pdf, name="begroting_pdf"),
    path("aanwezigheidsregels/", views.aanwezigheidsregels, name="aanwezigheidsregels"),
    path("declaraties/", views.declaraties, name="declaraties"),
    path("declaraties/<id:pk>/", views.declaratie, name="declaratie"),
    path("declaraties/<id:pk>/bon/", views.bon, name="bon"),
]
