"""What every meeting service shares: the keeper's check, the locked fresh copy, deleting with
history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis

from ..policies import vergadering_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def eis_beheer(door: User | None, actie: Actie, obj: object) -> None:
    """Refuse unless ``door`` keeps the records of meetings (``None``, the system, may)."""
    eis(
        door is None or vergadering_policy.beheert(door),
        door,
        actie,
        obj,
        melding=_("U mag dit niet doen bij deze vergadering."),
    )


def verwijderen(obj: Model, *, door: User | None, reden: str) -> None:
    """Delete with a history row (reason and user); a protecting link is a clear refusal."""
    obj._change_reason = reden[:100]  # type: ignore[attr-defined]
    obj._history_user = door  # type: ignore[attr-defined]
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ValidationError(
            _("Dit kan niet weg: er hangen nog andere gegevens aan vast.")
        ) from exc
