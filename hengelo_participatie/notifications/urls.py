"""Portal pages of the reminders, mounted at /portaal/herinneringen/."""

from django.urls import URLPattern, path

from . import views

app_name = "herinneringen"

urlpatterns: list[URLPattern] = [
    path("", views.voorkeuren, name="voorkeuren"),
    path("agenda/", views.agenda_link, name="agenda"),
]
