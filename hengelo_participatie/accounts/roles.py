"""The roles, and the model permissions each role holds: one table, synced idempotently.

A role is a Django Group. ``ROLES`` below is the single place where a role's model-wide
permissions are declared; ``sync_roles()`` makes the database match it (adding and removing), and
runs after every ``migrate`` and from ``manage.py sync_roles``. Object-level grants (a confidential
document, a concept report) are not declared here: services assign them with django-guardian.

Besides model permissions, each role lists its **capabilities** (``kan``): named things a holder
may do on the objects it is related to ("advies.vaststellen", "vergadering.stukken_lezen").
Workflows and policies ask for a capability, never for a role name; ``rollen_met`` answers which
roles hold one (for a query: who gets an object grant, who is notified).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop

from .permissies import (
    ADVIES_BEHEER,
    ADVIES_LEZEN,
    ADVIES_PUBLICEREN,
    ADVIES_STARTEN,
    FINANCIEN_LEZEN,
    HERINNERINGEN_BEWAKEN,
    HR_INDIENEN,
    KWARTAALAGENDA_BEHEER,
    KWARTAALAGENDA_LEZEN,
    LIDMAATSCHAP_BEHEER,
    PARTICIPATIE_BEHEER,
    PARTICIPATIE_LEZEN,
    PARTICIPATIE_RAPPORT,
    RAAD_LEZEN,
    VERGADERING_BEHEER,
    VERGADERING_LEZEN,
    VERORDENING,
    VERORDENING_LEZEN,
    perms,
)


class Rol(StrEnum):
    VOORZITTER = "voorzitter"
    VICEVOORZITTER = "vicevoorzitter"
    LID = "lid"
    ONDERSTEUNER = "ondersteuner"
    ACCOUNTHOUDER = "accounthouder"
    BELEIDSMEDEWERKER = "beleidsmedewerker"
    GESPREKSLEIDER = "gespreksleider"


class Menu(StrEnum):
    """The sections of the portal's main menu, in menu order. Which roles see a section is the
    ``menu`` of their row in ``ROLES``; the portal (``portal/menu.py``) gives each its label and
    URL. Personal pages (my portal, my membership, reminders, password) are in every signed-in
    user's menu and are not listed here; the admin follows ``is_staff``."""

    ADVIEZEN = "adviezen"
    VERGADERINGEN = "vergaderingen"
    KWARTAALAGENDA = "kwartaalagenda"
    PARTICIPATIE = "participatie"
    RAAD = "raad"


#: The council roles. Nobody grants them by hand: the membership services in
#: ``adviesraad/services.py`` derive them from terms and functions (``rollen_bijwerken``).
RAADSROLLEN: frozenset[Rol] = frozenset({Rol.LID, Rol.VOORZITTER, Rol.VICEVOORZITTER})
#: The roles of municipal staff and the supporter: granted by hand, by whom ``beheert`` says.
STAFROLLEN: frozenset[Rol] = frozenset(Rol) - RAADSROLLEN


@dataclass(frozen=True)
class RolDefinitie:
    #: Marked for translation here; shown with ``gettext(label)``.
    label: str
    #: Members of this role may use the Django admin (and so must use TOTP as second factor).
    beheer: bool
    #: Model permissions as "app_label.codename".
    permissies: frozenset[str] = field(default_factory=frozenset)
    #: Municipal staff sign in with TOTP only (no e-mail code), like admin users.
    totp_verplicht: bool = False
    #: The roles a holder of this role may give to and take from someone else's account
    #: (``toekenbare_rollen``). Never a council role: those follow terms and functions only.
    beheert: frozenset[Rol] = field(default_factory=frozenset)
    #: Capabilities ("<area>.<action>") a holder of this role has; see ``kan`` and ``rollen_met``.
    kan: frozenset[str] = field(default_factory=frozenset)
    #: The sections of the portal menu this role sees (``menu_van``). A section is listed only
    #: for roles that may open its page: the navigation test walks the menu per role.
    menu: frozenset[Menu] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.beheert & RAADSROLLEN:
            raise ValueError("Raadsrollen volgen uit termijnen en functies; niemand beheert ze.")


