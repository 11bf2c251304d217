"""The portal pages (preferences, agenda link), the iCal feed and the command."""

from __future__ import annotations

import io
import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from hengelo_participatie.notifications import agenda, registry
from hengelo_participatie.notifications.models import (
    Agendatoken,
    Bericht,
    Herinnering,
    Herinneringsvoorkeur,
)
from tests.conftest import mfa_verify
from tests.factories import UserFactory

from .conftest import deadline

pytestmark = pytest.mark.django_db


# --- Preferences ---------------------------------------------------------------------------------
def test_voorkeuren_vraagt_inloggen(client):
    response = client.get("/portaal/herinneringen/")
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_voorkeuren_uitzetten_en_weer_aanzetten(client, testsoort):
    testsoort("test_vrij")
    testsoort("test_plicht", mandatory=True)
    user = UserFactory(roles=["lid"])
    mfa_verify(client, user)
    pagina = client.get("/portaal/herinneringen/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'value="test_vrij"' in html and "checked" in html
    assert 'value="test_plicht"' not in html  # mandatory: not offered
    assert "Test: test_plicht" in html  # but listed as "krijgt u altijd"
    assert pagina["Cache-Control"].startswith("no-store") or "no-store" in pagina["Cache-Control"]

    response = client.post("/portaal/herinneringen/", {"aan": []})
    assert response.status_code == 302
    assert Herinneringsvoorkeur.objects.filter(gebruiker=user, soort="test_vrij").exists()
    assert not Herinneringsvoorkeur.objects.filter(soort="test_plicht").exists()

    response = client.post("/portaal/herinneringen/", {"aan": ["test_vrij"]})
    assert response.status_code == 302
    assert not Herinneringsvoorkeur.objects.filter(gebruiker=user, soort="test_vrij").exists()

    # Trying to switch a mandatory kind "on/off" through the form: refused, nothing written.
    voor = set(Herinneringsvoorkeur.objects.filter(gebruiker=user).values_list("soort", "pk"))
    response = client.post("/portaal/herinneringen/", {"aan": ["test_plicht"]})
    assert response.status_code == 200
    assert "kunt u niet uitzetten" in response.content.decode()
    assert (
        set(Herinneringsvoorkeur.objects.filter(gebruiker=user).values_list("soort", "pk")) == voor
    )


def test_csrf_verplicht(testsoort):
    from django.test import Client

    testsoort("test_vrij")
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    mfa_verify(client, user)
    response = client.post("/portaal/herinneringen/", {"aan": []})
    assert response.status_code == 403
    assert not Herinneringsvoorkeur.objects.exists()


_waarde = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        ["test_vrij", "test_plicht", "", "termijn_einde_6_maanden", "herbenoemingsevaluatie"]
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.sampled_from(["aan", "anders", "csrfmiddlewaretoken"]),
        st.lists(_waarde, max_size=4),
        max_size=3,
    )
)
def test_voorkeurenformulier_hypothesis(client, testsoort, data):
    if registry.provider("test_vrij") is None:  # once per test, not per example
        testsoort("test_vrij")
        testsoort("test_plicht", mandatory=True)
    user = UserFactory()
    mfa_verify(client, user)
    # Remove NUL characters: the test client cannot send them in a form post at all.
    schoon = {k: [v.replace("\x00", "") for v in vs] for k, vs in data.items()}
    response = client.post("/portaal/herinneringen/", schoon)
    assert response.status_code in (200, 302)
    geldig = set(schoon.get("aan", [])) <= {
        "test_vrij",
        "termijn_einde_6_maanden",
        "termijn_einde_3_maanden",
        "terugkoppeling_verwacht",
        "terugkoppeling_te_laat",
    }
    rijen = Herinneringsvoorkeur.objects.filter(gebruiker=user).count()
    if response.status_code == 200:
        assert not geldig
        assert rijen == 0  # invalid input writes nothing
        assert "utrecht-form-field-error-message" in response.content.decode()
    else:
        assert geldig


# --- Agenda link and feed --------------------------------------------------------------------------
def _lid_met_deadline(testsoort, **kwargs):
    user = UserFactory(roles=["lid"])
    testsoort(
        "test_vrij",
        items=[
            deadline(
                user,
                nummer=1,
                datum=timezone.localdate() + timedelta(days=14),
                tekst="Uw zittingstermijn eindigt binnenkort.",
                onderwerp_label="Zittingstermijn van Anna",
                **kwargs,
            ),
            deadline(
                UserFactory(), nummer=2, datum=timezone.localdate(), tekst="Van iemand anders"
            ),
        ],
    )
    return user


