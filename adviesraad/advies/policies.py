"""Who reaches which advice request. Confidential: only object grants count.

``global_grants_objects=False`` deliberately: the account holder holds the model-wide
``view_adviesaanvraag`` (for the admin) but sees requests through the group grant that
``services.toegang_bijwerken`` gives the ``accounthouder`` group; a policy officer sees only the
requests assigned to them; a member only while they sit on the council.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from adviesraad.models.advies import (
    Adviesaanvraag,
    AdviesaanvraagGroupObjectPermission,
    AdviesaanvraagUserObjectPermission,
)
from hengelo_participatie.accounts.policy import ModelPolicy
from hengelo_participatie.accounts.roles import Rol

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


def aanvragen_zichtbaar_zonder_extra_queries(user: Any) -> QuerySet[Adviesaanvraag]:
    """The requests ``user`` may view, as a lazy queryset that costs no queries of its own.

    The same answer as ``aanvraag_policy.instances_user_has_perm_for(user, "view")`` (object
    grants only, per user or through a group; a superuser sees all; an inactive user none), but
    built from plain subqueries: guardian's ``get_objects_for_user`` looks up the content type and
    permission first (two queries per call), too much for a helper every list page calls
    (participatiemix/relevantie.py). tests/participatiemix/test_benutting_advies.py checks that
    both agree.
    """
    qs = Adviesaanvraag.objects.all()
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return qs.none()
    if getattr(user, "is_superuser", False):
        return qs
    perm = {
        "permission__codename": aanvraag_policy.codename("view"),
        "permission__content_type__app_label": Adviesaanvraag._meta.app_label,
    }
    per_user = AdviesaanvraagUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user=user, **perm
    )
    per_groep = AdviesaanvraagGroupObjectPermission.objects.filter(
        content_object=OuterRef("pk"), group__user=user, **perm
    )
    return qs.filter(Exists(per_user) | Exists(per_groep))


# --- The approval round --------------------------------------------------------------------------
#: Besides the members in the round, only these roles see how each member voted and what they
#: wrote. The round is the council's own: policy staff and the account holder see only that the
#: concept was approved, and when (``Advies.vastgesteld_op``).
RONDE_LEZERS = frozenset({Rol.VOORZITTER.value, Rol.ONDERSTEUNER.value})


def mag_ronde_inzien(user: Any, *, deelnemers: Iterable[int]) -> bool:
    """May ``user`` see the per-member votes and comments of an approval round?

    ``deelnemers`` are the user ids of the members who have a row in the round (took part, or
    were left out because of a declared interest). A superuser is not a reader: as for a
    member's declaration (``adviesraad.policies.mag_verklaring_lezen``), the regulation names who
    may know, and a system administrator is not one of them.
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(rollen_van(user) & RONDE_LEZERS) or user.pk in set(deelnemers)
