"""Portal pages around the College: who must act on a request (assigning the policy officer).

Thin like ``views.py``: a selector reads, a service writes; a refused request is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core.formulieren import uitvoeren

from . import selectors
from .forms import BeleidsmedewerkerForm
from .services.aanvraag import planning_wijzigen
from .services.toegang import BELEIDSMEDEWERKER


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
