"""The permission policies of this app: one per model a user can reach.

``global_grants_objects=True`` everywhere: who may see which records is decided by the role table
(``hengelo_participatie/accounts/roles.py``). For declarations that is deliberate: only the chair and the supporter hold the
role-wide ``view_nevenfunctieverklaring``; a member reads their own through an object grant that
``services.verklaring_indienen`` assigns.
"""

from __future__ import annotations

from hengelo_participatie.accounts.policy import ModelPolicy

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
