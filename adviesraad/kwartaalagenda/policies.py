"""Who may do what with the quarterly agenda: one policy per model, role-wide permissions only.

The agenda is not confidential between roles, so ``global_grants_objects=True``: the role table
(``hengelo_participatie/accounts/roles.py``) decides everything.

* ``KWARTAALAGENDA_LEZEN`` (council, supporter): ``view_kwartaalagenda`` and ``view_versie``:
  only published versions.
* ``KWARTAALAGENDA_BEHEER`` (account holder, policy staff): also the draft items
  (``view/add/change/delete_agendapunt``), new quarters and ``publiceren_kwartaalagenda``.

Whether the *linked advice request* may be shown is a separate question, answered by the advice
policy (``adviesraad/advies/policies.py``), see ``selectors._zichtbare_aanvragen``.
"""

from __future__ import annotations

from typing import Any

from hengelo_participatie.accounts.policy import ModelPolicy
from hengelo_participatie.accounts.roles import rollen_met

from .models import Agendapunt, Kwartaalagenda, Versie

agenda_policy: ModelPolicy[Kwartaalagenda] = ModelPolicy(Kwartaalagenda, global_grants_objects=True)
punt_policy: ModelPolicy[Agendapunt] = ModelPolicy(Agendapunt, global_grants_objects=True)
versie_policy: ModelPolicy[Versie] = ModelPolicy(Versie, global_grants_objects=True)


def mag_lezen(user: Any) -> bool:
    """May ``user`` read the published agenda?"""
    return agenda_policy.user_has_perm(user, "view") and versie_policy.user_has_perm(user, "view")


def mag_concept_zien(user: Any) -> bool:
    """May ``user`` see and edit the draft (the items before publication)?"""
    return punt_policy.user_has_perm(user, "view") and punt_policy.user_has_perm(user, "change")


def mag_aanmaken(user: Any) -> bool:
    return agenda_policy.user_has_perm(user, "add")


def mag_publiceren(user: Any) -> bool:
    return agenda_policy.user_has_perm(user, "publiceren")


#: The capability of the roles that may be named as the policy officer of an item.
ONDERWERP_HOUDEN = "kwartaalagenda.onderwerp_houden"


def beleidsmedewerker_rollen() -> list[str]:
    """The roles that may be named as an item's policy officer (from the role table)."""
    return sorted(rollen_met(ONDERWERP_HOUDEN))
