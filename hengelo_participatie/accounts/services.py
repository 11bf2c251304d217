"""Writes on accounts. The admin, views and management commands all go through these."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User, UserSession
from .policy import ModelPolicy
from .roles import Rol, beheer_rollen

logger = logging.getLogger("hengelo_participatie.accounts")

user_policy: ModelPolicy[User] = ModelPolicy(User, global_grants_objects=True)


def _check_may_manage(*, door: Any, user: User) -> None:
    """``door`` (the acting user; ``None`` for the system itself) may change ``user``."""
    if door is None:
        return
    if not user_policy.user_has_perm_for_object(door, "change", user):
        raise PermissionDenied(_("U mag dit account niet wijzigen."))
    if user.is_superuser and not door.is_superuser:
        raise PermissionDenied(_("Alleen een systeembeheerder mag dit account wijzigen."))


def _mark_history(*, user: User, door: Any, reason: str) -> None:
    user._change_reason = reason  # type: ignore[attr-defined]
    if door is not None:
        user._history_user = door  # type: ignore[attr-defined]


def user_sessions_end(*, user: User, except_key: str | None = None) -> int:
    """End every session of ``user`` (but ``except_key``), whatever the session engine.

    Returns how many were ended.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    rows = list(UserSession.objects.filter(user=user).exclude(session_key=except_key or ""))
    for row in rows:
        store_class(session_key=row.session_key).delete()
    UserSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


@transaction.atomic
def user_deactivate(*, user: User, door: Any) -> User:
    """Switch the account off and end all of its sessions (ASVS 7.4.2: end of term)."""
    _check_may_manage(door=door, user=user)
    user.is_active = False
    user.full_clean(exclude=["password"])
    _mark_history(user=user, door=door, reason="Account uitgezet; alle sessies beëindigd")
    user.save()
    count = user_sessions_end(user=user)
    logger.info(
        "actor=%s action=user_deactivate object=user:%s result=ok sessions_ended=%s",
        getattr(door, "pk", "systeem"),
        user.pk,
        count,
    )
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], door: Any) -> User:
    """Give ``user`` exactly ``roles``. Admin access (``is_staff``) follows from the roles."""
    _check_may_manage(door=door, user=user)
    names = {str(role) for role in roles}
    unknown = names - {rol.value for rol in Rol}
    if unknown:
        raise ValidationError(
            {
                "groups": _("Deze rol bestaat niet: %(rollen)s.")
                % {"rollen": ", ".join(sorted(unknown))}
            }
        )
    groups = list(Group.objects.filter(name__in=names))
    missing = names - {group.name for group in groups}
    if missing:
        raise ValidationError(
            {
                "groups": _("Deze rol is nog niet aangemaakt: %(rollen)s.")
                % {"rollen": ", ".join(sorted(missing))}
            }
        )
    user.groups.set(groups)
    user.is_staff = user.is_superuser or bool(names & beheer_rollen())
    user.full_clean(exclude=["password"])
    _mark_history(
        user=user, door=door, reason=f"Rollen gezet: {', '.join(sorted(names)) or 'geen'}"
    )
    user.save()
    logger.info(
        "actor=%s action=user_set_roles object=user:%s result=ok roles=%s",
        getattr(door, "pk", "systeem"),
        user.pk,
        ",".join(sorted(names)),
    )
    return user
