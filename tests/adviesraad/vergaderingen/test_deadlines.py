"""Meeting reminders (adviesraad/vergaderingen/deadlines.py): documents before a meeting, the
meeting tomorrow, and planning the periodic consultations. Days are local (Europe/Amsterdam)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from adviesraad.vergaderingen import deadlines as vg
from adviesraad.vergaderingen.models import Deelname, Soort, Status, Vergadering
from hengelo_participatie.notifications import registry, services
from hengelo_participatie.notifications.models import Herinnering
from hengelo_participatie.notifications.registry import doelgroep_sleutel
from tests.conftest import count_queries
from tests.factories import UserFactory
from verordening.models import Regel

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _lokaal(jaar: int, maand: int, dag: int, uur: int = 19, minuut: int = 30) -> datetime:
    return datetime(jaar, maand, dag, uur, minuut, tzinfo=AMSTERDAM)


@pytest.fixture
def staf() -> dict[str, Any]:
    return {
        "voorzitter": UserFactory(roles=["voorzitter"]),
        "ondersteuner": UserFactory(roles=["ondersteuner"]),
        "accounthouder": UserFactory(roles=["accounthouder"]),
    }


def _vergadering(begin: datetime, **velden: Any) -> Vergadering:
    velden.setdefault("soort", Soort.RAADSVERGADERING)
    velden.setdefault("titel", "Vergadering adviesraad")
    velden.setdefault("locatie", "Stadhuis Hengelo")
    return Vergadering.objects.create(begin=begin, **velden)


def _van(kind: str, op: date) -> list[registry.Deadline]:
    provider = registry.provider(kind)
    assert provider is not None, kind
    return list(provider.deadlines(op))


def _ontvangers(kind: str, op: date) -> set[int]:
    return {d.ontvanger_id for d in _van(kind, op)}


def _doelgroep(kind: str, *rollen: str) -> None:
    assert Regel.objects.filter(sleutel=doelgroep_sleutel(kind)).update(waarde=list(rollen)) == 1


def test_de_soorten_zijn_geregistreerd():
    soorten = {p.kind for p in registry.providers()}
    assert {
        vg.STUKKEN_VERSTUREN,
        vg.VERGADERING_MORGEN,
        vg.VOORZITTERSOVERLEG_PLANNEN,
        vg.COLLEGEPRESENTATIE_PLANNEN,
        vg.POLITIEKE_MARKT_PLANNEN,
    } <= soorten


# --- Documents before a meeting ---------------------------------------------------------------------
def test_stukken_versturen_binnen_de_termijn_aan_de_ondersteuner(staf):
    vergadering = _vergadering(_lokaal(2027, 3, 30))
    uiterlijk = date(2027, 3, 23)  # stukken_voor_vergadering: 7 days
    begin = date(2027, 3, 20)  # herinnering_stukken_versturen: 3 days before that
    assert _van(vg.STUKKEN_VERSTUREN, begin - timedelta(days=1)) == []
    gevonden = _van(vg.STUKKEN_VERSTUREN, begin)
    assert [d.ontvanger_id for d in gevonden] == [staf["ondersteuner"].pk]
    d = gevonden[0]
    assert (d.onderwerp, d.onderwerp_id, d.datum) == (
        "vergaderingen.vergadering",
        vergadering.pk,
        uiterlijk,
    )
    assert "uiterlijk 23 maart 2027" in d.tekst and "30 maart 2027" in d.tekst
    # Overdue until the day before the meeting, with a text that says so.
    te_laat = _van(vg.STUKKEN_VERSTUREN, date(2027, 3, 29))
    assert te_laat and "hadden uiterlijk 23 maart 2027" in te_laat[0].tekst
    assert _van(vg.STUKKEN_VERSTUREN, date(2027, 3, 30)) == []


def test_stukken_niet_na_verzenden_of_annuleren(staf):
    vergadering = _vergadering(_lokaal(2027, 3, 30))
    op = date(2027, 3, 21)
    assert _van(vg.STUKKEN_VERSTUREN, op)
    vergadering.uitnodiging_verzonden_op = _lokaal(2027, 3, 21, 9)
    vergadering.save()
    assert _van(vg.STUKKEN_VERSTUREN, op) == []
    vergadering.uitnodiging_verzonden_op = None
    vergadering.status = Status.GEANNULEERD
    vergadering.save()
    assert _van(vg.STUKKEN_VERSTUREN, op) == []


def test_stukken_termijn_en_doelgroep_uit_de_regels(staf):
    _vergadering(_lokaal(2027, 3, 30))
    Regel.objects.filter(sleutel="stukken_voor_vergadering").update(waarde=14)
    # Due 16 March now, reminded from 13 March.
    assert _van(vg.STUKKEN_VERSTUREN, date(2027, 3, 12)) == []
    assert {d.datum for d in _van(vg.STUKKEN_VERSTUREN, date(2027, 3, 13))} == {date(2027, 3, 16)}
    _doelgroep(vg.STUKKEN_VERSTUREN, "accounthouder", "voorzitter")
    assert _ontvangers(vg.STUKKEN_VERSTUREN, date(2027, 3, 13)) == {
        staf["accounthouder"].pk,
        staf["voorzitter"].pk,
    }


# --- The meeting tomorrow -----------------------------------------------------------------------------
@pytest.fixture
def deelnemers(staf) -> dict[str, Any]:
    vergadering = _vergadering(_lokaal(2027, 3, 30), online_link="https://meet.example.org/ar")
    mensen = {
        "komt": UserFactory(roles=["lid"]),
        "onbekend": UserFactory(roles=["lid"]),
        "komt_niet": UserFactory(roles=["lid"]),
    }
    for aanmelding, user in mensen.items():
        Deelname.objects.create(vergadering=vergadering, gebruiker=user, aanmelding=aanmelding)
    return {"vergadering": vergadering, **mensen}


def test_vergadering_morgen_aan_wie_niet_afzei(deelnemers):
    assert _van(vg.VERGADERING_MORGEN, date(2027, 3, 28)) == []
    gevonden = _van(vg.VERGADERING_MORGEN, date(2027, 3, 29))
    assert {d.ontvanger_id for d in gevonden} == {
        deelnemers["komt"].pk,
        deelnemers["onbekend"].pk,
    }
    assert {d.datum for d in gevonden} == {date(2027, 3, 30)}
    assert gevonden[0].tekst == ("Morgen om 19:30 uur: Vergadering adviesraad, Stadhuis Hengelo.")
    assert gevonden[0].onderwerp_label == "Vergadering adviesraad (30-03-2027)"
    assert _van(vg.VERGADERING_MORGEN, date(2027, 3, 30)) == []


def test_vergadering_morgen_doelgroep_uit_de_regel(deelnemers, staf):
    op = date(2027, 3, 29)
    _doelgroep(vg.VERGADERING_MORGEN, "betrokkene", "ondersteuner")
    assert _ontvangers(vg.VERGADERING_MORGEN, op) == {
        deelnemers["komt"].pk,
        deelnemers["onbekend"].pk,
        staf["ondersteuner"].pk,
    }
    _doelgroep(vg.VERGADERING_MORGEN, "voorzitter")
    assert _ontvangers(vg.VERGADERING_MORGEN, op) == {staf["voorzitter"].pk}


def test_vergadering_morgen_over_de_zomertijd_heen(staf):
    """Summer time starts 28 March 2027 at 02:00. A meeting at 00:30 that night is on the 28th
    (23:30 UTC on the 27th): reminded on the 27th, not the 26th."""
    lid = UserFactory(roles=["lid"])
    vroeg = _vergadering(_lokaal(2027, 3, 28, 0, 30), titel="Nachtoverleg")
    assert vroeg.begin.astimezone(UTC).day == 27
    Deelname.objects.create(vergadering=vroeg, gebruiker=lid)
    assert _van(vg.VERGADERING_MORGEN, date(2027, 3, 26)) == []
    gevonden = _van(vg.VERGADERING_MORGEN, date(2027, 3, 27))
    assert [(d.ontvanger_id, d.datum) for d in gevonden] == [(lid.pk, date(2027, 3, 28))]
    assert gevonden[0].tekst.startswith("Morgen om 00:30 uur")


def test_geannuleerde_vergadering_geen_herinnering(deelnemers):
    deelnemers["vergadering"].status = Status.GEANNULEERD
    deelnemers["vergadering"].save()
    assert _van(vg.VERGADERING_MORGEN, date(2027, 3, 29)) == []


# --- Periodic consultations -----------------------------------------------------------------------------
PERIODIEK = [
    # (kind, type, last held, due: last + cycle, lead in weeks)
    (
        vg.VOORZITTERSOVERLEG_PLANNEN,
        Soort.VOORZITTERSOVERLEG,
        date(2027, 1, 10),
        date(2027, 7, 10),
        6,
    ),
    (
        vg.COLLEGEPRESENTATIE_PLANNEN,
        Soort.COLLEGEPRESENTATIE,
        date(2027, 2, 1),
        date(2028, 2, 1),
        8,
    ),
    (vg.POLITIEKE_MARKT_PLANNEN, Soort.POLITIEKE_MARKT, date(2027, 5, 27), date(2028, 5, 27), 8),
]


@pytest.mark.parametrize(("kind", "soort", "gehouden", "uiterlijk", "weken"), PERIODIEK)
def test_periodiek_overleg_plannen(staf, kind, soort, gehouden, uiterlijk, weken):
    laatste = _vergadering(
        _lokaal(gehouden.year, gehouden.month, gehouden.day, 10), soort=soort, status="gehouden"
    )
    # Another type does not count.
    _vergadering(_lokaal(uiterlijk.year, uiterlijk.month, 1), soort=Soort.RAADSVERGADERING)
    begin = uiterlijk - timedelta(weeks=weken)
    assert _van(kind, begin - timedelta(days=1)) == []
    gevonden = _van(kind, begin)
    assert {d.ontvanger_id for d in gevonden} == {staf["voorzitter"].pk, staf["accounthouder"].pk}
    assert {(d.onderwerp_id, d.datum) for d in gevonden} == {(laatste.pk, uiterlijk)}
    assert "Er is nog niets gepland." in gevonden[0].tekst
    # Overdue: still listed.
    assert _van(kind, uiterlijk + timedelta(days=20))
    # A cancelled one does not count as planned; a planned one does.
    _vergadering(_lokaal(uiterlijk.year, uiterlijk.month, 2), soort=soort, status="geannuleerd")
    assert _van(kind, begin)
    _vergadering(_lokaal(uiterlijk.year, uiterlijk.month, 3), soort=soort)
    assert _van(kind, begin) == []
    assert _van(kind, uiterlijk) == []


def test_eerste_voorzittersoverleg_na_de_start_van_de_verordening(staf):
    # Never held: half a year after the verordening came into force (30-12-2025).
    gevonden = _van(vg.VOORZITTERSOVERLEG_PLANNEN, date(2026, 6, 30) - timedelta(weeks=6))
    assert {(d.onderwerp, d.datum) for d in gevonden} == {
        ("verordening.verordening", date(2026, 6, 30))
    }


def test_cyclus_en_doelgroep_uit_de_regels(staf):
    _vergadering(_lokaal(2027, 1, 10, 10), soort=Soort.VOORZITTERSOVERLEG, status="gehouden")
    Regel.objects.filter(sleutel="cyclus_voorzittersoverleg").update(waarde=4)
    assert {d.datum for d in _van(vg.VOORZITTERSOVERLEG_PLANNEN, date(2027, 4, 1))} == {
        date(2027, 5, 10)
    }
    _doelgroep(vg.VOORZITTERSOVERLEG_PLANNEN, "ondersteuner")
    assert _ontvangers(vg.VOORZITTERSOVERLEG_PLANNEN, date(2027, 4, 1)) == {staf["ondersteuner"].pk}


# --- Through the scan and the command ---------------------------------------------------------------------
def test_geen_dubbele_herinneringen(deelnemers, staf):
    for dag in (date(2027, 3, 20), date(2027, 3, 21), date(2027, 3, 29), date(2027, 3, 29)):
        services.herinneringen_plannen(op=dag)
    rijen = Herinnering.objects.filter(soort__in=[vg.STUKKEN_VERSTUREN, vg.VERGADERING_MORGEN])
    assert sorted(rijen.values_list("soort", "ontvanger_id")) == sorted(
        [
            (vg.STUKKEN_VERSTUREN, staf["ondersteuner"].pk),
            (vg.VERGADERING_MORGEN, deelnemers["komt"].pk),
            (vg.VERGADERING_MORGEN, deelnemers["onbekend"].pk),
        ]
    )


def test_send_reminders_dry_run_toont_de_vergadering_morgen(deelnemers):
    uit = io.StringIO()
    call_command("send_reminders", "--dry-run", "--date", "2027-03-29", stdout=uit)
    tekst = uit.getvalue()
    assert deelnemers["komt"].email in tekst
    assert "Morgen om 19:30 uur: Vergadering adviesraad, Stadhuis Hengelo." in tekst
    assert deelnemers["komt_niet"].email not in tekst
    assert not Herinnering.objects.exists()


# --- Query budget -------------------------------------------------------------------------------------------
def _veel(n: int) -> None:
    for i in range(n):
        vergadering = _vergadering(_lokaal(2027, 3, 30, 9 + i % 10), titel=f"Vergadering {i}")
        for _ in range(3):
            Deelname.objects.create(vergadering=vergadering, gebruiker=UserFactory(roles=["lid"]))
        for soort in (Soort.VOORZITTERSOVERLEG, Soort.COLLEGEPRESENTATIE, Soort.POLITIEKE_MARKT):
            _vergadering(_lokaal(2026, 1, 10 + i), soort=soort, status="gehouden")
        UserFactory(roles=["ondersteuner"])
        UserFactory(roles=["voorzitter"])
        UserFactory(roles=["accounthouder"])


@pytest.mark.parametrize(
    ("kind", "op", "maximum"),
    [
        (vg.STUKKEN_VERSTUREN, date(2027, 3, 21), 2),  # rules, meetings; + 1 role
        (vg.VERGADERING_MORGEN, date(2027, 3, 29), 3),  # rules, meetings, participants
        (vg.VOORZITTERSOVERLEG_PLANNEN, date(2027, 1, 1), 2),  # rules, last one; + 2 roles
        (vg.COLLEGEPRESENTATIE_PLANNEN, date(2027, 1, 1), 2),
        (vg.POLITIEKE_MARKT_PLANNEN, date(2027, 1, 1), 2),
    ],
)
def test_vast_aantal_queries(kind, op, maximum):
    _veel(1)
    een, gevonden = count_queries(lambda: _van(kind, op))
    assert gevonden
    _veel(9)
    tien, meer = count_queries(lambda: _van(kind, op))
    assert len(meer) > len(gevonden)
    rollen = len(Regel.objects.get(sleutel=doelgroep_sleutel(kind)).waarde)
    assert een == tien <= maximum + rollen
