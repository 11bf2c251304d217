"""The house rules' workflow as one table: (from, to) -> who may, what it needs.

The table drives both the choices the admin offers and the check the service enforces, so the two
cannot disagree. Anything not in the table is refused with a Dutch message naming both states.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from verordening.models import HuishoudelijkReglement

Status = HuishoudelijkReglement.Status


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    actie: str  # the button text
    permissie: str  # "app_label.codename"
    opmerkingen_verplicht: bool = False


INDIENEN = "verordening.indienen_huishoudelijkreglement"
BEOORDELEN = "verordening.beoordelen_huishoudelijkreglement"

OVERGANGEN: dict[tuple[str, str], Overgang] = {
    (o.van, o.naar): o
    for o in (
        Overgang(
            Status.CONCEPT, Status.INGEDIEND, gettext_noop("Indienen bij het college"), INDIENEN
        ),
        Overgang(Status.INGEDIEND, Status.GOEDGEKEURD, gettext_noop("Goedkeuren"), BEOORDELEN),
        Overgang(
            Status.INGEDIEND,
            Status.TERUGGESTUURD,
            gettext_noop("Terugsturen met opmerkingen"),
            BEOORDELEN,
            opmerkingen_verplicht=True,
        ),
        Overgang(
            Status.TERUGGESTUURD,
            Status.CONCEPT,
            gettext_noop("Weer in concept nemen om aan te passen"),
            INDIENEN,
        ),
    )
}


def mogelijke_overgangen(status: str, user=None) -> list[Overgang]:
    """The transitions from ``status``; with ``user``, only those the user may make."""
    return [
        o
        for (van, _naar), o in OVERGANGEN.items()
        if van == status and (user is None or user.has_perm(o.permissie))
    ]


def controleer_overgang(*, van: str, naar: str, opmerkingen: str = "") -> Overgang:
    """Return the transition, or raise ValidationError with a clear Dutch message."""
    overgang = OVERGANGEN.get((van, naar))
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
    if overgang.opmerkingen_verplicht and not opmerkingen.strip():
        raise ValidationError(
            {"opmerkingen": _("Schrijf op waarom het college het reglement terugstuurt.")},
            code="opmerkingen_verplicht",
        )
    return overgang
