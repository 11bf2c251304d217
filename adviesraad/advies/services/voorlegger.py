"""The raadsvoorlegger to the griffie (Bijlage 3, Bijlage 4 step 9), through the same delivery
path as the advice: rendered once, stored, and delivered by the outbox (``bezorging.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from adviesraad.models.advies import Adviesaanvraag
from adviesraad.models.college import Bezorging, Stuk
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import vandaag, vergrendeld
from hengelo_participatie.pdf.documents import render

from .. import selectors
from .bezorging import VERZENDEN, bezorging_aanmaken
from .toegang import eis_capability, ververs
from .versie import pdf_opslaan

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def raadsvoorlegger_versturen(*, aanvraag: Adviesaanvraag, door: User | None) -> Bezorging:
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_capability(VERZENDEN, aanvraag, door, Actie.RAADSVOORLEGGER_VERSTUREN)
    try:
        document = selectors.raadsvoorlegger(aanvraag)
    except Http404 as exc:
        raise ValidationError(
            _("De raadsvoorlegger kan pas weg als de reactie van het college is vastgelegd.")
        ) from exc
    if Bezorging.objects.filter(advies=document.advies, stuk=Stuk.RAADSVOORLEGGER).exists():
        raise ValidationError(_("De raadsvoorlegger is al naar de griffie gestuurd."))
    inhoud = render(document)
    bestand = pdf_opslaan(inhoud, f"voorlegger-{aanvraag.kenmerk}.pdf", door)
    bezorging = bezorging_aanmaken(
        aanvraag=aanvraag,
        advies=document.advies,
        stuk=Stuk.RAADSVOORLEGGER,
        bestand=bestand,
        door=door,
        op=vandaag(),
    )
    audit.vastleggen(door, Actie.RAADSVOORLEGGER_VERSTUREN, bezorging)
    ververs(origineel)
    return bezorging
