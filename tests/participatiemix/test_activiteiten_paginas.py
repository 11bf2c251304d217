"""The activities list in pages: the current year first, page 2 with the next activities, filters
kept in the page links, bad page input never a 500."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from hengelo_participatie.core.paginering import pagina_nummers
from hengelo_participatie.core.schrijven import vandaag
from participatiemix.views import ACTIVITEITEN_PER_PAGINA
from tests.participatiemix.factories import maak_activiteit

pytestmark = pytest.mark.django_db
URL = "/portaal/participatie/activiteiten/"


def _titels(html: str) -> list[str]:
    return re.findall(r'scope="row"><a [^>]*>([^<]+)</a>', html)


def test_current_year_first_then_latest_first(client_als) -> None:
    client, _ = client_als("beleidsmedewerker")
    jaar = vandaag().year
    maak_activiteit(titel="Volgend jaar", startdatum=date(jaar + 1, 2, 1))
    maak_activiteit(titel="Dit jaar, vroeg", startdatum=date(jaar, 1, 10))
    maak_activiteit(titel="Dit jaar, later", startdatum=date(jaar, 1, 20))
    html = client.get(URL).content.decode()
    assert _titels(html) == ["Dit jaar, later", "Dit jaar, vroeg", "Volgend jaar"]
    opties = re.findall(r'<option value="(\d{4})"', html)
    assert opties[0] == str(jaar)
    assert str(jaar + 1) in opties


def test_page_two_shows_the_next_activities_and_keeps_the_filter(client_als) -> None:
    client, _ = client_als("beleidsmedewerker")
    begin = date(vandaag().year, 1, 1)
    for i in range(ACTIVITEITEN_PER_PAGINA + 2):
        maak_activiteit(nummer=2, titel=f"A{i:02d}", startdatum=begin + timedelta(days=i))
    maak_activiteit(nummer=3, titel="Ander instrument", startdatum=begin)
    eerste = client.get(URL, {"jaar": str(begin.year)})
    html = eerste.content.decode()
    nieuwste = ACTIVITEITEN_PER_PAGINA + 1
    assert _titels(html)[0] == f"A{nieuwste:02d}"
    assert len(_titels(html)) == ACTIVITEITEN_PER_PAGINA
    assert f"{ACTIVITEITEN_PER_PAGINA + 3} activiteiten" in html
    assert f'rel="next" href="?jaar={begin.year}&amp;pagina=2"' in html
    tweede = client.get(URL, {"jaar": str(begin.year), "pagina": "2"}).content.decode()
    assert len(_titels(tweede)) == 3
    assert set(_titels(tweede)) & set(_titels(html)) == set()
    assert re.search(r'aria-current="page" href="\?jaar=\d{4}&amp;pagina=2">', tweede)
    assert '<nav class="utrecht-pagination utrecht-pagination--distanced" aria-label=' in tweede

    instrument = eerste.context["filters"].fields["instrument"].queryset.get(nummer=2).pk
    gefilterd = client.get(URL, {"instrument": str(instrument)}).content.decode()
    assert "Ander instrument" not in gefilterd
    assert f'rel="next" href="?instrument={instrument}&amp;pagina=2"' in gefilterd


@pytest.mark.parametrize("pagina", ["abc", "-3", "0", "²", "99", "9" * 50, ""])
def test_bad_page_input_gives_a_page(client_als, pagina: str) -> None:
    client, _ = client_als("lid")
    maak_activiteit(titel="Enige")
    response = client.get(URL, {"pagina": pagina})
    assert response.status_code == 200
    assert _titels(response.content.decode()) == ["Enige"]


def test_page_numbers_around_the_current_page() -> None:
    assert pagina_nummers(1, 1) == [1]
    assert pagina_nummers(1, 4) == [1, 2, 3, 4]
    assert pagina_nummers(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert pagina_nummers(20, 20) == [1, None, 18, 19, 20]
