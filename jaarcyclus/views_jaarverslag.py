"""Portal pages of the annual report and the presentation pack, and their PDFs (made in Celery).

The page shows the figures of ``jaarverslag.jaarcijfers`` for a year (``?jaar=``, 2000–2100,
anything else is the current year); the PDF is asked for with a POST and made in the background.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hengelo_participatie.core import queryparams
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.views import bestand_serveren

from .jaarverslag import jaarcijfers, per_jaar_tabel
from .models import Jaarverslag, VerslagSoort
from .policies import jaarverslag_policy
from .services.jaarverslag import jaarverslag_aanvragen as aanvragen


def _toegang(request: HttpRequest) -> None:
    if not jaarverslag_policy.user_has_perm(request.user, "view"):
        raise Http404


def _jaar(request: HttpRequest) -> int:
    jaar = queryparams.jaar(request.GET)
    return jaar if jaar is not None and 2000 <= jaar <= 2100 else vandaag().year


def _pagina(request: HttpRequest, soort: str, template: str) -> HttpResponse:
    _toegang(request)
    jaar = _jaar(request)
    cijfers = jaarcijfers(jaar=jaar, peildatum=vandaag())
    return TemplateResponse(
        request,
        template,
        {
            "c": cijfers,
            "per_jaar": per_jaar_tabel(cijfers),
            "jaren": list(range(vandaag().year, vandaag().year - 10, -1)),
            "verslag": Jaarverslag.objects.filter(jaar=jaar, soort=soort)
            .select_related("pdf")
            .first(),
            "soort": soort,
            "mag_pdf": jaarverslag_policy.user_has_perm(request.user, "add"),
        },
    )


@require_GET
@login_required
def jaarverslag(request: HttpRequest) -> HttpResponse:
    return _pagina(request, VerslagSoort.JAARVERSLAG, "jaarcyclus/jaarverslag.html")


@require_GET
@login_required
def presentatie(request: HttpRequest) -> HttpResponse:
    return _pagina(request, VerslagSoort.PRESENTATIE, "jaarcyclus/presentatie.html")


@require_POST
@login_required
def pdf_aanvragen(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    jaar = queryparams.jaar(request.POST)
    if jaar is None or not 2000 <= jaar <= 2100:
        raise Http404
    soort = queryparams.keuze(request.POST, "soort", VerslagSoort.values, VerslagSoort.JAARVERSLAG)
    try:
        aanvraag = aanvragen(jaar=jaar, soort=soort, door=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    return HttpResponseRedirect(
        reverse("jaarcyclus:pdf_status", kwargs={"verslag_id": aanvraag.verslag.pk})
    )


def _verslag(request: HttpRequest, verslag_id: int) -> Jaarverslag:
    return jaarverslag_policy.get_object_for(
        request.user, "view", queryset=Jaarverslag.objects.select_related("pdf"), pk=verslag_id
    )


@require_GET
@login_required
def pdf_status(request: HttpRequest, verslag_id: int) -> HttpResponse:
    context: dict[str, Any] = {"verslag": _verslag(request, verslag_id)}
    if request.headers.get("HX-Request") == "true":
        return TemplateResponse(request, "jaarcyclus/_pdf_status.html", context)
    return TemplateResponse(request, "jaarcyclus/pdf_status.html", context)


@require_GET
@login_required
def pdf_downloaden(request: HttpRequest, verslag_id: int) -> FileResponse:
    verslag = _verslag(request, verslag_id)
    if verslag.status != verslag.Status.KLAAR:
        raise Http404
    return bestand_serveren(request, verslag.pdf_id)
