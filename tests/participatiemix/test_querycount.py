"""List pages keep a fixed number of queries: the same bound holds at 1× and at 10× the data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from participatiemix.importeren import enqueteresultaten_importeren
from participatiemix.services import inbreng as inbreng_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.participatiemix.factories import (
    domein,
    maak_activiteit,
    plan,
    portefeuillehouder,
    spelregels_invullen,
    thema,
    uitgevoerd,
)

pytestmark = pytest.mark.django_db

#: Queries of the page itself plus session, user, MFA device, permissions and guardian checks.
#: The two list pages include one query for the user's current portfolios ("Voor mijn
#: portefeuille", participatiemix/relevantie.py), whether or not they hold one, and one for the
#: laws of the open advice requests they can see (+1 on each of the two pages).
#: +1 on each page for a signed-in user since issue 15: the menu reads the user's roles once.
MAX_QUERIES = {
    # +1 on the activities list: the count of its pages (core/paginering.py).
    "/portaal/participatie/activiteiten/": 18,
    "/portaal/participatie/opbrengsten/": 14,
    "/portaal/participatie/jaarrapportage/?jaar=2026": 27,
    "/portaal/participatie/enquetes/": 10,
    "/participatie/": 8,
}
PUBLIEK = {"/participatie/"}


def _data(n: int, gespreksleider) -> None:
    plan(2026, {1: (n, 0, 0, 0), 2: (n, n, 0, 0)})
    rijen = []
    for i in range(n):
        for nummer in (1, 2, 3):
            a = maak_activiteit(
                nummer=nummer,
                titel=f"A{nummer}-{i}",
                startdatum=date(2026, 1, 5) + timedelta(days=i),
                aantal_deelnemers=10,
                gespreksleider=gespreksleider,
                themas=[thema("Zorg"), thema("Inclusie")],
                domeinen=[domein("wmo"), domein("jeugdwet")],
            )
            spelregels_invullen(a)
            uitgevoerd(a)
            o = inbreng_services.opbrengst_toevoegen(
                activiteit=a, door=None, soort="knelpunt", thema=thema(), omschrijving="x"
            )
            inbreng_services.benutting_vastleggen(
                opbrengst=o, door=None, soort="beleid", omschrijving="y", datum=date(2026, 5, 1)
            )
            terugkoppelingen_services.terugkoppeling_vastleggen(
                terugkoppeling=a.terugkoppeling,
                door=None,
                gegeven_op=a.startdatum + timedelta(days=5),
                wat_gedaan="w",
                hoe_geinformeerd="h",
                je_zei="j",
                openbaar=True,
            )
        rijen.append(f"ceo;wmo;I-{i};Tekst {i};2025;70;100;CEO;2026-06-01")
        rijen.append(f"ceo;wmo;I-{i};Tekst {i};2024;68;100;CEO;2025-06-01")
    kop = "onderzoek;wet;indicator_code;indicator_tekst;jaar;percentage_positief;n;bron;publicatiedatum"
    enqueteresultaten_importeren(inhoud="\n".join([kop, *rijen]).encode(), door=None)


def _status(rol: str, url: str) -> int:
    if rol == "lid" or url in PUBLIEK or "activiteiten" in url or "opbrengsten" in url:
        return 200
    return 404  # a moderator has no role-wide permission for the report and the surveys


@pytest.mark.parametrize("rol", ["lid", "gespreksleider"])
def test_vaste_aantallen_queries_bij_1x_en_10x(client_als, django_assert_max_num_queries, rol):
    client, user = client_als(rol)
    gespreksleider = user if rol == "gespreksleider" else UserFactory(roles=["gespreksleider"])
    _data(1, gespreksleider)
    for url, maximum in MAX_QUERIES.items():
        with django_assert_max_num_queries(maximum):
            assert client.get(url).status_code == _status(rol, url), url
    _data(10, gespreksleider)  # 10× more on top
    for url, maximum in MAX_QUERIES.items():
        with django_assert_max_num_queries(maximum):
            response = client.get(url)
        assert response.status_code == _status(rol, url), url
        if "activiteiten" in url:
            # 33 activities, 25 a page (participatiemix.views.ACTIVITEITEN_PER_PAGINA).
            html = response.content.decode()
            assert html.count("utrecht-table__row") == 1 + 25
            assert "33 activiteiten" in html
            with django_assert_max_num_queries(maximum):
                tweede = client.get(
                    url + ("&" if "?" in url else "?") + "pagina=2"
                ).content.decode()
            assert tweede.count("utrecht-table__row") == 1 + 8


#: The list pages of a portfolio holder, narrowed ("Voor mijn portefeuille") and in full.
PORTEFEUILLE_QUERIES = {
    "/portaal/participatie/activiteiten/": MAX_QUERIES["/portaal/participatie/activiteiten/"],
    "/portaal/participatie/activiteiten/?weergave=alles": MAX_QUERIES[
        "/portaal/participatie/activiteiten/"
    ],
    "/portaal/participatie/opbrengsten/": MAX_QUERIES["/portaal/participatie/opbrengsten/"],
    "/portaal/participatie/opbrengsten/?weergave=alles": MAX_QUERIES[
        "/portaal/participatie/opbrengsten/"
    ],
}


def test_portefeuillehouder_vaste_aantallen_queries(django_assert_max_num_queries):
    client = Client()
    mfa_verify(client, portefeuillehouder("wmo"))
    gespreksleider = UserFactory(roles=["gespreksleider"])
    # 1× the data, then 10× more on top: 3 and then 33 activities, all about the Wmo.
    for n, activiteiten in ((1, 3), (10, 33)):
        _data(n, gespreksleider)
        for url, maximum in PORTEFEUILLE_QUERIES.items():
            with django_assert_max_num_queries(maximum):
                response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert response.context["alleen_portefeuille"] != url.endswith("alles"), url
            assert ('id="weergave-titel">Voor mijn portefeuille' in html) != url.endswith("alles")
            if "activiteiten" in url:
                # 25 a page (participatiemix.views.ACTIVITEITEN_PER_PAGINA): the rest on page 2.
                assert html.count("utrecht-table__row") == 1 + min(activiteiten, 25), url
                assert f"{activiteiten} activiteiten" in html, url
                if activiteiten > 25:
                    tweede = client.get(
                        url + ("&" if "?" in url else "?") + "pagina=2"
                    ).content.decode()
                    assert tweede.count("utrecht-table__row") == 1 + activiteiten - 25, url


def test_detailpagina_vaste_queries(client_als, django_assert_max_num_queries):
    client, _ = client_als("lid")
    a = uitgevoerd(maak_activiteit(nummer=2, themas=[thema("Zorg"), thema("Inclusie")]))
    spelregels_invullen(a)
    for _ in range(10):
        o = inbreng_services.opbrengst_toevoegen(
            activiteit=a, door=None, soort="knelpunt", thema=thema(), omschrijving="x"
        )
        inbreng_services.benutting_vastleggen(
            opbrengst=o, door=None, soort="beleid", omschrijving="y", datum=date(2026, 5, 1)
        )
    with django_assert_max_num_queries(24):
        assert client.get(f"/portaal/participatie/activiteiten/{a.pk}/").status_code == 200
