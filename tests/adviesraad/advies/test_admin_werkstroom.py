"""Every kind of request walked through its workflow in the admin, as the account holder and the
supporter (MFA-verified): the change page offers exactly the table's steps for the user and the
state, each step has a confirmation page, and forbidden steps are refused with a message."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    meedenken_vastleggen,
    overgang_uitvoeren,
    planning_wijzigen,
)
from adviesraad.advies.services.goedkeuring import concept_opslaan
from adviesraad.advies.services.versie import huidige_versie
from adviesraad.models.advies import Adviesaanvraag, Soort, Status, Statuswijziging
from tests.adviesraad.advies.helpers import PUNTEN, gevraagd, iedereen_akkoord, reactie

pytestmark = pytest.mark.django_db

BASIS = "/admin/adviesraad/adviesaanvraag/"


def _stap_url(aanvraag: Adviesaanvraag, naar: str) -> str:
    return f"{BASIS}{aanvraag.pk}/stap/{naar}/"


def _stap(client: Client, aanvraag: Adviesaanvraag, naar: str, reden: str = "") -> str:
    """Open the confirmation page, confirm; return the page the admin shows afterwards."""
    bevestiging = client.get(_stap_url(aanvraag, naar))
    assert bevestiging.status_code == 200, bevestiging.content.decode()[:500]
    assert "Bevestigen" in bevestiging.content.decode()
    data = {"reden": reden} if reden else {}
    response = client.post(_stap_url(aanvraag, naar), data, follow=True)
    assert response.redirect_chain[-1][0] == f"{BASIS}{aanvraag.pk}/change/"
    html = response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == naar, html[html.find("messagelist") :][:400]
    assert Statuswijziging.objects.filter(aanvraag=aanvraag, naar=naar).exists()
    return html


def _geweigerd(client: Client, aanvraag: Adviesaanvraag, naar: str, melding: str) -> None:
    """POST a forbidden step: a message on the change page, the state unchanged."""
    voor = aanvraag.status
    aantal = Statuswijziging.objects.filter(aanvraag=aanvraag).count()
    response = client.post(_stap_url(aanvraag, naar), {"reden": "poging"}, follow=True)
    assert response.status_code == 200
    assert melding in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == voor
    assert Statuswijziging.objects.filter(aanvraag=aanvraag).count() == aantal


def _aangeboden(client: Client, aanvraag: Adviesaanvraag) -> set[str]:
    """The steps the change page links to."""
    html = client.get(f"{BASIS}{aanvraag.pk}/change/").content.decode()
    prefix = f'href="{BASIS}{aanvraag.pk}/stap/'
    return {deel.split("/", 1)[0] for deel in html.split(prefix)[1:]}


def test_gevraagd_through_the_admin(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    accounthouder = client_van(raad["accounthouder"])
    ondersteuner = client_van(raad["ondersteuner"])
    aanvraag = gevraagd(raad, pdf_bytes)

    assert _aangeboden(accounthouder, aanvraag) == {Status.DOCUMENTEN_ONTVANGEN, Status.INGETROKKEN}
    _stap(accounthouder, aanvraag, Status.DOCUMENTEN_ONTVANGEN)
    assert aanvraag.advies_uiterlijk is not None  # the effect of the same service ran
    # "Voorbereiding starten" is for the supporter and the chair, not the account holder.
    assert Status.IN_VOORBEREIDING not in _aangeboden(accounthouder, aanvraag)
    _geweigerd(accounthouder, aanvraag, Status.IN_VOORBEREIDING, "U mag dit niet doen")
    _stap(ondersteuner, aanvraag, Status.IN_VOORBEREIDING)

    # The guard of the table shows on the change page and blocks the step.
    pagina = ondersteuner.get(f"{BASIS}{aanvraag.pk}/change/").content.decode()
    assert "Vul eerst de datum van het adviesgesprek in" in pagina
    response = ondersteuner.get(_stap_url(aanvraag, Status.ADVIESGESPREK_GEHOUDEN), follow=True)
    assert "Vul eerst de datum van het adviesgesprek in" in response.content.decode()
    planning_wijzigen(
        aanvraag=aanvraag,
        door=raad["accounthouder"],
        adviesgesprek_op=timezone.localdate() - timedelta(days=1),
    )
    _stap(ondersteuner, aanvraag, Status.ADVIESGESPREK_GEHOUDEN)
    concept_opslaan(aanvraag=aanvraag, inleiding="Dank.", punten=PUNTEN, door=raad["ondersteuner"])
    _stap(ondersteuner, aanvraag, Status.CONCEPT)
    _stap(ondersteuner, aanvraag, Status.TER_GOEDKEURING)
    iedereen_akkoord(aanvraag, raad)
    # Adopting is for the chair only: refused in the admin, taken in the portal.
    assert Status.VASTGESTELD not in _aangeboden(ondersteuner, aanvraag)
    _geweigerd(ondersteuner, aanvraag, Status.VASTGESTELD, "U mag dit niet doen")
    client_van(raad["voorzitter"].user).post(f"/portaal/advies/{aanvraag.pk}/status/vastgesteld/")
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.VASTGESTELD
    _stap(ondersteuner, aanvraag, Status.VERZONDEN)
    assert huidige_versie(aanvraag).pdf is not None
    # No withdrawal after sending, and no response without the College's answer.
    _geweigerd(accounthouder, aanvraag, Status.INGETROKKEN, "kan niet bij gevraagd advies")
    _geweigerd(accounthouder, aanvraag, Status.REACTIE_ONTVANGEN, "Leg eerst de reactie")
    reactie(aanvraag, raad)
    _stap(accounthouder, aanvraag, Status.REACTIE_ONTVANGEN)
    _stap(accounthouder, aanvraag, Status.AFGEROND)
    assert _aangeboden(accounthouder, aanvraag) == set()
    door = set(Statuswijziging.objects.filter(aanvraag=aanvraag).values_list("door", flat=True))
    assert {raad["accounthouder"].pk, raad["ondersteuner"].pk} <= door


def test_ongevraagd_created_and_walked_through_the_admin(
    raad: dict[str, Any], client_van: Any
) -> None:
    accounthouder = client_van(raad["accounthouder"])
    ondersteuner = client_van(raad["ondersteuner"])
    response = ondersteuner.post(
        f"{BASIS}add/",
        {
            "soort": Soort.ONGEVRAAGD,
            "kernwetten": [raad["kernwet"].pk],
            "titel": "Eenzaamheid onder ouderen",
            "samenvatting": "Ongevraagd advies.",
            "themas": "",
            "zaaknummer": "",
            "wethouder": "",
            "beleidsmedewerker": "",
            "meedenken_op": "",
            "toelichting_op": "",
            "adviesgesprek_op": "",
            "collegebesluit_gepland": "",
            "raad_gepland": "",
            "statuswijzigingen-TOTAL_FORMS": "0",
            "statuswijzigingen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    aanvraag = Adviesaanvraag.objects.get(titel="Eenzaamheid onder ouderen")
    assert aanvraag.status == Status.AANGEKONDIGD

    # The account holder may not start preparing an unsolicited advice, nor withdraw it.
    assert _aangeboden(accounthouder, aanvraag) == set()
    _geweigerd(accounthouder, aanvraag, Status.INGETROKKEN, "U mag dit niet doen")
    _stap(ondersteuner, aanvraag, Status.IN_VOORBEREIDING)
    concept_opslaan(aanvraag=aanvraag, inleiding="", punten=PUNTEN, door=raad["ondersteuner"])
    _stap(ondersteuner, aanvraag, Status.CONCEPT)
    _stap(ondersteuner, aanvraag, Status.TER_GOEDKEURING)
    # A member asks for a change: back to concept from the admin, then again.
    _stap(ondersteuner, aanvraag, Status.CONCEPT)
    _stap(ondersteuner, aanvraag, Status.TER_GOEDKEURING)
    iedereen_akkoord(aanvraag, raad)
    client_van(raad["voorzitter"].user).post(f"/portaal/advies/{aanvraag.pk}/status/vastgesteld/")
    _stap(ondersteuner, aanvraag, Status.VERZONDEN)
    reactie(aanvraag, raad)
    _stap(accounthouder, aanvraag, Status.REACTIE_ONTVANGEN)
    _stap(accounthouder, aanvraag, Status.TER_KENNISNAME_RAAD)
    _stap(ondersteuner, aanvraag, Status.AFGEROND)


def test_meedenken_through_the_admin_and_the_guard_message(
    raad: dict[str, Any], client_van: Any
) -> None:
    accounthouder = client_van(raad["accounthouder"])
    ondersteuner = client_van(raad["ondersteuner"])
    aanvraag = aanvraag_aanmaken(
        soort=Soort.MEEDENKEN,
        titel="Vroeg meedenken armoedebeleid",
        door=raad["accounthouder"],
        meedenken_op=timezone.localdate(),
    )
    # The account holder may not record the session as held (supporter, policy officer).
    assert _aangeboden(accounthouder, aanvraag) == {Status.INGETROKKEN}
    _geweigerd(accounthouder, aanvraag, Status.GEHOUDEN, "U mag dit niet doen")
    # Without a record of the oral input the step is blocked, with the table's reason.
    _geweigerd(ondersteuner, aanvraag, Status.GEHOUDEN, "Schrijf eerst kort op")
    response = ondersteuner.get(_stap_url(aanvraag, Status.GEHOUDEN), follow=True)
    assert "Schrijf eerst kort op" in response.content.decode()
    meedenken_vastleggen(
        aanvraag=aanvraag, mondelinge_inbreng="Let op mantelzorgers.", door=raad["ondersteuner"]
    )
    _stap(ondersteuner, aanvraag, Status.GEHOUDEN)
    _stap(accounthouder, aanvraag, Status.AFGEROND)


def test_withdrawal_in_the_admin_needs_a_reason(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    accounthouder = client_van(raad["accounthouder"])
    aanvraag = gevraagd(raad, pdf_bytes)
    url = _stap_url(aanvraag, Status.INGETROKKEN)
    bevestiging = accounthouder.get(url).content.decode()
    assert 'name="reden"' in bevestiging and "Verplicht" in bevestiging
    response = accounthouder.post(url, {"reden": "   "})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEKONDIGD
    html = _stap(accounthouder, aanvraag, Status.INGETROKKEN, reden="Het college trekt het in.")
    assert "ingetrokken" in html
    assert aanvraag.ingetrokken_reden == "Het college trekt het in."
    assert (
        Statuswijziging.objects.get(aanvraag=aanvraag, naar=Status.INGETROKKEN).reden
        == "Het college trekt het in."
    )


def test_unknown_or_skipped_steps_and_non_staff_are_refused(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    ondersteuner = client_van(raad["ondersteuner"])
    aanvraag = gevraagd(raad, pdf_bytes)
    _geweigerd(ondersteuner, aanvraag, "bestaat-niet", "kan niet bij gevraagd advies")
    _geweigerd(ondersteuner, aanvraag, Status.AFGEROND, "kan niet bij gevraagd advies")
    response = ondersteuner.get(_stap_url(aanvraag, Status.VERZONDEN), follow=True)
    assert "Deze stap kunt u niet zetten" in response.content.decode()
    # A member is no admin user: sent to the admin login, nothing changes.
    lid = client_van(raad["leden"][0].user)
    response = lid.post(_stap_url(aanvraag, Status.DOCUMENTEN_ONTVANGEN))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEKONDIGD
    # A missing request: the admin's own "does not exist" redirect, no 500.
    assert ondersteuner.get(f"{BASIS}999999/stap/afgerond/").status_code == 302


def test_changelist_filters_advice_overdue_and_response_overdue(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    accounthouder = client_van(raad["accounthouder"])
    te_laat = gevraagd(raad, pdf_bytes, titel="Te laat advies")
    op_tijd = gevraagd(raad, pdf_bytes, titel="Op tijd advies")
    for aanvraag in (te_laat, op_tijd):
        overgang_uitvoeren(
            aanvraag=aanvraag,
            naar=Status.DOCUMENTEN_ONTVANGEN,
            door=raad["beleidsmedewerker"],
            op=timezone.localdate() - timedelta(days=(120 if aanvraag is te_laat else 1)),
        )
    html = accounthouder.get(f"{BASIS}?advies_te_laat=ja").content.decode()
    assert "Te laat advies" in html and "Op tijd advies" not in html
    html = accounthouder.get(f"{BASIS}?advies_te_laat=nee").content.decode()
    assert "Op tijd advies" in html and "Te laat advies" not in html
    html = accounthouder.get(f"{BASIS}?status__exact=documenten_ontvangen").content.decode()
    assert "Op tijd advies" in html and "Te laat advies" in html
    assert "Op tijd advies" not in accounthouder.get(f"{BASIS}?te_laat=ja").content.decode()
