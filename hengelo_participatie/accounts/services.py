"""Writes on accounts. The admin, views and management commands all go through these."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User, UserSession
from .policy import ModelPolicy
from .roles import RAADSROLLEN, ROLES, Rol, beheer_rollen, toekenbare_rollen

logger = logging.getLogger("hengelo_participatie.accounts")

user_policy: ModelPolicy[User] = ModelPolicy(User, global_grants_objects=True)


def _check_may_manage(*, door: Any, user: User) -> None:
    """``door`` (the acting user; ``None`` for the system itself) may change ``user``."""
    if door is None:
        return
    if not user_policy.user_has_perm_for_object(door, "change", user):
        raise PermissionDenied(_("U mag dit account niet wijzigen."))
    if user.is_superuser and not door.is_superuser:
        raise PermissionDenied(_("Alleen een systeembeheerder mag dit account wijzigen."))


def _mark_history(*, user: User, door: Any, reason: str) -> None:
    user._change_reason = reason  # type: ignore[attr-defined]
    if door is not None:
        user._history_user = door  # type: ignore[attr-defined]


def user_sessions_end(*, user: User, except_key: str | None = None) -> int:
    """End every session of ``user`` (but ``except_key``), whatever the session engine.

    Returns how many were ended.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    rows = list(UserSession.objects.filter(user=user).exclude(session_key=except_key or ""))
    for row in rows:
        store_class(session_key=row.session_key).delete()
    UserSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


@transaction.atomic
def user_deactivate(*, user: User, door: Any) -> User:
    """Switch the account off and end all of its sessions (ASVS 7.4.2: end of term)."""
    _check_may_manage(door=door, user=user)
    user.is_active = False
    user.full_clean(exclude=["password"])
    _mark_history(user=user, door=door, reason="Account uitgezet; alle sessies beëindigd")
    user.save()
    count = user_sessions_end(user=user)
    logger.info(
        "actor=%s action=user_deactivate object=user:%s result=ok sessions_ended=%s",
        getattr(door, "pk", "systeem"),
        user.pk,
        count,
    )
    return user


def rollen_wijziging_toetsen(*, user: User, huidig: set[str], nieuw: set[str], door: Any) -> None:
    """May ``door`` change ``user``'s roles from ``huidig`` to ``nieuw``? Raises PermissionDenied.

    One rule for the service and the admin form (which shows the same message as a form error):

    * nobody changes their own roles: raising your own rights needs a second person;
    * only the roles ``door``'s role table entry ``beheert`` (``toekenbare_rollen``) may be added
      or removed; a role ``door`` may not touch stays as it is;
    * council roles are never granted by hand: they follow terms and functions.
    """
    reden = _weigering(user=user, huidig=huidig, nieuw=nieuw, door=door)
    if reden:
        # BIO 8.15: a refused attempt to change rights is logged too (no names).
        logger.warning(
            "actor=%s action=user_set_roles object=user:%s result=geweigerd wijziging=%s time=%s",
            getattr(door, "pk", None) or "systeem",
            user.pk,
            ",".join(sorted(huidig ^ nieuw)),
            timezone.now().isoformat(),
        )
        raise PermissionDenied(reden)


def _weigering(*, user: User, huidig: set[str], nieuw: set[str], door: Any) -> str:
    if door is None:
        return _("Rollen worden door een persoon gegeven, niet door het systeem.")
    if door.pk == user.pk and huidig != nieuw:
        return _("U kunt uw eigen rollen niet wijzigen. Vraag dit aan een collega.")
    verboden = (huidig ^ nieuw) - toekenbare_rollen(door)
    if verboden & {rol.value for rol in RAADSROLLEN}:
        return _(
            "De rollen lid, voorzitter en vicevoorzitter volgen uit de zittingstermijnen en "
            "functies. Wijzig die bij het lidmaatschap."
        )
    if verboden:
        return _("U mag deze rol niet geven of afnemen: %(rollen)s.") % {
            "rollen": ", ".join(rol_label(naam) for naam in sorted(verboden))
        }
    return ""


def rol_label(naam: str) -> str:
    try:
        return ROLES[Rol(naam)].label
    except ValueError:
        return naam


def _eis_bekende_rollen(namen: set[str]) -> None:
    unknown = namen - {rol.value for rol in Rol}
    if unknown:
        raise ValidationError(
            {
                "groups": _("Deze rol bestaat niet: %(rollen)s.")
                % {"rollen": ", ".join(sorted(unknown))}
            }
        )


