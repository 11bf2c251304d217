"""The user's meetings in the personal iCal feed (registered with ``notifications.kalender``).

Each ``Deelname`` of the user becomes a timed event in Europe/Amsterdam, written with ``TZID``
and a ``VTIMEZONE`` component, so a calendar app shows 19:30 as 19:30 on both sides of a DST
change. A cancelled meeting stays in the feed with ``STATUS:CANCELLED`` (and "Geannuleerd:" in
its title): a calendar app that already has it then crosses it out, where an event that just
disappears from a feed is not always removed. A meeting without an end time is shown as lasting
``agenda.STANDAARD_DUUR``.

A confidential meeting (``Vergadering.vertrouwelijk``: its title may reveal a concept policy) is
in the feed with its time, status and place, but under the neutral title ``agenda.VERTROUWELIJK``
and without its type, description or online link: a calendar app syncs to servers outside the
municipality. The portal page (behind the login) shows the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from icalendar import Event

from hengelo_participatie.notifications.agenda import STANDAARD_DUUR, TIJDZONE, VERTROUWELIJK
from hengelo_participatie.notifications.kalender import KalenderBron

from .models import Aanmelding, Deelname, Status
from .policies import vergadering_policy


def deelnames_vanaf(gebruiker: Any, vanaf: datetime) -> QuerySet[Deelname]:
    """The user's meetings (their ``Deelname`` rows, meeting loaded) that start at or after
    ``vanaf``, cancelled ones included: one query, however many."""
    # Through the meeting policy: a member whose term ended (account active, no role) keeps
    # their ``Deelname`` rows, but their feed shows none of those meetings any more.
    return (
        Deelname.objects.filter(
            gebruiker=gebruiker,
            vergadering__begin__gte=vanaf,
            vergadering__in=vergadering_policy.instances_user_has_perm_for(gebruiker, "view"),
        )
        .select_related("vergadering")
        .order_by("vergadering__begin", "vergadering_id")
    )


def vergadering_event(deelname: Deelname, nu: datetime) -> Event:
    """One meeting of the user as a timed event in Europe/Amsterdam (TZID + VTIMEZONE)."""
    vergadering = deelname.vergadering
    begin = vergadering.begin.astimezone(TIJDZONE)
    einde = (vergadering.einde or vergadering.begin + STANDAARD_DUUR).astimezone(TIJDZONE)
    geannuleerd = vergadering.status == Status.GEANNULEERD
    event = Event()
    event.add("uid", f"vergadering-{vergadering.pk}@adviesraad-hengelo")
    event.add("dtstamp", nu)
    event.add("dtstart", begin)
    event.add("dtend", max(einde, begin))
    titel = VERTROUWELIJK if vergadering.vertrouwelijk else vergadering.titel
    event.add("summary", f"Geannuleerd: {titel}" if geannuleerd else titel)
    event.add("status", "CANCELLED" if geannuleerd else "CONFIRMED")
    if vergadering.locatie:
        event.add("location", vergadering.locatie)
    elif vergadering.online_link:
        event.add("location", "Online")
    event.add("transp", "TRANSPARENT" if geannuleerd else "OPAQUE")
    if vergadering.vertrouwelijk:
        # No type, agenda text or meeting link: only that it exists, when and where.
        event.add("description", "Log in op het portaal om deze vergadering te zien.")
        return event
    soort = str(vergadering.get_soort_display())
    regels = [f"{soort[:1].upper()}{soort[1:]}."]
    if geannuleerd:
        regels.append("Deze vergadering gaat niet door.")
    if vergadering.online_link:
        regels.append(f"Online deelnemen: {vergadering.online_link}")
        event.add("url", vergadering.online_link)
    if deelname.aanmelding == Aanmelding.KOMT_NIET:
        regels.append("U heeft doorgegeven dat u niet komt.")
    elif deelname.aanmelding == Aanmelding.KOMT:
        regels.append("U heeft doorgegeven dat u komt.")
    event.add("description", "\n".join(regels))
    return event


VERGADERINGEN = KalenderBron(
    naam="vergaderingen", model=Deelname, items=deelnames_vanaf, event=vergadering_event
)
