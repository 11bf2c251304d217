"""The personal iCal feed: token services and the calendar itself.

The token is 32 random bytes (URL-safe), shown to the user once; only its SHA-256 is stored. A new
token revokes the previous one; revoking leaves no active token. Making a token also puts a
mandatory notice in the outbox ("er is een nieuwe agendalink gemaakt"), in the same transaction,
so a person notices a link they did not make.

The calendar holds the user's deadlines (whole days) and the timed entries of the calendar
sources the domain apps register (``kalender.py``; meetings: ``kalender(vergaderingen=...)``),
in the calendar zone Europe/Amsterdam. The constants below (time zone, default length, the title
of a confidential entry) are shared with those sources.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie

from . import services
from .deadlines import AGENDALINK_NIEUW
from .email import absolute_url
from .kalender import bron_voor
from .models import Agendatoken
from .registry import Deadline

#: How often "last used" is written at most (a calendar app polls often).
GEBRUIK_BIJWERKEN_NA = timedelta(hours=1)
#: The calendar's time zone (also when the server's TIME_ZONE would differ).
TIJDZONE = ZoneInfo("Europe/Amsterdam")
#: The shown length of a meeting that has no end time.
STANDAARD_DUUR = timedelta(hours=2)
#: How far back the feed lists meetings (older ones stay in a calendar that already has them).
VERGADERINGEN_TERUG = timedelta(days=180)
#: The summary of a confidential meeting in the feed.
VERTROUWELIJK = "Vergadering (vertrouwelijk)"


def sleutel_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def agendatoken_maken(*, gebruiker: Any) -> str:
    """Revoke the user's current token (if any), make a new one and return it (plain text)."""
    nu = timezone.now()
    Agendatoken.objects.filter(gebruiker=gebruiker, ingetrokken_op__isnull=True).update(
        ingetrokken_op=nu
    )
    token = secrets.token_urlsafe(32)
    nieuw = Agendatoken.objects.create(gebruiker=gebruiker, sleutel_hash=sleutel_hash(token))
    services.herinnering_plannen(
        ontvanger=gebruiker,
        onderwerp=nieuw,
        deadline=timezone.localdate(nu),
        soort=AGENDALINK_NIEUW,
        tekst=(
            "Er is een nieuwe link naar uw persoonlijke agenda gemaakt. Heeft u dat niet zelf "
            "gedaan? Trek de link dan in en neem contact op met de ondersteuner."
        ),
        link=reverse("herinneringen:agenda"),
    )
    audit.vastleggen(gebruiker, Actie.AGENDATOKEN_MAKEN, nieuw)
    return token


@transaction.atomic
def agendatoken_intrekken(*, gebruiker: Any) -> int:
    n = Agendatoken.objects.filter(gebruiker=gebruiker, ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.now()
    )
    audit.vastleggen(gebruiker, Actie.AGENDATOKEN_INTREKKEN, gebruiker, f"ok n={n}")
    return n


def actief_token(gebruiker: Any) -> Agendatoken | None:
    return Agendatoken.objects.filter(gebruiker=gebruiker, ingetrokken_op__isnull=True).first()


def gebruiker_van_token(token: str) -> Any | None:
    """The active owner of ``token``, or None (unknown, revoked, or account switched off)."""
    if not token or len(token) > 100:
        return None
    rij = (
        Agendatoken.objects.select_related("gebruiker")
        .filter(
            sleutel_hash=sleutel_hash(token),
            ingetrokken_op__isnull=True,
            gebruiker__is_active=True,
        )
        .first()
    )
    if rij is None:
        return None
    nu = timezone.now()
    if rij.laatst_gebruikt_op is None or rij.laatst_gebruikt_op < nu - GEBRUIK_BIJWERKEN_NA:
        Agendatoken.objects.filter(pk=rij.pk).update(laatst_gebruikt_op=nu)
    return rij.gebruiker


def kalender(
    *, deadlines: list[Deadline], vergaderingen: Iterable[Any] = (), nu: Any = None
) -> bytes:
    """An iCalendar (RFC 5545): whole-day deadlines and the user's timed entries
    (``vergaderingen``: items of a registered ``kalender.KalenderBron``, e.g. ``Deelname`` rows
    with their ``vergadering`` loaded), Dutch text, calendar zone Europe/Amsterdam."""
    nu = nu or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Gemeente Hengelo//Adviesraad sociaal domein//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Adviesraad sociaal domein: mijn vergaderingen en deadlines")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for d in deadlines:
        event = Event()
        event.add(
            "uid", f"{d.soort}-{d.onderwerp}-{d.onderwerp_id}-{d.datum:%Y%m%d}@adviesraad-hengelo"
        )
        event.add("dtstamp", nu)
        event.add("dtstart", d.datum)
        event.add("dtend", d.datum + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        if d.vertrouwelijk:
            # Only the neutral reference (if any): never the label or text of the subject.
            kenmerk = f": {d.kenmerk}" if d.kenmerk else ""
            event.add("summary", f"Deadline (vertrouwelijk){kenmerk}")
            event.add("description", "Log in op het portaal om dit punt te zien.")
        else:
            event.add("summary", f"Deadline: {d.onderwerp_label}")
            event.add("description", d.tekst)
        event.add("url", absolute_url(d.link))
        cal.add_component(event)
    for item in vergaderingen:
        cal.add_component(bron_voor(item).event(item, nu))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
