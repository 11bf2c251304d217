"""Bad input gives a clear answer, never a 500.

The query-string helper, bounded ids in URLs, simple-history's pages with a bad id, and the
Dutch error pages (status, text, a link back home; the 500 page renders without a database).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve
from django.views.defaults import bad_request, server_error

from hengelo_participatie.core import queryparams
from tests.conftest import mfa_verify
from tests.factories import UserFactory

HUGE = "9" * 30


# --- The helper ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [("2026", 2026), ("0", None), ("²", None), (HUGE, None), ("-5", None), (" 2026", None)],
)
def test_jaar_is_a_year_python_can_hold_or_nothing(waarde: str, verwacht: int | None) -> None:
    assert queryparams.jaar({"jaar": waarde}) == verwacht


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [("3", 3), ("", 1), ("abc", 1), ("0", 1), ("-2", 1), ("²", 1), (HUGE, queryparams.MAX_PAGINA)],
)
def test_pagina_follows_get_page(waarde: str, verwacht: int) -> None:
    assert queryparams.pagina({"pagina": waarde}) == verwacht


def test_keuze_code_and_datum() -> None:
    assert queryparams.keuze({"s": "a"}, "s", ["a", "b"]) == "a"
    assert queryparams.keuze({"s": "c"}, "s", ["a", "b"], "b") == "b"
    assert queryparams.code({"w": "wmo"}, "w") == "wmo"
    assert queryparams.code({"w": "wmo\x00"}, "w") == ""
    assert queryparams.datum({"d": "2026-03-01"}, "d") == date(2026, 3, 1)
    assert queryparams.datum({"d": "2026-02-30"}, "d") is None
    assert queryparams.datum({"d": "٢٠٢٦-03-01"}, "d") is None


# --- Query strings of the list pages -------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "jaar=0",
        "jaar=%C2%B2",
        "jaar=9999999999999999999999",
        f"pagina={HUGE}",
        "pagina=-1",
        "wet=%00",
        "status=x&soort=y",
    ],
)
def test_register_answers_bad_query_strings_with_the_page(query: str) -> None:
    response = Client(raise_request_exception=False).get(f"/adviezen/?{query}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_portal_advice_list_with_a_huge_page(client: Client) -> None:
    mfa_verify(client, UserFactory(roles=["lid"]))
    client.raise_request_exception = False
    assert client.get(f"/portaal/advies/?pagina={HUGE}").status_code == 200


# --- Ids in URLs ---------------------------------------------------------------------------------
def test_an_id_beyond_bigint_does_not_match_a_url() -> None:
    assert resolve(f"/participatie/{2**63 - 1}/").kwargs == {"activiteit_id": 2**63 - 1}
    for pad in (f"/participatie/{2**63}/", "/participatie/99999999999999999999/"):
        with pytest.raises(Resolver404):
            resolve(pad)


@pytest.mark.django_db
def test_a_huge_id_is_the_dutch_404_page() -> None:
    response = Client(raise_request_exception=False).get("/participatie/99999999999999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert 'href="/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pad",
    [
        "{pk}/history/password/",
        f"{{pk}}/history/{HUGE}/",
        "abc/history/1/",
        f"{HUGE}/history/1/",
        "abc/history/",
        f"{HUGE}/history/",
    ],
)
def test_simple_history_pages_with_a_bad_id_are_404(pad: str) -> None:
    beheerder = UserFactory(is_superuser=True, is_staff=True)
    client = Client(raise_request_exception=False)
    mfa_verify(client, beheerder)
    response = client.get("/admin/accounts/user/" + pad.format(pk=beheerder.pk))
    assert response.status_code == 404


# --- The error pages -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_403_page_is_dutch_with_a_way_back() -> None:
    client = Client(raise_request_exception=False)
    mfa_verify(client, UserFactory(roles=["accounthouder"]))
    # The account holder has no access to declarations (see the access matrix).
    response = client.get("/admin/adviesraad/nevenfunctieverklaring/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "U hebt geen toegang tot deze pagina" in html
    assert "Ga naar de startpagina" in html and 'href="/"' in html
    assert "Ga naar uw portaal" in html


@pytest.mark.django_db
def test_400_page_is_dutch_with_a_way_back() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = bad_request(request, exception=Exception("test"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit verzoek klopt niet" in html and 'href="/"' in html


def test_500_page_is_dutch_and_needs_no_database() -> None:
    """Django renders it without a request context; here also without a database (no db mark:
    pytest-django refuses any query)."""
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Ga naar de startpagina" in html and 'href="/"' in html
    assert '<html lang="nl">' in html


@pytest.mark.django_db
def test_csrf_failure_page_is_dutch() -> None:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post("/account/inloggen/", {"username": "x"})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()
