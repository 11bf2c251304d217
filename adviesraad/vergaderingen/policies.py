"""Who reaches which meeting: one queryset rule, used by every view, selector, service and admin.

* The keepers of the records (``change_vergadering``: the supporter and the account holder) and
  superusers see every meeting.
* A council member or policy officer (``view_vergadering``, the role's door) sees the meetings
  they take part in: those with a ``Deelname`` row for them.
* Anyone else (a former member, a moderator, an anonymous visitor) sees none.

A refused meeting and a missing one both answer 404 (``vergadering_voor``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from hengelo_participatie.accounts.policy import ModelPolicy

from .models import Agendapunt, Deelname, Vergadering

#: Model-wide questions only ("may add", "may change any"); objects go through the rule below.
vergadering_policy: ModelPolicy[Vergadering] = ModelPolicy(Vergadering, global_grants_objects=True)


def _actief(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def beheert(user: Any) -> bool:
    """May ``user`` keep the records of meetings (agenda, minutes, attendance, invitations)?"""
    return _actief(user) and vergadering_policy.user_has_perm(user, "change")


def vergaderingen_zichtbaar_voor(
    user: Any, queryset: QuerySet[Vergadering] | None = None
) -> QuerySet[Vergadering]:
    """The meetings ``user`` may see, as a lazy queryset (no queries of its own after the first
    permission check of a request, which Django caches on the user)."""
    qs = queryset if queryset is not None else Vergadering.objects.all()
    if not _actief(user):
        return qs.none()
    if getattr(user, "is_superuser", False) or beheert(user):
        return qs
    if not vergadering_policy.user_has_perm(user, "view"):
        return qs.none()
    return qs.filter(Exists(Deelname.objects.filter(vergadering=OuterRef("pk"), gebruiker=user)))


def gebruikers_met_toegang(queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The users of ``queryset`` (default: all) who may see meetings at all: active, and a
    superuser or holding ``view_vergadering`` (through a role or directly). A lazy queryset.

    Only they may be invited, receive an invitation, or hold a grant on a meeting's documents: a
    former member (account active, no role any more) or a moderator may be left on an old
    meeting's list of participants, but reaches nothing of it.
    """
    qs = queryset if queryset is not None else get_user_model().objects.all()
    perm = Permission.objects.filter(
        content_type__app_label=Vergadering._meta.app_label,
        codename=vergadering_policy.codename("view"),
    )
    met_perm = get_user_model().objects.filter(
        Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
    )
    return qs.filter(is_active=True).filter(Q(is_superuser=True) | Q(pk__in=met_perm.values("pk")))


def actiehouder_keuzes(vergadering: Vergadering) -> QuerySet[Any]:
    """Who may own an action of ``vergadering``: a participant who still may see meetings.

    A former member (or a moderator) can stay on an old meeting's list of participants; they
    must not be chosen, or reminders about the (maybe confidential) meeting would reach them."""
    return gebruikers_met_toegang().filter(deelnames__vergadering=vergadering)


def vergadering_voor(user: Any, pk: object, *, beheer: bool = False) -> Vergadering:
    """The meeting if ``user`` may see it (and, with ``beheer``, keep it); else 404."""
    if beheer and not beheert(user):
        raise Http404
    try:
        return vergaderingen_zichtbaar_voor(user).get(pk=pk)
    except (Vergadering.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def deelname_voor(user: Any, pk: object) -> Deelname:
    """A participant row for a keeper of its meeting's records; else 404 (like the meeting)."""
    if not beheert(user):
        raise Http404
    try:
        return Deelname.objects.select_related("vergadering", "gebruiker").get(
            pk=pk, vergadering__in=vergaderingen_zichtbaar_voor(user)
        )
    except (Deelname.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def agendapunt_voor(user: Any, pk: object) -> Agendapunt:
    """An agenda item for a keeper of its meeting's records; else 404 (like the meeting)."""
    if not beheert(user):
        raise Http404
    try:
        return Agendapunt.objects.select_related("vergadering").get(
            pk=pk, vergadering__in=vergaderingen_zichtbaar_voor(user)
        )
    except (Agendapunt.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
