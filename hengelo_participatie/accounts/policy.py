"""The permission policy: the one place that answers "may user U do P on object O?" and
"which objects of this queryset may U see?".

Every view, admin class, service and selector asks a policy instead of calling
``user.has_perm`` or guardian directly. A policy combines two sources:

* **role-wide** model permissions, held by the user's Groups (declared in ``roles.py``);
* **object** permissions, granted per object with django-guardian inside services.

The ``accept_global_perms`` decision is made per model, explicitly, when the policy is created:

* ``ModelPolicy(Model, global_grants_objects=True)``: a role-wide permission covers every object
  (reference data, public records);
* ``ModelPolicy(Model, global_grants_objects=False)``: only an object grant counts for reading or
  changing a specific object. Use this for anything confidential: a staff role with a model-wide
  ``view_`` permission (which it needs for the admin) still sees only the objects it was granted.

Guardian's trap is avoided on both sides: ``ObjectPermissionChecker.has_perm`` ignores global
permissions (so we add them when the policy accepts them), and ``get_objects_for_user`` accepts
them by default (so we always pass the policy's decision).

Every policy has the same four questions (:class:`BasePolicy`, after Wagtail's
``BasePermissionPolicy``): ``user_has_perm``, ``user_has_perm_for_object``,
``instances_user_has_perm_for`` and ``get_object_for``. :class:`ModelPolicy` answers them from
model permissions and guardian grants; a subclass adds a rule of its own (the participants of a
meeting, the reader of a declaration) by overriding a question and calling ``super()``. An
``action`` is a model action ("view", "change"...) or a capability from the role table
("advies.vaststellen"; see ``roles.kan``).

Inactive users and anonymous visitors get nothing. Superusers are system administrators and may
do everything; they are few, use TOTP, and are not a role.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from . import roles
from .models import User

M = TypeVar("M", bound=Model)
AnyUser = User | AnonymousUser

ACTIONS = ("view", "add", "change", "delete")


def is_capability(action: str) -> bool:
    """A capability from the role table ("advies.vaststellen") rather than a model action."""
    return "." in action


class BasePolicy(Generic[M]):
    """The one permission interface. Subclasses override what they know; the defaults derive
    the object questions from the model-wide one."""

    model: type[M]

    @staticmethod
    def _is_active(user: AnyUser) -> bool:
        return bool(user.is_authenticated and user.is_active)

    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        """May ``user`` do ``action`` on this kind of object at all?"""
        raise NotImplementedError

    def user_has_perm_for_object(
        self, user: AnyUser, action: str, obj: M, *, checker: ObjectPermissionChecker | None = None
    ) -> bool:
        """May ``user`` do ``action`` on ``obj``? Default: the model-wide answer."""
        return self.user_has_perm(user, action)

    def instances_user_has_perm_for(
        self, user: AnyUser, action: str = "view", queryset: QuerySet[M] | None = None
    ) -> QuerySet[M]:
        """The objects of ``queryset`` (default: all) on which ``user`` may do ``action``."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs if self.user_has_perm(user, action) else qs.none()

    def get_object_for(
        self,
        user: AnyUser,
        action: str = "view",
        *,
        queryset: QuerySet[M] | None = None,
        **lookup: Any,
    ) -> M:
        """The object of ``queryset`` (default: all) matching ``lookup`` if ``user`` may do
        ``action`` on it, else 404. ``queryset`` lets a page add its ``select_related``.

        A refused object and a missing object look the same to the user (no IDOR oracle).
        """
        qs = self.instances_user_has_perm_for(user, action, queryset)
        try:
            return qs.get(**lookup)
        except (ObjectDoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc


class ModelPolicy(BasePolicy[M]):
    def __init__(self, model: type[M], *, global_grants_objects: bool) -> None:
        self.model = model
        self.global_grants_objects = global_grants_objects

    # --- helpers -------------------------------------------------------------------------
    def codename(self, action: str) -> str:
        return f"{action}_{self.model._meta.model_name}"

    def perm(self, action: str) -> str:
        return f"{self.model._meta.app_label}.{self.codename(action)}"

    def _has_global(self, user: AnyUser, action: str) -> bool:
        # ModelBackend only: the group and user permissions, never object permissions.
        return bool(user.has_perm(self.perm(action)))

    # --- questions -------------------------------------------------------------------------
    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        """May ``user`` do ``action`` on this model at all (model-wide, e.g. ``add``)? For a
        capability: does one of ``user``'s roles hold it (the role table)?"""
        if not self._is_active(user):
            return False
        if is_capability(action):
            return roles.kan(user, action)
        return self._has_global(user, action)

    def user_has_perm_for_object(
        self, user: AnyUser, action: str, obj: M, *, checker: ObjectPermissionChecker | None = None
    ) -> bool:
        """May ``user`` do ``action`` on ``obj``? A capability on an object: the role holds it
        and ``user`` may see ``obj`` (so the relation an object grant expresses still counts)."""
        if not self._is_active(user):
            return False
        if is_capability(action):
            return self.user_has_perm(user, action) and self.user_has_perm_for_object(
                user, "view", obj, checker=checker
            )
        if getattr(user, "is_superuser", False):
            return True
        if self.global_grants_objects and self._has_global(user, action):
            return True
        checker = checker or ObjectPermissionChecker(user)  # type: ignore[arg-type]
        return bool(checker.has_perm(self.codename(action), obj))

    def instances_user_has_perm_for(
        self, user: AnyUser, action: str = "view", queryset: QuerySet[M] | None = None
    ) -> QuerySet[M]:
        """The objects of ``queryset`` (default: all) on which ``user`` may do ``action``."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        if not self._is_active(user):
            return qs.none()
        if is_capability(action):
            if not self.user_has_perm(user, action):
                return qs.none()
            action = "view"
        if getattr(user, "is_superuser", False):
            return qs
        result: QuerySet[M] = get_objects_for_user(
            user,
            self.perm(action),
            klass=qs,
            accept_global_perms=self.global_grants_objects,
            # Guardian ignores accept_global_perms when with_superuser=False (documented quirk);
            # superusers were already handled above, so True changes nothing else.
            with_superuser=True,
        )
        return result

    def checker_for(self, user: AnyUser, objects: Iterable[M]) -> ObjectPermissionChecker:
        """A checker with the object permissions of ``objects`` prefetched (list pages)."""
        checker = ObjectPermissionChecker(user)  # type: ignore[arg-type]
        objs = list(objects)
        if objs and self._is_active(user):
            checker.prefetch_perms(objs)  # type: ignore[arg-type]  # accepts any iterable
        return checker
