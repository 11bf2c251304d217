"""The keepers prepare a meeting: plan it, invite, remove, agenda, documents, invitation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from adviesraad.advies.policies import aanvraag_policy
from hengelo_participatie.core.formulieren import uitvoeren

from .. import selectors
from ..forms import (
    AgendapuntForm,
    DeelnemersForm,
    StukForm,
    VergaderingForm,
)
from ..models import Vergadering
from ..policies import vergadering_policy
from ..services import agenda as agenda_services
from ..services import deelnemers as deelnemers_services
from ..services import stukken as stukken_services
from ..services import uitnodiging as uitnodiging_services
from ..services import vergadering as vergadering_services
from .gemeen import formulier, naar_detail, verwijderen_bevestigen


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    if not vergadering_policy.beheert(request.user):
        raise Http404
    form = VergaderingForm(request.POST or None)
    resultaat: dict[str, Vergadering] = {}
    if request.method == "POST" and form.is_valid():

        def actie() -> None:
            resultaat["v"] = vergadering_services.vergadering_aanmaken(
                door=request.user, **form.cleaned_data
            )

        if uitvoeren(request, form, actie, _("De vergadering is gepland.")):
            return naar_detail(resultaat["v"])
    return formulier(request, None, form, _("Nieuwe vergadering"), _("Plannen"))


@login_required
@require_http_methods(["GET", "POST"])
def deelnemers(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    form = DeelnemersForm(request.POST or None, vergadering=vergadering)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: deelnemers_services.deelnemers_uitnodigen(
                vergadering=vergadering,
                gebruikers=form.cleaned_data["gebruikers"],
                door=request.user,
            ),
            _("De deelnemers zijn toegevoegd."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(
        request,
        vergadering,
        form,
        _("Deelnemers toevoegen"),
        _("Toevoegen"),
        template="vergaderingen/deelnemers.html",
        deelnames=list(
            vergadering.deelnames.select_related("gebruiker").order_by(
                "gebruiker__achternaam", "gebruiker__voornaam", "pk"
            )
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def deelname_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: who will be taken off the meeting. POST: take them off."""
    deelname = vergadering_policy.deelname_voor(request.user, pk)
    naam = deelname.gebruiker.get_full_name() or deelname.gebruiker.email
    return verwijderen_bevestigen(
        request,
        actie=lambda: deelnemers_services.deelname_verwijderen(
            deelname=deelname, door=request.user
        ),
        gelukt=_("%(naam)s doet niet meer mee aan deze vergadering.") % {"naam": naam},
        terug=reverse("vergaderingen:deelnemers", args=[deelname.vergadering_id]),
        template="vergaderingen/deelname_verwijderen.html",
        context={"deelname": deelname, "naam": naam, "vergadering": deelname.vergadering},
        reden=deelnemers_services.deelname_verwijderbaar(deelname),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agendapunt_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: which item will be taken off the agenda. POST: take it off."""
    punt = vergadering_policy.agendapunt_voor(request.user, pk)
    return verwijderen_bevestigen(
        request,
        actie=lambda: agenda_services.agendapunt_verwijderen(agendapunt=punt, door=request.user),
        gelukt=_("Het agendapunt „%(titel)s” is van de agenda gehaald.") % {"titel": punt.titel},
        terug=reverse("vergaderingen:agenda", args=[punt.vergadering_id]),
        template="vergaderingen/agendapunt_verwijderen.html",
        context={
            "punt": punt,
            "vergadering": punt.vergadering,
            "stukken": selectors.zichtbare_stukken(request.user, list(punt.stukken.order_by("pk"))),
        },
        reden=agenda_services.agendapunt_verwijderbaar(punt),
    )


def _agenda_forms(request: HttpRequest, vergadering: Vergadering, aanvragen: Any) -> list[Any]:
    forms = []
    for punt in vergadering.agendapunten.all():
        f = AgendapuntForm(
            request.POST if request.POST.get("punt") == str(punt.pk) else None,
            prefix=f"p{punt.pk}",
            aanvragen=aanvragen,
            initial={
                "volgorde": punt.volgorde,
                "titel": punt.titel,
                "toelichting": punt.toelichting,
                "adviesaanvraag": punt.adviesaanvraag_id,
            },
        )
        f.punt = punt
        forms.append(f)
    return forms


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an agenda item or change one (``punt`` in the POST names which)."""
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    aanvragen = aanvraag_policy.zichtbaar_zonder_extra_queries(request.user).order_by("-kenmerk")
    bestaande = _agenda_forms(request, vergadering, aanvragen)
    nieuw_form = AgendapuntForm(
        request.POST if request.POST.get("punt") == "nieuw" else None,
        prefix="nieuw",
        aanvragen=aanvragen,
    )
    if request.method == "POST":
        doel = next(
            (f for f in bestaande if f.is_bound), nieuw_form if nieuw_form.is_bound else None
        )
        if doel is None:
            raise Http404
        if doel.is_valid() and uitvoeren(
            request,
            doel,
            lambda: agenda_services.agendapunt_opslaan(
                vergadering=vergadering,
                door=request.user,
                agendapunt=getattr(doel, "punt", None),
                **doel.cleaned_data,
            ),
            _("Het agendapunt is opgeslagen."),
        ):
            return redirect("vergaderingen:agenda", pk=vergadering.pk)
    return TemplateResponse(
        request,
        "vergaderingen/agenda.html",
        {"vergadering": vergadering, "bestaande": bestaande, "nieuw_form": nieuw_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stuk(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    form = StukForm(request.POST or None, request.FILES or None, vergadering=vergadering)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: stukken_services.stuk_toevoegen(
                vergadering=vergadering,
                upload=form.cleaned_data["upload"],
                titel=form.cleaned_data["titel"],
                vertrouwelijk=form.cleaned_data["vertrouwelijk"],
                agendapunt=form.cleaned_data["agendapunt"],
                door=request.user,
            ),
            _("Het document is toegevoegd."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(
        request, vergadering, form, _("Document toevoegen"), _("Toevoegen"), multipart=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page, then the invitation goes out to every participant."""
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    termijn = uitnodiging_services.stukkentermijn(vergadering)
    fouten: list[str] = []
    if request.method == "POST":
        try:
            uitnodiging = uitnodiging_services.uitnodiging_versturen(
                vergadering=vergadering, door=request.user
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            fouten = exc.messages
        else:
            messages.success(
                request,
                _("De uitnodiging staat klaar voor %(n)s deelnemer(s).")
                % {"n": uitnodiging.ontvangers},
            )
            if uitnodiging.waarschuwing:
                messages.warning(request, uitnodiging.waarschuwing)
            return naar_detail(vergadering)
    return TemplateResponse(
        request,
        "vergaderingen/uitnodigen.html",
        {
            "vergadering": vergadering,
            "termijn": termijn,
            "waarschuwing": termijn.waarschuwing(timezone.localdate()),
            "deelnemers": vergadering.deelnames.count(),
            "stukken": vergadering.stukken.count(),
            "fouten": fouten,
        },
    )
