"""Who reaches which advice request, and who may do what on it. Confidential: only object grants
count.

``global_grants_objects=False`` deliberately: the account holder holds the model-wide
``view_adviesaanvraag`` (for the admin) but sees requests through the group grant that
``services.toegang.toegang_bijwerken`` gives the groups holding ``advies.alle_aanvragen_zien``; a
policy officer sees only the requests assigned to them; a member only while they sit on the
council.

An *action* is a model action ("view", "add", "change") or a capability of the role table
("advies.vaststellen"). For a capability on a request the answer is: one of the user's roles
holds it (``roles.kan``) *and* the user is related to the request (may view it).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet

from adviesraad.models.advies import (
    Adviesaanvraag,
    AdviesaanvraagGroupObjectPermission,
    AdviesaanvraagUserObjectPermission,
)
from hengelo_participatie.accounts import roles
from hengelo_participatie.accounts.policy import AnyUser, ModelPolicy

#: Besides the members in the round, only the roles with this capability see how each member
#: voted and what they wrote. The round is the council's own: policy staff and the account holder
#: see only that the concept was approved, and when (``Advies.vastgesteld_op``).
RONDE_INZIEN = "advies.ronde_inzien"


class AanvraagPolicy(ModelPolicy[Adviesaanvraag]):
    def __init__(self) -> None:
        super().__init__(Adviesaanvraag, global_grants_objects=False)

    def zichtbaar_zonder_extra_queries(self, user: AnyUser) -> QuerySet[Adviesaanvraag]:
        """The requests ``user`` may view, as a lazy queryset that costs no queries of its own.

        The same answer as ``instances_user_has_perm_for(user, "view")`` (object grants only,
        per user or through a group; a superuser sees all; an inactive user none), but built
        from plain subqueries: guardian's ``get_objects_for_user`` looks up the content type and
        permission first (two queries per call), too much for a helper every list page calls.
        tests/participatiemix/test_benutting_advies.py checks that both agree.
        """
        qs = Adviesaanvraag.objects.all()
        if not self._is_active(user):
            return qs.none()
        if getattr(user, "is_superuser", False):
            return qs
        perm = {
            "permission__codename": self.codename("view"),
            "permission__content_type__app_label": Adviesaanvraag._meta.app_label,
        }
        per_user = AdviesaanvraagUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"), user=user, **perm
        )
        per_groep = AdviesaanvraagGroupObjectPermission.objects.filter(
            content_object=OuterRef("pk"), group__user=user, **perm
        )
        return qs.filter(Exists(per_user) | Exists(per_groep))

    def ronde_inzien(self, user: AnyUser, *, deelnemers: Iterable[int]) -> bool:
        """May ``user`` see the per-member votes and comments of an approval round?

        ``deelnemers`` are the user ids of the members who have a row in the round (took part,
        or were left out because of a declared interest). A superuser is not a reader: as for a
        member's declaration (``adviesraad.policies.verklaring_policy.mag_tekst_lezen``), the regulation names
        who may know, and a system administrator is not one of them.
        """
        if not self._is_active(user):
            return False
        lezers = set(roles.rolnamen_met(RONDE_INZIEN))
        return bool(roles.rollen_van(user) & lezers) or user.pk in set(deelnemers)


aanvraag_policy = AanvraagPolicy()
