"""Portal pages (preferences, agenda link) and the iCal feed. Thin: services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import agenda, selectors, services
from .email import absolute_url
from .forms import VoorkeurenForm


@login_required
@require_http_methods(["GET", "POST"])
def voorkeuren(request: HttpRequest) -> HttpResponse:
    uit = selectors.uitgezette_soorten(request.user)
    if request.method == "POST":
        form = VoorkeurenForm(request.POST)
        if form.is_valid():
            try:
                services.voorkeuren_opslaan(gebruiker=request.user, aan=form.cleaned_data["aan"])
            except ValidationError as exc:
                form.add_error("aan", exc)
            else:
                messages.success(request, _("Uw keuze is opgeslagen."))
                return redirect("herinneringen:voorkeuren")
    else:
        form = VoorkeurenForm()
        form.initial["aan"] = [k for k, _label in form.fields["aan"].choices if k not in uit]
    return TemplateResponse(
        request,
        "notifications/voorkeuren.html",
        {"form": form, "verplicht": selectors.verplichte_providers()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_link(request: HttpRequest) -> HttpResponse:
    nieuwe_url = ""
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "nieuw":
            token = agenda.agendatoken_maken(gebruiker=request.user)
            # Shown once, in this response only: the database keeps just a hash.
            nieuwe_url = absolute_url(reverse("agenda:feed", args=[token]))
        elif actie == "intrekken":
            agenda.agendatoken_intrekken(gebruiker=request.user)
            messages.success(
                request, _("Uw agendalink is ingetrokken. De oude link werkt niet meer.")
            )
            return redirect("herinneringen:agenda")
        else:
            messages.error(request, _("Kies wat u wilt doen."))
            return redirect("herinneringen:agenda")
    return TemplateResponse(
        request,
        "notifications/agenda.html",
        {"token": agenda.actief_token(request.user), "nieuwe_url": nieuwe_url},
    )


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    gebruiker = agenda.gebruiker_van_token(token)
    if gebruiker is None:
        raise Http404
    nu = timezone.now()
    deadlines = selectors.deadlines_voor(gebruiker, op=timezone.localdate(nu))
    vergaderingen = selectors.vergaderingen_voor(gebruiker, vanaf=nu - agenda.VERGADERINGEN_TERUG)
    response = HttpResponse(
        agenda.kalender(deadlines=deadlines, vergaderingen=vergaderingen, nu=nu),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="adviesraad-agenda.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
