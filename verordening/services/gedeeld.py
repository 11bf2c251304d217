"""What the record services of this app share: change only the fields a service offers, and
delete with history's actor and reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def velden_zetten(obj: Model, velden: Mapping[str, Any], toegestaan: frozenset[str]) -> list[str]:
    """Put ``velden`` on ``obj``; refuse a field outside ``toegestaan`` (a status, a period: those
    change through their own service). Returns the fields whose value changed, sorted."""
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise ValidationError(
            _("Deze gegevens veranderen hier niet: %(velden)s.")
            % {"velden": ", ".join(sorted(onbekend))},
            code="veld_niet_wijzigbaar",
        )
    if obj._state.adding:  # a new record: every given field (a relation is not there to compare)
        gewijzigd = sorted(velden)
    else:
        gewijzigd = sorted(veld for veld, waarde in velden.items() if getattr(obj, veld) != waarde)
    for veld in gewijzigd:
        setattr(obj, veld, velden[veld])
    return gewijzigd


def verwijderen(obj: Model, *, door: User | None, reden: str) -> None:
    """Delete ``obj``; simple-history records ``door`` and ``reden`` on the deletion."""
    obj._history_user = door  # type: ignore[attr-defined]
    obj._change_reason = reden  # type: ignore[attr-defined]
    obj.delete()
