"""Portal pages of the evaluations: list, create, detail with anonymous results, questionnaire.

Views are thin: a selector reads, a service writes; a refused object is a 404 like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors
from .forms import (
    ActieForm,
    ActieStatusForm,
    AfrondenForm,
    ConclusieForm,
    EvaluatieForm,
    VraagForm,
    VragenlijstForm,
)
from .models import EvaluatieSoort, Vervolgactie
from .policies import BEHEREN, evaluatie_policy
from .services import evaluaties, vragenlijst

#: The evaluations whose conclusions feed the verordening and the samenwerkingsafspraken.
MET_CONCLUSIES = (EvaluatieSoort.TOTAAL, EvaluatieSoort.GEZAMENLIJK)


def _naar(evaluatie_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": evaluatie_id})
    )


def _fout(request: HttpRequest, exc: ValidationError) -> None:
    for melding in exc.messages:
        messages.error(request, melding)


@require_GET
@login_required
def overzicht(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "jaarcyclus/evaluaties.html",
        {
            "regels": selectors.evaluaties_voor(request.user),
            "mag_aanmaken": evaluatie_policy.user_has_perm(request.user, BEHEREN),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    if not evaluatie_policy.user_has_perm(request.user, BEHEREN):
        raise Http404
    form = EvaluatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluatie = evaluaties.evaluatie_aanmaken(door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except PermissionDenied:
            form.add_error("soort", _("U mag deze soort evaluatie niet aanmaken."))
        else:
            messages.success(request, _("De evaluatie is aangemaakt."))
            return _naar(evaluatie.pk)
    return TemplateResponse(request, "jaarcyclus/evaluatie_nieuw.html", {"form": form})


@require_GET
@login_required
def detail(request: HttpRequest, evaluatie_id: int) -> HttpResponse:
    gegevens = selectors.evaluatie_detail(request.user, evaluatie_id)
    context: dict[str, Any] = {"d": gegevens, "evaluatie": gegevens.evaluatie}
    if gegevens.mag_beheren and gegevens.evaluatie.is_open:
        context |= {
            "vraag_form": VraagForm(),
            "actie_form": ActieForm(),
            "afronden_form": AfrondenForm(),
        }
    elif gegevens.mag_beheren:
        context["actie_form"] = ActieForm()
    if gegevens.mag_beheren and gegevens.evaluatie.soort in MET_CONCLUSIES:
        context["conclusie_form"] = ConclusieForm()
    context["status_form"] = ActieStatusForm()
    return TemplateResponse(request, "jaarcyclus/evaluatie.html", context)


def _beheerd(request: HttpRequest, evaluatie_id: int) -> Any:
    evaluatie = selectors.evaluatie_voor(request.user, evaluatie_id)
    if not evaluatie_policy.user_has_perm_for_object(request.user, BEHEREN, evaluatie):
        raise Http404
    return evaluatie


@require_POST
@login_required
def vragen(request: HttpRequest, evaluatie_id: int) -> HttpResponse:
    evaluatie = _beheerd(request, evaluatie_id)
    try:
        if "ombudsman" in request.POST:
            nieuw = evaluaties.vragen_toevoegen(
                evaluatie=evaluatie, vragen=evaluaties.ombudsman_stellingen(), door=request.user
            )
        else:
            form = VraagForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Vul de soort en de tekst van de vraag in."))
                return _naar(evaluatie.pk)
            nieuw = evaluaties.vragen_toevoegen(
                evaluatie=evaluatie,
                vragen=[(form.cleaned_data["soort"], form.cleaned_data["tekst"])],
                door=request.user,
            )
    except ValidationError as exc:
        _fout(request, exc)
    else:
        messages.success(request, _("%(n)s vraag/vragen toegevoegd.") % {"n": len(nieuw)})
    return _naar(evaluatie.pk)


@require_POST
@login_required
def afronden(request: HttpRequest, evaluatie_id: int) -> HttpResponse:
    evaluatie = _beheerd(request, evaluatie_id)
    form = AfrondenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf de resultaten op."))
        return _naar(evaluatie.pk)
    try:
        evaluaties.evaluatie_afronden(
            evaluatie=evaluatie, resultaten=form.cleaned_data["resultaten"], door=request.user
        )
    except ValidationError as exc:
        _fout(request, exc)
    else:
        messages.success(request, _("De evaluatie is afgerond."))
    return _naar(evaluatie.pk)


@require_POST
@login_required
def conclusie(request: HttpRequest, evaluatie_id: int) -> HttpResponse:
    evaluatie = _beheerd(request, evaluatie_id)
    form = ConclusieForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf de conclusie op en kies geldige artikelen."))
        return _naar(evaluatie.pk)
    evaluaties.conclusie_toevoegen(evaluatie=evaluatie, door=request.user, **form.cleaned_data)
    messages.success(request, _("De conclusie is toegevoegd."))
    return _naar(evaluatie.pk)


@require_POST
@login_required
def actie_nieuw(request: HttpRequest, evaluatie_id: int) -> HttpResponse:
    evaluatie = _beheerd(request, evaluatie_id)
    form = ActieForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul de vervolgactie, de eigenaar en de datum in."))
        return _naar(evaluatie.pk)
    try:
        evaluaties.vervolgactie_toevoegen(
            evaluatie=evaluatie, door=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        _fout(request, exc)
    else:
        messages.success(request, _("De vervolgactie is toegevoegd."))
    return _naar(evaluatie.pk)


@require_POST
@login_required
def actie_status(request: HttpRequest, evaluatie_id: int, actie_id: int) -> HttpResponse:
    evaluatie = selectors.evaluatie_voor(request.user, evaluatie_id)
    actie = get_object_or_404(Vervolgactie, pk=actie_id, evaluatie=evaluatie)
    form = ActieStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return _naar(evaluatie.pk)
    try:
        evaluaties.vervolgactie_bijwerken(
            actie=actie, status=form.cleaned_data["status"], door=request.user
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("De status is bijgewerkt."))
    return _naar(evaluatie.pk)


@require_http_methods(["GET", "POST"])
@login_required
def invullen(request: HttpRequest, evaluatie_id: int) -> HttpResponse:
    evaluatie = selectors.evaluatie_voor(request.user, evaluatie_id)
    if not vragenlijst.mag_invullen(request.user, evaluatie):
        raise Http404
    vragen_lijst = list(evaluatie.vragen.all())
    if not vragen_lijst:
        raise Http404
    form = VragenlijstForm(request.POST or None, vragen=vragen_lijst)
    if request.method == "POST" and form.is_valid():
        try:
            vragenlijst.vragenlijst_beantwoorden(
                evaluatie=evaluatie, antwoorden=form.antwoorden(), door=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Dank u wel. Uw antwoorden zijn anoniem opgeslagen."))
            return _naar(evaluatie.pk)
    return TemplateResponse(
        request, "jaarcyclus/invullen.html", {"evaluatie": evaluatie, "form": form}
    )
