"""The portal menu: one list per user, from the role table (``accounts.roles.Menu``, ``menu_van``).

Every signed-in user gets the personal pages; the sections come from the ``menu`` of the user's
roles, so a role sees only sections whose pages it may open (``tests/portal/test_navigatie.py``
walks the menu per role against the access matrix). The admin ("Beheer") follows ``is_staff``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.accounts.roles import Menu, kan, menu_van, vereist_totp


@dataclass(frozen=True)
class Item:
    label: str | Promise
    url_name: str
    #: URL namespaces, or "namespace:name" view names, of the pages that belong to this item.
    hoort_bij: tuple[str, ...] = ()


SECTIES: dict[Menu, Item] = {
    Menu.ADVIEZEN: Item(_("Adviezen"), "advies:overzicht", ("advies",)),
    Menu.VERGADERINGEN: Item(_("Vergaderingen"), "vergaderingen:overzicht", ("vergaderingen",)),
    Menu.KWARTAALAGENDA: Item(_("Kwartaalagenda"), "kwartaalagenda:overzicht", ("kwartaalagenda",)),
    Menu.PARTICIPATIE: Item(
        _("Participatie"),
        "participatiemix:activiteiten",
        tuple(
            f"participatiemix:{naam}"
            for naam in (
                "activiteiten",
                "activiteit",
                "opbrengsten",
                "opbrengst_toevoegen",
                "verslag_uploaden",
                "jaarrapportage",
                "jaarrapportage_status",
                "indicatoren",
            )
        ),
    ),
    Menu.RAAD: Item(
        _("De adviesraad"),
        "lidmaatschap:leden",
        ("lidmaatschap:leden", "lidmaatschap:samenstelling", "lidmaatschap:verklaring"),
    ),
}

#: Sections after those of ``SECTIES``, each for who holds any of its capabilities in the role
#: table (``accounts.roles.kan``): the money pages are for fewer roles than a whole section.
OP_CAPABILITY: tuple[tuple[tuple[str, ...], Item], ...] = (
    (
        ("financien.declareren", "financien.alles_zien"),
        Item(
            _("Declaraties"),
            "financien:declaraties",
            ("financien:declaraties", "financien:declaratie"),
        ),
    ),
    (
        ("financien.alles_zien",),
        Item(
            _("Financiën"),
            "financien:perioden",
            tuple(
                f"financien:{naam}"
                for naam in (
                    "perioden",
                    "periode",
                    "vergoeding_lid",
                    "begroting",
                    "begroting_bewerken",
                    "aanwezigheidsregels",
                )
            ),
        ),
    ),
)

#: In every signed-in user's menu ("Mijn account").
PERSOONLIJK: tuple[Item, ...] = (
    Item(
        _("Mijn lidmaatschap"),
        "lidmaatschap:mijn",
        ("lidmaatschap:mijn", "lidmaatschap:verklaring_nieuw"),
    ),
    Item(_("Mijn herinneringen"), "herinneringen:voorkeuren", ("herinneringen",)),
    Item(_("Wachtwoord wijzigen"), "accounts:password_change", ("accounts:password_change",)),
)
INLOGCODE = Item(
    _("Ander e-mailadres voor uw inlogcode"),
    "accounts:mfa_email_wijzigen",
    ("accounts:mfa_email_wijzigen", "accounts:mfa_email_bevestigen"),
)


def _hoort_bij(item: Item, namespace: str, view_name: str) -> bool:
    return any(view_name == deel or namespace == deel for deel in item.hoort_bij)


def _regel(item: Item, namespace: str, view_name: str) -> dict[str, Any]:
    url = reverse(item.url_name)
    if view_name == item.url_name:
        huidig = "page"
    elif _hoort_bij(item, namespace, view_name):
        huidig = "true"
    else:
        huidig = ""
    return {"label": item.label, "url": url, "huidig": huidig}


class PortaalMenu:
    """Built when a template first asks (admin pages never do): no queries otherwise."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        match = request.resolver_match
        self.namespace = match.namespace if match else ""
        self.view_name = match.view_name if match else ""

    @cached_property
    def secties(self) -> list[dict[str, Any]]:
        user = self.request.user
        items = [SECTIES[m] for m in menu_van(user)]
        items += [item for kan_een, item in OP_CAPABILITY if any(kan(user, k) for k in kan_een)]
        return [_regel(item, self.namespace, self.view_name) for item in items]

    @cached_property
    def account(self) -> list[dict[str, Any]]:
        persoonlijk = list(PERSOONLIJK)
        if not vereist_totp(self.request.user):
            persoonlijk.append(INLOGCODE)
        return [_regel(item, self.namespace, self.view_name) for item in persoonlijk]

    @cached_property
    def account_huidig(self) -> bool:
        return any(regel["huidig"] for regel in self.account)


def portaalmenu(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``menu`` for a signed-in user (sections and personal pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu": PortaalMenu(request)}
