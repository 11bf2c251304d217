"""The user's meetings in the personal iCal feed (notifications/agenda.py), parsed with icalendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from adviesraad.vergaderingen.models import Deelname, Soort, Status, Vergadering
from hengelo_participatie.notifications import agenda
from tests.conftest import count_queries
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _volgende_zomertijd() -> datetime:
    """The next last Sunday of March (summer time starts at 02:00), from today."""
    jaar = timezone.localdate().year + 1
    dag = datetime(jaar, 3, 31, tzinfo=AMSTERDAM)
    while dag.weekday() != 6:
        dag -= timedelta(days=1)
    return dag


def _vergadering(begin: datetime, **velden: Any) -> Vergadering:
    velden.setdefault("soort", Soort.RAADSVERGADERING)
    velden.setdefault("titel", "Vergadering adviesraad")
    return Vergadering.objects.create(begin=begin, **velden)


@pytest.fixture
def lid() -> Any:
    return UserFactory(roles=["lid"])


@pytest.fixture
def feed(lid):
    token = agenda.agendatoken_maken(gebruiker=lid)
    url = f"/agenda/{token}.ics"

    def ophalen() -> Calendar:
        response = Client().get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        return Calendar.from_ical(response.content)

    ophalen.url = url  # type: ignore[attr-defined]
    ophalen.token = token  # type: ignore[attr-defined]
    return ophalen


def _events(cal: Calendar) -> dict[str, Any]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_vergaderingen_in_europe_amsterdam_over_de_zomertijd_heen(lid, feed):
    zondag = _volgende_zomertijd()
    voor = _vergadering(
        (zondag - timedelta(days=1)).replace(hour=19, minute=30),
        einde=(zondag - timedelta(days=1)).replace(hour=21, minute=30),
        locatie="Stadhuis Hengelo, Burgemeester Jansenplein 1",
    )
    na = _vergadering(
        (zondag + timedelta(days=1)).replace(hour=19, minute=30),
        titel="Adviesgesprek",
        soort=Soort.ADVIESGESPREK,
        online_link="https://meet.example.org/adviesraad",
    )
    Deelname.objects.create(vergadering=voor, gebruiker=lid, aanmelding="komt")
    Deelname.objects.create(vergadering=na, gebruiker=lid, aanmelding="komt_niet")
    # Someone else's meeting stays out of this feed.
    ander = _vergadering(zondag.replace(hour=10), titel="Niet van mij")
    Deelname.objects.create(vergadering=ander, gebruiker=UserFactory())

    cal = feed()
    events = _events(cal)
    assert set(events) == {
        f"vergadering-{voor.pk}@adviesraad-hengelo",
        f"vergadering-{na.pk}@adviesraad-hengelo",
    }
    # The zone is declared: a VTIMEZONE for Europe/Amsterdam with both its rules.
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Amsterdam"]
    assert {c.name for c in zones[0].subcomponents} >= {"STANDARD", "DAYLIGHT"}

    eerste = events[f"vergadering-{voor.pk}@adviesraad-hengelo"]
    tweede = events[f"vergadering-{na.pk}@adviesraad-hengelo"]
    for event in (eerste, tweede):
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (19, 30)  # 19:30 local, before and after the change
    assert eerste.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert tweede.decoded("DTSTART").utcoffset() == timedelta(hours=2)
    assert eerste.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 18
    assert tweede.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 17
    assert eerste.decoded("DTEND") - eerste.decoded("DTSTART") == timedelta(hours=2)
    assert tweede.decoded("DTEND") - tweede.decoded("DTSTART") == agenda.STANDAARD_DUUR

    # Dutch text, place or online link.
    assert str(eerste["SUMMARY"]) == "Vergadering adviesraad"
    assert str(eerste["LOCATION"]) == "Stadhuis Hengelo, Burgemeester Jansenplein 1"
    assert "U heeft doorgegeven dat u komt." in str(eerste["DESCRIPTION"])
    assert str(eerste["STATUS"]) == "CONFIRMED"
    assert str(tweede["LOCATION"]) == "Online"
    assert str(tweede["URL"]) == "https://meet.example.org/adviesraad"
    beschrijving = str(tweede["DESCRIPTION"])
    assert beschrijving.startswith("Adviesgesprek.")
    assert "Online deelnemen: https://meet.example.org/adviesraad" in beschrijving
    assert "U heeft doorgegeven dat u niet komt." in beschrijving


def test_geannuleerde_vergadering_staat_erin_als_cancelled(lid, feed):
    begin = timezone.now().astimezone(AMSTERDAM).replace(microsecond=0) + timedelta(days=10)
    vergadering = _vergadering(begin, status=Status.GEANNULEERD, titel="Extra vergadering")
    Deelname.objects.create(vergadering=vergadering, gebruiker=lid)
    event = _events(feed())[f"vergadering-{vergadering.pk}@adviesraad-hengelo"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Geannuleerd: Extra vergadering"
    assert "Deze vergadering gaat niet door." in str(event["DESCRIPTION"])


def test_oude_vergaderingen_vallen_uit_de_feed(lid, feed):
    oud = _vergadering(timezone.now() - agenda.VERGADERINGEN_TERUG - timedelta(days=1))
    recent = _vergadering(timezone.now() - agenda.VERGADERINGEN_TERUG + timedelta(days=1))
    for v in (oud, recent):
        Deelname.objects.create(vergadering=v, gebruiker=lid)
    assert set(_events(feed())) == {f"vergadering-{recent.pk}@adviesraad-hengelo"}


def test_feed_met_vast_aantal_queries(lid, feed):
    def vergaderingen(n: int) -> None:
        for i in range(n):
            v = _vergadering(timezone.now() + timedelta(days=20 + i), locatie=f"Zaal {i}")
            Deelname.objects.create(vergadering=v, gebruiker=lid)

    vergaderingen(1)
    feed()  # the first request of the hour also writes "last used"
    een, cal = count_queries(feed)
    assert len(cal.walk("VEVENT")) == 1
    vergaderingen(9)
    tien, cal = count_queries(feed)
    assert len(cal.walk("VEVENT")) == 10
    assert een == tien


def test_ingetrokken_token_geeft_404(lid, feed):
    v = _vergadering(timezone.now() + timedelta(days=3), titel="Geheim overleg")
    Deelname.objects.create(vergadering=v, gebruiker=lid)
    assert _events(feed())
    agenda.agendatoken_intrekken(gebruiker=lid)
    response = Client().get(feed.url)
    assert response.status_code == 404
    assert b"Geheim overleg" not in response.content
