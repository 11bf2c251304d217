"""The personal iCal feed, mounted at /agenda/ (no login: the secret in the URL is the key)."""

from django.urls import URLPattern, path

from . import views

app_name = "agenda"

urlpatterns: list[URLPattern] = [
    path("<str:token>.ics", views.feed, name="feed"),
]
