"""The public register, mounted at /adviezen/ (namespace ``adviezen``)."""

from django.urls import URLPattern, path

from . import views_openbaar

app_name = "adviezen"

urlpatterns: list[URLPattern] = [
    path("", views_openbaar.register, name="register"),
    path("feed/", views_openbaar.RegisterFeed(), name="feed"),
    path("<slug:kenmerk>/", views_openbaar.register_detail, name="detail"),
    path("<slug:kenmerk>/advies.pdf", views_openbaar.register_pdf, name="pdf"),
    path(
        "<slug:kenmerk>/raadsvoorlegger.pdf",
        views_openbaar.register_voorlegger,
        name="raadsvoorlegger",
    ),
    path("<slug:kenmerk>/documenten/<id:pk>/", views_openbaar.register_document, name="document"),
]
