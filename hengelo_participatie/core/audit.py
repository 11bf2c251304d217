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
    EVALUATIE_VASTLEGGEN = "evaluatie_vastleggen"
    FUNCTIE_BEEINDIGEN = "functie_beeindigen"
    FUNCTIE_TOEWIJZEN = "functie_toewijzen"
    INWERKEN_AFVINKEN = "inwerken_afvinken"
    KANDIDAAT_AANMELDEN = "kandidaat_aanmelden"
    KANDIDAAT_FASE = "kandidaat_fase"
    KANDIDAAT_FASE_WIJZIGEN = "kandidaat_fase_wijzigen"
    LID_AANMAKEN = "lid_aanmaken"
    LID_BIJWERKEN = "lid_bijwerken"
    LID_FOTO_OPSLAAN = "lid_foto_opslaan"
    OUD_LID_OPSCHONEN = "oud_lid_opschonen"
    PERSOONSGEGEVENS_OPSCHONEN = "persoonsgegevens_opschonen"
    PORTEFEUILLE_AANMAKEN = "portefeuille_aanmaken"
    PORTEFEUILLE_BIJWERKEN = "portefeuille_bijwerken"
    PORTEFEUILLEHOUDER_BEEINDIGEN = "portefeuillehouder_beeindigen"
    PORTEFEUILLEHOUDER_TOEWIJZEN = "portefeuillehouder_toewijzen"
    ROLLEN_BIJWERKEN = "rollen_bijwerken"
    TERMIJN_AANMAKEN = "termijn_aanmaken"
    TERMIJN_BEEINDIGEN = "termijn_beeindigen"
    TERMIJN_BENOEMEN = "termijn_benoemen"
    TERMIJN_HERBENOEMEN = "termijn_herbenoemen"
    TERMIJN_VOORDRAGEN = "termijn_voordragen"
    VACATURE_AANMAKEN = "vacature_aanmaken"
    VACATURE_PUBLICEREN = "vacature_publiceren"
    VACATURE_SLUITEN = "vacature_sluiten"
    VERKLARING_BEOORDELEN = "verklaring_beoordelen"
    VERKLARING_BEOORDELEN_EIGEN = "verklaring_beoordelen_eigen"
    VERKLARING_INDIENEN = "verklaring_indienen"
    VERKLARING_LEZEN = "verklaring_lezen"

    # --- adviesraad: advice -----------------------------------------------------------------

    # --- adviesraad: meetings and the quarterly agenda -------------------------------------

    # --- participatiemix --------------------------------------------------------------------


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
