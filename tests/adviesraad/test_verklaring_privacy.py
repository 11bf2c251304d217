"""The text of a declaration of other roles reaches only the member, the chair and the supporter:
portal pages, admin list, change form, history list and history form.

The superuser reaches the declaration (the assessment, the yes/no answers) but not its text: the
regulation names who may know a member's interests, and a system administrator is not one of them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from adviesraad.models.verklaringen import Aanleiding, Beoordeling
from adviesraad.services.verklaringen import verklaring_beoordelen, verklaring_indienen
from tests.adviesraad.factories import LidFactory, vandaag
from tests.conftest import PRIVACY_ROLLEN, mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOELICHTING = "VERKLARINGTEKST-r4W8 bestuurder bij Stichting Kanaalzorg"
AFSPRAAK = "AFSPRAAKTEKST-m6T1 stemt niet mee over Kanaalzorg"
LEZERS = {"lid", "voorzitter", "ondersteuner"}
ROLLEN = PRIVACY_ROLLEN


@pytest.fixture
def wereld() -> dict[str, Any]:
    lid = LidFactory(user=UserFactory(email="lid@raad.nl", roles=["lid"]))
    gebruikers = {
        "lid": lid.user,
        "lid_b": LidFactory(user=UserFactory(email="lidb@raad.nl", roles=["lid"])).user,
        "voorzitter": LidFactory(user=UserFactory(email="vz@raad.nl", roles=["voorzitter"])).user,
        "vicevoorzitter": LidFactory(
            user=UserFactory(email="vvz@raad.nl", roles=["vicevoorzitter"])
        ).user,
        "ondersteuner": UserFactory(email="os@raad.nl", roles=["ondersteuner"]),
        "accounthouder": UserFactory(email="ah@raad.nl", roles=["accounthouder"]),
        "beleidsmedewerker": UserFactory(email="bm@raad.nl", roles=["beleidsmedewerker"]),
        "gespreksleider": UserFactory(email="gl@raad.nl", roles=["gespreksleider"]),
        "oud_lid": LidFactory(user=UserFactory(email="oud@raad.nl")).user,
        "superuser": UserFactory(email="su@raad.nl", is_superuser=True, is_staff=True),
    }
    verklaring = verklaring_indienen(
        lid=lid,
        aanleiding=Aanleiding.WIJZIGING,
        ingediend_op=vandaag(),
        door=lid.user,
        belangenbehartiging=True,
        belangenbehartiging_toelichting=TOELICHTING,
    )
    # The chair's assessment changes the declaration: a second history record, with a diff.
    verklaring_beoordelen(
        verklaring=verklaring,
        beoordeling=Beoordeling.AFSPRAAK,
        afspraak=AFSPRAAK,
        door=gebruikers["voorzitter"],
    )
    return {"gebruikers": gebruikers, "verklaring": verklaring}


def _client(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _get(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("rol", ROLLEN)
def test_portal_declaration_pages_show_the_text_only_to_member_chair_and_supporter(
    rol: str, wereld: dict[str, Any]
) -> None:
    client = _client(wereld["gebruikers"][rol])
    pk = wereld["verklaring"].pk
    for url in ("/portaal/lidmaatschap/verklaringen/", f"/portaal/lidmaatschap/verklaringen/{pk}/"):
        status, tekst = _get(client, url)
        lezer = rol in LEZERS and url.endswith(f"/{pk}/")
        assert (TOELICHTING in tekst) is lezer, (rol, url)
        assert (AFSPRAAK in tekst) is lezer, (rol, url)
    if rol == "superuser":
        assert status == 200  # reaches the declaration, not its text
        assert "lezen alleen het lid zelf, de voorzitter en de ondersteuner" in tekst
        assert 'name="afspraak"' not in tekst  # and so does not assess it either


@pytest.mark.parametrize("rol", ["ondersteuner", "accounthouder", "superuser"])
def test_admin_list_change_and_history_show_the_text_only_to_the_supporter(
    rol: str, wereld: dict[str, Any]
) -> None:
    client = _client(wereld["gebruikers"][rol])
    verklaring = wereld["verklaring"]
    historie = verklaring.history.order_by("history_id")
    assert historie.count() == 2
    basis = "/admin/adviesraad/nevenfunctieverklaring/"
    urls = [
        basis,
        f"{basis}{verklaring.pk}/change/",
        f"{basis}{verklaring.pk}/history/",
        *(f"{basis}{verklaring.pk}/history/{h.history_id}/" for h in historie),
    ]
    gezien = ""
    for url in urls:
        status, tekst = _get(client, url)
        if rol == "accounthouder":
            assert status in (403, 404), url  # no permission on declarations at all
        else:
            assert status == 200, url
        if rol != "ondersteuner":
            assert TOELICHTING not in tekst, url
            assert AFSPRAAK not in tekst, url
        gezien += tekst
    if rol == "ondersteuner":
        assert TOELICHTING in gezien and AFSPRAAK in gezien
    if rol == "superuser":
        # The superuser still sees the assessment in the history (what changed, not the text).
        assert "toegestaan met vastgelegde afspraak" in gezien
