"""The keepers record what happened: attendance, minutes and their approval, actions and
decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hengelo_participatie.core.formulieren import uitvoeren

from .. import selectors
from ..forms import (
    AanwezigheidForm,
    ActiepuntForm,
    BesluitForm,
    NotulenForm,
    VaststellenForm,
)
from ..models import Notulen, NotulenStatus
from ..policies import vergadering_policy
from ..services import besluiten as besluiten_services
from ..services import deelnemers as deelnemers_services
from ..services import notulen as notulen_services
from .gemeen import formulier, naar_detail


@login_required
@require_http_methods(["GET", "POST"])
def aanwezigheid(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    deelnames = list(
        vergadering.deelnames.select_related("gebruiker").order_by(
            "gebruiker__achternaam", "gebruiker__voornaam", "pk"
        )
    )
    form = AanwezigheidForm(request.POST or None, deelnames=deelnames)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: deelnemers_services.aanwezigheid_vastleggen(
                vergadering=vergadering, door=request.user, per_deelname=form.per_deelname()
            ),
            _("De aanwezigheid is vastgelegd."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(
        request,
        vergadering,
        form,
        _("Aanwezigheid vastleggen"),
        _("Opslaan"),
        uitleg=_("Wie was er, wie had zich afgemeld en wie was er zonder afmelding niet?")
        if vergadering.begin <= timezone.now()
        else _("Dit kan pas als de vergadering begonnen is."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def notulen(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    bestaand = Notulen.objects.filter(vergadering=vergadering).first()
    if bestaand is not None and bestaand.status == NotulenStatus.VASTGESTELD:
        raise Http404
    form = NotulenForm(request.POST or None, initial={"tekst": bestaand.tekst if bestaand else ""})
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: notulen_services.notulen_opslaan(
                vergadering=vergadering, tekst=form.cleaned_data["tekst"], door=request.user
            ),
            _("De conceptnotulen zijn opgeslagen."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(request, vergadering, form, _("Notulen schrijven"), _("Opslaan als concept"))


@login_required
@require_http_methods(["GET", "POST"])
def vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page: approving minutes cannot be undone."""
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    bestaand = Notulen.objects.filter(vergadering=vergadering).first()
    if bestaand is None or bestaand.status == NotulenStatus.VASTGESTELD:
        raise Http404
    form = VaststellenForm(request.POST or None, keuzes=selectors.latere_vergaderingen(vergadering))
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: notulen_services.notulen_vaststellen(
                vergadering=vergadering,
                in_vergadering=form.cleaned_data["in_vergadering"],
                door=request.user,
            ),
            _("De notulen zijn vastgesteld."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(
        request,
        vergadering,
        form,
        _("Notulen vaststellen"),
        _("Ja, notulen vaststellen"),
        uitleg=_("Vastgestelde notulen kunt u daarna niet meer veranderen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def acties(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an action; or mark one done / open again (``actiepunt`` and ``afgerond`` in the POST)."""
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    form = ActiepuntForm(
        request.POST if "actiepunt" not in request.POST else None, vergadering=vergadering
    )
    if request.method == "POST" and "actiepunt" in request.POST:
        actiepunt = vergadering.actiepunten.filter(pk=_getal(request.POST["actiepunt"])).first()
        if actiepunt is None:
            raise Http404
        try:
            besluiten_services.actiepunt_bijwerken(
                actiepunt=actiepunt, door=request.user, afgerond=request.POST.get("afgerond") == "1"
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("Het actiepunt is bijgewerkt."))
        return redirect("vergaderingen:acties", pk=vergadering.pk)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: besluiten_services.actiepunt_toevoegen(
                vergadering=vergadering, door=request.user, **form.cleaned_data
            ),
            _("Het actiepunt is toegevoegd."),
        )
    ):
        return redirect("vergaderingen:acties", pk=vergadering.pk)
    return TemplateResponse(
        request,
        "vergaderingen/acties.html",
        {
            "vergadering": vergadering,
            "form": form,
            "actiepunten": list(vergadering.actiepunten.select_related("eigenaar")),
        },
    )


def _getal(waarde: str) -> int:
    try:
        return int(waarde)
    except ValueError:
        return 0


@login_required
@require_http_methods(["GET", "POST"])
def besluiten(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_policy.get_object_for(request.user, "change", pk=pk)
    form = BesluitForm(request.POST or None, vergadering=vergadering)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: besluiten_services.besluit_vastleggen(
                vergadering=vergadering, door=request.user, **form.cleaned_data
            ),
            _("Het besluit is vastgelegd."),
        )
    ):
        return naar_detail(vergadering)
    return formulier(request, vergadering, form, _("Besluit vastleggen"), _("Opslaan"))
