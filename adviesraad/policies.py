"""The permission policies of this app: one per model a user can reach.

``global_grants_objects=True`` everywhere: who may see which records is decided by the role table
(``hengelo_participatie/accounts/roles.py``). For declarations that is deliberate: only the chair and the supporter hold the
role-wide ``view_nevenfunctieverklaring``; a member reads their own through an object grant that
``services.verklaring_indienen`` assigns. Reaching a declaration is not reading its text:
``mag_verklaring_lezen`` (below) decides that, for declarations and for every text derived from
what a member declared.
"""

from __future__ import annotations

from typing import Any

from hengelo_participatie.accounts.policy import ModelPolicy
from hengelo_participatie.accounts.roles import Rol, rollen_van

from .models import (
    Functie,
    Herbenoemingsevaluatie,
    Kandidaat,
    Lid,
    Nevenfunctieverklaring,
    Portefeuille,
    Portefeuillehouder,
    Vacature,
    Zittingstermijn,
)

lid_policy: ModelPolicy[Lid] = ModelPolicy(Lid, global_grants_objects=True)
termijn_policy: ModelPolicy[Zittingstermijn] = ModelPolicy(
    Zittingstermijn, global_grants_objects=True
)
evaluatie_policy: ModelPolicy[Herbenoemingsevaluatie] = ModelPolicy(
    Herbenoemingsevaluatie, global_grants_objects=True
)
functie_policy: ModelPolicy[Functie] = ModelPolicy(Functie, global_grants_objects=True)
portefeuille_policy: ModelPolicy[Portefeuille] = ModelPolicy(
    Portefeuille, global_grants_objects=True
)
houder_policy: ModelPolicy[Portefeuillehouder] = ModelPolicy(
    Portefeuillehouder, global_grants_objects=True
)
verklaring_policy: ModelPolicy[Nevenfunctieverklaring] = ModelPolicy(
    Nevenfunctieverklaring, global_grants_objects=True
)
vacature_policy: ModelPolicy[Vacature] = ModelPolicy(Vacature, global_grants_objects=True)
kandidaat_policy: ModelPolicy[Kandidaat] = ModelPolicy(Kandidaat, global_grants_objects=True)

SAMENSTELLING_PERM = "adviesraad.view_samenstelling"
BEOORDELEN_PERM = "adviesraad.beoordelen_nevenfunctieverklaring"


def mag(user: object, perm: str) -> bool:
    """A role-wide custom permission (not tied to one model's view/add/change/delete)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.has_perm(perm))  # type: ignore[attr-defined]


# --- What a member declares ----------------------------------------------------------------------
#: Besides the member themself, only these roles read what a member declares: the text of a
#: conflict of interest on an advice request (``Belangmelding.toelichting``), the free text of a
#: declaration of other roles (``Nevenfunctieverklaring``: the explanations and the recorded
#: agreement), and anything copied or derived from them (the reason on a member's row of an
#: approval round, the reason of a recusal in a meeting). Everyone else reads "belang gemeld".
VERKLARING_LEZERS = frozenset({Rol.VOORZITTER.value, Rol.ONDERSTEUNER.value})

#: The free-text fields of a declaration: hidden from who may not read them (admin, history).
VERKLARING_TEKSTVELDEN = (
    "politieke_functie_toelichting",
    "belangenbehartiging_toelichting",
    "vrijwilligerswerk_toelichting",
    "professionele_betrokkenheid_toelichting",
    "conflict_of_omstandigheden_toelichting",
    "overige_toelichting",
    "afspraak",
)


def mag_verklaring_lezen(user: Any, *, van: int | None) -> bool:
    """May ``user`` read the text that the member with user id ``van`` declared?

    The one answer for every page, admin view, history view, e-mail and export that shows such
    text: the member themself, the chair and the supporter, while they hold that role (an inactive
    account or a former member reads nothing). A superuser is deliberately *not* a reader: the
    regulation names who may know a member's interests, and a system administrator is not one of
    them. The role is taken from the Groups, not from ``has_perm``, for the same reason.
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if van is not None and user.pk == van:
        return True
    return bool(rollen_van(user) & VERKLARING_LEZERS)
