"""Asking for the yearly report PDF. The Celery task ``jaarrapportage_maken`` does the work
(``rapportage_maken``); this queues it, once per year at a time."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag

from ..models import Jaarrapportage, JaarrapportageStatus
from ..policies import jaarrapportage_policy
from ..tasks import jaarrapportage_maken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.participatiemix")

#: A request still waiting or running after this long is queued again when asked for once more.
OPNIEUW_INPLANNEN_NA = timedelta(minutes=10)


@dataclass(frozen=True)
class Aanvraag:
    rapportage: Jaarrapportage
    nieuw: bool


@transaction.atomic
def jaarrapportage_aanvragen(*, jaar: int, door: User | None) -> Aanvraag:
    """Queue the yearly report PDF. An unfinished request for the same year is reused."""
    eis(
        door is None or jaarrapportage_policy.user_has_perm(door, "add"),
        door,
        Actie.JAARRAPPORTAGE_AANVRAGEN,
        melding=_("U mag geen jaarrapportage laten maken."),
    )
    lopend = (
        Jaarrapportage.objects.select_for_update()
        .filter(jaar=jaar, status__in=[JaarrapportageStatus.WACHTRIJ, JaarrapportageStatus.BEZIG])
        .first()
    )
    if lopend is not None:
        if lopend.aangevraagd_op < timezone.now() - OPNIEUW_INPLANNEN_NA:
            # Still queued after a while (broker was down, worker lost): queue it again.
            transaction.on_commit(lambda: _inplannen(lopend.pk))
        audit.vastleggen(door, Actie.JAARRAPPORTAGE_AANVRAGEN, lopend, f"{audit.OK}:lopend")
        return Aanvraag(rapportage=lopend, nieuw=False)
    if door is None:
        raise ValueError("Een jaarrapportage wordt altijd door iemand aangevraagd.")
    rapportage = Jaarrapportage(jaar=jaar, peildatum=vandaag(), aangevraagd_door=door)
    opslaan(rapportage, door=door, reden="aangevraagd")
    transaction.on_commit(lambda: _inplannen(rapportage.pk))
    audit.vastleggen(door, Actie.JAARRAPPORTAGE_AANVRAGEN, rapportage)
    return Aanvraag(rapportage=rapportage, nieuw=True)


def _inplannen(rapportage_id: int) -> None:
    try:
        jaarrapportage_maken.delay(rapportage_id)
    except Exception:  # the broker is down: the request stays queued, the page offers a retry
        logger.exception("jaarrapportage %s niet ingepland", rapportage_id)
