"""Portal pages around the College (issue 14): who must act on a request (assigning the policy
officer), a failed delivery sent again, the receipt the account holder confirms, the chair's
extension of the response period, and the raadsvoorlegger sent to the griffie.

Thin like ``views.py``: a selector reads, a service writes; a refused request is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adviesraad.models.college import Bezorging
from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core.formulieren import uitvoeren

from . import selectors, selectors_college
from .forms import BeleidsmedewerkerForm, OntvangstForm, VerlengenForm
from .services.aanvraag import planning_wijzigen
from .services.bezorging import opnieuw_bezorgen as opnieuw_bezorgen_service
from .services.reactietermijn import ontvangst_bevestigen, reactietermijn_verlengen
from .services.toegang import BELEIDSMEDEWERKER
from .services.voorlegger import raadsvoorlegger_versturen


@login_required
@require_http_methods(["GET", "POST"])
def beleidsmedewerker(request: HttpRequest, pk: int) -> HttpResponse:
    """The account holder (or supporter) assigns the policy officer who answers for the
    municipality, where the detail page says one is missing."""
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    if not selectors.mag_beleidsmedewerker_toewijzen(request.user, aanvraag):
        raise Http404
    form = BeleidsmedewerkerForm(request.POST or None, keuzes=houders_van(BELEIDSMEDEWERKER))
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: planning_wijzigen(
                aanvraag=aanvraag,
                door=request.user,
                beleidsmedewerker=form.cleaned_data["beleidsmedewerker"],
            ),
            _("De beleidsmedewerker is toegewezen."),
        )
    ):
        return redirect("advies:detail", pk=aanvraag.pk)
    return TemplateResponse(
        request,
        "adviesraad/advies/formulier.html",
        {
            "form": form,
            "titel": _("Beleidsmedewerker toewijzen"),
            "knop": _("Toewijzen"),
            "aanvraag": aanvraag,
            "terug": reverse("advies:detail", args=[aanvraag.pk]),
        },
    )


def _stap(request: HttpRequest, pk: int, actie: Callable[[], Any], gelukt: str) -> HttpResponse:
    """A POST-only step: a refusal is a 404, a broken rule a message on the detail page."""
    try:
        actie()
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for bericht in exc.messages:
            messages.error(request, bericht)
    else:
        messages.success(request, gelukt)
    return redirect("advies:detail", pk=pk)


@login_required
@require_POST
def opnieuw_bezorgen(request: HttpRequest, pk: int, bezorging: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    try:
        rij = selectors_college.bezorging_voor(aanvraag, bezorging)
    except Bezorging.DoesNotExist as exc:
        raise Http404 from exc
    return _stap(
        request,
        aanvraag.pk,
        lambda: opnieuw_bezorgen_service(bezorging=rij, door=request.user),
        _("Het stuk staat klaar om opnieuw te versturen (dezelfde PDF)."),
    )


@login_required
@require_POST
def voorlegger_versturen(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    return _stap(
        request,
        aanvraag.pk,
        lambda: raadsvoorlegger_versturen(aanvraag=aanvraag, door=request.user),
        _("De raadsvoorlegger gaat naar de griffie."),
    )


def _pagina(request: HttpRequest, aanvraag: Any, form: Any, titel: str, knop: str) -> HttpResponse:
    return TemplateResponse(
        request,
        "adviesraad/advies/formulier.html",
        {
            "form": form,
            "titel": titel,
            "knop": knop,
            "aanvraag": aanvraag,
            "terug": reverse("advies:detail", args=[aanvraag.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ontvangst(request: HttpRequest, pk: int) -> HttpResponse:
    """The account holder records that the College's secretariat registered the advice."""
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    rij = selectors_college.te_bevestigen(request.user, aanvraag)
    if rij is None:
        raise Http404
    form = OntvangstForm(
        request.POST or None,
        initial={"geregistreerd_op": rij.geregistreerd_op, "zaaknummer": aanvraag.zaaknummer},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: ontvangst_bevestigen(bezorging=rij, door=request.user, **form.cleaned_data),
            _("De ontvangst is vastgelegd. De reactietermijn loopt vanaf die datum."),
        )
    ):
        return redirect("advies:detail", pk=aanvraag.pk)
    return _pagina(
        request, aanvraag, form, _("Ontvangst door het college vastleggen"), _("Opslaan")
    )


@login_required
@require_http_methods(["GET", "POST"])
def verlengen(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair records that the College's response period was extended, and why."""
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    if not selectors_college.mag_verlengen(request.user, aanvraag):
        raise Http404
    form = VerlengenForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: reactietermijn_verlengen(
                aanvraag=aanvraag, door=request.user, **form.cleaned_data
            ),
            _("De verlenging van de reactietermijn is vastgelegd."),
        )
    ):
        return redirect("advies:detail", pk=aanvraag.pk)
    return _pagina(request, aanvraag, form, _("Reactietermijn verlengen"), _("Opslaan"))
