"""Who may see a private file: only those with an object grant (uploader, or granted by a
service). A role-wide ``files.view_bestand`` (e.g. for the admin) does not open every file: the
``accept_global_perms`` decision is ``False``, deliberately, because files are confidential.

Some files belong to a domain object whose own policy decides who may read them, for example
the report (verslag) a moderator uploads to a participation activity: whoever may see the
activity may download its report. Such an app registers an :class:`EigenaarRegel` (in its
``AppConfig.ready``). For a file that a rule *governs*, only that rule decides ``view``; an
object grant on it (the uploader's own grant, say) no longer counts. So the generic download URL,
the domain's own download URL and the admin all give the same answer for the same user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hengelo_participatie.accounts.policy import AnyUser, ModelPolicy

from .models import Bestand


@dataclass(frozen=True)
class EigenaarRegel:
    """Files owned by a domain object, and who may read them through that object.

    ``beheerd``: a queryset of the ``Bestand`` primary keys this rule governs (all of them,
    whoever asks). ``zichtbaar``: for a user, the primary keys of the governed files that user
    may read, by the owner's policy. Both are used as subqueries: no rows are loaded.
    """

    naam: str
    beheerd: Callable[[], QuerySet[Any]]
    zichtbaar: Callable[[AnyUser], QuerySet[Any]]


class BestandPolicy(ModelPolicy[Bestand]):
    """The file policy: object grants, except where an owner's rule governs the file."""

    def __init__(self) -> None:
        super().__init__(Bestand, global_grants_objects=False)
        self._regels: dict[str, EigenaarRegel] = {}

    def registreer(self, regel: EigenaarRegel) -> None:
        """Add (or replace, by name: ``ready()`` may run twice in tests) an owner's rule."""
        self._regels[regel.naam] = regel

    def _eigenaar_filter(self, user: AnyUser) -> tuple[Q, Q]:
        """The files some rule governs, and those of them ``user`` may ``view``."""
        beheerd = Q()
        zichtbaar = Q()
        for regel in self._regels.values():
            beheerd |= Q(pk__in=regel.beheerd())
            zichtbaar |= Q(pk__in=regel.zichtbaar(user))
        return beheerd, zichtbaar

    def instances_user_has_perm_for(
        self, user: AnyUser, action: str = "view", queryset: QuerySet[Bestand] | None = None
    ) -> QuerySet[Bestand]:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        if action != "view" or not self._regels:
            return super().instances_user_has_perm_for(user, action, qs)
        if not self._is_active(user):
            return qs.none()
        if getattr(user, "is_superuser", False):
            return qs
        beheerd, zichtbaar = self._eigenaar_filter(user)
        via_grant = super().instances_user_has_perm_for(user, action, Bestand.objects.all())
        return qs.filter((Q(pk__in=via_grant.values("pk")) & ~beheerd) | (beheerd & zichtbaar))

    def user_has_perm_for_object(
        self, user: AnyUser, action: str, obj: Bestand, *, checker: Any = None
    ) -> bool:
        if action != "view" or not self._regels:
            return super().user_has_perm_for_object(user, action, obj, checker=checker)
        if not self._is_active(user):
            return False
        if getattr(user, "is_superuser", False):
            return True
        return self.instances_user_has_perm_for(
            user, action, Bestand.objects.filter(pk=obj.pk)
        ).exists()


bestand_policy: BestandPolicy = BestandPolicy()
