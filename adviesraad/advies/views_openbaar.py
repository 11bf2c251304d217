"""The public register of published advice, mounted at /adviezen/: pages, files and a feed.

Anyone may read it; only published requests (never meedenken) and their public documents appear.
"""

from __future__ import annotations

import html
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from adviesraad.models.advies import Adviesaanvraag, Soort, Status
from hengelo_participatie.core import queryparams
from hengelo_participatie.core.downloads import bestand_download
from hengelo_participatie.core.schrijven import vandaag

from . import selectors, selectors_college, selectors_toezeggingen
from .opmaak import platte_tekst
from .overname import overname_per_jaar


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    reg = selectors.register(
        jaar=queryparams.jaar(request.GET),
        # The law codes are read with the register's own query; the selector drops an unknown one.
        wet=queryparams.code(request.GET, "wet"),
        soort=queryparams.keuze(request.GET, "soort", Soort.values),
        status=queryparams.keuze(request.GET, "status", Status.values),
        pagina=queryparams.pagina(request.GET),
    )
    dit_jaar = vandaag().year
    return TemplateResponse(
        request,
        "adviesraad/advies/register.html",
        {
            "register": reg,
            "statussen": Status.choices,
            "vandaag": vandaag(),
            # Figures only (no names, no titles): the adoption rate per year, newest first.
            "overname": list(
                reversed(
                    overname_per_jaar(van=dit_jaar - 4, tot=dit_jaar, alleen_gepubliceerd=True)
                )
            ),
        },
    )


@require_GET
def register_detail(request: HttpRequest, kenmerk: str) -> HttpResponse:
    o = selectors.openbaar_advies(kenmerk)
    # What became of each adopted point (state and dated notes, never names of staff).
    standen = selectors_toezeggingen.standen([o.aanvraag], vandaag())
    for punt in o.punten:
        punt.stand = standen.get(punt.pk)  # type: ignore[attr-defined]
    return TemplateResponse(
        request,
        "adviesraad/advies/register_detail.html",
        {"o": o, "termijn": selectors_college.openbare_termijn(o.aanvraag, vandaag())},
    )


def _bestand_response(bestand: Any) -> FileResponse:
    try:
        handle = bestand.bestand.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = bestand_download(handle, bestand.oorspronkelijke_naam, bestand.content_type)
    # Published: anyone may read it, and a shared cache may keep it for a while.
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def register_pdf(request: HttpRequest, kenmerk: str) -> FileResponse:
    """The stored PDF of the published advice: the same bytes as sent to the College."""
    return _bestand_response(selectors.openbaar_advies(kenmerk).advies.pdf)


@require_GET
def register_voorlegger(request: HttpRequest, kenmerk: str) -> FileResponse:
    """The raadsvoorlegger as it went to the griffie: the same stored bytes."""
    return _bestand_response(selectors_college.openbare_voorlegger(kenmerk).bestand)


@require_GET
def register_document(request: HttpRequest, kenmerk: str, pk: int) -> FileResponse:
    return _bestand_response(selectors.openbaar_document(kenmerk, pk).bestand)


class RegisterFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Adviezen van de Adviesraad sociaal domein Hengelo")
    subtitle = gettext_lazy("Gepubliceerde adviezen aan het college en de reactie van het college.")

    def link(self) -> str:
        return reverse("adviezen:register")

    def items(self) -> list[Adviesaanvraag]:
        items = selectors.register_feed()
        # One query for every item's follow-up line (the Feed object is shared by requests, so
        # the line goes on the item, not on ``self``).
        regels = selectors_toezeggingen.feed_samenvatting(items, vandaag())
        for item in items:
            item.toezeggingen_regel = regels.get(item.pk, "")  # type: ignore[attr-defined]
        return items

    def item_title(self, item: Adviesaanvraag) -> str:
        return f"{item.kenmerk}: {item.titel}"

    def item_description(self, item: Adviesaanvraag) -> str:
        """The summary as plain text, HTML-escaped: Atom1Feed sends it as ``type="html"``.

        ``platte_tekst`` strips tags and then *unescapes* entities, so a summary that was typed
        as ``&lt;img src=x onerror=...&gt;`` comes out as real markup. Escaping it again makes a
        feed reader show those characters as text instead of running them.
        """
        tekst = platte_tekst(item.samenvatting) or str(item.get_soort_display())
        toezeggingen = getattr(item, "toezeggingen_regel", "")
        if toezeggingen:
            tekst = f"{tekst}\n{toezeggingen}"
        return html.escape(tekst)

    def item_link(self, item: Adviesaanvraag) -> str:
        return reverse("adviezen:detail", args=[item.kenmerk])

    def item_pubdate(self, item: Adviesaanvraag) -> Any:
        return item.gepubliceerd_op

    def item_updateddate(self, item: Adviesaanvraag) -> Any:
        return item.gewijzigd_op
