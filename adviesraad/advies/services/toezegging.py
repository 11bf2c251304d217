"""Follow-up of adopted points (toezeggingen): made with the College's response, kept up to date
by the account holder and policy staff, asked after by the chair."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models.advies import Advies, Overname
from adviesraad.models.toezeggingen import Toezegging, ToezeggingStatus, Voortgang
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag

from .toegang import eis_capability

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

BIJWERKEN = "advies.toezegging_bijwerken"
STAND_VRAGEN = "advies.toezegging_stand_vragen"
OVERGENOMEN = (Overname.OVERGENOMEN, Overname.DEELS)


def toezeggingen_bijhouden(advies: Advies) -> None:
    """Every point answered "overgenomen" or "deels overgenomen" has a follow-up record; a point
    whose answer changed to "niet overgenomen" before any progress loses it. Called inside the
    response's transaction (``reactie.py``)."""
    punten = list(advies.punten.select_related("reactie").order_by("nummer"))
    bestaand = {t.punt_id: t for t in Toezegging.objects.filter(punt__advies=advies)}
    for punt in punten:
        oordeel = getattr(getattr(punt, "reactie", None), "oordeel", None)
        if oordeel in OVERGENOMEN and punt.pk not in bestaand:
            toezegging = Toezegging(
                punt=punt,
                aanvraag_id=advies.aanvraag_id,
                belofte=punt.reactie.toelichting,
                status=ToezeggingStatus.GEPLAND,
            )
            opslaan(toezegging, door=None, reden="reactie van het college")
        elif oordeel not in OVERGENOMEN and punt.pk in bestaand:
            oud = bestaand[punt.pk]
            if not oud.voortgang.exists():
                oud.delete()


@transaction.atomic
def toezegging_bijwerken(
    *,
    toezegging: Toezegging,
    door: User | None,
    belofte: str,
    afdeling: str,
    verwacht_op: date | None,
    status: str,
    vervallen_reden: str = "",
    notitie: str = "",
    op: date | None = None,
) -> Toezegging:
    """Change what was promised, by whom, when and how far it is; a dated note records each change
    of state (and any note), and answers the chair's request for an update."""
    op = op or vandaag()
    toezegging = (
        Toezegging.objects.select_for_update().select_related("aanvraag").get(pk=toezegging.pk)
    )
    eis_capability(BIJWERKEN, toezegging.aanvraag, door, Actie.TOEZEGGING_BIJWERKEN)
    fouten: dict[str, str] = {}
    if status not in ToezeggingStatus.values:
        fouten["status"] = _("Kies een stand.")
    if status == ToezeggingStatus.VERVALLEN and not vervallen_reden.strip():
        fouten["vervallen_reden"] = _("Schrijf op waarom de toezegging is vervallen.")
    if fouten:
        raise ValidationError(fouten)
    gewijzigd = status != toezegging.status
    toezegging.belofte = belofte.strip()
    toezegging.afdeling = afdeling.strip()
    toezegging.verwacht_op = verwacht_op
    toezegging.status = status
    toezegging.vervallen_reden = (
        vervallen_reden.strip() if status == ToezeggingStatus.VERVALLEN else ""
    )
    if gewijzigd or notitie.strip():
        Voortgang.objects.create(
            toezegging=toezegging,
            datum=op,
            status=status,
            tekst=notitie.strip() or toezegging.vervallen_reden,
            door=door,
        )
        toezegging.stand_gevraagd_op = None  # the chair's question is answered
    opslaan(toezegging, door=door, reden="toezegging bijgewerkt")
    audit.vastleggen(door, Actie.TOEZEGGING_BIJWERKEN, toezegging, f"{audit.OK} stand={status}")
    return toezegging


@transaction.atomic
def stand_vragen(
    *, toezegging: Toezegging, door: User | None, op: date | None = None
) -> Toezegging:
    """The chair asks for an update: a reminder to the account holder (``deadlines.py``) until a
    progress note answers it."""
    op = op or vandaag()
    toezegging = (
        Toezegging.objects.select_for_update().select_related("aanvraag").get(pk=toezegging.pk)
    )
    eis_capability(STAND_VRAGEN, toezegging.aanvraag, door, Actie.TOEZEGGING_STAND_VRAGEN)
    if toezegging.status not in (ToezeggingStatus.GEPLAND, ToezeggingStatus.IN_UITVOERING):
        raise ValidationError(_("Deze toezegging is afgesloten."))
    if toezegging.stand_gevraagd_op is None:
        toezegging.stand_gevraagd_op = op
        opslaan(toezegging, door=door, reden="stand gevraagd")
    audit.vastleggen(door, Actie.TOEZEGGING_STAND_VRAGEN, toezegging)
    return toezegging
