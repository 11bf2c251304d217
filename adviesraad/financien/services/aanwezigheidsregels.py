"""The chair proposes new attendance rules (issue 12 §1).

The seed leaves what attendance counts to the huishoudelijk reglement. So the chair does not
change the rules directly: a proposal is a new version of the house rules carrying the values,
submitted to the College at once. When the College approves it (``verordening.reglement``), the
values become new rule versions from that date; the allowance reads them from then on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import datum_tekst, eis, vandaag
from verordening.models import HuishoudelijkReglement
from verordening.selectors import aanwezigheidsregels
from verordening.services.huishoudelijk_reglement import (
    huishoudelijk_reglement_aanmaken,
    huishoudelijk_reglement_indienen,
)
from verordening.services.regels import aanwezigheidsregels_controleren

from ..policies import AANWEZIGHEIDSREGELS_WIJZIGEN, mag

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def aanwezigheidsregels_voorstellen(
    *, regels: Mapping[str, Any], toelichting: str, door: User | None
) -> HuishoudelijkReglement:
    """A new version of the house rules with ``regels`` (``{rule key: value}``), submitted to
    the College. Only the changed values are carried; nothing changed is refused."""
    eis(
        door is not None and mag(door, AANWEZIGHEIDSREGELS_WIJZIGEN),
        door,
        Actie.AANWEZIGHEIDSREGELS_VOORSTELLEN,
        melding=_("U mag de regels voor aanwezigheid niet wijzigen."),
    )
    lopend = aanwezigheidsregels(vandaag())
    schoon = {
        sleutel: waarde
        for sleutel, waarde in aanwezigheidsregels_controleren(regels).items()
        if lopend[sleutel].waarde != waarde
    }
    if not schoon:
        raise ValidationError(
            _("U heeft geen regel veranderd. Pas ten minste één waarde aan."), code="ongewijzigd"
        )
    reglement = huishoudelijk_reglement_aanmaken(
        door=door,
        titel=_("Huishoudelijk reglement: regels voor aanwezigheid (%(datum)s)")
        % {"datum": datum_tekst(vandaag())},
        tekst=toelichting.strip(),
        aanwezigheidsregels=schoon,
    )
    reglement = huishoudelijk_reglement_indienen(reglement=reglement, door=door)
    audit.vastleggen(door, Actie.AANWEZIGHEIDSREGELS_VOORSTELLEN, reglement)
    return reglement
