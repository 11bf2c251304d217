"""Asking for the annual report PDF (or the presentation pack). The Celery task
``jaarverslag_maken`` does the work (``jaarverslag_maken``); this queues it, once per year and
kind at a time. A request never renders: 10 years of data stay out of the web process."""

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

from ..models import Jaarverslag, VerslagSoort, VerslagStatus
from ..policies import jaarverslag_policy
from ..tasks import jaarverslag_maken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.jaarcyclus")

#: A request still waiting or running after this long is queued again when asked for once more.
OPNIEUW_INPLANNEN_NA = timedelta(minutes=10)


@dataclass(frozen=True)
class Aanvraag:
    verslag: Jaarverslag
    nieuw: bool


@transaction.atomic
def jaarverslag_aanvragen(
    *, jaar: int, door: User | None, soort: str = VerslagSoort.JAARVERSLAG
) -> Aanvraag:
    """Queue the PDF. An unfinished request for the same year and kind is reused."""
    eis(
        door is None or jaarverslag_policy.user_has_perm(door, "add"),
        door,
        Actie.JAARVERSLAG_AANVRAGEN,
        melding=_("U mag geen jaarverslag laten maken."),
    )
    if soort not in VerslagSoort.values:
        raise ValueError(soort)
    lopend = (
        Jaarverslag.objects.select_for_update()
        .filter(jaar=jaar, soort=soort, status__in=[VerslagStatus.WACHTRIJ, VerslagStatus.BEZIG])
        .first()
    )
    if lopend is not None:
        if lopend.aangevraagd_op < timezone.now() - OPNIEUW_INPLANNEN_NA:
            transaction.on_commit(lambda: _inplannen(lopend.pk))
        audit.vastleggen(door, Actie.JAARVERSLAG_AANVRAGEN, lopend, f"{audit.OK}:lopend")
        return Aanvraag(verslag=lopend, nieuw=False)
    if door is None:
        raise ValueError("Een jaarverslag wordt altijd door iemand aangevraagd.")
    verslag = Jaarverslag(jaar=jaar, soort=soort, peildatum=vandaag(), aangevraagd_door=door)
    opslaan(verslag, door=door, reden="aangevraagd")
    transaction.on_commit(lambda: _inplannen(verslag.pk))
    audit.vastleggen(door, Actie.JAARVERSLAG_AANVRAGEN, verslag)
    return Aanvraag(verslag=verslag, nieuw=True)


def _inplannen(verslag_id: int) -> None:
    try:
        jaarverslag_maken.delay(verslag_id)
    except Exception:  # the broker is down: the request stays queued, the page offers a retry
        logger.exception("jaarverslag %s niet ingepland", verslag_id)
