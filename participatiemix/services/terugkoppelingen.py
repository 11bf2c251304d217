"""The feedback to participants ("Je zei, wij deden"). The record and its due date are made
with the activity (``activiteiten``); here only what was given is recorded."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag

from ..models import Terugkoppeling
from ..policies import activiteit_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def terugkoppeling_controleren(terugkoppeling: Terugkoppeling) -> None:
    """The rules of a feedback record, in Dutch; used by the service and the admin form."""
    fouten: dict[str, str] = {}
    activiteit = terugkoppeling.activiteit
    if terugkoppeling.gegeven_op is not None:
        if terugkoppeling.gegeven_op > vandaag():
            fouten["gegeven_op"] = _("Deze datum ligt in de toekomst. Vul de echte datum in.")
        elif terugkoppeling.gegeven_op < activiteit.startdatum:
            fouten["gegeven_op"] = _("Deze datum ligt vóór de activiteit. Vul de echte datum in.")
        if not terugkoppeling.wat_gedaan.strip():
            fouten["wat_gedaan"] = _("Beschrijf wat er met de inbreng is gedaan.")
        if not terugkoppeling.hoe_geinformeerd.strip():
            fouten["hoe_geinformeerd"] = _("Beschrijf hoe de deelnemers zijn geïnformeerd.")
    if terugkoppeling.openbaar:
        if terugkoppeling.gegeven_op is None:
            fouten["openbaar"] = _("Publiceer pas nadat de deelnemers zelf zijn geïnformeerd.")
        if not terugkoppeling.je_zei.strip():
            fouten["je_zei"] = _("Vat voor de openbare pagina samen wat deelnemers zeiden.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def terugkoppeling_vastleggen(
    *,
    terugkoppeling: Terugkoppeling,
    door: User | None,
    gegeven_op: date | None,
    wat_gedaan: str,
    hoe_geinformeerd: str,
    je_zei: str = "",
    openbaar: bool = False,
) -> Terugkoppeling:
    """Record the feedback given to participants. The due date is never set here."""
    eis(
        door is None or activiteit_policy.user_has_perm(door, "change"),
        door,
        Actie.TERUGKOPPELING_VASTLEGGEN,
        terugkoppeling,
        melding=_("U mag de terugkoppeling niet vastleggen."),
    )
    terugkoppeling.gegeven_op = gegeven_op
    terugkoppeling.wat_gedaan = (wat_gedaan or "").strip()
    terugkoppeling.hoe_geinformeerd = (hoe_geinformeerd or "").strip()
    terugkoppeling.je_zei = (je_zei or "").strip()
    terugkoppeling.openbaar = bool(openbaar)
    terugkoppeling.full_clean()
    terugkoppeling_controleren(terugkoppeling)
    opslaan(terugkoppeling, door=door, reden="terugkoppeling vastgelegd")
    audit.vastleggen(door, Actie.TERUGKOPPELING_VASTLEGGEN, terugkoppeling)
    return terugkoppeling
