"""Thin views: a selector reads, a service writes, the template holds the text."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hengelo_participatie.core.formulieren import fouten_naar_form
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.core.teller import binnen_limiet

from . import regels, selectors, selectors_werving
from .forms import AanmeldingForm, BeoordelingForm, VerklaringForm
from .policies import BEOORDELEN, verklaring_policy
from .services.aanmelding import aanmelding_indienen
from .services.verklaringen import verklaring_beoordelen, verklaring_indienen


# --- public -------------------------------------------------------------------------------------
def openbaar(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "adviesraad/openbaar.html", {"zetels": selectors.zetels_op()})


def foto(request: HttpRequest, pk: int) -> FileResponse:
    bestand = selectors.openbare_foto(pk=pk)
    response = FileResponse(bestand.bestand.open("rb"), content_type=bestand.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- public recruitment (issue 15 §8) ------------------------------------------------------------
#: At most this many applications per client (hashed IP address) per hour.
AANMELDINGEN_PER_UUR = 5


def vacatures(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "adviesraad/vacatures.html",
        {"vacatures": selectors_werving.open_vacatures(op=vandaag())},
    )


@require_http_methods(["GET", "POST"])
def vacature(request: HttpRequest, pk: int) -> HttpResponse:
    """A vacancy and its application form; no account needed. Spam protection without a
    third-party CAPTCHA: a honeypot field and a rate limit per client."""
    op = vandaag()
    open_vacature = selectors_werving.open_vacature(pk=pk, op=op)
    bewaartermijn = str(regels.bewaartermijn_kandidaten(op).waarde)
    form = AanmeldingForm(request.POST or None, bewaartermijn=bewaartermijn)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            # Looks like success to the bot; nothing is stored.
            messages.success(request, _("Bedankt voor uw aanmelding."))
            return redirect("adviesraad:vacatures")
        if not binnen_limiet("aanmelding", request, maximum=AANMELDINGEN_PER_UUR, venster=3600):
            form.add_error(
                None,
                _("U heeft al veel aanmeldingen verstuurd. Probeer het over een uur opnieuw."),
            )
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                aanmelding_indienen(
                    vacature=open_vacature.vacature,
                    naam=d["naam"],
                    email=d["email"],
                    telefoon=d["telefoon"],
                    postcode=d["postcode"],
                    motivatie=d["motivatie"],
                    themas=d["themas"],
                    kanaal=d["kanaal"],
                    toestemming=d["toestemming"],
                )
            except ValidationError as exc:
                fouten_naar_form(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Bedankt voor uw aanmelding. U krijgt een bevestiging per e-mail. "
                        "De selectiecommissie neemt contact met u op."
                    ),
                )
                return redirect("adviesraad:vacatures")
    return TemplateResponse(
        request,
        "adviesraad/vacature.html",
        {"open": open_vacature, "form": form, "bewaartermijn": bewaartermijn},
        status=status,
    )


# --- portal -------------------------------------------------------------------------------------
@login_required
def werving(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "adviesraad/werving.html",
        {"regels": selectors_werving.werving_overzicht(user=request.user)},
    )


@login_required
def mijn_lidmaatschap(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "adviesraad/mijn_lidmaatschap.html",
        {"lid": selectors.lid_van(request.user), "vandaag": timezone.localdate()},
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    data = selectors.persoonsgegevens_export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-adviesraad.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def leden(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "adviesraad/leden.html", {"zetels": selectors.leden_zichtbaar_voor(request.user)}
    )


@login_required
def samenstelling(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "adviesraad/samenstelling.html",
        {"samenstelling": selectors.samenstelling(user=request.user)},
    )


@login_required
def verklaringen(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "adviesraad/verklaringen.html",
        {"verklaringen": selectors.verklaringen_zichtbaar_voor(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def verklaring(request: HttpRequest, pk: int) -> HttpResponse:
    verklaring = selectors.verklaring_lezen(user=request.user, pk=pk, via="portaal")
    # A superuser reaches every declaration, but reads (and so assesses) no member's text.
    tekst_zichtbaar = verklaring_policy.mag_tekst_lezen(request.user, van=verklaring.lid.user_id)
    mag_beoordelen = (
        tekst_zichtbaar
        and verklaring_policy.user_has_perm(request.user, BEOORDELEN)
        and verklaring.lid.user_id != request.user.pk
    )
    form = BeoordelingForm(request.POST or None) if mag_beoordelen else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                verklaring_beoordelen(
                    verklaring=verklaring,
                    beoordeling=form.cleaned_data["beoordeling"],
                    afspraak=form.cleaned_data["afspraak"],
                    door=request.user,
                )
            except ValidationError as exc:
                fouten_naar_form(form, exc)
            else:
                messages.success(request, _("Uw beoordeling is opgeslagen."))
                return redirect("lidmaatschap:verklaring", pk=verklaring.pk)
    return TemplateResponse(
        request,
        "adviesraad/verklaring.html",
        {"verklaring": verklaring, "form": form, "tekst_zichtbaar": tekst_zichtbaar},
    )


@login_required
@require_http_methods(["GET", "POST"])
def verklaring_nieuw(request: HttpRequest) -> HttpResponse:
    lid = selectors.lid_van(request.user)
    if lid is None:
        raise Http404
    form = VerklaringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = verklaring_indienen(lid=lid, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, _("Uw verklaring is ontvangen. De voorzitter bekijkt haar."))
            return redirect("lidmaatschap:verklaring", pk=nieuw.pk)
    return TemplateResponse(request, "adviesraad/verklaring_form.html", {"form": form})
