"""Thin views of the quarterly agenda: a selector reads, a service writes, a template shows.

A refused or missing agenda or item is a 404 (no oracle); anonymous visitors go to the login page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hengelo_participatie.core.downloads import pdf_download
from hengelo_participatie.core.formulieren import uitvoeren
from hengelo_participatie.pdf.documents import render

from . import selectors, services
from .documents import KwartaalagendaDocument
from .forms import AgendaForm, KoppelForm, PublicerenForm, PuntForm
from .models import Agendapunt, Kwartaalagenda
from .policies import mag_aanmaken, mag_concept_zien, mag_publiceren


def _invoer(request: HttpRequest) -> Any:
    """The posted data, also when empty (``request.POST or None`` would leave the form unbound)."""
    return request.POST if request.method == "POST" else None


def _naar_agenda(agenda_id: int) -> HttpResponse:
    return redirect("kwartaalagenda:detail", pk=agenda_id)


def _formulier(
    request: HttpRequest, form: Any, titel: str, knop: str, terug: str, **extra: Any
) -> HttpResponse:
    return TemplateResponse(
        request,
        "kwartaalagenda/formulier.html",
        {"form": form, "titel": titel, "knop": knop, "terug": terug, **extra},
    )


@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "kwartaalagenda/overzicht.html", {"o": selectors.overzicht(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    if not mag_aanmaken(request.user):
        raise Http404
    form = AgendaForm(_invoer(request))
    if request.method == "POST" and form.is_valid():
        resultaat: dict[str, Kwartaalagenda] = {}

        def actie() -> None:
            resultaat["a"] = services.agenda_aanmaken(door=request.user, **form.cleaned_data)

        if uitvoeren(request, form, actie, _("De kwartaalagenda is aangemaakt.")):
            return _naar_agenda(resultaat["a"].pk)
    return _formulier(
        request,
        form,
        _("Nieuwe kwartaalagenda"),
        _("Aanmaken"),
        reverse("kwartaalagenda:overzicht"),
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    pagina = selectors.agenda_pagina(request.user, pk)
    response = TemplateResponse(request, "kwartaalagenda/detail.html", {"p": pagina})
    if pagina.versie is not None:
        # After computing what changed: from now on this version counts as seen.
        services.gezien_markeren(user=request.user, versie=pagina.versie)
    return response


@login_required
@require_GET
def afdrukken(request: HttpRequest, pk: int) -> HttpResponse:
    return TemplateResponse(
        request, "kwartaalagenda/afdrukken.html", {"a": selectors.afdruk(request.user, pk)}
    )


@login_required
@require_GET
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    a = selectors.afdruk(request.user, pk)
    inhoud = render(KwartaalagendaDocument(afdruk=a))
    naam = f"kwartaalagenda-{a.agenda.jaar}-q{a.agenda.kwartaal}-versie-{a.versie.nummer}.pdf"
    return pdf_download(inhoud, naam)


@login_required
@require_http_methods(["GET", "POST"])
def publiceren(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what will change, and a confirmation button. POST: publish."""
    if not mag_publiceren(request.user):
        raise Http404
    pagina = selectors.agenda_pagina(request.user, pk)
    form = PublicerenForm(_invoer(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: services.publiceren(
                agenda=pagina.agenda, door=request.user, **form.cleaned_data
            ),
            _("De nieuwe versie is gepubliceerd. De leden zien nu deze versie."),
        )
    ):
        return _naar_agenda(pagina.agenda.pk)
    return TemplateResponse(request, "kwartaalagenda/publiceren.html", {"p": pagina, "form": form})


def _agenda_van_punt_voor(request: HttpRequest, pk: int) -> Kwartaalagenda:
    agenda = selectors.agenda_voor(request.user, pk)
    if not mag_concept_zien(request.user):
        raise Http404
    return agenda


@login_required
@require_http_methods(["GET", "POST"])
def punt_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _agenda_van_punt_voor(request, pk)
    form = PuntForm(_invoer(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: services.punt_toevoegen(agenda=agenda, door=request.user, **form.cleaned_data),
            _("Het onderwerp is toegevoegd aan het concept."),
        )
    ):
        return _naar_agenda(agenda.pk)
    return _formulier(
        request,
        form,
        _("Onderwerp toevoegen"),
        _("Toevoegen"),
        reverse("kwartaalagenda:detail", args=[agenda.pk]),
        agenda=agenda,
    )


def _beginwaarden(punt: Agendapunt) -> dict[str, Any]:
    return {veld: getattr(punt, veld) for veld in services.VELDEN}


@login_required
@require_http_methods(["GET", "POST"])
def punt_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    punt = selectors.punt_voor(request.user, pk)
    form = PuntForm(_invoer(request), initial=_beginwaarden(punt))
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: services.punt_wijzigen(punt=punt, door=request.user, **form.cleaned_data),
            _("Het onderwerp is gewijzigd in het concept."),
        )
    ):
        return _naar_agenda(punt.agenda_id)
    return _formulier(
        request,
        form,
        _("Onderwerp wijzigen"),
        _("Opslaan"),
        reverse("kwartaalagenda:detail", args=[punt.agenda_id]),
        agenda=punt.agenda,
    )


@login_required
@require_http_methods(["GET", "POST"])
def punt_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: ask to confirm. POST: remove the item from the draft."""
    punt = selectors.punt_voor(request.user, pk, "delete")
    if request.method == "POST":
        try:
            services.punt_verwijderen(punt=punt, door=request.user)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            for bericht in exc.messages:
                messages.error(request, bericht)
            return _naar_agenda(punt.agenda_id)
        messages.success(
            request, _("Het onderwerp „%(t)s” is uit het concept gehaald.") % {"t": punt.titel}
        )
        return _naar_agenda(punt.agenda_id)
    return TemplateResponse(request, "kwartaalagenda/verwijderen.html", {"punt": punt})


@login_required
@require_http_methods(["GET", "POST"])
def punt_koppelen(request: HttpRequest, pk: int) -> HttpResponse:
    punt = selectors.punt_voor(request.user, pk)
    aanvragen = selectors.aanvragen_om_te_koppelen(request.user)
    zichtbaar = punt.adviesaanvraag_id is None or (
        aanvragen.filter(pk=punt.adviesaanvraag_id).exists()
    )
    form = KoppelForm(
        _invoer(request),
        aanvragen=aanvragen,
        initial={"adviesaanvraag": punt.adviesaanvraag_id if zichtbaar else None},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: services.punt_koppelen(
                punt=punt, aanvraag=form.cleaned_data["adviesaanvraag"], door=request.user
            ),
            _("De koppeling is opgeslagen."),
        )
    ):
        return _naar_agenda(punt.agenda_id)
    return _formulier(
        request,
        form,
        _("Koppelen aan een adviesaanvraag"),
        _("Opslaan"),
        reverse("kwartaalagenda:detail", args=[punt.agenda_id]),
        agenda=punt.agenda,
        punt=punt,
        onzichtbaar_gekoppeld=not zichtbaar,
    )