#: The council and its staff: every section of the portal.
RAAD_MENU: frozenset[Menu] = frozenset(Menu)

# --- The table ---------------------------------------------------------------------------------
# Declarations of outside activities (nevenfunctieverklaring) are readable role-wide only by the
# chair and the supporter; a member reads their own through an object grant. The account holder
# and policy staff have no permission on them at all.
ROLES: dict[Rol, RolDefinitie] = {
    Rol.VOORZITTER: RolDefinitie(
        menu=RAAD_MENU,
        label=gettext_noop("Voorzitter"),
        kan=frozenset(
            {
                "financien.aanwezigheidsregels_wijzigen",
                "financien.alles_zien",
                "financien.begroting_opstellen",
                "financien.declaratie_goedkeuren",
                "financien.declareren",
                "financien.periode_controleren",
                "evaluatie.beheren",
                "evaluatie.deelnemen",
                "evaluatie.inzien",
                "evaluatie.respons_zien",
                "jaarverslag.inzien",
                "jaarverslag.maken",
                "advies.belang_melden",
                "advies.corrigeren",
                "advies.goedkeuren",
                "advies.kortere_termijn",
                "advies.ongevraagd_aanmaken",
                "advies.ongevraagd_intrekken",
                "advies.publiceren",
                "advies.reactietermijn_verlengen",
                "advies.ronde_inzien",
                "advies.toezegging_stand_vragen",
                "advies.vaststellen",
                "advies.voorbereiden",
                "lidmaatschap.verklaring_lezen",
                "lidmaatschap.werving_inzien",
                "lidmaatschap.selectiecommissie",
                "participatie.meeluisteren",
                "vergadering.standaard_deelnemer",
                "vergadering.stukken_lezen",
                "verordening.reglement_indienen",
            }
        ),
        beheer=False,
        permissies=VERORDENING_LEZEN
        | HR_INDIENEN
        # A concept of the house rules carrying new attendance rules (financien, issue 12 §1).
        | perms("verordening", "add", "huishoudelijkreglement")
        | RAAD_LEZEN
        | perms("adviesraad", "view", "nevenfunctieverklaring")
        | {"adviesraad.beoordelen_nevenfunctieverklaring"}
        | perms("adviesraad", "view add", "herbenoemingsevaluatie")
        | ADVIES_STARTEN
        | ADVIES_PUBLICEREN
        | PARTICIPATIE_LEZEN
        | KWARTAALAGENDA_LEZEN
        | VERGADERING_LEZEN,
    ),
    Rol.VICEVOORZITTER: RolDefinitie(
        menu=RAAD_MENU,
        label=gettext_noop("Vicevoorzitter"),
        kan=frozenset(
            {
                "financien.declareren",
                "evaluatie.deelnemen",
                "evaluatie.inzien",
                "jaarverslag.inzien",
                "advies.belang_melden",
                "advies.corrigeren",
                "advies.goedkeuren",
                "advies.kortere_termijn",
                "advies.ongevraagd_aanmaken",
                "advies.ongevraagd_intrekken",
                "advies.publiceren",
                "advies.vaststellen",
                "advies.voorbereiden",
                "lidmaatschap.selectiecommissie",
                "participatie.meeluisteren",
                "vergadering.standaard_deelnemer",
                "vergadering.stukken_lezen",
                "verordening.reglement_indienen",
            }
        ),
        beheer=False,
        permissies=VERORDENING_LEZEN
        | HR_INDIENEN
        | RAAD_LEZEN
        | ADVIES_STARTEN
        | ADVIES_PUBLICEREN
        | PARTICIPATIE_LEZEN
        | KWARTAALAGENDA_LEZEN
        | VERGADERING_LEZEN,
    ),
    Rol.LID: RolDefinitie(
        menu=RAAD_MENU,
        label=gettext_noop("Lid"),
        kan=frozenset(
            {
                "financien.declareren",
                "evaluatie.deelnemen",
                "evaluatie.inzien",
                "jaarverslag.inzien",
                "advies.belang_melden",
                "advies.goedkeuren",
                "lidmaatschap.selectiecommissie",
                "participatie.meeluisteren",
                "vergadering.standaard_deelnemer",
                "vergadering.stukken_lezen",
            }
        ),
        beheer=False,
        permissies=VERORDENING_LEZEN
        | RAAD_LEZEN
        | ADVIES_LEZEN
        | PARTICIPATIE_LEZEN
        | KWARTAALAGENDA_LEZEN
        | VERGADERING_LEZEN,
    ),
    Rol.ONDERSTEUNER: RolDefinitie(
        menu=RAAD_MENU,
        label=gettext_noop("Ondersteuner"),
        kan=frozenset(
            {
                "financien.alles_zien",
                "financien.begroting_opstellen",
                "financien.correctie",
                "financien.declaratie_controleren",
                "financien.declareren",
                "financien.periode_voorbereiden",
                "evaluatie.beheren",
                "evaluatie.deelnemen",
                "evaluatie.inzien",
                "evaluatie.respons_zien",
                "jaarverslag.inzien",
                "jaarverslag.maken",
                "advies.aanvraag_aanmaken",
                "advies.aanvraag_intrekken",
                "advies.afronden",
                "advies.alle_aanvragen_zien",
                "advies.alle_bestanden_zien",
                "advies.brief_ondertekenen",
                "advies.corrigeren",
                "advies.documenten_ontvangen",
                "advies.documenten_toevoegen",
                "advies.meedenken_vastleggen",
                "advies.ongevraagd_aanmaken",
                "advies.ongevraagd_intrekken",
                "advies.plannen",
                "advies.publiceren",
                "advies.reactie_vastleggen",
                "advies.ronde_inzien",
                "advies.verslag_maken",
                "advies.verzenden",
                "advies.voorbereiden",
                "lidmaatschap.verklaring_lezen",
                "lidmaatschap.werving_inzien",
                "lidmaatschap.selectiecommissie",
                "participatie.meeluisteren",
                "vergadering.stukken_lezen",
                "vergadering.vertrouwelijke_stukken_lezen",
                "verordening.reglement_indienen",
            }
        ),
        beheer=True,
        permissies=VERORDENING_LEZEN
        | HR_INDIENEN
        | perms("verordening", "add change", "huishoudelijkreglement")
        | RAAD_LEZEN
        | perms("adviesraad", "view", "kernwet", "zittingstermijn", "functie")
        | perms("adviesraad", "view", "portefeuillehouder", "verklaringinzage")
        | perms("adviesraad", "view add", "nevenfunctieverklaring")
        | {"accounts.view_user", "files.add_bestand"}
        | ADVIES_BEHEER
        | ADVIES_PUBLICEREN
        | HERINNERINGEN_BEWAKEN
        | PARTICIPATIE_LEZEN
        | PARTICIPATIE_RAPPORT
        | KWARTAALAGENDA_LEZEN
        | VERGADERING_BEHEER
        | FINANCIEN_LEZEN
        | perms("financien", "view add", "verzuim"),
    ),
    Rol.ACCOUNTHOUDER: RolDefinitie(
        menu=RAAD_MENU,
        label=gettext_noop("Accounthouder"),
        kan=frozenset(
            {
                "financien.alles_zien",
                "financien.begroting_vaststellen",
                "financien.declaratie_betalen",
                "financien.periode_goedkeuren",
                "evaluatie.beheren",
                "evaluatie.deelnemen",
                "evaluatie.reflectie_opvolgen",
                "evaluatie.inzien",
                "jaarverslag.inzien",
                "jaarverslag.maken",
                "advies.aankondiging_ontvangen",
                "advies.aanvraag_aanmaken",
                "advies.aanvraag_intrekken",
                "advies.afronden",
                "advies.alle_aanvragen_zien",
                "advies.documenten_ontvangen",
                "advies.documenten_toevoegen",
                "advies.ontvangers_beheren",
                "advies.ontvangst_bevestigen",
                "advies.plannen",
                "advies.reactie_vastleggen",
                "advies.toezegging_bijwerken",
                "lidmaatschap.kandidaat_fase_wijzigen",
                "participatie.activiteit_organiseren",
                "participatie.activiteit_status_wijzigen",
                "lidmaatschap.selectiecommissie",
                "participatie.meeluisteren",
                "vergadering.stukken_lezen",
                "verordening.reglement_beoordelen",
            }
        ),
        beheer=True,
        permissies=perms("accounts", "view add change", "user")
        | {"auth.view_group", "files.add_bestand"}
        # Unlock an account that django-axes locked.
        | perms("axes", "view delete", "accessattempt")
        | perms("verordening", "view add change", *VERORDENING)
        | perms("verordening", "delete", "artikel", "samenwerkingsafspraken")
        # Only versions that have not started, and only concepts: the admin refuses the rest.
        | perms("verordening", "delete", "regel", "huishoudelijkreglement")
        | {"verordening.beoordelen_huishoudelijkreglement"}
        | LIDMAATSCHAP_BEHEER
        | perms("adviesraad", "view", "samenstelling", "kernwet")
        | perms("adviesraad", "view add", "herbenoemingsevaluatie")
        | ADVIES_BEHEER
        # Issue 14: who receives what the council sends (effective-dated, with history).
        | perms("adviesraad", "view add change", "ontvangers")
        | HERINNERINGEN_BEWAKEN
        | PARTICIPATIE_LEZEN
        | PARTICIPATIE_RAPPORT
        | PARTICIPATIE_BEHEER
        | KWARTAALAGENDA_BEHEER
        | VERGADERING_BEHEER
        | FINANCIEN_LEZEN,
        # Municipal staff who work with the council. Not the supporter (the council's own
        # secretary, appointed by a superuser), not a council role, and not its own role: an
        # account holder cannot make a second account holder.
        beheert=frozenset({Rol.BELEIDSMEDEWERKER, Rol.GESPREKSLEIDER}),
    ),
    Rol.BELEIDSMEDEWERKER: RolDefinitie(
        menu=frozenset({Menu.ADVIEZEN, Menu.VERGADERINGEN, Menu.KWARTAALAGENDA, Menu.PARTICIPATIE}),
        label=gettext_noop("Beleidsmedewerker"),
        kan=frozenset(
            {
                "evaluatie.deelnemen",
                "jaarverslag.inzien",
                "advies.aanvraag_aanmaken",
                "advies.aanvraag_intrekken",
                "advies.beleidsmedewerker",
                "advies.documenten_ontvangen",
                "advies.documenten_toevoegen",
                "advies.meedenken_vastleggen",
                "advies.reactie_vastleggen",
                "advies.toezegging_bijwerken",
                "kwartaalagenda.onderwerp_houden",
                "participatie.activiteit_organiseren",
                "participatie.meeluisteren",
                "vergadering.stukken_lezen",
            }
        ),
        beheer=False,
        totp_verplicht=True,
        permissies=VERORDENING_LEZEN
        | ADVIES_STARTEN
        | PARTICIPATIE_LEZEN
        | PARTICIPATIE_RAPPORT
        | KWARTAALAGENDA_BEHEER
        | VERGADERING_LEZEN,
    ),
    Rol.GESPREKSLEIDER: RolDefinitie(
        menu=frozenset({Menu.ADVIEZEN, Menu.VERGADERINGEN, Menu.PARTICIPATIE}),
        label=gettext_noop("Gespreksleider"),
        beheer=False,
        permissies=VERORDENING_LEZEN,
        kan=frozenset({"participatie.gesprek_leiden"}),
    ),
}


