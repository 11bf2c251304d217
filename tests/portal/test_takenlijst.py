"""The dashboard's one list "what must I do this week" is what the reminder engine sends.

No browser: the same data goes through the real scan (``herinneringen_plannen``) for each day of
the coming week, and the outbox rows it writes for the user must be exactly the dashboard's list.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from adviesraad.advies.services.goedkeuring import goedkeuring_geven
from adviesraad.financien.models import DeclaratieStatus
from adviesraad.financien.services.declaraties import declaratie_indienen, declaratie_overgang
from adviesraad.models.advies import Goedkeuringsronde, Oordeel
from adviesraad.vergaderingen.models import Aanmelding, Deelname, Soort, Vergadering
from hengelo_participatie.notifications import overzicht, registry
from hengelo_participatie.notifications.models import Herinnering
from hengelo_participatie.notifications.registry import Deadline, DeadlineProvider
from hengelo_participatie.notifications.services import herinneringen_plannen, voorkeuren_opslaan
from tests.adviesraad.advies.helpers import gevraagd, tot_ter_goedkeuring
from tests.adviesraad.factories import benoemde_termijn
from tests.conftest import mfa_verify
from tests.factories import UserFactory

Taak = tuple[str, int, date, str]


def _bouw(raad: dict[str, Any], pdf: bytes) -> tuple[Any, Any]:
    """An approval round closing in five days (its reminder starts in two: past today's scan,
    inside the week) and one in twenty; a meeting for the member in three days."""
    vandaag = timezone.localdate()
    binnenkort = gevraagd(raad, pdf, titel="Binnenkort", zaaknummer="Z-2026-0001")
    tot_ter_goedkeuring(binnenkort, raad)
    later = gevraagd(raad, pdf, titel="Later", zaaknummer="Z-2026-0002")
    tot_ter_goedkeuring(later, raad)
    Goedkeuringsronde.objects.filter(advies__aanvraag=binnenkort).update(
        deadline=vandaag + timedelta(days=5)
    )
    Goedkeuringsronde.objects.filter(advies__aanvraag=later).update(
        deadline=vandaag + timedelta(days=20)
    )
    vergadering = Vergadering.objects.create(
        soort=Soort.RAADSVERGADERING,
        titel="Raadsvergadering december",
        begin=timezone.now() + timedelta(days=3),
        locatie="Stadhuis Hengelo",
    )
    Deelname.objects.create(
        vergadering=vergadering, gebruiker=raad["leden"][0].user, aanmelding=Aanmelding.KOMT
    )
    return binnenkort, later


def _dashboard(client: Any) -> str:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def _lijst(user: Any) -> set[Taak]:
    return {
        (r.onderwerp, r.onderwerp_id, r.datum, r.tekst)
        for r in overzicht.openstaand_voor(user, op=timezone.localdate())
    }


def _wat_de_motor_stuurt(user: Any) -> set[Taak]:
    """Run the real daily scan for today and each of the six days after it; the outbox rows it
    writes for ``user`` are what the reminders send them this week."""
    vandaag = timezone.localdate()
    # Deadlines found by the scan; notices caused by an action ("your roles changed") are no
    # task, and are not in the list.
    gevonden = [p.kind for p in registry.providers() if not isinstance(p, registry.Gebeurtenis)]
    for i in range(overzicht.WEEK):
        herinneringen_plannen(op=vandaag + timedelta(days=i))
    return {
        (
            f"{h.onderwerp_type.app_label}.{h.onderwerp_type.model}",
            h.onderwerp_id,
            h.deadline,
            h.tekst,
        )
        for h in Herinnering.objects.filter(ontvanger=user, soort__in=gevonden).select_related(
            "onderwerp_type"
        )
    }


@pytest.mark.parametrize("wie", ["lid", "ondersteuner", "voorzitter"])
def test_dashboard_lists_exactly_what_the_reminders_send_this_week(
    client, raad, pdf_bytes, private_media, wie
):
    _bouw(raad, pdf_bytes)
    user = {
        "lid": raad["leden"][0].user,
        "ondersteuner": raad["ondersteuner"],
        "voorzitter": raad["voorzitter"].user,
    }[wie]
    mfa_verify(client, user)
    html = _dashboard(client)
    lijst = _lijst(user)
    assert lijst  # every one of them has something to do this week
    assert lijst == _wat_de_motor_stuurt(user)
    for rij in overzicht.openstaand_voor(user, op=timezone.localdate()):
        assert f'uiterlijk <time datetime="{rij.datum:%Y-%m-%d}">' in html
        assert date_format(rij.datum, "j F Y") in html
        if rij.vertrouwelijk:
            assert rij.kenmerk in html
        elif rij.tekst_geldt_vandaag:
            assert escape(rij.tekst) in html
    assert "U hoeft deze week niets te doen" not in html


def test_the_approval_due_in_five_days_is_in_both_cards(client, raad, pdf_bytes, private_media):
    """The reported inconsistency: "Mijn deadlines" said nothing was due while the next card
    showed an approval closing within the week."""
    binnenkort, later = _bouw(raad, pdf_bytes)
    lid = raad["leden"][0].user
    mfa_verify(client, lid)
    html = _dashboard(client)
    taken = html[html.index('id="deadlines-titel"') : html.index('id="goedkeuringen-titel"')]
    goedkeuringen = html[html.index('id="goedkeuringen-titel"') :]
    deadline = date_format(timezone.localdate() + timedelta(days=5), "j F Y")
    assert binnenkort.kenmerk in taken and deadline in taken
    assert f"Geef uw oordeel uiterlijk {deadline}." in goedkeuringen
    # Twenty days ahead is not this week: on the approvals card only.
    assert later.kenmerk not in taken
    assert reverse("advies:goedkeuren", args=[later.pk]) in goedkeuringen


def test_a_write_that_settles_a_task_drops_it_at_once(client, raad, pdf_bytes, private_media):
    binnenkort, _ = _bouw(raad, pdf_bytes)
    lid = raad["leden"][0].user
    mfa_verify(client, lid)
    aanvraag = ("adviesraad.adviesaanvraag", binnenkort.pk)
    assert any(t[:2] == aanvraag for t in _lijst(lid))
    goedkeuring_geven(aanvraag=binnenkort, door=lid, oordeel=Oordeel.AKKOORD, opmerking="Goed.")
    assert not any(t[:2] == aanvraag for t in _lijst(lid))
    assert binnenkort.kenmerk not in _dashboard(client).split('id="goedkeuringen-titel"')[0]


def test_a_kind_switched_off_is_left_out_as_by_the_reminders(
    client, raad, pdf_bytes, private_media
):
    _bouw(raad, pdf_bytes)
    lid = raad["leden"][0].user
    vrij = {p.kind for p in registry.providers() if not p.mandatory}
    assert "vergadering_morgen" in vrij
    voorkeuren_opslaan(gebruiker=lid, aan=vrij - {"vergadering_morgen"})
    lijst = _lijst(lid)
    assert not any(
        "Raadsvergadering december" in t[3] or t[0].startswith("vergaderingen") for t in lijst
    )
    assert lijst == _wat_de_motor_stuurt(lid)


class _Nieuw(DeadlineProvider):
    """A provider added later (another app's ``deadlines.py``)."""

    kind = "test_nieuwe_soort"
    label = "Een nieuwe soort"
    mandatory = True

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id

    def deadlines(self, on: date) -> list[Deadline]:
        return [
            Deadline(
                ontvanger_id=self.user_id,
                soort=self.kind,
                onderwerp="accounts.user",
                onderwerp_id=self.user_id,
                onderwerp_label="Uw verklaring",
                datum=timezone.localdate() + timedelta(days=4),
                link=reverse("portal:home"),
                tekst="Lever uw verklaring in.",
            )
        ]


def test_a_new_provider_appears_without_any_other_change(client, raad, private_media):
    lid = raad["leden"][0].user
    mfa_verify(client, lid)
    assert "Lever uw verklaring in." not in _dashboard(client)
    registry.register(_Nieuw(lid.pk))
    try:
        html = _dashboard(client)
    finally:
        registry.unregister(_Nieuw.kind)
    assert "Uw verklaring" in html and "Lever uw verklaring in." in html
    assert "Lever uw verklaring in." not in _dashboard(client)


def test_onboarding_and_a_declaration_to_assess_are_tasks_as_the_reminders_send(
    client, raad, pdf_bytes, private_media
):
    """Issue 15 §2: a new member's open onboarding (for them and the supporter) and a checked
    declaration above the threshold (for the chair) are on the dashboard, exactly as the scan
    sends them."""
    _bouw(raad, pdf_bytes)
    vandaag = timezone.localdate()
    nieuw = benoemde_termijn(
        besluitdatum=vandaag - timedelta(days=10), user=UserFactory(email="nieuw@raad.nl")
    ).lid
    declaratie = declaratie_indienen(
        datum=vandaag,
        categorie="scholing",
        bedrag=Decimal("300.00"),
        omschrijving="Congres",
        bon=SimpleUploadedFile("bon.pdf", pdf_bytes),
        door=raad["leden"][1].user,
    )
    declaratie_overgang(
        declaratie=declaratie, naar=DeclaratieStatus.GECONTROLEERD, door=raad["ondersteuner"]
    )
    verwacht = {
        nieuw.user: ("adviesraad.lid", "Rond uw inwerkprogramma af uiterlijk"),
        raad["ondersteuner"]: ("adviesraad.lid", f"Het inwerkprogramma van {nieuw.naam}"),
        raad["voorzitter"].user: ("financien.declaratie", f"Beoordeel declaratie {declaratie.pk}"),
    }
    for user, (onderwerp, tekst) in verwacht.items():
        lijst = _lijst(user)
        assert any(t[0] == onderwerp and t[3].startswith(tekst) for t in lijst), user
        mfa_verify(client, user)
        assert escape(tekst) in _dashboard(client)
        client.logout()
    for user in verwacht:
        assert _lijst(user) == _wat_de_motor_stuurt(user)
    # The supporter checked it: no task to assess for them.
    assert not any("Beoordeel" in t[3] for t in _lijst(raad["ondersteuner"]))
