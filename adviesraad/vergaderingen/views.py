"""Thin portal views of meetings: a selector reads, a service writes, a template shows.

A meeting the user may not see is a 404 (no oracle); so is a keeper's page for someone who does
not keep the records. Irreversible steps (sending the invitation, approving minutes) first show a
confirmation page; the POST of that page does it.
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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from adviesraad.advies.policies import aanvragen_zichtbaar_zonder_extra_queries
from hengelo_participatie.core.formulieren import uitvoeren

from . import selectors
from .forms import (
    AanmeldForm,
    AanwezigheidForm,
    ActiepuntForm,
    AgendapuntForm,
    BesluitForm,
    DeelnemersForm,
    NotulenForm,
    StukForm,
    VaststellenForm,
    VergaderingForm,
)
from .models import Notulen, NotulenStatus, Vergadering
from .policies import agendapunt_voor, beheert, deelname_voor, vergadering_voor
from .services import agenda as agenda_services
from .services import besluiten as besluiten_services
from .services import deelnemers as deelnemers_services
from .services import notulen as notulen_services
from .services import stukken as stukken_services
from .services import uitnodiging as uitnodiging_services
from .services import vergadering as vergadering_services


def _naar_detail(vergadering: Vergadering) -> HttpResponse:
    return redirect("vergaderingen:detail", pk=vergadering.pk)


def _formulier(
    request: HttpRequest,
    vergadering: Vergadering | None,
    form: Any,
    titel: str,
    knop: str,
    **extra: Any,
) -> HttpResponse:
    terug = (
        reverse("vergaderingen:detail", args=[vergadering.pk])
        if vergadering
        else reverse("vergaderingen:overzicht")
    )
    return TemplateResponse(
        request,
        extra.pop("template", "vergaderingen/formulier.html"),
        {
            "form": form,
            "titel": titel,
            "knop": knop,
            "vergadering": vergadering,
            "terug": terug,
            **extra,
        },
    )


# --- Everyone who takes part ---------------------------------------------------------------------
@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "vergaderingen/overzicht.html", {"o": selectors.overzicht(request.user)}
    )


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
    vergadering = vergadering_voor(request.user, pk)
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
        return _naar_detail(vergadering)
    return _formulier(request, vergadering, form, _("Komt u?"), _("Doorgeven"))


@login_required
@require_GET
def aanwezigheid_overzicht(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "vergaderingen/aanwezigheid_overzicht.html",
        {"o": selectors.aanwezigheidsoverzicht(request.user)},
    )


# --- The keepers of the records (supporter, account holder) --------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    if not beheert(request.user):
        raise Http404
    form = VergaderingForm(request.POST or None)
    resultaat: dict[str, Vergadering] = {}
    if request.method == "POST" and form.is_valid():

        def actie() -> None:
            resultaat["v"] = vergadering_services.vergadering_aanmaken(
                door=request.user, **form.cleaned_data
            )

        if uitvoeren(request, form, actie, _("De vergadering is gepland.")):
            return _naar_detail(resultaat["v"])
    return _formulier(request, None, form, _("Nieuwe vergadering"), _("Plannen"))


@login_required
@require_http_methods(["GET", "POST"])
def deelnemers(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_voor(request.user, pk, beheer=True)
    form = DeelnemersForm(request.POST or None, vergadering=vergadering)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: deelnemers_services.deelnemers_uitnodigen(
                vergadering=vergadering,
                gebruikers=form.cleaned_data["gebruikers"],
                door=request.user,
            ),
            _("De deelnemers zijn toegevoegd."),
        )
    ):
        return _naar_detail(vergadering)
    return _formulier(
        request,
        vergadering,
        form,
        _("Deelnemers toevoegen"),
        _("Toevoegen"),
        template="vergaderingen/deelnemers.html",
        deelnames=list(
            vergadering.deelnames.select_related("gebruiker").order_by(
                "gebruiker__achternaam", "gebruiker__voornaam", "pk"
            )
        ),
    )


def _verwijderen(
    request: HttpRequest,
    *,
    actie: Any,
    gelukt: str,
    terug: str,
    template: str,
    context: dict[str, Any],
    reden: str,
) -> HttpResponse:
    """Confirmation page (GET) and the removal (POST). A refusal by a rule is shown on the page
    (status 200, nothing removed); a refusal of the person is a 404."""
    fouten: list[str] = [reden] if reden else []
    if request.method == "POST" and not fouten:
        try:
            actie()
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            fouten = exc.messages
        else:
            messages.success(request, gelukt)
            return redirect(terug)
    return TemplateResponse(request, template, {**context, "fouten": fouten, "terug": terug})


@login_required
@require_http_methods(["GET", "POST"])
def deelname_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: who will be taken off the meeting. POST: take them off."""
    deelname = deelname_voor(request.user, pk)
    naam = deelname.gebruiker.get_full_name() or deelname.gebruiker.email
    return _verwijderen(
        request,
        actie=lambda: deelnemers_services.deelname_verwijderen(
            deelname=deelname, door=request.user
        ),
        gelukt=_("%(naam)s doet niet meer mee aan deze vergadering.") % {"naam": naam},
        terug=reverse("vergaderingen:deelnemers", args=[deelname.vergadering_id]),
        template="vergaderingen/deelname_verwijderen.html",
        context={"deelname": deelname, "naam": naam, "vergadering": deelname.vergadering},
        reden=deelnemers_services.deelname_verwijderbaar(deelname),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agendapunt_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: which item will be taken off the agenda. POST: take it off."""
    punt = agendapunt_voor(request.user, pk)
    return _verwijderen(
        request,
        actie=lambda: agenda_services.agendapunt_verwijderen(agendapunt=punt, door=request.user),
        gelukt=_("Het agendapunt „%(titel)s” is van de agenda gehaald.") % {"titel": punt.titel},
        terug=reverse("vergaderingen:agenda", args=[punt.vergadering_id]),
        template="vergaderingen/agendapunt_verwijderen.html",
        context={
            "punt": punt,
            "vergadering": punt.vergadering,
            "stukken": selectors.zichtbare_stukken(request.user, list(punt.stukken.order_by("pk"))),
        },
        reden=agenda_services.agendapunt_verwijderbaar(punt),
    )


def _agenda_forms(request: HttpRequest, vergadering: Vergadering, aanvragen: Any) -> list[Any]:
    forms = []
    for punt in vergadering.agendapunten.all():
        f = AgendapuntForm(
            request.POST if request.POST.get("punt") == str(punt.pk) else None,
            prefix=f"p{punt.pk}",
            aanvragen=aanvragen,
            initial={
                "volgorde": punt.volgorde,
                "titel": punt.titel,
                "toelichting": punt.toelichting,
                "adviesaanvraag": punt.adviesaanvraag_id,
            },
        )
        f.punt = punt
        forms.append(f)
    return forms


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an agenda item or change one (``punt`` in the POST names which)."""
    vergadering = vergadering_voor(request.user, pk, beheer=True)
    aanvragen = aanvragen_zichtbaar_zonder_extra_queries(request.user).order_by("-kenmerk")
    bestaande = _agenda_forms(request, vergadering, aanvragen)
    nieuw_form = AgendapuntForm(
        request.POST if request.POST.get("punt") == "nieuw" else None,
        prefix="nieuw",
        aanvragen=aanvragen,
    )
    if request.method == "POST":
        doel = next(
            (f for f in bestaande if f.is_bound), nieuw_form if nieuw_form.is_bound else None
        )
        if doel is None:
            raise Http404
        if doel.is_valid() and uitvoeren(
            request,
            doel,
            lambda: agenda_services.agendapunt_opslaan(
                vergadering=vergadering,
                door=request.user,
                agendapunt=getattr(doel, "punt", None),
                **doel.cleaned_data,
            ),
            _("Het agendapunt is opgeslagen."),
        ):
            return redirect("vergaderingen:agenda", pk=vergadering.pk)
    return TemplateResponse(
        request,
        "vergaderingen/agenda.html",
        {"vergadering": vergadering, "bestaande": bestaande, "nieuw_form": nieuw_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stuk(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_voor(request.user, pk, beheer=True)
    form = StukForm(request.POST or None, request.FILES or None, vergadering=vergadering)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            form,
            lambda: stukken_services.stuk_toevoegen(
                vergadering=vergadering,
                upload=form.cleaned_data["upload"],
                titel=form.cleaned_data["titel"],
                vertrouwelijk=form.cleaned_data["vertrouwelijk"],
                agendapunt=form.cleaned_data["agendapunt"],
                door=request.user,
            ),
            _("Het document is toegevoegd."),
        )
    ):
        return _naar_detail(vergadering)
    return _formulier(
        request, vergadering, form, _("Document toevoegen"), _("Toevoegen"), multipart=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page, then the invitation goes out to every participant."""
    vergadering = vergadering_voor(request.user, pk, beheer=True)
    termijn = uitnodiging_services.stukkentermijn(vergadering)
    fouten: list[str] = []
    if request.method == "POST":
        try:
            uitnodiging = uitnodiging_services.uitnodiging_versturen(
                vergadering=vergadering, door=request.user
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            fouten = exc.messages
        else:
            messages.success(
                request,
                _("De uitnodiging staat klaar voor %(n)s deelnemer(s).")
                % {"n": uitnodiging.ontvangers},
            )
            if uitnodiging.waarschuwing:
                messages.warning(request, uitnodiging.waarschuwing)
            return _naar_detail(vergadering)
    return TemplateResponse(
        request,
        "vergaderingen/uitnodigen.html",
        {
            "vergadering": vergadering,
            "termijn": termijn,
            "waarschuwing": termijn.waarschuwing(timezone.localdate()),
            "deelnemers": vergadering.deelnames.count(),
            "stukken": vergadering.stukken.count(),
            "fouten": fouten,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def aanwezigheid(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = vergadering_voor(request.user, pk, beheer=True)
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
        return _naar_detail(vergadering)
    return _formulier(
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
    vergadering = vergadering_voor(request.user, pk, beheer=True)
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
        return _naar_detail(vergadering)
    return _formulier(request, vergadering, form, _("Notulen schrijven"), _("Opslaan als concept"))


@login_required
@require_http_methods(["GET", "POST"])
def vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page: approving minutes cannot be undone."""
    vergadering = vergadering_voor(request.user, pk, beheer=True)
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
        return _naar_detail(vergadering)
    return _formulier(
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
    vergadering = vergadering_voor(request.user, pk, beheer=True)
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
    vergadering = vergadering_voor(request.user, pk, beheer=True)
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
        return _naar_detail(vergadering)
    return _formulier(request, vergadering, form, _("Besluit vastleggen"), _("Opslaan"))
