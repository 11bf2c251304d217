"""The yearly plan (how often each instrument is planned per quarter) and the reference lists
(instruments, themes, domains, target groups, organisations): plain registers without business
rules, kept by the account holder in the admin. Saved with history, a reason and an audit line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan

from ..models import GeplandeInzet, Jaarplan
from ..policies import geplande_inzet_policy, jaarplan_policy, referentie_policies

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def _actie(obj: Model) -> str:
    return "add" if obj.pk is None else "change"


@transaction.atomic
def jaarplan_opslaan(*, jaarplan: Jaarplan, door: User | None) -> Jaarplan:
    eis(
        door is None or jaarplan_policy.user_has_perm(door, _actie(jaarplan)),
        door,
        Actie.JAARPLAN_OPSLAAN,
        jaarplan,
    )
    opslaan(jaarplan, door=door, reden="jaarplan opgeslagen")
    audit.vastleggen(door, Actie.JAARPLAN_OPSLAAN, jaarplan)
    return jaarplan


@transaction.atomic
def geplande_inzet_opslaan(*, inzet: GeplandeInzet, door: User | None) -> GeplandeInzet:
    eis(
        door is None or geplande_inzet_policy.user_has_perm(door, _actie(inzet)),
        door,
        Actie.GEPLANDE_INZET_OPSLAAN,
        inzet,
    )
    opslaan(inzet, door=door, reden="geplande inzet opgeslagen")
    audit.vastleggen(door, Actie.GEPLANDE_INZET_OPSLAAN, inzet)
    return inzet


@transaction.atomic
def geplande_inzet_verwijderen(*, inzet: GeplandeInzet, door: User | None) -> None:
    eis(
        door is None or geplande_inzet_policy.user_has_perm(door, "delete"),
        door,
        Actie.GEPLANDE_INZET_VERWIJDEREN,
        inzet,
    )
    audit.vastleggen(door, Actie.GEPLANDE_INZET_VERWIJDEREN, inzet)
    inzet._change_reason = "verwijderd in beheer"  # type: ignore[attr-defined]
    inzet._history_user = door  # type: ignore[attr-defined]
    inzet.delete()


@transaction.atomic
def referentie_opslaan(*, obj: Model, door: User | None) -> Model:
    """Save an entry of a reference list (switched off with ``actief``, never deleted)."""
    policy = referentie_policies[type(obj)]
    eis(
        door is None or policy.user_has_perm(door, _actie(obj)),
        door,
        Actie.REFERENTIE_OPSLAAN,
        obj,
    )
    opslaan(obj, door=door, reden="gewijzigd in beheer")
    audit.vastleggen(door, Actie.REFERENTIE_OPSLAAN, obj)
    return obj
