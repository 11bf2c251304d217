"""The running requests on /portaal/advies/ in pages of 25 (``?lopend=``), the finished ones
keeping their own page (``?pagina=``); bad page input is page 1, never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest

from adviesraad.advies.selectors import LOPEND_PER_PAGINA
from tests.adviesraad.advies.test_queries import _aanvragen
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db
URL = "/portaal/advies/"


def _lopend(html: str) -> list[str]:
    tabel = html.split("Lopende adviesaanvragen met hun termijnen", 1)[1].split("</table>", 1)[0]
    return re.findall(r"ASD-2026-\d{4}", tabel)


def test_running_requests_come_in_pages(raad: dict[str, Any], client: Any) -> None:
    user = raad["leden"][0].user
    mfa_verify(client, user)
    _aanvragen(60, user, raad["kernwet"])  # three in four are running: 45
    eerste = client.get(URL).content.decode()
    assert len(_lopend(eerste)) == LOPEND_PER_PAGINA
    assert 'rel="next" href="?lopend=2&amp;pagina=1"' in eerste
    tweede = client.get(URL, {"lopend": "2"}).content.decode()
    assert len(_lopend(tweede)) == 45 - LOPEND_PER_PAGINA
    assert set(_lopend(tweede)) & set(_lopend(eerste)) == set()
    assert 'rel="prev" href="?lopend=1&amp;pagina=1"' in tweede
    assert '<span aria-current="page">Pagina 2</span>' in tweede


@pytest.mark.parametrize("lopend", ["abc", "-1", "0", "²", "9" * 60])
def test_bad_page_input_is_a_page(raad: dict[str, Any], client: Any, lopend: str) -> None:
    user = raad["leden"][0].user
    mfa_verify(client, user)
    _aanvragen(4, user, raad["kernwet"])
    response = client.get(URL, {"lopend": lopend})
    assert response.status_code == 200