class UnknownPermission(LookupError):
    pass


def _permissions_for(names: frozenset[str]) -> list[Permission]:
    if not names:
        return []
    query = Q()
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = names - {f"{p.content_type.app_label}.{p.codename}" for p in found}
    if missing:
        raise UnknownPermission(f"Onbekende permissies in de rollentabel: {sorted(missing)}")
    return found


@transaction.atomic
def sync_roles() -> dict[str, int]:
    """Create each role's Group and set its permissions exactly as in ``ROLES``. Idempotent."""
    result: dict[str, int] = {}
    for rol, definitie in ROLES.items():
        group, _ = Group.objects.get_or_create(name=rol.value)
        permissions = _permissions_for(definitie.permissies)
        group.permissions.set(permissions)
        result[rol.value] = len(permissions)
    return result


def toekenbare_rollen(door: object) -> frozenset[str]:
    """The role names ``door`` may give to or take from *another* person's account.

    The union of ``beheert`` over ``door``'s roles. A superuser may grant every staff role
    (``STAFROLLEN``) but, like everyone, no council role. An inactive or anonymous user grants
    nothing. Whether ``door`` may edit that account at all, and that nobody edits their own roles,
    is checked by ``accounts.services.user_set_roles``.
    """
    if not getattr(door, "is_authenticated", False) or not getattr(door, "is_active", False):
        return frozenset()
    if getattr(door, "is_superuser", False):
        return frozenset(rol.value for rol in STAFROLLEN)
    namen = set(door.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    return frozenset(
        beheerd.value
        for rol, definitie in ROLES.items()
        if rol.value in namen
        for beheerd in definitie.beheert
    )


def beheer_rollen() -> frozenset[str]:
    return frozenset(rol.value for rol, d in ROLES.items() if d.beheer)


def totp_rollen() -> frozenset[str]:
    return frozenset(rol.value for rol, d in ROLES.items() if d.beheer or d.totp_verplicht)


def vereist_totp(user: object, *, rollen: set[str] | None = None) -> bool:
    """Admin users, superusers and municipal staff must use TOTP; members may use e-mail codes.

    ``rollen``: the user's role names when the caller has read them already (no extra query).
    """
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    if rollen is not None:
        return bool(rollen & totp_rollen())
    if getattr(user, "groups", None) is None:
        return False
    # The role names read once per user object (``rollen_van``): the menu asks for them too.
    return bool(rollen_van(user) & totp_rollen())


def rollen_met(capability: str) -> frozenset[Rol]:
    """The roles that hold ``capability`` in the table (for queries and object grants)."""
    return frozenset(rol for rol, d in ROLES.items() if capability in d.kan)


def rolnamen_met(capability: str) -> list[str]:
    """``rollen_met`` as group names, sorted (for ``groups__name__in``)."""
    return sorted(rol.value for rol in rollen_met(capability))


def rollen_van(user: object) -> frozenset[str]:
    """The role (group) names of ``user``, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_rolnamen", None)
    if cached is None and not getattr(user, "is_superuser", False):
        # The permission check of the page reads the roles in the same query (accounts.backends).
        user.get_all_permissions()  # type: ignore[attr-defined]
        cached = getattr(user, "_rolnamen", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
        user._rolnamen = cached  # type: ignore[attr-defined]
    return cached


def kan(user: object, capability: str) -> bool:
    """Does one of ``user``'s roles hold ``capability``? (Not: on which object; ask a policy.)

    An active superuser holds every capability (system administrators, not a role)."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    namen = rollen_van(user)
    return any(rol.value in namen for rol in rollen_met(capability))


def gebruikers_met_rollen(namen: Iterable[Rol | str]) -> QuerySet[Any]:
    """The active users who hold any of the roles ``namen`` now (unordered; may repeat a user
    with two of them, so use it as ``pk__in`` or take ``values`` distinct).

    The one query from role to people: assignment choices (``toewijzing``) and reminder
    audiences (``notifications.registry``) both ask it, never ``groups__name`` themselves.
    """
    return get_user_model().objects.filter(
        is_active=True, groups__name__in=[str(naam) for naam in namen]
    )


def menu_van(user: object) -> list[Menu]:
    """The portal menu sections of ``user``'s roles, in menu order (a superuser: all of them)."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return list(Menu)
    namen = rollen_van(user)
    zichtbaar = {m for rol, d in ROLES.items() if rol.value in namen for m in d.menu}
    return [m for m in Menu if m in zichtbaar]
