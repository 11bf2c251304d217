"""What a member declares stays private; the approval round is the council's.

Every role walks the same pages: the advice page, the approval page, the admin (list, change page,
history) and the e-mails the workflow sends. A unique marker in the fixture must be absent for
everyone outside the member, the chair and the supporter, and present for them.

* ``BELANG``: the text of a conflict of interest a member reports on a request
  (``belang_melden``); the round copies it onto that member's row.
* ``STEM``: a member's comment in the approval round (``goedkeuring_geven``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from adviesraad.advies.services.aanvraag import overgang_uitvoeren
from adviesraad.advies.services.goedkeuring import belang_melden, goedkeuring_geven, open_ronde
from adviesraad.models import FunctieSoort
from adviesraad.models.advies import Oordeel, Status
from adviesraad.models.verklaringen import Aanleiding
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.verklaringen import verklaring_indienen
from hengelo_participatie.notifications.services import herinneringen_verwerken
from tests.adviesraad.advies.helpers import gevraagd, iedereen_akkoord, tot_ter_goedkeuring
from tests.adviesraad.factories import LidFactory, benoemde_termijn
from tests.conftest import PRIVACY_ROLLEN
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BELANG = "BELANGTEKST-q7Z3 mijn zus werkt bij Zorgbureau Twentekanaal"
STEM = "STEMTEKST-k2P9 punt 2 moet scherper"

#: Who reads a member's declared text besides the member themself (point 5).
VERKLARING_LEZERS = {"voorzitter", "ondersteuner"}


@pytest.fixture
def rollen(raad: dict[str, Any]) -> dict[str, Any]:
    """One user per role, on top of the ``raad`` fixture: the three members (``lid`` is the one
    who declares, ``lid_b`` another member), a vice-chair, a moderator, a former member and a
    superuser."""
    begin = timezone.localdate() - timedelta(days=200)
    vice = benoemde_termijn(besluitdatum=begin, user=UserFactory(email="vice@raad.nl")).lid
    functie_toewijzen(
        lid=vice, soort=FunctieSoort.VICEVOORZITTER, van=begin, door=None, uurtarief=Decimal(0)
    )
    vice.user.refresh_from_db()
    assert vice.user.groups.filter(name="vicevoorzitter").exists()
    oud = LidFactory(user=UserFactory(email="oud@raad.nl")).user  # active, but no role any more
    return {
        "lid": raad["leden"][0].user,
        "lid_b": raad["leden"][1].user,
        "voorzitter": raad["voorzitter"].user,
        "vicevoorzitter": vice.user,
        "ondersteuner": raad["ondersteuner"],
        "accounthouder": raad["accounthouder"],
        "beleidsmedewerker": raad["beleidsmedewerker"],
        "gespreksleider": UserFactory(email="gespreksleider@raad.nl", roles=["gespreksleider"]),
        "oud_lid": oud,
        "superuser": UserFactory(email="super@raad.nl", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def ronde(
    raad: dict[str, Any],
    rollen: dict[str, Any],
    pdf_bytes: bytes,
    django_capture_on_commit_callbacks: Any,
) -> Any:
    """A request in its approval round: ``lid`` reported an interest, ``lid_b`` asked a change."""
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = gevraagd(raad, pdf_bytes)
        tot_ter_goedkeuring(aanvraag, raad)
        belang_melden(aanvraag=aanvraag, door=rollen["lid"], toelichting=BELANG)
        goedkeuring_geven(
            aanvraag=aanvraag, door=rollen["lid_b"], oordeel=Oordeel.WIJZIGING, opmerking=STEM
        )
    aanvraag.refresh_from_db()
    return aanvraag


def _tekst(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    return response.status_code, response.content.decode()


ALLE_ROLLEN = PRIVACY_ROLLEN


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_advice_page_shows_the_interest_text_and_the_votes_only_to_who_may_read_them(
    rol: str,
    rollen: dict[str, Any],
    ronde: Any,
    client_van: Callable[[Any], Client],
) -> None:
    status, tekst = _tekst(client_van(rollen[rol]), f"/portaal/advies/{ronde.pk}/")
    # The interest: the member themself, the chair and the supporter (point 5).
    assert (BELANG in tekst) is (rol in VERKLARING_LEZERS | {"lid"}), rol
    # The round: the chair, the supporter and the members in the round (point 6).
    in_ronde = {"lid", "lid_b", "voorzitter", "vicevoorzitter"}
    assert (STEM in tekst) is (rol in VERKLARING_LEZERS | in_ronde), rol
    if rol in in_ronde | VERKLARING_LEZERS:
        # Who sees the round but not the interest's text reads that the member stepped back.
        assert "doet niet mee (belang gemeld)" in tekst
    if rol in {"accounthouder", "beleidsmedewerker"}:
        assert status == 200  # they follow the request, but not the council's own round
        assert "Wat ieder lid vindt, blijft binnen de adviesraad." in tekst
        assert "wijziging gevraagd" not in tekst


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_approval_page_never_shows_another_members_text(
    rol: str, rollen: dict[str, Any], ronde: Any, client_van: Callable[[Any], Client]
) -> None:
    _status, tekst = _tekst(client_van(rollen[rol]), f"/portaal/advies/{ronde.pk}/goedkeuren/")
    assert BELANG not in tekst
    assert STEM not in tekst or rol == "lid_b"


@pytest.mark.parametrize("rol", ["ondersteuner", "accounthouder", "superuser"])
def test_admin_list_change_and_history_of_the_request_show_no_round_and_no_interest(
    rol: str, rollen: dict[str, Any], ronde: Any, client_van: Callable[[Any], Client]
) -> None:
    client = client_van(rollen[rol])
    basis = "/admin/adviesraad/adviesaanvraag/"
    for url in (basis, f"{basis}{ronde.pk}/change/", f"{basis}{ronde.pk}/history/"):
        status, tekst = _tekst(client, url)
        assert status == 200, url
        assert BELANG not in tekst, url
        assert STEM not in tekst, url


def test_emails_and_reminders_carry_neither_the_interest_nor_the_votes(
    rollen: dict[str, Any], ronde: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert mail.outbox, "the round sends e-mail"
    ronde_rij = open_ronde(ronde)
    with django_capture_on_commit_callbacks(execute=True):
        for dag in range((ronde_rij.deadline - timezone.localdate()).days + 1):
            herinneringen_verwerken(op=timezone.localdate() + timedelta(days=dag))
    for bericht in mail.outbox:
        inhoud = f"{bericht.subject}\n{bericht.body}"
        assert BELANG not in inhoud
        assert STEM not in inhoud


def test_policy_staff_see_only_that_the_concept_was_approved_and_when(
    raad: dict[str, Any],
    rollen: dict[str, Any],
    pdf_bytes: bytes,
    client_van: Callable[[Any], Client],
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    goedkeuring_geven(
        aanvraag=aanvraag, door=rollen["lid_b"], oordeel=Oordeel.AKKOORD, opmerking=STEM
    )
    iedereen_akkoord(aanvraag, raad)
    vice = rollen["vicevoorzitter"]
    if open_ronde(aanvraag).goedkeuringen.filter(lid__user=vice).exists():
        goedkeuring_geven(aanvraag=aanvraag, door=vice, oordeel=Oordeel.AKKOORD)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=rollen["voorzitter"])
    datum = timezone.localdate()
    for rol in ("accounthouder", "beleidsmedewerker", "voorzitter"):
        _status, tekst = _tekst(client_van(rollen[rol]), f"/portaal/advies/{aanvraag.pk}/")
        assert "De adviesraad heeft dit advies goedgekeurd en vastgesteld op" in tekst, rol
        assert f"{datum.day} " in tekst
        assert STEM not in tekst  # the round is closed: no per-member rows for anyone


def test_automatic_recusal_reason_from_a_declaration_is_for_the_chair_and_supporter(
    raad: dict[str, Any],
    rollen: dict[str, Any],
    pdf_bytes: bytes,
    client_van: Callable[[Any], Client],
) -> None:
    """The reason the round writes for a member left out by their declaration derives from that
    declaration: it reaches the member, the chair and the supporter, not the other members."""
    verklaring_indienen(
        lid=raad["leden"][0],
        aanleiding=Aanleiding.WIJZIGING,
        door=None,
        ingediend_op=timezone.localdate(),
        professionele_betrokkenheid=True,
        professionele_betrokkenheid_toelichting="Manager bij een Wmo-aanbieder in Hengelo.",
    )
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    url = f"/portaal/advies/{aanvraag.pk}/"
    for rol in ("lid", "voorzitter", "ondersteuner"):
        assert "Automatisch uitgesloten" in _tekst(client_van(rollen[rol]), url)[1], rol
    for rol in ("lid_b", "vicevoorzitter", "accounthouder", "beleidsmedewerker", "superuser"):
        tekst = _tekst(client_van(rollen[rol]), url)[1]
        assert "Automatisch uitgesloten" not in tekst, rol
        assert "Wmo-aanbieder" not in tekst, rol
