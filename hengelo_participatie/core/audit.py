"""The audit trail (BIO 8.15): who did what, on which object, with which result, and when.

One event type (:class:`Actie`) and one function (:func:`vastleggen`), as Zulip's
``RealmAuditLog`` and Open Forms' ``logevent``: every service in every app writes its lines here,
so the trail has one format and one logger (``hengelo_participatie.audit``) whatever the app.
A line never holds names, e-mail addresses or the content of a declaration: only ids.

The format is stable, because log processing reads it::

    actor=<user id|systeem> action=<actie> object=<model>:<pk> result=<resultaat> time=<iso>

Refusals are written too (``resultaat="geweigerd"``, or ``"geweigerd:<why>"``): a refusal is as
interesting to the security officer as a success.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils import timezone

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.audit")

OK = "ok"
GEWEIGERD = "geweigerd"


class Actie(StrEnum):
    """Every audited action. Grouped per app; a new service adds its action here."""

    # --- accounts ---------------------------------------------------------------------------

    # --- files ------------------------------------------------------------------------------

    # --- notifications ----------------------------------------------------------------------

    # --- verordening ------------------------------------------------------------------------

    # --- adviesraad: membership -------------------------------------------------------------

    # --- adviesraad: advice -----------------------------------------------------------------

    # --- adviesraad: meetings and the quarterly agenda -------------------------------------

    # --- participatiemix --------------------------------------------------------------------
    ACTIVITEIT_OPSLAAN = "activiteit_opslaan"
    ACTIVITEIT_OVERGANG = "activiteit_overgang"
    ACTIVITEIT_VERSLAG_UPLOADEN = "verslag_uploaden"
    BENUTTING_VASTLEGGEN = "benutting_vastleggen"
    BENUTTING_VERWIJDEREN = "benutting_verwijderen"
    BENUTTING_WIJZIGEN = "benutting_wijzigen"
    ENQUETERESULTATEN_IMPORTEREN = "enqueteresultaten_importeren"
    GEPLANDE_INZET_OPSLAAN = "geplande_inzet_opslaan"
    GEPLANDE_INZET_VERWIJDEREN = "geplande_inzet_verwijderen"
    JAARPLAN_OPSLAAN = "jaarplan_opslaan"
    JAARRAPPORTAGE_AANVRAGEN = "jaarrapportage_aanvragen"
    JAARRAPPORTAGE_GENEREREN = "jaarrapportage_genereren"
    LUISTERDELEGATIE_ZETTEN = "luisterdelegatie_zetten"
    OPBRENGST_TOEVOEGEN = "opbrengst_toevoegen"
    OPBRENGST_WIJZIGEN = "opbrengst_wijzigen"
    REFERENTIE_OPSLAAN = "referentie_opslaan"
    SPELREGEL_BEANTWOORDEN = "spelregel_beantwoorden"
    TERUGKOPPELING_VASTLEGGEN = "terugkoppeling_vastleggen"


def objectnaam(obj: object) -> str:
    """``<model>:<pk>`` for a model instance, ``-`` for anything else."""
    return f"{obj._meta.model_name}:{obj.pk}" if isinstance(obj, Model) else "-"


def vastleggen(
    door: User | None, actie: Actie | str, obj: object = None, resultaat: str = OK
) -> None:
    """Write one audit line. ``door is None`` is the system itself (a task, the demo seed).

    ``actie`` is an :class:`Actie`; a composed action (``overgang:<status>``) starts with one.
    """
    logger.info(
        "actor=%s action=%s object=%s result=%s time=%s",
        getattr(door, "pk", None) or "systeem",
        str(actie),
        objectnaam(obj),
        resultaat,
        timezone.now().isoformat(),
    )
