"""What everyone who takes part sees and does: the list, a meeting, the RSVP, attendance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hengelo_participatie.core import queryparams
from hengelo_participatie.core.formulieren import uitvoeren

from .. import selectors
from ..forms import (
    AanmeldForm,
)
from ..models import Soort, Status
from ..policies import vergadering_policy
from ..services import deelnemers as deelnemers_services
from .gemeen import formulier, naar_detail


@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    o = selectors.overzicht(
        request.user,
        pagina=queryparams.pagina(request.GET),
        jaar=queryparams.jaar(request.GET),
        soort=queryparams.keuze(request.GET, "soort", Soort.values),
        status=queryparams.keuze(request.GET, "status", Status.values),
    )
    return TemplateResponse(request, "vergaderingen/overzicht.html", {"o": o})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.vergadering_detail(request.user, pk)
    return TemplateResponse(
        request,
        "vergaderingen/detail.html",
        {
            "d": d,
            "aanmeld_form": AanmeldForm(
                initial={
                    "aanmelding": d.mijn.aanmelding
                    if d.mijn and d.mijn.aanmelding != "onbekend"
                    else None,
                    "toelichting": d.mijn.aanmelding_toelichting if d.mijn else "",
                }
            ),
            "waarschuwing": d.termijn.waarschuwing(timezone.localdate()) if d.beheer else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def aanmelden(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_policy.get_object_for(request.user, "view", pk=pk)
    mijn = vergadering.deelnames.filter(gebruiker=request.user).first()
    if mijn is None:
        raise Http404
    form = AanmeldForm(
        request.POST or None,
        initial={
            "aanmelding": mijn.aanmelding if mijn.aanmelding != "onbekend" else None,
            "toelichting": mijn.aanmelding_toelichting,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: deelnemers_services.aanmelden(
                vergadering=vergadering,
                door=request.user,
                aanmelding=form.cleaned_data["aanmelding"],
                toelichting=form.cleaned_data["toelichting"],
            ),
            _("Dank u. We weten nu of u komt."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(request, vergadering, form, _("Komt u?"), _("Doorgeven"))


@login_required
@require_GET
def aanwezigheid_overzicht(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "vergaderingen/aanwezigheid_overzicht.html",
        {"o": selectors.aanwezigheidsoverzicht(request.user)},
    )
