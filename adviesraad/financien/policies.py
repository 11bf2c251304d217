"""Who may see and do what with money: one policy per concept, capabilities from the role table.

* A member sees only their **own** statement and declarations (and receipts).
* ``financien.alles_zien`` (chair, supporter, account holder in the role table) sees everyone's.
* Policy staff and moderators hold none of these capabilities: they see nothing of it.

A refused object and a missing one look the same (404, ``get_object_for``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from adviesraad.models import Lid
from hengelo_participatie.accounts.policy import AnyUser, BasePolicy
from hengelo_participatie.accounts.roles import kan

from .models import Begroting, Declaratie, Vergoedingsperiode

ALLES_ZIEN = "financien.alles_zien"
DECLAREREN = "financien.declareren"
PERIODE_VOORBEREIDEN = "financien.periode_voorbereiden"
PERIODE_CONTROLEREN = "financien.periode_controleren"
PERIODE_GOEDKEUREN = "financien.periode_goedkeuren"
CORRECTIE = "financien.correctie"
BEGROTING_OPSTELLEN = "financien.begroting_opstellen"
BEGROTING_VASTSTELLEN = "financien.begroting_vaststellen"
DECLARATIE_CONTROLEREN = "financien.declaratie_controleren"
DECLARATIE_GOEDKEUREN = "financien.declaratie_goedkeuren"
DECLARATIE_BETALEN = "financien.declaratie_betalen"
#: Propose new attendance rules as a version of the house rules (issue 12 §1).
AANWEZIGHEIDSREGELS_WIJZIGEN = "financien.aanwezigheidsregels_wijzigen"


def _actief(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def mag(user: AnyUser, capability: str) -> bool:
    return _actief(user) and kan(user, capability)


def mag_alles_zien(user: AnyUser) -> bool:
    return mag(user, ALLES_ZIEN)


class PeriodePolicy(BasePolicy[Vergoedingsperiode]):
    """Periods and their lines with every member's amount: only ``alles_zien``."""

    model = Vergoedingsperiode

    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        if action == "view":
            return mag_alles_zien(user)
        return mag(user, action)


class BegrotingPolicy(BasePolicy[Begroting]):
    model = Begroting

    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        if action == "view":
            return mag_alles_zien(user)
        return mag(user, action)


class DeclaratiePolicy(BasePolicy[Declaratie]):
    """Own declarations for whoever may declare; everyone's for ``alles_zien``."""

    model = Declaratie

    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        if action == "view":
            return mag_alles_zien(user) or mag(user, DECLAREREN)
        if action == "add":
            return mag(user, DECLAREREN)
        return mag(user, action)

    def user_has_perm_for_object(
        self, user: AnyUser, action: str, obj: Declaratie, *, checker: Any = None
    ) -> bool:
        if action == "view":
            return mag_alles_zien(user) or (_actief(user) and obj.indiener_id == user.pk)
        return self.user_has_perm(user, action)

    def instances_user_has_perm_for(
        self, user: AnyUser, action: str = "view", queryset: QuerySet[Declaratie] | None = None
    ) -> QuerySet[Declaratie]:
        qs = queryset if queryset is not None else Declaratie.objects.all()
        if action != "view":
            return qs if self.user_has_perm(user, action) else qs.none()
        if mag_alles_zien(user):
            return qs
        if _actief(user):
            return qs.filter(indiener_id=user.pk)
        return qs.none()


def mag_vergoeding_zien(user: AnyUser, lid: Lid) -> bool:
    """A member's statement: the member themself, or ``alles_zien``."""
    return mag_alles_zien(user) or (_actief(user) and lid.user_id == user.pk)


periode_policy = PeriodePolicy()
begroting_policy = BegrotingPolicy()
declaratie_policy = DeclaratiePolicy()
