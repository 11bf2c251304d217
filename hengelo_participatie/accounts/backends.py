"""A user's roles and model permissions in one query, instead of three.

Django's ``ModelBackend`` reads a user's own permissions and their groups' permissions in two
queries, and ``roles.rollen_van`` reads the role (group) names in a third, on nearly every page.
``RollenEnRechtenBackend`` stands in ``AUTHENTICATION_BACKENDS`` just before ``ModelBackend`` and
reads all three in one ``UNION`` query; it fills the caches ``ModelBackend`` (``_perm_cache``) and
``rollen_van`` (``_rolnamen``) look at, so they ask nothing more. It authenticates nobody (sessions
keep naming ``ModelBackend``) and answers exactly what ``ModelBackend`` answers; a superuser and an
inactive or anonymous user go to ``ModelBackend`` unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, Value


class RollenEnRechtenBackend(ModelBackend):
    def authenticate(
        self, request: Any, username: Any = None, password: Any = None, **kw: Any
    ) -> None:
        return None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if (
            not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
            or user_obj.is_superuser
            or hasattr(user_obj, "_perm_cache")
        ):
            return super().get_all_permissions(user_obj, obj)
        lees_rollen_en_rechten(user_obj)
        return user_obj._perm_cache  # type: ignore[no-any-return]


def lees_rollen_en_rechten(user: Any) -> None:
    """Fill ``user._rolnamen`` and ``user._perm_cache`` in one query (see the module docstring)."""
    per_groep = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
    )
    eigen = (
        Permission.objects.filter(user=user)
        .order_by()
        .annotate(groep=Value(None, output_field=CharField()))
        .values_list("groep", "content_type__app_label", "codename")
    )
    rollen: set[str] = set()
    rechten: set[str] = set()
    for groep, app_label, codename in per_groep.union(eigen, all=True):
        if groep is not None:
            rollen.add(groep)
        if codename is not None:
            rechten.add(f"{app_label}.{codename}")
    user._rolnamen = frozenset(rollen)
    user._perm_cache = rechten
