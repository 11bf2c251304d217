"""Thin portal views of money: a selector reads, a service writes, a template shows.

A refused or missing object is a 404 (no oracle); anonymous visitors go to the login page.
Pages with amounts are ``no-store`` (personal data).
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from adviesraad.models import Lid
from hengelo_participatie.core import audit, queryparams
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.downloads import download_response, pdf_download
from hengelo_participatie.core.formulieren import uitvoeren
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.views import bestand_serveren
from hengelo_participatie.pdf.documents import render

from . import export, selectors
from .documents import BegrotingDocument
from .forms import (
    AanwezigheidsregelsForm,
    BegrotingForm,
    CorrectieForm,
    DeclaratieForm,
    PeriodeForm,
    StapForm,
)
from .models import Begroting, Declaratie, Vergoedingsperiode
from .policies import (
    AANWEZIGHEIDSREGELS_WIJZIGEN,
    BEGROTING_OPSTELLEN,
    CORRECTIE,
    PERIODE_VOORBEREIDEN,
    declaratie_policy,
    mag,
    mag_alles_zien,
    periode_policy,
)
from .services import aanwezigheidsregels as aanwezigheid_services
from .services import begroting as begroting_services
from .services import declaraties as declaratie_services
from .services import perioden as periode_services


def portaal(view: Any) -> Any:
    """Signed in, and never stored by a browser or proxy (amounts are personal data)."""
    return login_required(never_cache(wraps(view)(view)))


def _invoer(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# --- Statement ------------------------------------------------------------------------------
def _verklaring(request: HttpRequest, lid_pk: int | None) -> HttpResponse:
    dag = queryparams.datum(request.GET, "periode") or vandaag()
    verklaring = selectors.vergoeding_verklaring(
        user=request.user, lid_pk=lid_pk, dag=dag, vandaag=vandaag()
    )
    return TemplateResponse(request, "financien/vergoeding.html", {"v": verklaring})


@portaal
@require_GET
def mijn_vergoeding(request: HttpRequest) -> HttpResponse:
    return _verklaring(request, None)


@portaal
@require_GET
def vergoeding_lid(request: HttpRequest, pk: int) -> HttpResponse:
    return _verklaring(request, pk)


# --- Periods ----------------------------------------------------------------------------------
@portaal
@require_http_methods(["GET", "POST"])
def perioden(request: HttpRequest) -> HttpResponse:
    if not periode_policy.user_has_perm(request.user, "view"):
        raise Http404
    kan_aanmaken = mag(request.user, PERIODE_VOORBEREIDEN)
    form = PeriodeForm(_invoer(request)) if kan_aanmaken else None
    if form is not None and form.is_valid():
        dag = form.cleaned_data["dag"]
        if uitvoeren(
            request,
            form,
            lambda: periode_services.periode_aanmaken(dag=dag, door=request.user),
            _("De periode is aangemaakt."),
        ):
            return redirect("financien:perioden")
    return TemplateResponse(
        request,
        "financien/perioden.html",
        {"perioden": list(selectors.perioden(request.user)), "form": form},
    )


@portaal
@require_http_methods(["GET", "POST"])
def periode(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.periode_detail(request.user, pk)
    stap = StapForm(_invoer(request))
    if (
        request.method == "POST"
        and stap.is_valid()
        and uitvoeren(
            request,
            stap,
            lambda: periode_services.periode_overgang(
                periode=detail.periode,
                naar=stap.cleaned_data["naar"],
                reden=stap.cleaned_data["reden"],
                door=request.user,
            ),
            _("De stap is gezet."),
        )
    ):
        return redirect("financien:periode", pk=pk)
    correctie = None
    if detail.periode.vergrendeld and mag(request.user, CORRECTIE):
        leden = [
            (lid.pk, f"{lid.user} ({lid.pk})")
            for lid in Lid.objects.select_related("user").order_by("user__achternaam")
        ]
        correctie = CorrectieForm(leden=leden)
    return TemplateResponse(
        request,
        "financien/periode.html",
        {"d": detail, "stap": stap, "correctie": correctie},
    )


@portaal
@require_POST
def correctie(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.periode_detail(request.user, pk)
    leden = [(lid.pk, str(lid.pk)) for lid in Lid.objects.only("pk")]
    form = CorrectieForm(request.POST, leden=leden)
    if form.is_valid():
        lid = Lid.objects.get(pk=form.cleaned_data["lid"])
        if uitvoeren(
            request,
            form,
            lambda: periode_services.correctie_toevoegen(
                periode=detail.periode,
                lid=lid,
                bedrag=form.cleaned_data["bedrag"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            ),
            _("De correctie staat in de volgende periode."),
        ):
            return redirect("financien:periode", pk=pk)
    return TemplateResponse(
        request,
        "financien/periode.html",
        {"d": detail, "stap": StapForm(), "correctie": form},
        status=400,
    )


def _export(request: HttpRequest, pk: int) -> Vergoedingsperiode:
    periode = periode_policy.get_object_for(request.user, pk=pk)
    if not periode.vergrendeld:
        raise Http404
    audit.vastleggen(request.user, Actie.VERGOEDINGSPERIODE_EXPORTEREN, periode)
    return periode


@portaal
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _export(request, pk)
    return download_response(
        export.naar_csv(periode), f"vergoeding-{periode.begin:%Y-%m}.csv", "text/csv"
    )


@portaal
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _export(request, pk)
    return download_response(
        export.naar_xlsx(periode),
        f"vergoeding-{periode.begin:%Y-%m}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- Budget ---------------------------------------------------------------------------------------
@portaal
@require_http_methods(["GET", "POST"])
def begroting(request: HttpRequest, jaar: int) -> HttpResponse:
    if not 2025 <= jaar <= 2100:
        raise Http404
    pagina = selectors.begroting_pagina(request.user, jaar)
    stap = StapForm(_invoer(request))
    if request.method == "POST" and stap.is_valid() and pagina.begroting is not None:
        begroting_ = pagina.begroting
        if uitvoeren(
            request,
            stap,
            lambda: begroting_services.begroting_overgang(
                begroting=begroting_,
                naar=stap.cleaned_data["naar"],
                reden=stap.cleaned_data["reden"],
                door=request.user,
            ),
            _("De stap is gezet."),
        ):
            return redirect("financien:begroting", jaar=jaar)
    return TemplateResponse(
        request,
        "financien/begroting.html",
        {"p": pagina, "stap": stap, "kan_opstellen": mag(request.user, BEGROTING_OPSTELLEN)},
    )


@portaal
@require_http_methods(["GET", "POST"])
def begroting_bewerken(request: HttpRequest, jaar: int) -> HttpResponse:
    if not 2025 <= jaar <= 2100 or not mag(request.user, BEGROTING_OPSTELLEN):
        raise Http404
    laatste = Begroting.objects.filter(jaar=jaar).prefetch_related("posten").first()
    if laatste is not None:
        begin: dict[str, Any] = {p.categorie: p.bedrag for p in laatste.posten.all()}
        begin |= {veld: getattr(laatste, veld) for veld in BegrotingForm.BUITEN}
        begin["toelichting"] = laatste.toelichting
    else:
        begin = dict(begroting_services.standaardverdeling(jaar))
    form = BegrotingForm(_invoer(request), initial=begin)
    if form.is_valid():
        data = form.cleaned_data
        if uitvoeren(
            request,
            form,
            lambda: begroting_services.begroting_opslaan(
                jaar=jaar,
                bedragen={c: data[c] for c in begroting_services.Categorie.values},
                toelichting=data["toelichting"],
                buiten={veld: data[veld] for veld in BegrotingForm.BUITEN},
                door=request.user,
            ),
            _("De begroting is opgeslagen."),
        ):
            return redirect("financien:begroting", jaar=jaar)
    return TemplateResponse(
        request,
        "financien/formulier.html",
        {"form": form, "titel": _("Begroting %(jaar)s") % {"jaar": jaar}, "knop": _("Opslaan")},
    )


@portaal
@require_GET
def begroting_pdf(request: HttpRequest, jaar: int) -> HttpResponse:
    if not 2025 <= jaar <= 2100:
        raise Http404
    pagina = selectors.begroting_pagina(request.user, jaar)
    return pdf_download(render(BegrotingDocument(pagina)), f"begroting-{jaar}.pdf")


# --- Declarations ------------------------------------------------------------------------------
@portaal
@require_http_methods(["GET", "POST"])
def declaraties(request: HttpRequest) -> HttpResponse:
    if not declaratie_policy.user_has_perm(request.user, "view"):
        raise Http404
    form = None
    if declaratie_policy.user_has_perm(request.user, "add"):
        form = DeclaratieForm(_invoer(request), request.FILES or None)
        if form.is_valid():
            data = form.cleaned_data
            if uitvoeren(
                request,
                form,
                lambda: declaratie_services.declaratie_indienen(door=request.user, **data),
                _("Uw declaratie is ingediend."),
            ):
                return redirect("financien:declaraties")
    return TemplateResponse(
        request,
        "financien/declaraties.html",
        {
            "declaraties": list(selectors.declaraties(request.user)[:200]),
            "form": form,
            "alles": mag_alles_zien(request.user),
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@portaal
@require_http_methods(["GET", "POST"])
def declaratie(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.declaratie_detail(request.user, pk)
    stap = StapForm(_invoer(request))
    if (
        request.method == "POST"
        and stap.is_valid()
        and uitvoeren(
            request,
            stap,
            lambda: declaratie_services.declaratie_overgang(
                declaratie=detail.declaratie,
                naar=stap.cleaned_data["naar"],
                reden=stap.cleaned_data["reden"],
                door=request.user,
            ),
            _("De stap is gezet."),
        )
    ):
        return redirect("financien:declaratie", pk=pk)
    return TemplateResponse(request, "financien/declaratie.html", {"d": detail, "stap": stap})


@portaal
@require_GET
def bon(request: HttpRequest, pk: int) -> Any:
    declaratie_: Declaratie = declaratie_policy.get_object_for(request.user, pk=pk)
    audit.vastleggen(request.user, Actie.DECLARATIE_BON_DOWNLOAD, declaratie_)
    return bestand_serveren(request, declaratie_.bon_id)


@portaal
@require_GET
def begroting_nu(request: HttpRequest) -> HttpResponse:
    return redirect("financien:begroting", jaar=vandaag().year)


# --- Attendance rules (issue 12 §1) -----------------------------------------------------------
@portaal
@require_http_methods(["GET", "POST"])
def aanwezigheidsregels(request: HttpRequest) -> HttpResponse:
    """The chair proposes new attendance rules: a version of the house rules, for the College."""
    if not mag(request.user, AANWEZIGHEIDSREGELS_WIJZIGEN):
        raise Http404
    gegevens = selectors.aanwezigheidsregels(vandaag())
    form = AanwezigheidsregelsForm(
        _invoer(request),
        regels=[(r.sleutel, r.naam, r.type) for r in gegevens.regels],
        initial={r.sleutel: r.waarde for r in gegevens.regels},
    )
    if form.is_valid():
        data = form.cleaned_data
        if uitvoeren(
            request,
            form,
            lambda: aanwezigheid_services.aanwezigheidsregels_voorstellen(
                regels={s: data[s] for s in form.sleutels},
                toelichting=data["toelichting"],
                door=request.user,
            ),
            _(
                "Uw voorstel is als nieuwe versie van het huishoudelijk reglement bij het college "
                "ingediend. Na goedkeuring gelden de regels vanaf de datum van goedkeuring."
            ),
        ):
            return redirect("financien:aanwezigheidsregels")
    return TemplateResponse(
        request, "financien/aanwezigheidsregels.html", {"form": form, "gegevens": gegevens}
    )
