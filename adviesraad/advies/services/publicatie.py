"""Publishing sent advice in the public register: a deliberate act, never for meedenken."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.models.advies import Adviesaanvraag, Soort
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vergrendeld

from .. import transitions
from .toegang import eis_regel, ververs

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def publiceren(*, aanvraag: Adviesaanvraag, door: User | None) -> Adviesaanvraag:
    """Publish in the register: a deliberate act, only after sending, never for meedenken."""
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_regel(transitions.PUBLICEREN, aanvraag, door, Actie.ADVIES_PUBLICEREN)
    if aanvraag.soort == Soort.MEEDENKEN:
        raise ValidationError(_("Meedenken wordt niet gepubliceerd."))
    if aanvraag.gepubliceerd_op is None:
        aanvraag.gepubliceerd_op = timezone.now()
        opslaan(aanvraag, door=door, reden="gepubliceerd")
    audit.vastleggen(door, Actie.ADVIES_PUBLICEREN, aanvraag)
    ververs(origineel)
    return aanvraag


@transaction.atomic
def publicatie_intrekken(*, aanvraag: Adviesaanvraag, door: User | None) -> Adviesaanvraag:
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_regel(transitions.PUBLICEREN, aanvraag, door, Actie.ADVIES_PUBLICATIE_INTREKKEN)
    aanvraag.gepubliceerd_op = None
    opslaan(aanvraag, door=door, reden="publicatie ingetrokken")
    audit.vastleggen(door, Actie.ADVIES_PUBLICATIE_INTREKKEN, aanvraag)
    ververs(origineel)
    return aanvraag
