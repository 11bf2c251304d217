"""Every page a role may open is reachable from that role's menu within three clicks (issue 15 §1).

The test walks links, as a volunteer would, from "Mijn portaal" for every role of the access
matrix, with the matrix's own data (``tests/test_access_matrix.py``: the demo data plus its test
objects) and its expectations: every portal URL pattern the matrix lets a role open (status 200)
must turn up as a link within three clicks. Every link on the way must open for that role, so a
menu never leads to a refusal. The admin's own pages are walked in ``tests/accounts/test_admin_links.py``.
"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.test_access_matrix import (  # noqa: F401 (the fixtures ``context`` and ``demo_momentopname``)
    ANON,
    EXPECTED,
    OUD_LID,
    ROLES,
    _client_for,
    context,
    demo_momentopname,
)

KLIKKEN = 3
#: How many URLs of one pattern are opened: enough to meet objects in different states (an
#: advice with a raadsvoorlegger, an activity with a report), few enough to stay quick.
PER_PATROON = 12

#: Pages that are not reached through a link, with the reason. Everything else a role may open
#: must be linked.
NIET_IN_HET_MENU: dict[str, str] = {
    "health": "for monitoring, not for people",
    "accounts:logout": "the menu logs out with a POST button; GET only asks to confirm",
    "accounts:mfa_setup": "part of signing in, before the portal",
    "accounts:mfa_setup_totp": "part of signing in, before the portal",
    "accounts:mfa_setup_email": "part of signing in, before the portal",
    "accounts:password_reset": "for who cannot sign in (linked from the login page)",
    "accounts:password_reset_done": "shown after the form",
    "accounts:password_reset_confirm": "the link in the e-mail",
    "accounts:password_reset_complete": "shown after the form",
    "accounts:password_change_done": "shown after the form",
    "files:download": "the matrix's file is shared by a bare object grant, on no page",
    "participatiemix:jaarrapportage_status": (
        "the refresh link while a yearly report is being made (without JavaScript); the "
        "matrix's report is finished"
    ),
    # Files on pages the walk reaches (the activity, the yearly-report page); whether the objects
    # it opens carry one depends on the order of the data, so they are not required here.
    "participatiemix:verslag_downloaden": "a report file on an activity page",
    "participatiemix:jaarrapportage_downloaden": "the PDF on the yearly-report page",
    "jaarcyclus:pdf_status": (
        "the refresh link while an annual-report PDF is being made (without JavaScript)"
    ),
    "jaarcyclus:pdf_downloaden": (
        "the PDF on the annual-report page, shown for the year whose PDF was made"
    ),
    "vergaderingen:agendapunt_verwijderen": "the confirmation step of a delete link",
    "vergaderingen:deelname_verwijderen": "the confirmation step of a delete link",
}

#: Linked, but not opened by the walk: logging out ends the session.
NIET_GEOPEND = {"accounts:logout"}

#: Pages a role-less account (a former member) may open but that show it nothing: they are
#: not in its menu, because its menu comes from roles it no longer has.
LEEG_ZONDER_ROL = {
    "advies:overzicht",
    "vergaderingen:overzicht",
    "vergaderingen:aanwezigheid_overzicht",
    "participatiemix:activiteiten",
    "participatiemix:opbrengsten",
    "advies:toezeggingen",
    "advies:toezeggingen_csv",
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    paden = []
    for href in parser.hrefs:
        deel = urlsplit(href)
        if deel.scheme or deel.netloc or not deel.path.startswith("/"):
            continue
        paden.append(deel.path + (f"?{deel.query}" if deel.query else ""))
    return paden


def _sleutel(pad: str) -> str | None:
    try:
        match = resolve(urlsplit(pad).path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


def _is_admin(sleutel: str) -> bool:
    return sleutel.startswith("admin")


def wandel(
    client: Any, start: str = "/portaal/", bij_pagina: Any = None
) -> tuple[dict[str, int], list[str]]:
    """Breadth-first over links from ``start``: per URL pattern the fewest clicks, and refusals.

    Up to ``PER_PATROON`` URLs per pattern are opened (their links followed); the admin's pages
    are not walked here. ``bij_pagina(pad, html)`` sees every HTML page opened.
    """
    bereikt: dict[str, int] = {}
    geweigerd: list[str] = []
    geopend: set[str] = set()
    per_patroon: dict[str, int] = {}
    bladeren: set[str] = set()  # patterns that answer with a file: one is enough
    rij: deque[tuple[str, int, str]] = deque([(start, 0, "start")])
    while rij:
        pad, klikken, van = rij.popleft()
        sleutel = _sleutel(pad)
        if sleutel is None or pad in geopend or sleutel in bladeren:
            continue
        if per_patroon.get(sleutel, 0) >= PER_PATROON:
            continue
        geopend.add(pad)
        per_patroon[sleutel] = per_patroon.get(sleutel, 0) + 1
        bereikt.setdefault(sleutel, klikken)
        if _is_admin(sleutel) or sleutel in NIET_GEOPEND:
            continue
        antwoord = client.get(pad)
        if antwoord.status_code in (403, 404):
            geweigerd.append(f"{pad} ({antwoord.status_code}), gelinkt vanaf {van}")
            continue
        if "text/html" not in antwoord.get("Content-Type", ""):
            bladeren.add(sleutel)
            continue
        html = antwoord.content.decode()
        if bij_pagina is not None:
            bij_pagina(pad, html)
        if klikken >= KLIKKEN:
            continue
        for link in _links(html):
            link_sleutel = _sleutel(link)
            if link_sleutel is not None:
                bereikt.setdefault(link_sleutel, klikken + 1)
                if link not in geopend:
                    rij.append((link, klikken + 1, pad))
    return bereikt, geweigerd


@pytest.mark.django_db
def test_every_page_a_role_may_open_is_in_its_menu_within_three_clicks(
    context: dict[str, Any],  # noqa: F811 (the access matrix's fixture)
) -> None:
    fouten = []
    for role in ROLES:
        if role == ANON:
            continue
        bereikt, geweigerd = wandel(_client_for(role))
        fouten += [f"{role}: link naar een weigering: {g}" for g in geweigerd]
        for sleutel, verwacht in sorted(EXPECTED.items()):
            if verwacht[role] != 200 or _is_admin(sleutel) or sleutel in NIET_IN_HET_MENU:
                continue
            if role == OUD_LID and sleutel in LEEG_ZONDER_ROL:
                continue
            if bereikt.get(sleutel, KLIKKEN + 1) > KLIKKEN:
                fouten.append(f"{role}: {sleutel} niet bereikbaar in {KLIKKEN} klikken")
        if EXPECTED["admin:index"][role] == 200 and bereikt.get("admin:index") != 1:
            fouten.append(f"{role}: Beheer niet in het menu")
    assert not fouten, "\n".join(fouten)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "secties"),
    [
        ("lid", ["Adviezen", "Vergaderingen", "Kwartaalagenda", "Participatie", "De adviesraad"]),
        ("gespreksleider", ["Adviezen", "Vergaderingen", "Participatie"]),
        ("beleidsmedewerker", ["Adviezen", "Vergaderingen", "Kwartaalagenda", "Participatie"]),
        (OUD_LID, []),
    ],
)
def test_the_menu_comes_from_the_role_table(rol: str, secties: list[str]) -> None:
    html = _client_for(rol).get("/portaal/").content.decode()
    nav = html[html.index('aria-label="Hoofdmenu"') : html.index("</nav>")]
    gevonden = [
        label
        for label in (
            "Adviezen",
            "Vergaderingen",
            "Kwartaalagenda",
            "Participatie",
            "De adviesraad",
        )
        if f">{label}</a>" in nav
    ]
    assert gevonden == secties
    # Personal pages for everyone signed in, in the "Mijn account" disclosure.
    for pad in (
        "/portaal/lidmaatschap/",
        "/portaal/herinneringen/",
        "/account/wachtwoord-wijzigen/",
    ):
        assert f'href="{pad}"' in nav
    # The e-mail code address only for who signs in with an e-mail code.
    assert ('href="/account/inlogcode/e-mailadres/"' in nav) == (rol != "beleidsmedewerker")
