"""The portal dashboard "Wat komt eraan": my next meetings, my deadlines, approvals waiting for me,
and what changed on the quarterly agenda, in a fixed number of queries at 1x and 10x data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from adviesraad.kwartaalagenda import services as agenda_services
from adviesraad.kwartaalagenda.models import kwartaal_van
from adviesraad.models.advies import Goedkeuringsronde
from adviesraad.vergaderingen.models import Aanmelding, Deelname, Soort, Vergadering
from hengelo_participatie.notifications import overzicht
from tests.adviesraad.advies.helpers import gevraagd, tot_ter_goedkeuring
from tests.conftest import count_queries, mfa_verify

#: The dashboard's budget: session, user, MFA device and roles; the week overview (is it up to
#: date, my rows); one query per other section. It does not grow with the data: see the test
#: below that compares 1x and 10x.
MAX_QUERIES = 10
#: The first visit after a change (or on a new day) recomputes the reminder engine's week
#: overview for everyone: every provider for seven days, with the rules and roles read once per
#: day. A fixed number of queries too, the same at 1x and 10x (asserted below); it grows with
#: the number of providers (about two queries each per day), not with the data.
MAX_QUERIES_HERBEREKENEN = 300


@pytest.fixture(autouse=True)
def _sessies_in_de_cache(settings: Any) -> None:
    """Sessions in the cache, as in production (Redis): the budget is the page's own queries, not
    the embedded default's session row read and written on every request."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"


def _volgend_kwartaal(jaar: int, kwartaal: int, stappen: int) -> tuple[int, int]:
    index = jaar * 4 + (kwartaal - 1) + stappen
    return index // 4, index % 4 + 1


def _bouw(raad: dict[str, Any], pdf: bytes, n: int) -> None:
    lid = raad["leden"][0].user
    nu = timezone.now()
    for i in range(n):
        aanvraag = gevraagd(raad, pdf, titel=f"Aanvraag {i}", zaaknummer=f"Z-2026-{i:04d}")
        tot_ter_goedkeuring(aanvraag, raad)
        vergadering = Vergadering.objects.create(
            soort=Soort.RAADSVERGADERING,
            titel=f"Raadsvergadering {i}",
            begin=nu + timedelta(days=i + 1),
            locatie="Stadhuis Hengelo",
        )
        Deelname.objects.create(
            vergadering=vergadering,
            gebruiker=lid,
            aanmelding=Aanmelding.KOMT if i % 2 else Aanmelding.ONBEKEND,
        )
        jaar, kwartaal = _volgend_kwartaal(*kwartaal_van(timezone.localdate()), i)
        agenda = agenda_services.agenda_aanmaken(
            jaar=jaar, kwartaal=kwartaal, door=raad["accounthouder"]
        )
        for j in range(n):
            agenda_services.punt_toevoegen(
                agenda=agenda,
                door=raad["accounthouder"],
                titel=f"Verwacht stuk {i}-{j}",
                beleidsmedewerker=raad["beleidsmedewerker"],
            )
        agenda_services.publiceren(agenda=agenda, door=raad["accounthouder"])
    # Every approval round closes in two days: inside the reminder window of the round's deadline.
    Goedkeuringsronde.objects.update(deadline=timezone.localdate() + timedelta(days=2))


def _taken(html: str) -> str:
    return html[html.index('id="deadlines-titel"') : html.index('id="goedkeuringen-titel"')]


def _dashboard(client: Any) -> str:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("n", [1, 10])
def test_dashboard_shows_every_section_in_a_fixed_number_of_queries(
    client, raad, pdf_bytes, private_media, django_assert_max_num_queries, n
):
    _bouw(raad, pdf_bytes, n)
    mfa_verify(client, raad["leden"][0].user)
    with django_assert_max_num_queries(MAX_QUERIES_HERBEREKENEN):
        eerste = _dashboard(client)
    with django_assert_max_num_queries(MAX_QUERIES):
        html = _dashboard(client)
    # The same tasks from the stored overview as from the fresh computation.
    assert _taken(html) == _taken(eerste)
    # Meetings: the next five, soonest first, with my answer or a prompt to give it.
    # (Within the meetings card: the week's task list names meetings too, "vergadering morgen".)
    vergaderingen = html[
        html.index('id="vergaderingen-titel"') : html.index('id="deadlines-titel"')
    ]
    assert "Raadsvergadering 0" in vergaderingen
    assert "Geef door of u komt" in vergaderingen
    assert ("Raadsvergadering 5" in vergaderingen) is False
    # Approvals waiting for me, linking to the approval page.
    assert (
        reverse("advies:goedkeuren", args=[Goedkeuringsronde.objects.first().advies.aanvraag.pk])
        in html
    )
    # Deadlines from the reminder engine: the approval round closing.
    assert (
        "Mijn deadlines" in html
        and "U hoeft deze week niets te doen waarvoor u een herinnering krijgt." not in html
    )
    # The quarterly agenda: every quarter with unseen changes.
    assert html.count("sinds u keek") == n  # one line per quarter with unseen changes
    assert "Geen nieuwe wijzigingen op de kwartaalagenda." not in html


def test_dashboard_query_count_does_not_grow_with_data(client, raad, pdf_bytes, private_media):
    lid = raad["leden"][0].user
    _bouw(raad, pdf_bytes, 1)
    mfa_verify(client, lid)
    _dashboard(client)  # warm the session and the process
    overzicht.markeer_verouderd()
    klein_herberekend, _ = count_queries(lambda: _dashboard(client))
    klein, _ = count_queries(lambda: _dashboard(client))
    _bouw_extra = 9
    for i in range(_bouw_extra):
        Vergadering.objects.create(
            soort=Soort.AGENDAOVERLEG,
            titel=f"Extra {i}",
            begin=timezone.now() + timedelta(days=20 + i),
        )
    for v in Vergadering.objects.filter(titel__startswith="Extra"):
        Deelname.objects.create(vergadering=v, gebruiker=lid)
    groot_herberekend, _ = count_queries(lambda: _dashboard(client))
    groot, _ = count_queries(lambda: _dashboard(client))
    assert groot == klein
    assert groot_herberekend == klein_herberekend


def test_dashboard_without_data_says_so(client, raad):
    mfa_verify(client, raad["leden"][0].user)
    html = _dashboard(client)
    assert "Er staan geen vergaderingen voor u gepland." in html
    assert "Er wacht geen advies op uw goedkeuring." in html
    assert "Geen nieuwe wijzigingen op de kwartaalagenda." in html


def test_seen_agenda_drops_off_the_dashboard(client, raad, pdf_bytes, private_media):
    _bouw(raad, pdf_bytes, 1)
    mfa_verify(client, raad["leden"][0].user)
    html = _dashboard(client)
    assert "Geen nieuwe wijzigingen op de kwartaalagenda." not in html
    from adviesraad.kwartaalagenda.models import Kwartaalagenda

    agenda = Kwartaalagenda.objects.get()
    assert client.get(reverse("kwartaalagenda:detail", args=[agenda.pk])).status_code == 200
    assert "Geen nieuwe wijzigingen op de kwartaalagenda." in _dashboard(client)
