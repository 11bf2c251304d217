"""The public pages and the portal dashboard. Views stay thin: templates hold the text."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from hengelo_participatie.accounts.roles import ROLES, Rol, rollen_van, vereist_totp

from .wat_komt_eraan import wat_komt_eraan


def rol_labels(namen: set[str]) -> list[str]:
    """Role (Django group) names as readable, translated labels, in the roles-table order."""
    return [gettext(ROLES[rol].label) for rol in Rol if rol.value in namen]


def home(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/home.html")


def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/toegankelijkheid.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "portal/privacy.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    namen = set(rollen_van(user))
    # Who signs in with an e-mail code may move it to another address (accounts:
    # mfa_email_wijzigen); staff use an app. From the role names already read: no extra query.
    per_email = not vereist_totp(user, rollen=namen)
    return TemplateResponse(
        request,
        "portal/dashboard.html",
        {
            "rollen": rol_labels(namen),
            "inlogcode_per_email": per_email,
            "overzicht": wat_komt_eraan(user),
        },
    )
