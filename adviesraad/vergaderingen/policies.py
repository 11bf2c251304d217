"""Who reaches which meeting: one queryset rule, used by every view, selector, service and admin.

* The keepers of the records (``change_vergadering``: the supporter and the account holder) and
  superusers see every meeting.
* A council member or policy officer (``view_vergadering``, the role's door) sees the meetings
  they take part in: those with a ``Deelname`` row for them.
* Anyone else (a former member, a moderator, an anonymous visitor) sees none.

A refused meeting and a missing one both answer 404 (``get_object_for``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker

from hengelo_participatie.accounts.policy import AnyUser, ModelPolicy

from .models import Agendapunt, Deelname, Vergadering


class DeelnemerPolicy(ModelPolicy[Vergadering]):
    """The meeting policy with the participants' rule.

    Model-wide questions ("may add", "may change any") are the role's permissions. Which meeting
    a user reaches (``view``) is the rule above: the keepers every meeting, a reader the meetings
    they take part in. Every other object action needs the model-wide permission as well.
    """

    def __init__(self) -> None:
        super().__init__(Vergadering, global_grants_objects=True)

    def beheert(self, user: AnyUser | None) -> bool:
        """May ``user`` keep the records of meetings (agenda, minutes, attendance, invitations)?"""
        return user is not None and self.user_has_perm(user, "change")

    def instances_user_has_perm_for(
        self, user: AnyUser, action: str = "view", queryset: QuerySet[Vergadering] | None = None
    ) -> QuerySet[Vergadering]:
        """The meetings of ``queryset`` ``user`` may ``action``, as a lazy queryset (no queries of
        its own after the first permission check of a request, which Django caches on the user)."""
        qs = queryset if queryset is not None else Vergadering.objects.all()
        if not self._is_active(user):
            return qs.none()
        if getattr(user, "is_superuser", False) or self.beheert(user):
            return qs
        if action != "view" or not self.user_has_perm(user, "view"):
            return qs.none()
        return qs.filter(
            Exists(Deelname.objects.filter(vergadering=OuterRef("pk"), gebruiker=user))
        )

    def user_has_perm_for_object(
        self,
        user: AnyUser,
        action: str,
        obj: Vergadering,
        *,
        checker: ObjectPermissionChecker | None = None,
    ) -> bool:
        return self.instances_user_has_perm_for(user, action).filter(pk=obj.pk).exists()

    def gebruikers_met_toegang(self, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
        """The users of ``queryset`` (default: all) who may see meetings at all: active, and a
        superuser or holding ``view_vergadering`` (through a role or directly). A lazy queryset.

        Only they may be invited, receive an invitation, or hold a grant on a meeting's documents:
        a former member (account active, no role any more) or a moderator may be left on an old
        meeting's list of participants, but reaches nothing of it.
        """
        qs = queryset if queryset is not None else get_user_model().objects.all()
        perm = Permission.objects.filter(
            content_type__app_label=Vergadering._meta.app_label, codename=self.codename("view")
        )
        met_perm = get_user_model().objects.filter(
            Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
        )
        return qs.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(pk__in=met_perm.values("pk"))
        )

    def actiehouder_keuzes(self, vergadering: Vergadering) -> QuerySet[Any]:
        """Who may own an action of ``vergadering``: a participant who still may see meetings.

        A former member (or a moderator) can stay on an old meeting's list of participants; they
        must not be chosen, or reminders about the (maybe confidential) meeting would reach them."""
        return self.gebruikers_met_toegang().filter(deelnames__vergadering=vergadering)

    def deelname_voor(self, user: AnyUser, pk: object) -> Deelname:
        """A participant row for a keeper of its meeting's records; else 404 (like the meeting)."""
        if not self.beheert(user):
            raise Http404
        try:
            return Deelname.objects.select_related("vergadering", "gebruiker").get(
                pk=pk, vergadering__in=self.instances_user_has_perm_for(user, "view")
            )
        except (Deelname.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc

    def agendapunt_voor(self, user: AnyUser, pk: object) -> Agendapunt:
        """An agenda item for a keeper of its meeting's records; else 404 (like the meeting)."""
        if not self.beheert(user):
            raise Http404
        try:
            return Agendapunt.objects.select_related("vergadering").get(
                pk=pk, vergadering__in=self.instances_user_has_perm_for(user, "view")
            )
        except (Agendapunt.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc


#: The one meeting policy: views (``get_object_for(user, "view"/"change", pk=...)``), services,
#: selectors, the admin and the calendar ask it.
vergadering_policy = DeelnemerPolicy()
