"""The permission policies of this app: one per model a user can reach.

``global_grants_objects=True`` everywhere: who may see which records is decided by the role table
(``hengelo_participatie/accounts/roles.py``). For declarations that is deliberate: only the chair
and the supporter hold the role-wide ``view_nevenfunctieverklaring``; a member reads their own
through an object grant that ``services.verklaringen.verklaring_indienen`` assigns. Reaching a
declaration is not reading its text: ``VerklaringPolicy.mag_tekst_lezen`` (below) decides that,
for declarations and for every text derived from what a member declared.
"""

from __future__ import annotations

from hengelo_participatie.accounts.policy import AnyUser, ModelPolicy
from hengelo_participatie.accounts.roles import rollen_van, rolnamen_met

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

#: The composition overview: a role-wide permission declared on ``Lid`` (``view_samenstelling``).
SAMENSTELLING = "samenstelling"


class LidPolicy(ModelPolicy[Lid]):
    """Members, and the composition overview of the council (``user_has_perm(u, SAMENSTELLING)``)."""

    def codename(self, action: str) -> str:
        if action == SAMENSTELLING:
            return "view_samenstelling"
        return super().codename(action)


lid_policy = LidPolicy(Lid, global_grants_objects=True)
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
vacature_policy: ModelPolicy[Vacature] = ModelPolicy(Vacature, global_grants_objects=True)
kandidaat_policy: ModelPolicy[Kandidaat] = ModelPolicy(Kandidaat, global_grants_objects=True)

#: The capability of reading what a member declared (role table, ``kan``).
VERKLARING_LEZEN = "lidmaatschap.verklaring_lezen"
#: The chair assesses declarations: ``verklaring_policy.user_has_perm(user, BEOORDELEN)``.
BEOORDELEN = "beoordelen"

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


class VerklaringPolicy(ModelPolicy[Nevenfunctieverklaring]):
    """Declarations of other roles, and who reads what a member declares.

    Besides the member themself, only the roles holding ``VERKLARING_LEZEN`` (the chair and the
    supporter) read what a member declares: the text of a conflict of interest on an advice
    request (``Belangmelding.toelichting``), the free text of a declaration of other roles (the
    explanations and the recorded agreement), and anything copied or derived from them (the
    reason on a member's row of an approval round, the reason of a recusal in a meeting).
    Everyone else reads "belang gemeld".
    """

    def mag_tekst_lezen(self, user: AnyUser, *, van: int | None) -> bool:
        """May ``user`` read the text that the member with user id ``van`` declared?

        The one answer for every page, admin view, history view, e-mail and export that shows
        such text: the member themself, the chair and the supporter, while they hold that role
        (an inactive account or a former member reads nothing). A superuser is deliberately
        *not* a reader: the regulation names who may know a member's interests, and a system
        administrator is not one of them. So the role is taken from the Groups, not from
        ``has_perm`` nor from ``roles.kan`` (which grants a superuser every capability).
        """
        if not self._is_active(user):
            return False
        if van is not None and user.pk == van:
            return True
        return bool(rollen_van(user) & set(rolnamen_met(VERKLARING_LEZEN)))


verklaring_policy = VerklaringPolicy(Nevenfunctieverklaring, global_grants_objects=True)
