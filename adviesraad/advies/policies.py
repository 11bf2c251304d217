"""Who reaches which advice request. Confidential: only object grants count.

``global_grants_objects=False`` deliberately: the account holder holds the model-wide
``view_adviesaanvraag`` (for the admin) but sees requests through the group grant that
``services.toegang_bijwerken`` gives the ``accounthouder`` group; a policy officer sees only the
requests assigned to them; a member only while they sit on the council.
"""

from __future__ import annotations

from typing import Any

from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.policy import ModelPolicy

aanvraag_policy: ModelPolicy[Adviesaanvraag] = ModelPolicy(
    Adviesaanvraag, global_grants_objects=False
)


def rollen_van(user: Any) -> frozenset[str]:
    """The role names of ``user`` (cached on the user object for one request)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    cached = getattr(user, "_advies_rollen", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._advies_rollen = cached
    return cached


def heeft_rol(user: Any, rollen: frozenset[Any] | set[Any]) -> bool:
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    return bool(rollen_van(user) & {str(r) for r in rollen})
