"""Links in the admin that lead a role to a refusal are not shown to that role (issue 15 §6).

The admin is walked as each staff role from its index, with the access matrix's data
(``tests/test_access_matrix.py``): every link on every page reached within three clicks is opened,
and none may answer 403 (or 404: a link to something the role may not see). Django's admin shows
"add", "change" and "history" links by model permissions; the permission policy of this project
refuses some of them (read-only models, history of confidential objects), so the admin must not
offer them.
"""

from __future__ import annotations

from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.portal.test_navigatie import _links, _sleutel
from tests.test_access_matrix import (  # noqa: F401 (the fixtures ``context`` and ``demo_momentopname``)
    ADMIN_USERS,
    SUPER,
    _client_for,
    context,
    demo_momentopname,
)

KLIKKEN = 3
PER_PATROON = 4
#: Not opened: they end the session or change something on GET-less forms.
NIET_OPENEN = {"admin:logout", "accounts:logout"}


def weigeringen(client: Any) -> list[str]:
    """Breadth-first over the admin's links; the links that answer 403 or 404, with their page."""
    gevonden: list[str] = []
    geopend: set[str] = set()
    per_patroon: dict[str, int] = {}
    rij: deque[tuple[str, int, str]] = deque([("/admin/", 0, "start")])
    while rij:
        pad, klikken, van = rij.popleft()
        sleutel = _sleutel(pad)
        if sleutel is None or pad in geopend or sleutel in NIET_OPENEN:
            continue
        if not urlsplit(pad).path.startswith("/admin/"):
            continue
        if per_patroon.get(sleutel, 0) >= PER_PATROON:
            continue
        geopend.add(pad)
        per_patroon[sleutel] = per_patroon.get(sleutel, 0) + 1
        antwoord = client.get(pad)
        if antwoord.status_code in (403, 404):
            gevonden.append(f"{pad} ({antwoord.status_code}), gelinkt vanaf {van}")
            continue
        if klikken >= KLIKKEN or "text/html" not in antwoord.get("Content-Type", ""):
            continue
        for link in _links(antwoord.content.decode()):
            if link not in geopend:
                rij.append((link, klikken + 1, pad))
    return gevonden


@pytest.mark.django_db
def test_the_admin_links_no_role_to_a_refusal(
    context: dict[str, Any],  # noqa: F811 (the access matrix's fixture)
) -> None:
    fouten = []
    for role in sorted(ADMIN_USERS - {SUPER}):
        fouten += [f"{role}: {w}" for w in weigeringen(_client_for(role))]
    assert not fouten, f"{len(fouten)} links naar een weigering:\n" + "\n".join(fouten)
