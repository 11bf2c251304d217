"""The council's overview "Toezeggingen" (what became of each adopted point), its CSV export,
and one follow-up record: kept up to date by the account holder and policy staff, asked after by
the chair. Thin: selectors read (``selectors_toezeggingen``), services write."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from adviesraad.models.toezeggingen import ToezeggingStatus
from hengelo_participatie.core import queryparams
from hengelo_participatie.core.downloads import download_response
from hengelo_participatie.core.formulieren import uitvoeren
from hengelo_participatie.core.schrijven import vandaag

from . import selectors_toezeggingen as sel
from .forms import ToezeggingForm
from .services.toezegging import stand_vragen, toezegging_bijwerken

#: A cell starting with one of these is a formula in a spreadsheet (CSV injection, OWASP).
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde: str) -> str:
    """Neutralise formula injection: prefix a cell a spreadsheet would run with a quote."""
    return "'" + waarde if waarde.startswith(FORMULE_TEKENS) else waarde


def _filters(request: HttpRequest) -> sel.Filters:
    return sel.Filters(
        status=queryparams.keuze(request.GET, "status", ToezeggingStatus.values),
        wet=queryparams.code(request.GET, "wet"),
        jaar=queryparams.jaar(request.GET),
        te_laat=queryparams.keuze(request.GET, "te_laat", ["1"]) == "1",
    )


@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    o = sel.overzicht(
        request.user,
        filters=_filters(request),
        op=vandaag(),
        pagina=queryparams.pagina(request.GET),
    )
    return TemplateResponse(request, "adviesraad/advies/toezeggingen.html", {"o": o})


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    for rij in sel.csv_rijen(request.user, filters=_filters(request), op=vandaag()):
        schrijver.writerow([veilige_cel(cel) for cel in rij])
    inhoud = ("\ufeff" + uit.getvalue()).encode("utf-8")  # BOM: spreadsheets read UTF-8
    return download_response(inhoud, "toezeggingen.csv", "text/csv; charset=utf-8")


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = sel.detail(request.user, pk, vandaag())
    t = d.toezegging
    form = None
    if d.mag_bijwerken:
        form = ToezeggingForm(
            request.POST or None,
            initial={
                "belofte": t.belofte,
                "afdeling": t.afdeling,
                "verwacht_op": t.verwacht_op,
                "status": t.status,
                "vervallen_reden": t.vervallen_reden,
            },
        )
        if (
            request.method == "POST"
            and form.is_valid()
            and uitvoeren(
                request,
                form,
                lambda: toezegging_bijwerken(toezegging=t, door=request.user, **form.cleaned_data),
                _("De toezegging is bijgewerkt."),
            )
        ):
            return redirect("advies:toezegging", pk=t.pk)
    elif request.method == "POST":
        raise Http404
    return TemplateResponse(request, "adviesraad/advies/toezegging.html", {"d": d, "form": form})


@login_required
@require_POST
def stand(request: HttpRequest, pk: int) -> HttpResponse:
    toezegging = sel.toezegging_voor(request.user, pk)
    try:
        stand_vragen(toezegging=toezegging, door=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for bericht in exc.messages:
            messages.error(request, bericht)
    else:
        messages.success(
            request, _("De accounthouder krijgt het verzoek om de stand door te geven.")
        )
    return redirect("advies:toezegging", pk=toezegging.pk)
