"""The College's response period: it starts when the College's secretariat registered the advice
(the account holder records that, with the municipality's case number) and the chair can record
that it was extended, with a reason. Both are rules of the regulation, never constants:
``Sleutel.REACTIETERMIJN_COLLEGE`` for the period, ``Sleutel.ESCALATIE_REACTIE_COLLEGE`` for when an
overdue response also goes to the chair (``deadlines.py``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models.advies import WACHT_OP_COLLEGE, Adviesaanvraag
from adviesraad.models.college import Bezorging, Stuk, Termijnverlenging
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag, vergrendeld
from verordening.rules import Sleutel, rule

from .toegang import eis_capability, ververs

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

ONTVANGST_BEVESTIGEN = "advies.ontvangst_bevestigen"
VERLENGEN = "advies.reactietermijn_verlengen"


def reactietermijn_vanaf(aanvraag: Adviesaanvraag, begin: date, *, hoe: str) -> None:
    """Set the response date from the rule in force on ``begin`` (no save)."""
    termijn = rule(Sleutel.REACTIETERMIJN_COLLEGE, on=begin)
    aanvraag.reactie_uiterlijk = termijn.waarde.na(begin)
    aanvraag.reactie_uiterlijk_bron = f"{termijn.weergave} {hoe}, {termijn.citeer()}"[:300]


@transaction.atomic
def ontvangst_bevestigen(
    *,
    bezorging: Bezorging,
    geregistreerd_op: date,
    zaaknummer: str,
    door: User | None,
    op: date | None = None,
) -> Bezorging:
    """The College's secretariat registered the advice: record the date and case number, and
    let the response period run from that date."""
    op = op or vandaag()
    bezorging = Bezorging.objects.select_for_update().select_related("advies").get(pk=bezorging.pk)
    origineel = bezorging.aanvraag
    aanvraag = vergrendeld(origineel)
    eis_capability(ONTVANGST_BEVESTIGEN, aanvraag, door, Actie.ONTVANGST_BEVESTIGEN)
    if bezorging.stuk != Stuk.ADVIES:
        raise ValidationError(_("Alleen bij een advies aan het college."))
    if aanvraag.status not in WACHT_OP_COLLEGE:
        raise ValidationError(_("Het college heeft al gereageerd of het advies is niet verzonden."))
    fouten: dict[str, str] = {}
    if not zaaknummer.strip():
        fouten["zaaknummer"] = _("Vul het zaaknummer van de gemeente in.")
    verzonden = bezorging.advies.verzonden_op
    if geregistreerd_op > op:
        fouten["geregistreerd_op"] = _("Deze datum mag niet in de toekomst liggen.")
    elif verzonden is not None and geregistreerd_op < verzonden:
        fouten["geregistreerd_op"] = _("Kies een datum vanaf %(datum)s (verzonden).") % {
            "datum": f"{verzonden:%d-%m-%Y}"
        }
    if fouten:
        raise ValidationError(fouten)
    bezorging.geregistreerd_op = geregistreerd_op
    bezorging.zaaknummer = zaaknummer.strip()
    bezorging.ontvangst_vastgelegd_door = door
    opslaan(bezorging, door=door, reden="ontvangst bevestigd")
    aanvraag.zaaknummer = zaaknummer.strip()
    if not aanvraag.termijnverlengingen.exists():
        reactietermijn_vanaf(aanvraag, geregistreerd_op, hoe=_("na registratie door het college"))
    opslaan(aanvraag, door=door, reden="ontvangst door het college bevestigd")
    audit.vastleggen(door, Actie.ONTVANGST_BEVESTIGEN, bezorging)
    ververs(origineel)
    return bezorging


@transaction.atomic
def reactietermijn_verlengen(
    *, aanvraag: Adviesaanvraag, nieuwe_datum: date, reden: str, door: User | None
) -> Termijnverlenging:
    """The chair records that the College's response period was extended, and why."""
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_capability(VERLENGEN, aanvraag, door, Actie.REACTIETERMIJN_VERLENGEN)
    if aanvraag.status not in WACHT_OP_COLLEGE or aanvraag.reactie_uiterlijk is None:
        raise ValidationError(_("Er loopt geen reactietermijn van het college."))
    fouten: dict[str, str] = {}
    if not reden.strip():
        fouten["reden"] = _("Schrijf op waarom de termijn langer is.")
    if nieuwe_datum <= aanvraag.reactie_uiterlijk:
        fouten["nieuwe_datum"] = _("Kies een datum na %(datum)s.") % {
            "datum": f"{aanvraag.reactie_uiterlijk:%d-%m-%Y}"
        }
    if fouten:
        raise ValidationError(fouten)
    verlenging = Termijnverlenging(
        aanvraag=aanvraag,
        oude_datum=aanvraag.reactie_uiterlijk,
        nieuwe_datum=nieuwe_datum,
        reden=reden.strip(),
        vastgelegd_door=door,
    )
    opslaan(verlenging, door=door, reden="")
    aanvraag.reactie_uiterlijk = nieuwe_datum
    aanvraag.reactie_uiterlijk_bron = _("verlengd: %(reden)s") % {"reden": reden.strip()[:250]}
    opslaan(aanvraag, door=door, reden="reactietermijn verlengd")
    audit.vastleggen(
        door, Actie.REACTIETERMIJN_VERLENGEN, aanvraag, f"{audit.OK} tot={nieuwe_datum.isoformat()}"
    )
    ververs(origineel)
    return verlenging
