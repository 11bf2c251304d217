"""The activity's state machine is one ``core.workflow`` table; its capability belongs to exactly
the roles that held the role-wide ``change_activiteit`` before."""

from __future__ import annotations

from hengelo_participatie.accounts.roles import ROLES, rollen_met
from participatiemix.models import ActiviteitStatus
from participatiemix.workflow import ACTIVITEIT, STATUS_WIJZIGEN


def test_elke_status_is_bereikbaar() -> None:
    assert ACTIVITEIT.bereikbaar() == set(ActiviteitStatus.values)


def test_de_capability_hoort_bij_wie_activiteiten_wijzigt() -> None:
    assert ACTIVITEIT.capabilities() == {STATUS_WIJZIGEN}
    wijzigers = {
        rol for rol, d in ROLES.items() if "participatiemix.change_activiteit" in d.permissies
    }
    assert rollen_met(STATUS_WIJZIGEN) == wijzigers
