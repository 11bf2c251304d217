"""Arbitrary query strings on every GET URL of the access matrix never give a 500.

The URLs, the objects in them and the signed-in clients come from ``test_access_matrix``; only
pages a role really opens (expected 200, 403 or 404, not a redirect to the login or a 405) are
tried. Hypothesis picks a URL and a query string made of the parameter names the views read,
plus arbitrary ones, with the values that used to crash (year 0, "²", numbers beyond bigint,
NUL bytes, impossible dates) and arbitrary text.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_access_matrix import (
    ANON,
    EXPECTED,
    SUPER,
    _client_for,
    all_routes,
    context,  # noqa: F401,F811  (the fixture: the demo data and the objects in the URLs)
    demo_momentopname,  # noqa: F401,F811  (the fixture the one above builds on)
    urls_for,
)

ROLLEN = [ANON, "lid", "accounthouder", SUPER]

#: The names the views and the admin read (grep "request.GET" and the admin's own ones).
NAMEN = [
    "pagina",
    "jaar",
    "wet",
    "soort",
    "status",
    "instrument",
    "thema",
    "onderzoek",
    "weergave",
    "next",
    "sessie",
    "methode",
    "q",
    "o",
    "p",
    "e",
    "all",
    "_popup",
    "_to_field",
    "_changelist_filters",
    "aangemaakt_op__year",
    "aangemaakt_op__month",
    "aangemaakt_op__day",
    "status__exact",
    "te_laat",
    "advies_te_laat",
    "id__exact",
    "page",
]

LASTIG = [
    "0",
    "-1",
    "²",
    "٣",
    "9" * 30,
    str(2**63),
    str(2**31),
    "\x00",
    "2026-02-30",
    "0000-00-00",
    "",
    " ",
    "1e9",
    "NaN",
    "../",
    "%",
    "'",
]

waarden = st.one_of(
    st.sampled_from(LASTIG),
    st.integers().map(str),
    st.text(max_size=20),
)
querystrings = st.dictionaries(
    keys=st.one_of(st.sampled_from(NAMEN), st.text(min_size=1, max_size=8)),
    values=st.one_of(waarden, st.lists(waarden, min_size=1, max_size=3)),
    max_size=4,
)


def _pagina_s(objecten: dict[str, Any], role: str) -> list[str]:
    urls = []
    for route in all_routes():
        if route.key not in EXPECTED and route.key != "admin:app_list":
            continue
        for label, url in urls_for(route, objecten):
            verwacht = EXPECTED.get(label, {}).get(role, 200)
            if verwacht in (200, 403, 404):
                urls.append(url)
    return sorted(set(urls))


@pytest.mark.django_db
def test_no_query_string_gives_a_500(context: dict[str, Any]) -> None:  # noqa: F811
    clients = {}
    pagina_s = {}
    for role in ROLLEN:
        client = _client_for(role)
        client.raise_request_exception = False
        clients[role] = client
        pagina_s[role] = _pagina_s(context, role)

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data(), role=st.sampled_from(ROLLEN), query=querystrings)
    def probeer(data: st.DataObject, role: str, query: dict[str, Any]) -> None:
        url = data.draw(st.sampled_from(pagina_s[role]), label="url")
        response = clients[role].get(url, query)
        assert response.status_code != 500, (role, url, query)

    probeer()