def _rollen_toepassen(*, user: User, nieuw: set[str], door: Any, reden: str) -> User:
    """The one place that writes a user's groups: history, audit log and the e-mail notice.

    Called by ``user_set_roles`` (a person, checked) and ``raadsrollen_volgen`` (the membership
    services). ``is_staff`` follows from the roles (a superuser keeps it).
    """
    _eis_bekende_rollen(nieuw)
    groups = list(Group.objects.filter(name__in=nieuw))
    missing = nieuw - {group.name for group in groups}
    if missing:
        raise ValidationError(
            {
                "groups": _("Deze rol is nog niet aangemaakt: %(rollen)s.")
                % {"rollen": ", ".join(sorted(missing))}
            }
        )
    huidig = set(user.groups.values_list("name", flat=True))
    user.groups.set(groups)
    user.is_staff = user.is_superuser or bool(nieuw & beheer_rollen())
    user.full_clean(exclude=["password"])
    erbij, eraf = sorted(nieuw - huidig), sorted(huidig - nieuw)
    _mark_history(
        user=user,
        door=door,
        reason=f"{reden}: {', '.join(sorted(nieuw)) or 'geen'}"
        f" (erbij: {', '.join(erbij) or '-'}; eraf: {', '.join(eraf) or '-'})",
    )
    user.save()
    if erbij or eraf:
        _rollen_melden(user=user, erbij=erbij, eraf=eraf, nieuw=nieuw)
    logger.info(
        "actor=%s action=user_set_roles object=user:%s result=ok roles=%s added=%s removed=%s "
        "time=%s",
        getattr(door, "pk", None) or "systeem",
        user.pk,
        ",".join(sorted(nieuw)),
        ",".join(erbij),
        ",".join(eraf),
        timezone.now().isoformat(),
    )
    return user


def _rollen_melden(*, user: User, erbij: list[str], eraf: list[str], nieuw: set[str]) -> None:
    """Put a mandatory notice in the outbox, in this transaction (sent after commit).

    The subject is the history record of this change, so every change is its own notice (the
    outbox keeps one per subject and day) and points at the audited row. The text is Dutch, like
    every e-mail; it names roles, never who changed them.
    """
    from hengelo_participatie.notifications.services import herinnering_plannen

    from .deadlines import ROLLEN_GEWIJZIGD

    delen = []
    if erbij:
        delen.append("erbij: " + ", ".join(rol_label(naam) for naam in erbij))
    if eraf:
        delen.append("eraf: " + ", ".join(rol_label(naam) for naam in eraf))
    nu = f"U heeft nu: {', '.join(rol_label(n) for n in sorted(nieuw)) or 'geen rol'}. "
    advies = "Klopt dit niet? Neem dan contact op met de ondersteuner van de adviesraad."
    tekst = f"Uw rollen zijn gewijzigd ({'; '.join(delen)}). "
    # The outbox keeps 300 characters: the advice must survive, the overview may go.
    tekst += (nu + advies) if len(tekst + nu + advies) <= 300 else advies
    herinnering_plannen(
        ontvanger=user,
        onderwerp=user.history.latest(),
        deadline=timezone.localdate(),
        soort=ROLLEN_GEWIJZIGD,
        tekst=tekst,
        link=reverse("portal:home"),
        onderwerp_label="Uw rollen",
    )


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], door: Any) -> User:
    """A person (``door``) gives ``user`` exactly ``roles``: the only way to grant a role by hand.

    Refused (PermissionDenied) when ``door`` may not edit the account, edits their own account,
    or adds or removes a role outside ``toekenbare_rollen(door)`` (see
    ``rollen_wijziging_toetsen``). Council roles are set by ``raadsrollen_volgen`` only.
    """
    _check_may_manage(door=door, user=user)
    nieuw = {str(role) for role in roles}
    _eis_bekende_rollen(nieuw)
    huidig = set(user.groups.values_list("name", flat=True))
    rollen_wijziging_toetsen(user=user, huidig=huidig, nieuw=nieuw, door=door)
    if nieuw == huidig:
        return user
    return _rollen_toepassen(user=user, nieuw=nieuw, door=door, reden="Rollen gezet")


@transaction.atomic
def raadsrollen_volgen(*, user: User, raadsrollen: Iterable[str], door: Any = None) -> User:
    """Make ``user``'s council roles exactly ``raadsrollen``; other roles stay as they are.

    Only for the membership services (``adviesraad.services.rollen_bijwerken``): the roles follow
    from terms and functions, whose change was permission-checked there. ``door`` is the person
    whose decision caused it (history and audit), or ``None`` for the nightly task.
    """
    raad = {rol.value for rol in RAADSROLLEN}
    rollen = {str(rol) for rol in raadsrollen}
    if rollen - raad:
        raise ValueError(f"Geen raadsrollen: {sorted(rollen - raad)}")
    huidig = set(user.groups.values_list("name", flat=True))
    nieuw = (huidig - raad) | rollen
    if nieuw == huidig:
        return user
    return _rollen_toepassen(
        user=user, nieuw=nieuw, door=door, reden="Rollen volgen termijnen en functies"
    )
