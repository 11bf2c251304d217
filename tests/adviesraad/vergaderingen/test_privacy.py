"""The reason of a recusal says what a member declared: only the member, the chair and the
supporter read it on the meeting page; every other participant reads "belang gemeld"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from adviesraad.vergaderingen.models import Vergadering
from adviesraad.vergaderingen.services import agenda as agenda_services
from tests.conftest import PRIVACY_ROLLEN
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REDEN = "VERSCHONINGTEKST-h5N2 mijn broer is directeur van de aanbieder"
ROLLEN = PRIVACY_ROLLEN


@pytest.fixture
def vergadering_met_verschoning(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> tuple[Vergadering, dict[str, Any]]:
    oud = UserFactory(email="oud@raad.nl", roles=["lid"])
    gebruikers = {
        "lid": raad["leden"][0],
        "lid_b": raad["leden"][1],
        "voorzitter": raad["voorzitter"],
        "vicevoorzitter": UserFactory(email="vice@raad.nl", roles=["vicevoorzitter"]),
        "ondersteuner": raad["ondersteuner"],
        "accounthouder": raad["accounthouder"],
        "beleidsmedewerker": raad["beleidsmedewerker"],
        "gespreksleider": UserFactory(email="gl@raad.nl", roles=["gespreksleider"]),
        "oud_lid": oud,
        "superuser": UserFactory(email="su@raad.nl", is_superuser=True, is_staff=True),
    }
    # A moderator holds no meeting permission and cannot be invited: they walk the page too.
    vergadering = maak_vergadering(extra_deelnemers=[gebruikers["beleidsmedewerker"]])
    oud.groups.clear()  # invited while a member; the term has ended since
    punt = agenda_services.agendapunt_opslaan(
        vergadering=vergadering, titel="Beleidskader Wmo", door=raad["ondersteuner"]
    )
    agenda_services.verschoning_vastleggen(
        agendapunt=punt, gebruiker=gebruikers["lid"], reden=REDEN, door=raad["ondersteuner"]
    )
    return vergadering, gebruikers


@pytest.mark.parametrize("rol", ROLLEN)
def test_meeting_page_shows_the_recusal_reason_only_to_member_chair_and_supporter(
    rol: str,
    vergadering_met_verschoning: tuple[Vergadering, dict[str, Any]],
    client_van: Callable[[Any], Client],
) -> None:
    vergadering, gebruikers = vergadering_met_verschoning
    response = client_van(gebruikers[rol]).get(f"/portaal/vergaderingen/{vergadering.pk}/")
    assert response.status_code in (200, 404), response.status_code
    tekst = response.content.decode()
    assert (REDEN in tekst) is (rol in {"lid", "voorzitter", "ondersteuner"}), rol
    if response.status_code == 200 and REDEN not in tekst:
        # Who sees the meeting still sees that the member steps back, and nothing more.
        assert "doet niet mee aan dit punt: belang gemeld" in tekst
    if rol in {"accounthouder", "superuser"}:  # the admin users outside the three
        basis = "/admin/vergaderingen/vergadering/"
        for url in (basis, f"{basis}{vergadering.pk}/change/", f"{basis}{vergadering.pk}/history/"):
            response = client_van(gebruikers[rol]).get(url)
            assert response.status_code == 200, url
            assert REDEN not in response.content.decode(), url


def test_the_keepers_and_a_participant_from_the_municipality_see_the_meeting_without_the_reason(
    vergadering_met_verschoning: tuple[Vergadering, dict[str, Any]],
    client_van: Callable[[Any], Client],
) -> None:
    vergadering, gebruikers = vergadering_met_verschoning
    for rol in ("accounthouder", "beleidsmedewerker", "lid_b"):
        response = client_van(gebruikers[rol]).get(f"/portaal/vergaderingen/{vergadering.pk}/")
        assert response.status_code == 200, rol
        assert "belang gemeld" in response.content.decode(), rol
