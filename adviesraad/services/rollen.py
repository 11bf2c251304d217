"""The council roles follow terms and functions: nobody sets them by hand."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from hengelo_participatie.accounts.roles import RAADSROLLEN, Rol
from hengelo_participatie.accounts.services import raadsrollen_volgen, user_sessions_end
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import vandaag

from .. import hooks
from ..models import FunctieSoort, Lid, TermijnSoort

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def raadsrollen_op(lid: Lid, op: date) -> set[str]:
    """The council roles that ``lid``'s terms and functions give on day ``op``."""
    rollen: set[str] = set()
    termijnen = list(lid.termijnen.actief_op(op))
    lid_termijn = any(t.soort == TermijnSoort.LID for t in termijnen)
    voorzitter_termijn = any(t.soort == TermijnSoort.VOORZITTER for t in termijnen)
    if lid_termijn:
        rollen.add(Rol.LID.value)
    for functie in lid.functies.actief_op(op):
        if functie.soort == FunctieSoort.VOORZITTER_AD_INTERIM or (
            functie.soort == FunctieSoort.VOORZITTER_VAST and voorzitter_termijn
        ):
            rollen.add(Rol.VOORZITTER.value)
        elif functie.soort == FunctieSoort.VICEVOORZITTER and lid_termijn:
            rollen.add(Rol.VICEVOORZITTER.value)
    return rollen


@transaction.atomic
def rollen_bijwerken(*, lid: Lid, op: date | None = None, door: User | None = None) -> set[str]:
    """Make the account's council roles match the terms and functions on ``op`` (default today).

    Roles outside the council (e.g. ondersteuner) are kept. Losing a council role ends every
    session of the account (ASVS 7.4.2: access ends with the term). ``door`` is the person whose
    (already checked) decision on a term or function caused this, for the history and audit;
    ``None`` for the nightly task.
    """
    op = op or vandaag()
    user = lid.user
    huidig = set(user.groups.values_list("name", flat=True))
    nieuw = (huidig - RAADSROLLEN) | raadsrollen_op(lid, op)
    if nieuw == huidig:
        return nieuw
    # The system applies the consequence of a decision that was itself permission-checked.
    raadsrollen_volgen(user=user, raadsrollen=nieuw & RAADSROLLEN, door=door)
    if (huidig & RAADSROLLEN) - nieuw:
        # Now, not on commit: a rollback at worst costs a fresh login, never keeps access.
        user_sessions_end(user=user)
    # Object grants follow the roles at once, not only in the nightly task: a dismissed member
    # loses the advice requests and meeting documents today; a new member gets them today. The
    # sub-apps that hold such grants register here (``adviesraad.hooks``).
    if (huidig ^ nieuw) & RAADSROLLEN:
        hooks.raad_gewijzigd.uitvoeren()
    hooks.rollen_gewijzigd.uitvoeren(gebruiker=user)
    audit.vastleggen(door, f"{Actie.ROLLEN_BIJWERKEN}:{','.join(sorted(nieuw)) or 'geen'}", lid)
    return nieuw


def rollen_bijwerken_alle(*, op: date | None = None) -> int:
    """Recompute the council roles of everyone (daily task): terms end and start by date."""
    op = op or vandaag()
    gewijzigd = 0
    leden = Lid.objects.select_related("user").prefetch_related("user__groups")
    for lid in leden:
        voor = {g.name for g in lid.user.groups.all()}
        if rollen_bijwerken(lid=lid, op=op) != voor:
            gewijzigd += 1
    return gewijzigd
