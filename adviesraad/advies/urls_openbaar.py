"""The public register, mounted at /adviezen/ (namespace ``adviezen``)."""

from django.urls import URLPattern, path

from . import views

app_name = "adviezen"

urlpatterns: list[URLPattern] = [
    path("", views.register, name="register"),
    path("feed/", views.RegisterFeed(), name="feed"),
    path("<slug:kenmerk>/", views.register_detail, name="detail"),
    path("<slug:kenmerk>/advies.pdf", views.register_pdf, name="pdf"),
    path("<slug:kenmerk>/documenten/<id:pk>/", views.register_document, name="document"),
]
