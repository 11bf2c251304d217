"""The meetings list: pages of past meetings, filters kept in every link, the current year first,
bad query input never a 500, and a fixed number of queries at two data sizes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from adviesraad.vergaderingen.models import Soort, Vergadering
from adviesraad.vergaderingen.selectors import PER_PAGINA
from hengelo_participatie.core.schrijven import vandaag
from tests.adviesraad.vergaderingen.conftest import moment

URL = reverse("vergaderingen:overzicht")


def _eerder(maak_vergadering: Callable[..., Vergadering], aantal: int, **kw: Any) -> None:
    """``aantal`` past meetings, all yesterday, "Eerder 00" the latest."""
    gisteren = moment(-1, uur=20)
    for i in range(aantal):
        maak_vergadering(
            titel=f"Eerder {i:02d}",
            begin=gisteren - timedelta(minutes=i),
            raad_uitnodigen=True,
            **kw,
        )


def _titels(html: str) -> list[str]:
    return re.findall(r">(Eerder \d\d|Komend \d\d)</a>", html)


@pytest.fixture
def lid(raad: dict[str, Any], client_van: Callable[[Any], Client]) -> Client:
    return client_van(raad["leden"][0])


def test_page_two_shows_the_next_past_meetings(
    lid: Client, maak_vergadering: Callable[..., Vergadering]
) -> None:
    _eerder(maak_vergadering, PER_PAGINA + 2)
    maak_vergadering(titel="Komend 00", dagen=3)
    eerste = lid.get(URL).content.decode()
    assert _titels(eerste) == ["Komend 00", *(f"Eerder {i:02d}" for i in range(PER_PAGINA))]
    tweede = lid.get(URL, {"pagina": "2"}).content.decode()
    # Upcoming meetings are on the first page only.
    assert _titels(tweede) == [f"Eerder {PER_PAGINA:02d}", f"Eerder {PER_PAGINA + 1:02d}"]
    assert "Komende vergaderingen</h2>" not in tweede
    # Accessible nav: labelled, the current page marked, previous/next links.
    nav = re.search(
        r"<nav [^>]*aria-label=\"Pagina's met eerdere vergaderingen\".*?</nav>", tweede, re.S
    )
    assert nav is not None
    assert re.search(r'aria-current="page" href="\?pagina=2">.*?2</a>', nav.group(0))
    assert 'rel="prev" href="?"' in nav.group(0)
    assert 'rel="next"' not in nav.group(0)
    assert 'rel="next" href="?pagina=2"' in eerste


@pytest.mark.parametrize(
    ("pagina", "verwacht"),
    [
        ("abc", 1),
        ("-1", 1),
        ("0", 1),
        ("²", 1),
        ("1.5", 1),
        ("99", 2),  # past the end: the last page, as Paginator.get_page does
        ("9" * 40, 2),
    ],
)
def test_bad_page_input_gives_a_page_not_an_error(
    lid: Client, maak_vergadering: Callable[..., Vergadering], pagina: str, verwacht: int
) -> None:
    _eerder(maak_vergadering, PER_PAGINA + 1)
    response = lid.get(URL, {"pagina": pagina})
    assert response.status_code == 200
    assert response.context["o"].paginering.pagina.number == verwacht


@pytest.mark.parametrize(
    "query",
    [
        {"jaar": "abc"},
        {"jaar": "99999999999999999999999"},
        {"jaar": "0"},
        {"soort": "bestaat-niet"},
        {"status": "<script>"},
        {"jaar": "2020", "soort": "x" * 5000},
    ],
)
def test_bad_filters_are_ignored(
    lid: Client, maak_vergadering: Callable[..., Vergadering], query: dict[str, str]
) -> None:
    _eerder(maak_vergadering, 2)
    response = lid.get(URL, query)
    assert response.status_code == 200
    assert "Eerder 00" in response.content.decode() or query.get("jaar") == "2020"


def test_filters_narrow_the_list_and_stay_in_the_page_links(
    lid: Client, maak_vergadering: Callable[..., Vergadering]
) -> None:
    _eerder(maak_vergadering, PER_PAGINA + 1, soort=Soort.MEEDENKSESSIE)
    maak_vergadering(titel="Eerder 99", begin=moment(-1, uur=8), soort=Soort.RAADSVERGADERING)
    maak_vergadering(titel="Komend 00", dagen=400)  # next year or later
    jaar = (vandaag() - timedelta(days=1)).year

    html = lid.get(URL, {"soort": Soort.RAADSVERGADERING}).content.decode()
    assert _titels(html) == ["Komend 00", "Eerder 99"]

    html = lid.get(URL, {"soort": Soort.MEEDENKSESSIE, "jaar": str(jaar)}).content.decode()
    assert "Komend 00" not in html and "Eerder 99" not in html
    assert len(_titels(html)) == PER_PAGINA
    # The next page keeps both filters.
    assert f'rel="next" href="?jaar={jaar}&amp;soort=meedenksessie&amp;pagina=2"' in html
    html = lid.get(
        URL, {"soort": Soort.MEEDENKSESSIE, "jaar": str(jaar), "pagina": "2"}
    ).content.decode()
    assert _titels(html) == [f"Eerder {PER_PAGINA:02d}"]
    assert f'<option value="{jaar}" selected>' in html


def test_the_current_year_comes_first(
    lid: Client, maak_vergadering: Callable[..., Vergadering]
) -> None:
    maak_vergadering(titel="Komend 00", dagen=400)
    _eerder(maak_vergadering, 1)
    response = lid.get(URL)
    jaren = response.context["o"].jaren
    assert jaren[0] == vandaag().year
    assert (vandaag() + timedelta(days=400)).year in jaren
    opties = re.findall(r'<option value="(\d{4})"', response.content.decode())
    assert opties[0] == str(vandaag().year)
    # Upcoming first (soonest first), then the past, latest first.
    assert _titels(response.content.decode()) == ["Komend 00", "Eerder 00"]


@pytest.mark.parametrize("rol", ["lid", "ondersteuner"])
def test_list_queries_stay_fixed_from_3_to_30_meetings(
    rol: str,
    raad: dict[str, Any],
    client_van: Callable[[Any], Client],
    maak_vergadering: Callable[..., Vergadering],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_van(raad["leden"][0] if rol == "lid" else raad["ondersteuner"])
    tellingen: list[int] = []
    for erbij in (3, 27):  # 3 past meetings, then 30
        _eerder(maak_vergadering, erbij)
        maak_vergadering(titel="Komend", dagen=5 + erbij)
        client.get(URL)
        for query in ({}, {"pagina": "2", "soort": Soort.RAADSVERGADERING}):
            # 10: session, user, device, 2 permission lookups, then years, count, page, upcoming,
            # own participations; plus the session update (and its savepoint pair in tests).
            with django_assert_max_num_queries(13) as q:
                assert client.get(URL, query).status_code == 200
            tellingen.append(len(q.captured_queries))
    assert Vergadering.objects.count() == 32
    # Page 2 of 30 skips the upcoming meetings (first page only): never more than at 3.
    assert max(tellingen[2:]) <= max(tellingen[:2])
