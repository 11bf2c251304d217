"""The College's response to sent advice, per advice point, and its letter."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models.advies import Adviesaanvraag, Collegereactie, Overname, Puntreactie
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag
from hengelo_participatie.files.services import bestand_opslaan
from hengelo_participatie.pdf.documents import render

from .. import transitions
from ..documents import ReactiebriefDocument
from .toegang import eis_regel, toegang_bijwerken
from .toezegging import toezeggingen_bijhouden
from .versie import pdf_opslaan

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from hengelo_participatie.accounts.models import User


@transaction.atomic
def collegereactie_vastleggen(
    *,
    aanvraag: Adviesaanvraag,
    besluitdatum: date,
    punten: dict[int, tuple[str, str]],
    door: User | None,
    brief: UploadedFile[bytes] | None = None,
    ontvangen_op: date | None = None,
) -> Collegereactie:
    """The College's response per point (``punten``: number → (oordeel, reden))."""
    eis_regel(transitions.REACTIE_VASTLEGGEN, aanvraag, door, Actie.ADVIES_COLLEGEREACTIE)
    advies = aanvraag.versies.filter(verzonden_op__isnull=False).order_by("-versie").first()
    if advies is None or advies.verzonden_op is None:  # pragma: no cover - VERZONDEN has one
        raise ValidationError(_("Er is nog geen verzonden advies."))
    fouten: dict[str, list[str]] = {}
    adviespunten = list(advies.punten.order_by("nummer"))
    for punt in adviespunten:
        oordeel, reden = punten.get(punt.nummer, ("", ""))
        if oordeel not in Overname.values:
            fouten.setdefault(f"oordeel_{punt.nummer}", []).append(
                _("Kies wat het college met punt %(n)s doet.") % {"n": punt.nummer}
            )
        elif oordeel != Overname.OVERGENOMEN and not (reden or "").strip():
            fouten.setdefault(f"toelichting_{punt.nummer}", []).append(
                _("Geef de reden waarom punt %(n)s niet helemaal is overgenomen.")
                % {"n": punt.nummer}
            )
    if besluitdatum < advies.verzonden_op:
        fouten.setdefault("besluitdatum", []).append(
            _("Het collegebesluit kan niet vóór het verzenden van het advies liggen.")
        )
    if fouten:
        raise ValidationError(fouten)
    reactie = Collegereactie.objects.filter(advies=advies).first() or Collegereactie(advies=advies)
    reactie.besluitdatum = besluitdatum
    reactie.ontvangen_op = ontvangen_op or vandaag()
    reactie.vastgelegd_door = door
    if brief is not None:
        reactie.brief = bestand_opslaan(upload=brief, door=door, vertrouwelijk=True)
    opslaan(reactie, door=door, reden="reactie vastgelegd")
    for punt in adviespunten:
        oordeel, reden = punten[punt.nummer]
        Puntreactie.objects.update_or_create(
            punt=punt,
            defaults={"reactie": reactie, "oordeel": oordeel, "toelichting": (reden or "").strip()},
        )
    if brief is None and reactie.brief_id is None:
        inhoud = render(ReactiebriefDocument(reactie=reactie))
        reactie.brief = pdf_opslaan(inhoud, f"reactie-{aanvraag.kenmerk}.pdf", door)
        opslaan(reactie, door=door, reden="reactiebrief gemaakt")
    toezeggingen_bijhouden(advies)
    toegang_bijwerken(aanvraag=aanvraag)
    audit.vastleggen(door, Actie.ADVIES_COLLEGEREACTIE, reactie)
    return reactie
