"""The house rules' workflow as one table (``core.workflow``): from, to, capability, effects.

The table drives both the choices the admin offers and the check the service enforces, so the two
cannot disagree. Anything not in the table is refused with a Dutch message naming both states.
A step needs a capability from the role table (``verordening.reglement_indienen``: the council
submits; ``verordening.reglement_beoordelen``: the municipality approves or returns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hengelo_participatie.core.workflow import Stap, Transition, Workflow
from verordening.models import HuishoudelijkReglement
from verordening.policies import reglement_policy
from verordening.services.regels import aanwezigheidsregels_vastleggen

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

Status = HuishoudelijkReglement.Status
Overgang = Transition[HuishoudelijkReglement]

INDIENEN = "verordening.reglement_indienen"
BEOORDELEN = "verordening.reglement_beoordelen"


def _ingediend(reglement: HuishoudelijkReglement, stap: Stap) -> None:
    reglement.ingediend_op = stap.op
    reglement.beoordeeld_op = None
    reglement.opmerkingen_college = ""


def _beoordeeld(reglement: HuishoudelijkReglement, stap: Stap) -> None:
    reglement.beoordeeld_op = stap.op
    reglement.opmerkingen_college = stap.reden.strip()


def _aanwezigheidsregels(reglement: HuishoudelijkReglement, stap: Stap) -> None:
    """The attendance rules this version sets apply from its adoption date (issue 12 §1)."""
    if reglement.aanwezigheidsregels:
        aanwezigheidsregels_vastleggen(reglement=reglement, op=stap.op, door=stap.door)


WORKFLOW: Workflow[HuishoudelijkReglement] = Workflow(
    [
        Overgang(
            Status.CONCEPT,
            Status.INGEDIEND,
            gettext_noop("Indienen bij het college"),
            INDIENEN,
            effecten=(_ingediend,),
        ),
        Overgang(
            Status.INGEDIEND,
            Status.GOEDGEKEURD,
            gettext_noop("Goedkeuren"),
            BEOORDELEN,
            effecten=(_beoordeeld, _aanwezigheidsregels),
        ),
        Overgang(
            Status.INGEDIEND,
            Status.TERUGGESTUURD,
            gettext_noop("Terugsturen met opmerkingen"),
            BEOORDELEN,
            effecten=(_beoordeeld,),
            reden_verplicht=True,
        ),
        Overgang(
            Status.TERUGGESTUURD,
            Status.CONCEPT,
            gettext_noop("Weer in concept nemen om aan te passen"),
            INDIENEN,
        ),
    ],
    begin=Status.CONCEPT,
)

#: ``(van, naar) -> row``: the table by its steps.
OVERGANGEN: dict[tuple[str, str], Overgang] = {(o.van, o.naar): o for o in WORKFLOW.rijen}


def mag_stap(user: User | None, overgang: Overgang) -> bool:
    """Does ``user`` hold the capability of this step (asked to the policy)? ``None``, the
    system, never does: every step of the house rules is a person's decision."""
    return user is not None and reglement_policy.user_has_perm(user, overgang.capability)


def mogelijke_overgangen(status: str, user: User | None = None) -> list[Overgang]:
    """The transitions from ``status``; with ``user``, only those the user may make."""
    return [o for o in WORKFLOW.van(status) if user is None or mag_stap(user, o)]


def controleer_overgang(*, van: str, naar: str, opmerkingen: str = "") -> Overgang:
    """Return the transition, or raise ValidationError with a clear Dutch message."""
    overgang = WORKFLOW.zoek(van, naar)
    if overgang is None:
        van_label = Status(van).label if van in Status.values else van
        naar_label = Status(naar).label if naar in Status.values else naar
        mogelijk = ", ".join(str(Status(o.naar).label) for o in mogelijke_overgangen(van)) or _(
            "geen"
        )
        raise ValidationError(
            _(
                "Een huishoudelijk reglement met status „%(van)s” kan niet naar „%(naar)s”. "
                "Mogelijk vanaf hier: %(mogelijk)s."
            )
            % {"van": van_label, "naar": naar_label, "mogelijk": mogelijk},
            code="ongeldige_overgang",
        )
    if overgang.reden_verplicht and not opmerkingen.strip():
        raise ValidationError(
            {"opmerkingen": _("Schrijf op waarom het college het reglement terugstuurt.")},
            code="opmerkingen_verplicht",
        )
    return overgang