def test_agendalink_maken_feed_lezen_en_intrekken(client, testsoort):
    user = _lid_met_deadline(testsoort)
    mfa_verify(client, user)
    assert client.get("/portaal/herinneringen/agenda/").status_code == 200
    response = client.post("/portaal/herinneringen/agenda/", {"actie": "nieuw"})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index("http://127.0.0.1:8000/agenda/")
    url = html[start : html.index('"', start)]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    # Only a hash is stored.
    rij = Agendatoken.objects.get(gebruiker=user)
    assert token not in rij.sleutel_hash and rij.sleutel_hash == agenda.sleutel_hash(token)
    # The change put a mandatory notice in the outbox, in the same transaction.
    assert Herinnering.objects.filter(ontvanger=user, soort="agendalink_nieuw").exists()

    from django.test import Client

    kalenderapp = Client()
    feed = kalenderapp.get(f"/agenda/{token}.ics")
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(feed.content)
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    events = cal.walk("VEVENT")
    assert len(events) == 1  # only the user's own deadlines
    event = events[0]
    assert str(event["SUMMARY"]) == "Deadline: Zittingstermijn van Anna"
    assert str(event["DESCRIPTION"]) == "Uw zittingstermijn eindigt binnenkort."
    assert event.decoded("DTSTART") == timezone.localdate() + timedelta(days=14)
    assert event.decoded("DTSTAMP").tzinfo is not None

    # A new link revokes the old one; revoking leaves none: both answer 404.
    client.post("/portaal/herinneringen/agenda/", {"actie": "nieuw"})
    assert kalenderapp.get(f"/agenda/{token}.ics").status_code == 404
    tweede = Agendatoken.objects.get(gebruiker=user, ingetrokken_op__isnull=True)
    client.post("/portaal/herinneringen/agenda/", {"actie": "intrekken"})
    assert not Agendatoken.objects.filter(pk=tweede.pk, ingetrokken_op__isnull=True).exists()
    assert kalenderapp.get("/agenda/onzin.ics").status_code == 404


def test_feed_van_een_uitgezet_account_is_404(testsoort):
    user = _lid_met_deadline(testsoort, vertrouwelijk=True)
    token = agenda.agendatoken_maken(gebruiker=user)
    from django.test import Client

    feed = Client().get(f"/agenda/{token}.ics")
    cal = Calendar.from_ical(feed.content)
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Deadline (vertrouwelijk)"
    assert "Anna" not in feed.content.decode()
    user.is_active = False
    user.save()
    assert Client().get(f"/agenda/{token}.ics").status_code == 404


def test_agendalink_maken_stuurt_een_melding_in_process_zonder_broker(
    client, testsoort, django_capture_on_commit_callbacks
):
    """``make run`` has no broker: the notice goes out at commit, in this process."""
    user = UserFactory(roles=["lid"])
    mfa_verify(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/portaal/herinneringen/agenda/", {"actie": "nieuw"})
    assert len(mail.outbox) == 1
    assert "nieuwe link naar uw persoonlijke agenda" in mail.outbox[0].body


# --- Command ---------------------------------------------------------------------------------------
def test_send_reminders_dry_run_schrijft_niets_en_daarna_echt(testsoort):
    user = UserFactory(email="anna@example.org")
    testsoort(items=[deadline(user, nummer=1, datum=date(2026, 6, 1), tekst="Punt A")])
    uit = io.StringIO()
    call_command("send_reminders", "--dry-run", "--date", "2026-05-04", stdout=uit)
    tekst = uit.getvalue()
    assert "Zou versturen aan anna@example.org" in tekst
    assert "01-06-2026 Punt A" in tekst
    assert not Herinnering.objects.exists() and not Bericht.objects.exists()
    assert mail.outbox == []

    uit = io.StringIO()
    start = time.monotonic()
    call_command("send_reminders", "--date", "2026-05-04", stdout=uit)
    assert time.monotonic() - start < 10
    assert "Verstuurd aan anna@example.org" in uit.getvalue()
    assert len(mail.outbox) == 1
    uit = io.StringIO()
    call_command("send_reminders", "--date", "2026-05-04", stdout=uit)
    assert "Er is niets te versturen." in uit.getvalue()
    assert len(mail.outbox) == 1


def test_send_reminders_weigert_een_foute_datum():
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("send_reminders", "--date", "4 mei")
