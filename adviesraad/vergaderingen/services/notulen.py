"""The minutes of a meeting: the concept, and approving it in a later meeting."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.advies.opmaak import opschonen
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan

from ..models import Notulen, NotulenStatus, Soort, Status, Vergadering
from .basis import eis_beheer

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def notulen_opslaan(*, vergadering: Vergadering, tekst: str, door: User | None) -> Notulen:
    """Write or change the concept minutes (sanitised like advice points)."""
    eis_beheer(door, Actie.NOTULEN_OPSLAAN, vergadering)
    notulen = Notulen.objects.select_for_update().filter(vergadering=vergadering).first()
    if notulen is not None and notulen.status == NotulenStatus.VASTGESTELD:
        raise ValidationError(_("Deze notulen zijn vastgesteld en veranderen niet meer."))
    schoon = opschonen(tekst)
    if not schoon:
        raise ValidationError({"tekst": _("Schrijf de notulen.")})
    notulen = notulen or Notulen(vergadering=vergadering, geschreven_door=door)
    notulen.tekst = schoon
    opslaan(notulen, door=door, reden="concept")
    audit.vastleggen(door, Actie.NOTULEN_OPSLAAN, notulen, "ok")
    return notulen


@transaction.atomic
def notulen_vaststellen(
    *,
    vergadering: Vergadering,
    in_vergadering: Vergadering,
    door: User | None,
    op: date | None = None,
) -> Notulen:
    """Approve the minutes of ``vergadering`` in the later meeting ``in_vergadering``."""
    eis_beheer(door, Actie.NOTULEN_VASTSTELLEN, vergadering)
    notulen = Notulen.objects.select_for_update().filter(vergadering=vergadering).first()
    if notulen is None:
        raise ValidationError(_("Er zijn nog geen notulen."))
    if notulen.status == NotulenStatus.VASTGESTELD:
        raise ValidationError(_("Deze notulen zijn al vastgesteld."))
    if in_vergadering.pk == vergadering.pk or in_vergadering.begin <= vergadering.begin:
        raise ValidationError(
            {"in_vergadering": _("Notulen worden vastgesteld in een latere vergadering.")}
        )
    if in_vergadering.status == Status.GEANNULEERD:
        raise ValidationError({"in_vergadering": _("Die vergadering is geannuleerd.")})
    if in_vergadering.soort != Soort.RAADSVERGADERING:
        raise ValidationError(
            {
                "in_vergadering": _(
                    "Notulen worden vastgesteld in een vergadering van de adviesraad."
                )
            }
        )
    if in_vergadering.status != Status.GEHOUDEN:
        raise ValidationError(
            {
                "in_vergadering": _(
                    "Die vergadering is nog niet gehouden. Leg eerst de aanwezigheid vast; "
                    "daarna kunt u de notulen in die vergadering vaststellen."
                )
            }
        )
    notulen.status = NotulenStatus.VASTGESTELD
    notulen.vastgesteld_in = in_vergadering
    notulen.vastgesteld_op = op or timezone.localdate(in_vergadering.begin)
    opslaan(notulen, door=door, reden="vastgesteld")
    audit.vastleggen(door, Actie.NOTULEN_VASTSTELLEN, notulen, "ok")
    return notulen
