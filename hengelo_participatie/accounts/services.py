"""Writes on accounts. The admin, views and management commands all go through these."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag
from hengelo_participatie.notifications.services import herinnering_plannen

from . import mfa
from .deadlines import ROLLEN_GEWIJZIGD
from .models import User, UserSession
from .policy import ModelPolicy
from .roles import RAADSROLLEN, ROLES, Rol, beheer_rollen, toekenbare_rollen

logger = logging.getLogger("hengelo_participatie.accounts")

user_policy: ModelPolicy[User] = ModelPolicy(User, global_grants_objects=True)


def _beheer_weigering(*, door: User | None, user: User) -> str | None:
    """Why ``door`` (the acting user; ``None`` for the system itself) may not change ``user``."""
    if door is None:
        return None
    if not user_policy.user_has_perm_for_object(door, "change", user):
        return _("U mag dit account niet wijzigen.")
    if user.is_superuser and not door.is_superuser:
        return _("Alleen een systeembeheerder mag dit account wijzigen.")
    return None


def _eis_mag_beheren(*, door: User | None, user: User, actie: Actie) -> None:
    """Refuse (audited) unless ``door`` may change ``user``."""
    weigering = _beheer_weigering(door=door, user=user)
    eis(weigering is None, door, actie, user, melding=weigering)


def mag_inloggegevens_herstellen(*, door: User | None, user: User) -> bool:
    """May ``door`` set ``user``'s password or reset their second factor?

    Together these hand over the account: a new password, then a new second factor bound to the
    account address. So besides the right to edit the account, ``door`` must manage every role
    it holds (``toekenbare_rollen``): the account holder may do this for a policy officer, a
    moderator or an account without a role, never for a council member, the supporter or another
    account holder. Those need a superuser (who may not do it to themselves either).
    """
    if door is None:
        return True
    if _beheer_weigering(door=door, user=user) is not None:
        return False
    if door.pk == user.pk:
        return False
    if door.is_superuser:
        return True
    rollen = set(user.groups.values_list("name", flat=True))
    return not (rollen - toekenbare_rollen(door))


def _eis_mag_inloggegevens_herstellen(*, door: User | None, user: User, actie: Actie) -> None:
    # Its own message first (e.g. a superuser's account).
    _eis_mag_beheren(door=door, user=user, actie=actie)
    eis(
        mag_inloggegevens_herstellen(door=door, user=user),
        door,
        actie,
        user,
        melding=_(
            "U mag het wachtwoord en de inlogcode van dit account niet opnieuw instellen. "
            "Het account heeft een rol die u niet beheert. Vraag dit aan een systeembeheerder."
        ),
    )


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
def user_deactivate(*, user: User, door: User | None) -> User:
    """Switch the account off and end all of its sessions (ASVS 7.4.2: end of term)."""
    _eis_mag_beheren(door=door, user=user, actie=Actie.USER_DEACTIVATE)
    user.is_active = False
    opslaan(
        user,
        door=door,
        reden="Account uitgezet; alle sessies beëindigd",
        exclude=["password"],
    )
    count = user_sessions_end(user=user)
    audit.vastleggen(door, Actie.USER_DEACTIVATE, user, f"ok sessions_ended={count}")
    return user


def rollen_wijziging_toetsen(
    *, user: User, huidig: set[str], nieuw: set[str], door: User | None
) -> None:
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
        audit.vastleggen(
            door,
            Actie.USER_SET_ROLES,
            user,
            f"{audit.GEWEIGERD} wijziging={','.join(sorted(huidig ^ nieuw))}",
        )
        raise PermissionDenied(reden)


def _weigering(*, user: User, huidig: set[str], nieuw: set[str], door: User | None) -> str:
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


def _rollen_toepassen(*, user: User, nieuw: set[str], door: User | None, reden: str) -> User:
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
    erbij, eraf = sorted(nieuw - huidig), sorted(huidig - nieuw)
    opslaan(
        user,
        door=door,
        reden=f"{reden}: {', '.join(sorted(nieuw)) or 'geen'}"
        f" (erbij: {', '.join(erbij) or '-'}; eraf: {', '.join(eraf) or '-'})",
        exclude=["password"],
    )
    if erbij or eraf:
        _rollen_melden(user=user, erbij=erbij, eraf=eraf, nieuw=nieuw)
    audit.vastleggen(
        door,
        Actie.USER_SET_ROLES,
        user,
        f"ok roles={','.join(sorted(nieuw))} added={','.join(erbij)} removed={','.join(eraf)}",
    )
    return user


def _rollen_melden(*, user: User, erbij: list[str], eraf: list[str], nieuw: set[str]) -> None:
    """Put a mandatory notice in the outbox, in this transaction (sent after commit).

    The subject is the history record of this change, so every change is its own notice (the
    outbox keeps one per subject and day) and points at the audited row. The text is Dutch, like
    every e-mail; it names roles, never who changed them.
    """
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
        deadline=vandaag(),
        soort=ROLLEN_GEWIJZIGD,
        tekst=tekst,
        link=reverse("portal:home"),
        onderwerp_label="Uw rollen",
    )


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], door: User | None) -> User:
    """A person (``door``) gives ``user`` exactly ``roles``: the only way to grant a role by hand.

    Refused (PermissionDenied) when ``door`` may not edit the account, edits their own account,
    or adds or removes a role outside ``toekenbare_rollen(door)`` (see
    ``rollen_wijziging_toetsen``). Council roles are set by ``raadsrollen_volgen`` only.
    """
    _eis_mag_beheren(door=door, user=user, actie=Actie.USER_SET_ROLES)
    nieuw = {str(role) for role in roles}
    _eis_bekende_rollen(nieuw)
    huidig = set(user.groups.values_list("name", flat=True))
    rollen_wijziging_toetsen(user=user, huidig=huidig, nieuw=nieuw, door=door)
    if nieuw == huidig:
        return user
    return _rollen_toepassen(user=user, nieuw=nieuw, door=door, reden="Rollen gezet")


@transaction.atomic
def raadsrollen_volgen(*, user: User, raadsrollen: Iterable[str], door: User | None = None) -> User:
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


# --- notices about the account's security ----------------------------------------------------
def _send_notice(soort: str, user_pk: int, onderwerp: str, tekst: str, adres: str) -> None:
    try:
        send_mail(onderwerp, tekst, None, [adres], fail_silently=False)
    except Exception:  # noqa: BLE001 - the change stands; the failure is logged for follow-up
        logger.exception("melding=%s object=user:%s result=mislukt", soort, user_pk)
    else:
        logger.info("melding=%s object=user:%s result=verzonden", soort, user_pk)


def _notify(*, soort: str, user: User, aan: Iterable[str], context: dict[str, Any]) -> None:
    """Register one e-mail per address (``accounts/email/<soort>.txt``), sent after commit.

    The addresses are given explicitly: a security notice goes to the *old* address, which is no
    longer ``user.email``.
    """
    adressen = sorted({adres for adres in aan if adres})
    ctx = {"user": user, **context}
    onderwerp = render_to_string(f"accounts/email/{soort}_onderwerp.txt", ctx).strip()
    tekst = render_to_string(f"accounts/email/{soort}.txt", ctx)
    pk = user.pk
    for adres in adressen:
        transaction.on_commit(partial(_send_notice, soort, pk, onderwerp, tekst, adres))


@transaction.atomic
def user_change_email(*, user: User, email: str, door: User | None) -> User:
    """Give ``user`` a new account address: the only way to change ``user.email``.

    The e-mail login code does *not* move with it: it stays bound to the address the user
    confirmed (``EmailDevice.email``). Otherwise whoever may change the address could also reset
    the password and receive the code, and so take the account over. The old address gets a
    notice, and every session of the user ends (a session may be the attacker's). Other pending
    changes on ``user`` (e.g. from the admin form) are saved with it.
    """
    _eis_mag_beheren(door=door, user=user, actie=Actie.USER_CHANGE_EMAIL)
    oud = User.objects.filter(pk=user.pk).values_list("email", flat=True).first() or ""
    user.email = User.objects.normalize_email((email or "").strip()).lower()
    user.full_clean(exclude=["password"])  # checks the address and that it is unique
    if user.email == oud:
        user.save()
        return user
    opslaan(
        user,
        door=door,
        reden="E-mailadres gewijzigd; alle sessies beëindigd",
        exclude=["password"],
    )
    count = user_sessions_end(user=user)
    _notify(
        soort="email_gewijzigd",
        user=user,
        aan=[oud],
        context={
            "oud": oud,
            "nieuw": user.email,
            "door_zelf": door is not None and door == user,
            # Only true where it is: staff use an app, and a code address may differ already.
            "code_naar_oud_adres": EmailDevice.objects.filter(
                user=user, confirmed=True, email=oud
            ).exists(),
        },
    )
    audit.vastleggen(door, Actie.USER_CHANGE_EMAIL, user, f"ok sessions_ended={count}")
    return user


def user_password_was_reset(*, user: User) -> None:
    """After a reset by link: tell the code addresses that differ from the account address.

    The reset link went to ``user.email``. If that address was changed by someone else, the
    owner still reads the mailbox of their code address, and learns of the reset there.
    """
    adressen = EmailDevice.objects.filter(user=user, confirmed=True).values_list("email", flat=True)
    _notify(
        soort="wachtwoord_gereset",
        user=user,
        aan=[adres for adres in adressen if adres and adres != user.email],
        context={},
    )


@transaction.atomic
def user_reset_second_factor(*, user: User, door: User | None) -> User:
    """Remove every second-factor device of ``user``: at the next login they set up a new one.

    For a member who lost their phone or their mailbox. Because the new device may go to the
    current account address, this is a separate, audited step (history and log), and the user
    hears of it at both the old code address and the account address. Their sessions end.
    Only for accounts whose roles ``door`` manages (``mag_inloggegevens_herstellen``).
    """
    _eis_mag_inloggegevens_herstellen(door=door, user=user, actie=Actie.USER_RESET_SECOND_FACTOR)
    oude_adressen = list(
        EmailDevice.objects.filter(user=user, confirmed=True).values_list("email", flat=True)
    )
    removed = 0
    for cls in (TOTPDevice, EmailDevice, StaticDevice):
        removed += cls.objects.filter(user=user).delete()[0]
    opslaan(
        user,
        door=door,
        reden="Tweede stap (inlogcode) gereset; alle sessies beëindigd",
        exclude=["password"],
    )
    count = user_sessions_end(user=user)
    _notify(
        soort="tweede_factor_gereset",
        user=user,
        aan=[*oude_adressen, user.email],
        context={},
    )
    audit.vastleggen(
        door,
        Actie.USER_RESET_SECOND_FACTOR,
        user,
        f"ok devices_removed={removed} sessions_ended={count}",
    )
    return user


@transaction.atomic
def user_confirm_code_address(
    *, user: User, device: EmailDevice, except_key: str | None = None
) -> EmailDevice:
    """The user confirmed a code sent to ``device.email``: it becomes their e-mail code address.

    Only the user can do this, signed in and verified, with a code from the new mailbox (see
    ``views.mfa_email_wijzigen``). The device replaces their other devices, the old code address
    gets a notice, and their other sessions end.
    """
    eis(
        device.user_id == user.pk and not device.confirmed,
        user,
        Actie.USER_CONFIRM_CODE_ADDRESS,
        user,
        melding=_("U mag dit e-mailadres niet bevestigen."),
    )
    oude_adressen = list(
        EmailDevice.objects.filter(user=user, confirmed=True).values_list("email", flat=True)
    )
    device.confirmed = True
    device.name = mfa.EMAIL_DEVICE_NAME
    device.save(update_fields=["confirmed", "name"])
    # Like setting up a device: the new one replaces the others (one second factor at a time).
    EmailDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    TOTPDevice.objects.filter(user=user).delete()
    opslaan(user, door=user, reden="E-mailadres voor inlogcode gewijzigd", exclude=["password"])
    count = user_sessions_end(user=user, except_key=except_key)
    _notify(
        soort="codeadres_gewijzigd",
        user=user,
        aan=[adres for adres in oude_adressen if adres != device.email],
        context={"nieuw": device.email},
    )
    audit.vastleggen(user, Actie.USER_CONFIRM_CODE_ADDRESS, user, f"ok sessions_ended={count}")
    return device
