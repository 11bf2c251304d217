"""The write toolkit every service uses: one meaning per helper, in every app.

* :func:`vandaag`: today's date in the municipality's time zone (never ``date.today()``).
* :func:`datum_tekst`: a date as people read it ("3 december 2026"); ``None`` stays ``None``.
* :func:`eis`: refuse with ``PermissionDenied`` unless ``toegestaan``; the refusal is audited.
* :func:`eis_perm`: the same, asking a policy for a model-wide or object permission.
* :func:`opslaan`: validate (``full_clean``), give history its reason and actor, save.
* :func:`vergrendeld`: a fresh copy of a row, locked for this transaction, so a stale instance
  from the caller never overwrites a status.

``door`` is the acting user, or ``None`` for the system itself (a task, the demo seed, a
follow-up of another service that already checked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import audit

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


M = TypeVar("M", bound=Model)


def vandaag() -> date:
    return timezone.localdate()


def datum_tekst(d: date | None) -> str | None:
    return None if d is None else str(date_format(d, "j F Y"))


def eis(
    toegestaan: bool | Callable[[], bool],
    door: User | None,
    actie: audit.Actie | str,
    obj: object = None,
    *,
    melding: str | None = None,
) -> None:
    """Refuse unless ``toegestaan`` (a bool, or a callable asked only now)."""
    ok = toegestaan() if callable(toegestaan) else toegestaan
    if not ok:
        audit.vastleggen(door, actie, obj, audit.GEWEIGERD)
        raise PermissionDenied(melding or _("U mag dit niet doen."))


def eis_perm(
    policy: Any,
    door: User | None,
    actie: str,
    audit_actie: audit.Actie | str,
    obj: Model | None = None,
) -> None:
    """Ask ``policy`` whether ``door`` may ``actie`` (on ``obj``); ``door is None`` is the system."""
    if door is None:
        return
    if obj is None:
        eis(policy.user_has_perm(door, actie), door, audit_actie)
    else:
        eis(policy.user_has_perm_for_object(door, actie, obj), door, audit_actie, obj)


def opslaan(
    obj: Model, *, door: User | None, reden: str, exclude: Iterable[str] | None = None
) -> None:
    """Validate and save ``obj``; simple-history records ``door`` and ``reden``."""
    obj.full_clean(exclude=list(exclude or []))
    obj._change_reason = reden  # type: ignore[attr-defined]
    obj._history_user = door  # type: ignore[attr-defined]
    obj.save()


def vergrendeld(obj: M) -> M:
    """A fresh copy of ``obj`` from the database, locked (``SELECT ... FOR UPDATE``) until the
    end of the caller's transaction."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)
