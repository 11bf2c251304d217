"""Thin views of the advice workflow: a selector reads, a service writes, a template shows.

A refused or missing request is a 404 (no oracle); a refused action on a visible request too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from adviesraad.models.advies import Adviesaanvraag, Oordeel, Status
from hengelo_participatie.core import queryparams
from hengelo_participatie.core.downloads import pdf_download
from hengelo_participatie.core.formulieren import fouten_naar_form, uitvoeren
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.pdf.documents import render

from . import selectors, selectors_college, selectors_toezeggingen, transitions
from .forms import (
    AanvraagForm,
    BelangForm,
    ConceptForm,
    DocumentForm,
    GoedkeuringForm,
    InbrengForm,
    KortereTermijnForm,
    ReactieForm,
    RedenForm,
)
from .policies import aanvraag_policy
from .services import publicatie
from .services.aanvraag import (
    aanvraag_aanmaken,
    document_toevoegen,
    kortere_termijn_afspreken,
    kortere_termijn_controleren,
    meedenken_vastleggen,
    overgang_uitvoeren,
)
from .services.goedkeuring import belang_melden, concept_opslaan, goedkeuring_geven
from .services.reactie import collegereactie_vastleggen
from .services.versie import huidige_versie


def _naar_detail(aanvraag: Adviesaanvraag) -> HttpResponse:
    return redirect("advies:detail", pk=aanvraag.pk)


# --- Portal --------------------------------------------------------------------------------------
@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    pagina = queryparams.pagina(request.GET)
    kan_aanmaken = any(
        aanvraag_policy.user_has_perm(request.user, c) for c in transitions.AANMAKEN.values()
    )
    return TemplateResponse(
        request,
        "adviesraad/advies/overzicht.html",
        {
            "overzicht": selectors.portaal_overzicht(
                request.user,
                pagina=pagina,
                pagina_open=queryparams.pagina(request.GET, "lopend"),
            ),
            "kan_aanmaken": kan_aanmaken and aanvraag_policy.user_has_perm(request.user, "add"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    soorten = [
        s for s, c in transitions.AANMAKEN.items() if aanvraag_policy.user_has_perm(request.user, c)
    ]
    if not soorten or not aanvraag_policy.user_has_perm(request.user, "add"):
        raise Http404
    form = AanvraagForm(request.POST or None, soorten=soorten)
    if request.method == "POST" and form.is_valid():
        resultaat: dict[str, Adviesaanvraag] = {}

        def actie() -> None:
            resultaat["a"] = aanvraag_aanmaken(door=request.user, **form.service_kwargs())

        if uitvoeren(request, form, actie, _("De adviesaanvraag is aangemaakt.")):
            return _naar_detail(resultaat["a"])
    return TemplateResponse(
        request,
        "adviesraad/advies/formulier.html",
        {
            "form": form,
            "titel": _("Nieuwe adviesaanvraag"),
            "knop": _("Aanmaken"),
            "terug": reverse("advies:overzicht"),
        },
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.aanvraag_detail(request.user, pk)
    standen = selectors_toezeggingen.standen([d.aanvraag], vandaag())
    for punt in d.punten:
        punt.stand = standen.get(punt.pk)  # type: ignore[attr-defined]
    return TemplateResponse(
        request,
        "adviesraad/advies/detail.html",
        {
            "d": d,
            "reden_form": RedenForm(),
            "c": selectors_college.college_paneel(request.user, d.aanvraag),
        },
    )


@login_required
@require_POST
def overgang(request: HttpRequest, pk: int, naar: str) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    form = RedenForm(request.POST)
    form.is_valid()
    try:
        overgang_uitvoeren(
            aanvraag=aanvraag,
            naar=naar,
            door=request.user,
            reden=form.cleaned_data.get("reden", ""),
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for bericht in exc.messages:
            messages.error(request, bericht)
    else:
        label = Status(naar).label if naar in Status.values else naar
        messages.success(request, _("De status is nu: %(s)s.") % {"s": label})
    return _naar_detail(aanvraag)


def _formulier(
    request: HttpRequest, aanvraag: Adviesaanvraag, form: Any, titel: str, knop: str, **extra: Any
) -> HttpResponse:
    return TemplateResponse(
        request,
        extra.pop("template", "adviesraad/advies/formulier.html"),
        {
            "form": form,
            "titel": titel,
            "knop": knop,
            "aanvraag": aanvraag,
            "terug": reverse("advies:detail", args=[aanvraag.pk]),
            **extra,
        },
    )


def _toegestaan(request: HttpRequest, regel: transitions.Regel, aanvraag: Adviesaanvraag) -> None:
    capability, statussen = regel
    if (
        not aanvraag_policy.user_has_perm_for_object(request.user, capability, aanvraag)
        or aanvraag.status not in statussen
    ):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def concept(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _toegestaan(request, transitions.CONCEPT_BEWERKEN, aanvraag)
    huidige = huidige_versie(aanvraag)
    punten = list(huidige.punten.order_by("nummer")) if huidige else []
    extra_punt = request.method == "POST" and "extra_punt" in request.POST
    form = ConceptForm(
        request.POST or None,
        punten=punten,
        meer=1 if extra_punt else 0,
        initial={"inleiding": huidige.inleiding if huidige else ""},
    )
    if (
        request.method == "POST"
        and not extra_punt
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: concept_opslaan(
                aanvraag=aanvraag,
                inleiding=form.cleaned_data["inleiding"],
                punten=form.punten(),
                door=request.user,
            ),
            _("Het concept is opgeslagen als nieuwe versie."),
        )
    ):
        return _naar_detail(aanvraag)
    return _formulier(
        request,
        aanvraag,
        form,
        _("Concept schrijven"),
        _("Opslaan"),
        extra_knop=_("Nog een adviespunt toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _toegestaan(request, transitions.DOCUMENT_TOEVOEGEN, aanvraag)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: document_toevoegen(
                aanvraag=aanvraag,
                upload=form.cleaned_data["upload"],
                titel=form.cleaned_data["titel"],
                vertrouwelijk=form.cleaned_data["vertrouwelijk"],
                door=request.user,
            ),
            _("Het document is toegevoegd."),
        )
    ):
        return _naar_detail(aanvraag)
    return _formulier(
        request, aanvraag, form, _("Document toevoegen"), _("Toevoegen"), multipart=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    """The page the approval e-mail links to: the concept and the member's answer."""
    d = selectors.aanvraag_detail(request.user, pk)
    standen = selectors_toezeggingen.standen([d.aanvraag], vandaag())
    for punt in d.punten:
        punt.stand = standen.get(punt.pk)  # type: ignore[attr-defined]
    if d.mijn_goedkeuring is None:
        raise Http404
    mijn = d.mijn_goedkeuring
    # The answer already given is checked again, so "Uw reactie tot nu toe" and the radios agree.
    form = GoedkeuringForm(
        request.POST or None,
        initial={
            "oordeel": mijn.oordeel
            if mijn.oordeel in (Oordeel.AKKOORD, Oordeel.WIJZIGING)
            else None,
            "opmerking": mijn.opmerking,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: goedkeuring_geven(
                aanvraag=d.aanvraag,
                door=request.user,
                oordeel=form.cleaned_data["oordeel"],
                opmerking=form.cleaned_data["opmerking"],
            ),
            _("Dank u. Uw reactie is opgeslagen."),
        )
    ):
        return _naar_detail(d.aanvraag)
    return TemplateResponse(request, "adviesraad/advies/goedkeuren.html", {"d": d, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def belang(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _toegestaan(request, transitions.BELANG_MELDEN, aanvraag)
    form = BelangForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: belang_melden(
                aanvraag=aanvraag, door=request.user, toelichting=form.cleaned_data["toelichting"]
            ),
            _("Uw belang is vastgelegd. U doet niet mee aan de goedkeuring van dit advies."),
        )
    ):
        return _naar_detail(aanvraag)
    return _formulier(request, aanvraag, form, _("Belang melden"), _("Belang melden"))


@login_required
@require_http_methods(["GET", "POST"])
def inbreng(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _toegestaan(request, transitions.MEEDENKEN_VASTLEGGEN, aanvraag)
    form = InbrengForm(
        request.POST or None,
        initial={
            "mondelinge_inbreng": aanvraag.mondelinge_inbreng,
            "meedenken_op": aanvraag.meedenken_op,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: meedenken_vastleggen(aanvraag=aanvraag, door=request.user, **form.cleaned_data),
            _("De inbreng is vastgelegd."),
        )
    ):
        return _naar_detail(aanvraag)
    return _formulier(request, aanvraag, form, _("Inbreng vastleggen"), _("Opslaan"))


@login_required
@require_http_methods(["GET", "POST"])
def kortere_termijn(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair records the agreement on a shorter advice period: fill in, check, confirm."""
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _toegestaan(request, transitions.KORTERE_TERMIJN, aanvraag)
    form = KortereTermijnForm(
        request.POST or None,
        initial={
            "advies_uiterlijk": aanvraag.advies_uiterlijk,
            "afspraak": aanvraag.kortere_termijn_akkoord,
        },
    )
    bevestigen = False
    if request.method == "POST" and "wijzigen" not in request.POST and form.is_valid():
        gegevens = {
            "advies_uiterlijk": form.cleaned_data["advies_uiterlijk"],
            "afspraak": form.cleaned_data["afspraak"],
        }
        if request.POST.get("bevestigd") == "1":
            if uitvoeren(
                request,
                form,
                lambda: kortere_termijn_afspreken(aanvraag=aanvraag, door=request.user, **gegevens),
                _("De kortere adviestermijn is vastgelegd."),
            ):
                return _naar_detail(aanvraag)
        else:
            try:
                kortere_termijn_controleren(aanvraag=aanvraag, **gegevens)
            except ValidationError as exc:
                fouten_naar_form(form, exc)
            else:
                bevestigen = True
    return _formulier(
        request,
        aanvraag,
        form,
        _("Kortere adviestermijn afspreken"),
        _("Controleren"),
        template="adviesraad/advies/kortere_termijn.html",
        bevestigen=bevestigen,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reactie(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _toegestaan(request, transitions.REACTIE_VASTLEGGEN, aanvraag)
    advies = aanvraag.versies.filter(verzonden_op__isnull=False).order_by("-versie").first()
    punten = list(advies.punten.select_related("reactie").order_by("nummer")) if advies else []
    form = ReactieForm(request.POST or None, request.FILES or None, punten=punten)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: collegereactie_vastleggen(
                aanvraag=aanvraag,
                besluitdatum=form.cleaned_data["besluitdatum"],
                punten=form.punten(),
                brief=form.cleaned_data.get("brief"),
                door=request.user,
            ),
            _("De reactie van het college is vastgelegd."),
        )
    ):
        return _naar_detail(aanvraag)
    return _formulier(
        request,
        aanvraag,
        form,
        _("Reactie van het college vastleggen"),
        _("Opslaan"),
        template="adviesraad/advies/reactie_form.html",
        multipart=True,
    )


@login_required
@require_POST
def publiceren(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    try:
        publicatie.publiceren(aanvraag=aanvraag, door=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for bericht in exc.messages:
            messages.error(request, bericht)
    else:
        messages.success(request, _("Het advies staat nu in het openbare register."))
    return _naar_detail(aanvraag)


@login_required
@require_GET
def voorlegger(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    doc = selectors.raadsvoorlegger(aanvraag)
    return TemplateResponse(
        request,
        "adviesraad/advies/raadsvoorlegger.html",
        {"aanvraag": aanvraag, "voorlegger": doc, "tekst": doc.als_tekst()},
    )


@login_required
@require_GET
def voorlegger_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    inhoud = render(selectors.raadsvoorlegger(aanvraag))
    return pdf_download(inhoud, f"voorlegger-{aanvraag.kenmerk}.pdf")
