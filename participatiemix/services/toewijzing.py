"""Who may be assigned to an activity (hengelo_participatie/accounts/toewijzing.py), from the
capabilities in the role table, and the object grants a moderator gets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from guardian.shortcuts import assign_perm, remove_perm

from hengelo_participatie.accounts.models import User
from hengelo_participatie.accounts.roles import Rol, rollen_met
from hengelo_participatie.accounts.toewijzing import eis_rol, gebruikers_met_rol

if TYPE_CHECKING:
    from ..models import Activiteit

#: The object permissions a moderator gets on the activity they moderate.
GESPREKSLEIDER_RECHTEN = ("participatiemix.view_activiteit", "participatiemix.change_activiteit")


def _rollen(capability: str) -> tuple[Rol, ...]:
    """The roles holding ``capability``, in the order of ``Rol`` (stable error messages)."""
    houders = rollen_met(capability)
    return tuple(rol for rol in Rol if rol in houders)


#: The moderator gets view and change on the activity (its report, findings): only a moderator.
GESPREKSLEIDER_ROLLEN = _rollen("participatie.gesprek_leiden")
#: The official who organises the activity (and gets its feedback reminders).
VERANTWOORDELIJKE_ROLLEN = _rollen("participatie.activiteit_organiseren")
#: The listening delegation: council members and staff, never an external moderator.
LUISTERDELEGATIE_ROLLEN = _rollen("participatie.meeluisteren")


def gespreksleider_keuzes() -> QuerySet[Any]:
    return gebruikers_met_rol(*GESPREKSLEIDER_ROLLEN)


def verantwoordelijke_keuzes() -> QuerySet[Any]:
    return gebruikers_met_rol(*VERANTWOORDELIJKE_ROLLEN)


def luisterdelegatie_keuzes() -> QuerySet[Any]:
    """Council and staff; someone who is also a moderator stays out (as the admin always did)."""
    return gebruikers_met_rol(*LUISTERDELEGATIE_ROLLEN).exclude(
        pk__in=gebruikers_met_rol(*GESPREKSLEIDER_ROLLEN).values("pk")
    )


def eis_toewijzingen(activiteit: Activiteit, vorige: dict[str, Any]) -> None:
    """The moderator and the responsible official hold the matching role (checked when they are
    chosen or changed, so an unrelated save of an old activity is not refused)."""
    if activiteit.gespreksleider_id != vorige.get("gespreksleider_id"):
        eis_rol(activiteit.gespreksleider, *GESPREKSLEIDER_ROLLEN, veld="gespreksleider")
    if activiteit.verantwoordelijke_id != vorige.get("verantwoordelijke_id"):
        eis_rol(activiteit.verantwoordelijke, *VERANTWOORDELIJKE_ROLLEN, veld="verantwoordelijke")


def gespreksleider_rechten(activiteit: Activiteit, *, vorige_gespreksleider_id: int | None) -> None:
    """Grant the moderator's object permissions; take them from the previous moderator."""
    if vorige_gespreksleider_id:
        vorige = User.objects.filter(pk=vorige_gespreksleider_id).first()
        if vorige is not None:
            for perm in GESPREKSLEIDER_RECHTEN:
                remove_perm(perm, vorige, activiteit)
    if activiteit.gespreksleider_id:
        for perm in GESPREKSLEIDER_RECHTEN:
            assign_perm(perm, activiteit.gespreksleider, activiteit)
