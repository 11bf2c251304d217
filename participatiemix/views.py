"""Portal and public pages of the participatiemix. Thin: selectors read, services write.

Every object a user reaches comes through ``selectors`` (and so the permission policy): a
moderator reaches only the activities they moderate, anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hengelo_participatie.core import queryparams
from hengelo_participatie.core.paginering import huidig_jaar_eerst, pagineer
from hengelo_participatie.files.views import bestand_serveren

from . import jaarrapport, selectors, workflow
from .forms import (
    WEERGAVE_ALLES,
    WEERGAVE_PORTEFEUILLE,
    ActiviteitFilterForm,
    JaarForm,
    OnderzoekFilterForm,
    OpbrengstFilterForm,
    OpbrengstForm,
    PortefeuilleFilterForm,
    VerslagForm,
)
from .policies import activiteit_policy, jaarrapportage_policy
from .relevantie import Relevantie, relevante_wetten_voor
from .services import inbreng
from .services.rapportage import jaarrapportage_aanvragen as rapportage_aanvragen

PAGINA = 50
#: Activities per page of the paginated activities list.
ACTIVITEITEN_PER_PAGINA = 25


def _portefeuille_weergave(
    request: HttpRequest, filters: PortefeuilleFilterForm, relevantie: Relevantie
) -> dict[str, Any]:
    """The view a portfolio holder chose ("Voor mijn portefeuille" or "Toon alles"): the
    ``Domein`` codes to narrow to (None: everything), and the toggle, which keeps the filters."""
    alleen = filters.alleen_portefeuille()
    wissel = request.GET.copy()
    wissel.pop("pagina", None)  # the other view has other pages: start at the first
    wissel["weergave"] = WEERGAVE_ALLES if alleen else WEERGAVE_PORTEFEUILLE
    return {
        "domeinen": relevantie.domeinen if alleen else None,
        "relevantie": relevantie,
        "alleen_portefeuille": alleen,
        "wissel_url": f"?{wissel.urlencode()}",
    }


# --- Activities -------------------------------------------------------------------------------
@require_GET
@login_required
def activiteiten(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    relevantie = relevante_wetten_voor(request.user, vandaag)
    filters = ActiviteitFilterForm(
        request.GET or None,
        jaren=huidig_jaar_eerst(selectors.beschikbare_jaren(peildatum=vandaag), vandaag.year),
        portefeuillehouder=bool(relevantie),
    )
    jaar = instrument_id = None
    if filters.is_valid():
        jaar = filters.cleaned_data.get("jaar")
        instrument = filters.cleaned_data.get("instrument")
        instrument_id = instrument.pk if instrument else None
    weergave = _portefeuille_weergave(request, filters, relevantie)
    in_links = {
        "weergave": filters.cleaned_data.get("weergave") if filters.is_bound else None,
        "jaar": jaar,
        "instrument": instrument_id,
    }
    paginering = pagineer(
        selectors.activiteiten_lijst(
            request.user,
            jaar=jaar,
            instrument_id=instrument_id,
            domeinen=weergave["domeinen"],
            huidig_jaar=vandaag.year,
        ),
        queryparams.pagina(request.GET),
        per_pagina=ACTIVITEITEN_PER_PAGINA,
        filters=in_links,
    )
    return TemplateResponse(
        request,
        "participatiemix/activiteiten.html",
        {
            "activiteiten": list(paginering.pagina.object_list),
            "paginering": paginering,
            "filters": filters,
            "vandaag": vandaag,
            **weergave,
        },
    )


@require_GET
@login_required
def activiteit(request: HttpRequest, activiteit_id: int) -> HttpResponse:
    gevonden = selectors.activiteit_voor(request.user, activiteit_id)
    details = selectors.activiteit_details(gevonden)
    return TemplateResponse(
        request,
        "participatiemix/activiteit.html",
        {
            "activiteit": details,
            "mag_aanvullen": activiteit_policy.user_has_perm_for_object(
                request.user, "change", details
            )
            and details.status != details.Status.AFGESLOTEN,
            "overgangen": workflow.mogelijke_overgangen(details),
            "vandaag": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def verslag_uploaden(request: HttpRequest, activiteit_id: int) -> HttpResponse:
    gevonden = selectors.activiteit_voor(request.user, activiteit_id, "change")
    form = VerslagForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            inbreng.verslag_uploaden(
                activiteit=gevonden, door=request.user, upload=form.cleaned_data["verslag"]
            )
        except ValidationError as exc:
            form.add_error("verslag", exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect("participatiemix:activiteit", activiteit_id=gevonden.pk)
    return TemplateResponse(
        request, "participatiemix/verslag_form.html", {"activiteit": gevonden, "form": form}
    )


@require_http_methods(["GET", "POST"])
@login_required
def opbrengst_toevoegen(request: HttpRequest, activiteit_id: int) -> HttpResponse:
    gevonden = selectors.activiteit_voor(request.user, activiteit_id, "change")
    form = OpbrengstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inbreng.opbrengst_toevoegen(activiteit=gevonden, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("De opbrengst is toegevoegd."))
            return redirect("participatiemix:activiteit", activiteit_id=gevonden.pk)
    return TemplateResponse(
        request, "participatiemix/opbrengst_form.html", {"activiteit": gevonden, "form": form}
    )


@require_GET
@login_required
def verslag_downloaden(request: HttpRequest, activiteit_id: int) -> FileResponse:
    """The report of an activity the user may see: the same policy as ``/bestanden/<id>/``."""
    gevonden = selectors.activiteit_voor(request.user, activiteit_id)
    return bestand_serveren(request, gevonden.verslag_id)


@require_GET
@login_required
def opbrengsten(request: HttpRequest) -> HttpResponse:
    relevantie = relevante_wetten_voor(request.user, timezone.localdate())
    filters = OpbrengstFilterForm(request.GET or None, portefeuillehouder=bool(relevantie))
    soort = thema_id = None
    if filters.is_valid():
        soort = filters.cleaned_data.get("soort") or None
        thema = filters.cleaned_data.get("thema")
        thema_id = thema.pk if thema else None
    weergave = _portefeuille_weergave(request, filters, relevantie)
    lijst = list(
        selectors.opbrengsten_zichtbaar_voor(
            request.user, soort=soort, thema_id=thema_id, domeinen=weergave["domeinen"]
        )[:PAGINA]
    )
    return TemplateResponse(
        request,
        "participatiemix/opbrengsten.html",
        {"opbrengsten": lijst, "filters": filters, "pagina": PAGINA, **weergave},
    )


# --- Yearly report ----------------------------------------------------------------------------
def _jaarrapport_toegang(request: HttpRequest) -> None:
    if not jaarrapport.jaarrapport_toegestaan(request.user):
        raise Http404


@require_GET
@login_required
def jaarrapportage(request: HttpRequest) -> HttpResponse:
    _jaarrapport_toegang(request)
    vandaag = timezone.localdate()
    jaren = selectors.beschikbare_jaren(peildatum=vandaag)
    keuze = JaarForm(request.GET if "jaar" in request.GET else None, jaren=jaren)
    jaar = keuze.cleaned_data["jaar"] if keuze.is_bound and keuze.is_valid() else vandaag.year
    if not keuze.is_bound:
        keuze = JaarForm(initial={"jaar": jaar}, jaren=jaren)
    return TemplateResponse(
        request,
        "participatiemix/jaarrapportage.html",
        {
            "rapport": jaarrapport.jaarrapport(jaar=jaar, peildatum=vandaag),
            "keuze": keuze,
            "te_laat": list(selectors.terugkoppelingen_te_laat(peildatum=vandaag)[:PAGINA]),
            "rapportage": selectors.laatste_jaarrapportage(jaar),
            "mag_pdf": jaarrapportage_policy.user_has_perm(request.user, "add"),
        },
    )


@require_POST
@login_required
def jaarrapportage_aanvragen(request: HttpRequest) -> HttpResponse:
    _jaarrapport_toegang(request)
    try:
        jaar = int(request.POST.get("jaar", ""))
    except ValueError as exc:
        raise Http404 from exc
    if not 2000 <= jaar <= 2100:
        raise Http404
    try:
        aanvraag = rapportage_aanvragen(jaar=jaar, door=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    return HttpResponseRedirect(
        reverse(
            "participatiemix:jaarrapportage_status",
            kwargs={"rapportage_id": aanvraag.rapportage.pk},
        )
    )


@require_GET
@login_required
def jaarrapportage_status(request: HttpRequest, rapportage_id: int) -> HttpResponse:
    rapportage = selectors.jaarrapportage_voor(request.user, rapportage_id)
    context: dict[str, Any] = {"rapportage": rapportage}
    if request.headers.get("HX-Request") == "true":
        return TemplateResponse(request, "participatiemix/_jaarrapportage_status.html", context)
    return TemplateResponse(request, "participatiemix/jaarrapportage_status.html", context)


@require_GET
@login_required
def jaarrapportage_downloaden(request: HttpRequest, rapportage_id: int) -> FileResponse:
    rapportage = selectors.jaarrapportage_voor(request.user, rapportage_id)
    if rapportage.status != rapportage.Status.KLAAR:
        raise Http404
    return bestand_serveren(request, rapportage.pdf_id)


# --- Survey indicators ------------------------------------------------------------------------
@require_GET
@login_required
def indicatoren(request: HttpRequest) -> HttpResponse:
    filters = OnderzoekFilterForm(request.GET or None)
    onderzoek = filters.cleaned_data.get("onderzoek") if filters.is_valid() else None
    vergelijking = selectors.indicatoren_vergelijking(request.user, onderzoek=onderzoek or None)
    return TemplateResponse(
        request,
        "participatiemix/indicatoren.html",
        {"vergelijking": vergelijking, "filters": filters},
    )


# --- Public: "Je zei, wij deden" --------------------------------------------------------------
@require_GET
def publiek_overzicht(request: HttpRequest) -> HttpResponse:
    lijst = list(selectors.publieke_terugkoppelingen()[:PAGINA])
    return TemplateResponse(
        request, "participatiemix/publiek/overzicht.html", {"terugkoppelingen": lijst}
    )


@require_GET
def publiek_activiteit(request: HttpRequest, activiteit_id: int) -> HttpResponse:
    terugkoppeling = selectors.publieke_terugkoppeling(activiteit_id)
    return TemplateResponse(
        request, "participatiemix/publiek/activiteit.html", {"terugkoppeling": terugkoppeling}
    )
