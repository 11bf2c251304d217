from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def home(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/home.html")


def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/toegankelijkheid.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/privacy.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/dashboard.html")
