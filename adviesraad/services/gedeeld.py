"""Rules shared by the membership services."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

M = TypeVar("M", bound=Model)


def eis_niet_zelf(
    door: User | None, account_id: int | None, actie: audit.Actie, obj: object = None
) -> None:
    """Nobody raises their own rights: council roles follow terms and functions, so whoever keeps
    the membership records may not register, nominate, appoint or give a function to their own
    account. That needs a second person (``accounts.services.user_set_roles`` has the same rule)."""
    if door is not None and account_id is not None and door.pk == account_id:
        audit.vastleggen(door, actie, obj, f"{audit.GEWEIGERD}:eigen_account")
        raise PermissionDenied(
            _(
                "U kunt uzelf niet aanmelden, voordragen, benoemen of een functie geven. "
                "Vraag een collega om dit te doen."
            )
        )


def postcode_opmaken(postcode: str) -> str:
    """How a postcode is stored: "7551ab" -> "7551 AB" (``verordening.rules.normaliseer_postcode``
    is the check that it is one)."""
    schoon = "".join((postcode or "").split()).upper()
    return f"{schoon[:4]} {schoon[4:]}".strip() if len(schoon) == 6 else schoon


def overlapt(qs: QuerySet[M], van: date, tot: date | None) -> QuerySet[M]:
    """The rows of ``qs`` (with ``van``/``tot``) that overlap the period [van, tot]."""
    qs = qs.filter(Q(tot__isnull=True) | Q(tot__gte=van))
    return qs if tot is None else qs.filter(van__lte=tot)
