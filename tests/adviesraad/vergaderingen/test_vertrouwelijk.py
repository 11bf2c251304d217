"""Confidential meetings (``Vergadering.vertrouwelijk``): the title stays out of every channel
that leaves the portal (reminder e-mails, the invitation, the iCal feed), the portal still shows
it to participants, and a normal meeting keeps its title everywhere.

E-mails are the real daily digests (``herinneringen_verwerken``, as the daily task runs it), read
from ``mail.outbox`` (plain text and HTML); the feed is fetched by its URL and parsed with
``icalendar``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from adviesraad.vergaderingen import deadlines as vg
from adviesraad.vergaderingen.models import Deelname, Soort, Status, Vergadering
from adviesraad.vergaderingen.services import uitnodiging as uitnodiging_services
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from hengelo_participatie.notifications import agenda
from hengelo_participatie.notifications import services as meldingen
from hengelo_participatie.notifications.models import Herinnering
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GEHEIM = "Adviesgesprek conceptnota armoedebeleid Geheimwijk"
GEWOON = "Vergadering adviesraad maart"


def _mailtekst(ontvanger: Any) -> str:
    """Everything the e-mails to ``ontvanger`` say: subject, plain text and HTML."""
    delen: list[str] = []
    for bericht in mail.outbox:
        if bericht.to == [ontvanger.email]:
            delen += [bericht.subject, bericht.body]
            delen += [str(inhoud) for inhoud, _soort in bericht.alternatives]
    assert delen, f"geen e-mail aan {ontvanger.email}"
    return "\n".join(delen)


def _vergadering(titel: str, *, vertrouwelijk: bool, **velden: Any) -> Vergadering:
    return Vergadering.objects.create(
        soort=velden.pop("soort", Soort.RAADSVERGADERING),
        titel=titel,
        begin=datetime(2027, 3, 30, 19, 30, tzinfo=AMSTERDAM),
        locatie="Stadhuis Hengelo",
        vertrouwelijk=vertrouwelijk,
        **velden,
    )


# --- The type decides when nobody chose -----------------------------------------------------------
@pytest.mark.parametrize(
    ("soort", "verwacht"),
    [
        (Soort.MEEDENKSESSIE, True),
        (Soort.TOELICHTING, True),
        (Soort.ADVIESGESPREK, True),
        (Soort.RAADSVERGADERING, False),
        (Soort.AGENDAOVERLEG, False),
    ],
)
def test_service_standaard_per_soort(
    maak_vergadering: Callable[..., Vergadering], soort: str, verwacht: bool
) -> None:
    assert maak_vergadering(soort=soort).vertrouwelijk is verwacht
    # An explicit choice wins over the type.
    assert maak_vergadering(soort=soort, vertrouwelijk=not verwacht).vertrouwelijk is not verwacht


@pytest.mark.parametrize(
    ("soort", "keuze", "verwacht"),
    [
        (Soort.ADVIESGESPREK, "", True),
        (Soort.MEEDENKSESSIE, "", True),
        (Soort.TOELICHTING, "", True),
        (Soort.RAADSVERGADERING, "", False),
        (Soort.ADVIESGESPREK, "nee", False),
        (Soort.RAADSVERGADERING, "ja", True),
    ],
)
def test_formulier_nieuwe_vergadering(
    raad: dict[str, Any],
    client_van: Callable[[Any], Client],
    soort: str,
    keuze: str,
    verwacht: bool,
) -> None:
    client = client_van(raad["ondersteuner"])
    pagina = client.get(reverse("vergaderingen:nieuw")).content.decode()
    # Nobody chose yet: the type decides (the first option is checked).
    assert 'name="vertrouwelijk" value="" id="id_vertrouwelijk_0" checked' in pagina
    response = client.post(
        reverse("vergaderingen:nieuw"),
        {
            "soort": soort,
            "titel": "Nieuwe vergadering",
            "begin": "2031-05-06T19:30",
            "vertrouwelijk": keuze,
        },
    )
    assert response.status_code == 302
    vergadering = Vergadering.objects.get(titel="Nieuwe vergadering")
    assert vergadering.vertrouwelijk is verwacht


def test_wijzigen_kan_het_aan_en_uit_zetten_met_historie(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering(soort=Soort.RAADSVERGADERING)
    vergadering_services.vergadering_wijzigen(
        vergadering=v, door=raad["ondersteuner"], vertrouwelijk=True
    )
    v.refresh_from_db()
    assert v.vertrouwelijk is True
    assert v.history.first().vertrouwelijk is True


# --- Reminder e-mails (deadlines.py) -----------------------------------------------------------------
def test_herinnering_vergadering_morgen_zonder_titel() -> None:
    geheim_lid, gewoon_lid = UserFactory(roles=["lid"]), UserFactory(roles=["lid"])
    geheim = _vergadering(GEHEIM, vertrouwelijk=True)
    gewoon = _vergadering(GEWOON, vertrouwelijk=False)
    Deelname.objects.create(vergadering=geheim, gebruiker=geheim_lid)
    Deelname.objects.create(vergadering=gewoon, gebruiker=gewoon_lid)

    gevonden = list(vg.VergaderingMorgen().deadlines(date(2027, 3, 29)))
    per_vergadering = {d.onderwerp_id: d for d in gevonden}
    assert per_vergadering[geheim.pk].vertrouwelijk is True
    assert (
        GEHEIM not in per_vergadering[geheim.pk].tekst + per_vergadering[geheim.pk].onderwerp_label
    )
    assert per_vergadering[gewoon.pk].vertrouwelijk is False

    meldingen.herinneringen_verwerken(op=date(2027, 3, 29))
    rij = Herinnering.objects.get(ontvanger=geheim_lid, soort=vg.VERGADERING_MORGEN)
    assert rij.vertrouwelijk is True
    assert GEHEIM not in rij.tekst + rij.onderwerp_label
    assert GEHEIM not in _mailtekst(geheim_lid)
    assert "vertrouwelijk punt" in _mailtekst(geheim_lid)
    assert GEWOON in _mailtekst(gewoon_lid)


def test_herinnering_stukken_versturen_zonder_titel() -> None:
    ondersteuner = UserFactory(roles=["ondersteuner"])
    geheim = _vergadering(GEHEIM, vertrouwelijk=True)
    gewoon = _vergadering(GEWOON, vertrouwelijk=False)
    gevonden = [
        d
        for d in vg.StukkenVersturen().deadlines(date(2027, 3, 21))
        if d.ontvanger_id == ondersteuner.pk
    ]
    assert {d.onderwerp_id: d.vertrouwelijk for d in gevonden} == {
        geheim.pk: True,
        gewoon.pk: False,
    }
    meldingen.herinneringen_verwerken(op=date(2027, 3, 21))
    rijen = Herinnering.objects.filter(ontvanger=ondersteuner, soort=vg.STUKKEN_VERSTUREN)
    assert {r.onderwerp_id: r.vertrouwelijk for r in rijen} == {geheim.pk: True, gewoon.pk: False}
    assert all(GEHEIM not in r.tekst + r.onderwerp_label for r in rijen)
    tekst = _mailtekst(ondersteuner)
    assert GEHEIM not in tekst
    assert GEWOON in tekst  # the normal meeting in the same digest keeps its title


def test_periodiek_overleg_volgt_de_vorige_vergadering() -> None:
    UserFactory(roles=["voorzitter"])
    _vergadering(
        GEHEIM,
        vertrouwelijk=True,
        soort=Soort.VOORZITTERSOVERLEG,
        status=Status.GEHOUDEN,
    )
    provider = next(p for p in vg.PROVIDERS if p.kind == vg.VOORZITTERSOVERLEG_PLANNEN)
    gevonden = list(provider.deadlines(date(2027, 9, 20)))
    assert gevonden
    assert all(d.vertrouwelijk for d in gevonden)
    assert all(GEHEIM not in d.tekst + d.onderwerp_label for d in gevonden)


# --- The invitation ---------------------------------------------------------------------------------
@pytest.mark.parametrize("vertrouwelijk", [True, False])
def test_uitnodiging(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering], vertrouwelijk: bool
) -> None:
    v = maak_vergadering(
        titel=GEHEIM if vertrouwelijk else GEWOON,
        soort=Soort.ADVIESGESPREK if vertrouwelijk else Soort.RAADSVERGADERING,
        locatie="Stadhuis Hengelo",
    )
    assert v.vertrouwelijk is vertrouwelijk  # by the type
    uitnodiging_services.uitnodiging_versturen(vergadering=v, door=raad["ondersteuner"])
    rijen = Herinnering.objects.filter(soort=uitnodiging_services.UITNODIGING, onderwerp_id=v.pk)
    assert rijen.count() == 4  # the council: three members and the chair
    lid = raad["leden"][0]
    rij = rijen.get(ontvanger=lid)
    assert rij.vertrouwelijk is vertrouwelijk
    meldingen.herinneringen_verwerken(op=timezone.localdate())
    if vertrouwelijk:
        assert GEHEIM not in rij.tekst
        assert GEHEIM not in rij.onderwerp_label  # not even stored in the outbox
        assert "vertrouwelijke vergadering" in rij.tekst
        assert GEHEIM not in _mailtekst(lid)
        assert "vertrouwelijk punt" in _mailtekst(lid)
    else:
        assert GEWOON in rij.tekst
        assert GEWOON in rij.onderwerp_label
        assert GEWOON in _mailtekst(lid)


# --- The iCal feed --------------------------------------------------------------------------------
def test_ical_vertrouwelijke_vergadering_zonder_titel_en_omschrijving() -> None:
    lid = UserFactory(roles=["lid"])
    begin = timezone.now().astimezone(AMSTERDAM).replace(microsecond=0, second=0)
    geheim = Vergadering.objects.create(
        soort=Soort.ADVIESGESPREK,
        titel=GEHEIM,
        begin=begin,
        locatie="Stadhuis Hengelo",
        online_link="https://meet.example.org/geheimwijk",
        vertrouwelijk=True,
    )
    gewoon = Vergadering.objects.create(
        soort=Soort.RAADSVERGADERING, titel=GEWOON, begin=begin, vertrouwelijk=False
    )
    Deelname.objects.create(vergadering=geheim, gebruiker=lid, aanmelding="komt")
    Deelname.objects.create(vergadering=gewoon, gebruiker=lid)
    token = agenda.agendatoken_maken(gebruiker=lid)
    response = Client().get(f"/agenda/{token}.ics")
    assert response.status_code == 200
    assert GEHEIM.encode() not in response.content
    assert b"geheimwijk" not in response.content  # not even in the online link
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    e = events[f"vergadering-{geheim.pk}@adviesraad-hengelo"]
    assert str(e["SUMMARY"]) == "Vergadering (vertrouwelijk)"
    assert GEHEIM not in str(e.get("DESCRIPTION", ""))
    assert "Adviesgesprek" not in str(e.get("DESCRIPTION", ""))
    assert "URL" not in e
    assert e.decoded("DTSTART") == begin  # the time stays
    assert str(e["LOCATION"]) == "Stadhuis Hengelo"
    normaal = events[f"vergadering-{gewoon.pk}@adviesraad-hengelo"]
    assert str(normaal["SUMMARY"]) == GEWOON


def test_ical_geannuleerd_en_vertrouwelijk() -> None:
    lid = UserFactory(roles=["lid"])
    geheim = Vergadering.objects.create(
        soort=Soort.MEEDENKSESSIE,
        titel=GEHEIM,
        begin=timezone.now(),
        status=Status.GEANNULEERD,
        vertrouwelijk=True,
    )
    Deelname.objects.create(vergadering=geheim, gebruiker=lid)
    cal = Calendar.from_ical(
        agenda.kalender(deadlines=[], vergaderingen=Deelname.objects.select_related("vergadering"))
    )
    (e,) = cal.walk("VEVENT")
    assert str(e["SUMMARY"]) == "Geannuleerd: Vergadering (vertrouwelijk)"
    assert str(e["STATUS"]) == "CANCELLED"


# --- The portal still shows it to participants ---------------------------------------------------------
def test_portaal_toont_de_titel_aan_deelnemers(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    client_van: Callable[[Any], Client],
) -> None:
    v = maak_vergadering(titel=GEHEIM, soort=Soort.ADVIESGESPREK)
    assert v.vertrouwelijk
    lid = client_van(raad["leden"][0])
    assert GEHEIM in lid.get(reverse("vergaderingen:detail", args=[v.pk])).content.decode()
    assert GEHEIM in lid.get(reverse("vergaderingen:overzicht")).content.decode()
