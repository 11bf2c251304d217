"""Outbox, scan, digest and delivery, in-process (no broker needed)."""

from __future__ import annotations

import smtplib
from datetime import date, datetime, timedelta
from math import ceil
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hengelo_participatie.notifications import bezorging, services
from hengelo_participatie.notifications.models import (
    Bericht,
    BerichtStatus,
    Herinnering,
    Herinneringsvoorkeur,
)
from hengelo_participatie.notifications.registry import Deadline
from tests.factories import UserFactory

from .conftest import deadline

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
DAG = date(2026, 5, 4)


def test_scan_is_idempotent_en_uniek(testsoort):
    a, b = UserFactory(), UserFactory()
    testsoort(items=[deadline(a, nummer=1, datum=DAG), deadline(b, nummer=1, datum=DAG)])
    services.herinneringen_plannen(op=DAG)
    services.herinneringen_plannen(op=DAG)
    services.herinneringen_plannen(op=DAG + timedelta(days=1))
    assert Herinnering.objects.count() == 2
    # The database itself refuses a duplicate, whatever the code path.
    from django.db import IntegrityError, transaction

    h = Herinnering.objects.first()
    h.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        h.save()


def test_scan_over_100000_deadlines_gebruikt_een_vast_aantal_queries_per_batch(
    testsoort, django_assert_max_num_queries
):
    ontvangers = [UserFactory() for _ in range(10)]
    totaal = 100_000

    def veel(on: date):
        for i in range(totaal):
            yield Deadline(
                ontvanger_id=ontvangers[i % 10].pk,
                soort="test_vrij",
                onderwerp="accounts.user",
                onderwerp_id=i + 1,
                onderwerp_label="x",
                datum=on,
                link="/",
                tekst="t",
            )

    # What every other registered provider costs on this day (rules, terms, meetings, ...).
    with CaptureQueriesContext(connection) as zonder:
        services.herinneringen_plannen(op=DAG)
    testsoort(maker=veel)
    Herinneringsvoorkeur.objects.create(gebruiker=ontvangers[0], soort="test_vrij")
    grootte = services.standaard_batch_grootte()
    batch = list(veel(DAG))[:grootte]
    services._inhoudstype_ids(["accounts.user"])
    # One batch: active recipients, their switched-off kinds, one INSERT ... ON CONFLICT.
    with django_assert_max_num_queries(3):
        services._plannen_batch(batch, op=DAG)
    with CaptureQueriesContext(connection) as queries:
        resultaat = services.herinneringen_plannen(op=DAG)
    assert resultaat.deadlines == totaal
    batches = ceil(totaal / grootte)
    assert resultaat.batches == batches
    # Per batch: those three plus savepoint and release of the batch's transaction; plus the
    # constant cost of the other registered providers, measured above.
    # 60, +3 for the onboarding and the chair's declarations to assess (issue 15 §2).
    assert len(zonder) <= 63
    assert len(queries) <= 5 * batches + len(zonder) + 5
    # Person 0 switched the kind off: 9/10 of the deadlines became rows.
    assert Herinnering.objects.count() == totaal * 9 // 10


def _twee_personen(testsoort):
    a, b = UserFactory(voornaam="Anna"), UserFactory(voornaam="Bert")
    testsoort(
        items=[
            deadline(
                a,
                nummer=1,
                datum=DAG + timedelta(days=10),
                tekst="Eerste punt voor Anna",
                link="/portaal/lidmaatschap/",
            ),
            deadline(a, nummer=2, datum=DAG + timedelta(days=3), tekst="Tweede punt voor Anna"),
            deadline(b, nummer=1, datum=DAG + timedelta(days=5), tekst="Punt voor Bert"),
        ]
    )
    testsoort(
        "test_geheim",
        items=[
            deadline(
                a,
                soort="test_geheim",
                nummer=3,
                datum=DAG,
                tekst="Conceptnota Geheim",
                vertrouwelijk=True,
            )
        ],
    )
    return a, b


def test_dagoverzicht_een_mail_per_persoon_met_alle_punten(testsoort, settings):
    settings.SITE_URL = "https://participatie.hengelo.nl"
    a, b = _twee_personen(testsoort)
    resultaat = services.herinneringen_verwerken(op=DAG)
    assert len(resultaat.bezorging.verzonden) == 2
    assert len(mail.outbox) == 2
    anna = next(m for m in mail.outbox if m.to == [a.email])
    assert anna.subject == "Herinnering van de Adviesraad sociaal domein: 3 punten"
    # Plain text, sorted by deadline, with direct absolute links.
    tekst = anna.body
    assert tekst.index("Tweede punt voor Anna") < tekst.index("Eerste punt voor Anna")
    assert "https://participatie.hengelo.nl/portaal/lidmaatschap/" in tekst
    assert "https://participatie.hengelo.nl/portaal/herinneringen/" in tekst
    # Confidential: neutral text only, in both parts.
    html, soort = anna.alternatives[0]
    assert soort == "text/html"
    for deel in (tekst, html):
        assert "Conceptnota Geheim" not in deel
        assert "vertrouwelijk punt" in deel
    assert '<a href="https://participatie.hengelo.nl/portaal/lidmaatschap/">' in html
    assert Bericht.objects.filter(status=BerichtStatus.VERZONDEN).count() == 2
    assert not Herinnering.objects.filter(verzonden_op__isnull=True).exists()

    # Again the same day: nothing new. A new item today waits for tomorrow's digest.
    testsoort("test_later", items=[deadline(a, soort="test_later", nummer=9, datum=DAG)])
    services.herinneringen_verwerken(op=DAG)
    assert len(mail.outbox) == 2
    services.herinneringen_verwerken(op=DAG + timedelta(days=1))
    assert len(mail.outbox) == 3
    assert "Test-deadline 9" in mail.outbox[2].body


def test_voorkeur_zet_een_vrije_soort_uit_maar_geen_verplichte(testsoort, client):
    a = UserFactory()
    testsoort("test_vrij", items=[deadline(a, nummer=1, datum=DAG)])
    testsoort(
        "test_plicht",
        mandatory=True,
        items=[deadline(a, soort="test_plicht", nummer=2, datum=DAG, tekst="Verplicht punt")],
    )
    services.voorkeuren_opslaan(gebruiker=a, aan=[])
    assert set(Herinneringsvoorkeur.objects.values_list("soort", flat=True)) >= {"test_vrij"}
    assert not Herinneringsvoorkeur.objects.filter(soort="test_plicht").exists()
    # Even a row forced into the database does not stop a mandatory kind.
    Herinneringsvoorkeur.objects.create(gebruiker=a, soort="test_plicht")
    services.herinneringen_verwerken(op=DAG)
    assert len(mail.outbox) == 1
    assert "Verplicht punt" in mail.outbox[0].body
    assert "Test-deadline 1" not in mail.outbox[0].body
    with pytest.raises(Exception, match="niet uitzetten"):
        services.voorkeuren_opslaan(gebruiker=a, aan=["test_plicht"])


def test_smtp_fout_backoff_mislukt_en_opnieuw_via_de_admin(testsoort, monkeypatch, client):
    a = UserFactory()
    testsoort(items=[deadline(a, nummer=1, datum=DAG)])
    pogingen = []

    def kapot(self, *args, **kwargs):
        pogingen.append(1)
        raise smtplib.SMTPServerDisconnected("verbinding verbroken")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", kapot)
    resultaat = services.herinneringen_verwerken(op=DAG)
    assert isinstance(resultaat.bezorging.laatste_fout, smtplib.SMTPException)
    bericht = Bericht.objects.get()
    assert bericht.status == BerichtStatus.WACHTEND
    assert bericht.pogingen == 1
    assert "SMTPServerDisconnected: verbinding verbroken" in bericht.laatste_fout
    eerste_wacht = bericht.volgende_poging_op - timezone.now()
    # Backoff: not again right away.
    bezorging.berichten_bezorgen()
    assert len(pogingen) == 1
    # Exponential: each next wait is about twice as long, up to MAX_POGINGEN, then "mislukt".
    for _ in range(bezorging.MAX_POGINGEN - 1):
        Bericht.objects.update(volgende_poging_op=timezone.now() - timedelta(seconds=1))
        bezorging.berichten_bezorgen()
    bericht.refresh_from_db()
    assert len(pogingen) == bezorging.MAX_POGINGEN
    assert bericht.status == BerichtStatus.MISLUKT
    assert bericht.volgende_poging_op is None
    assert timedelta(seconds=50) < eerste_wacht <= timedelta(minutes=1)
    assert bezorging._backoff(3) == 4 * bezorging._backoff(1)
    bezorging.berichten_bezorgen()
    assert len(pogingen) == bezorging.MAX_POGINGEN  # "mislukt" is not retried by itself
    assert mail.outbox == []

    # The supporter sees it in the admin, with the error, and retries it there.
    monkeypatch.undo()
    from tests.conftest import mfa_verify

    ondersteuner = UserFactory(roles=["ondersteuner"])
    mfa_verify(client, ondersteuner)
    lijst = client.get("/admin/notifications/bericht/?status=mislukt")
    assert lijst.status_code == 200
    assert "verbinding verbroken" in lijst.content.decode()
    antwoord = client.post(
        "/admin/notifications/bericht/",
        {"action": "opnieuw_proberen", "_selected_action": [bericht.pk]},
        follow=True,
    )
    assert antwoord.status_code == 200
    assert "staat weer klaar" in antwoord.content.decode()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.WACHTEND and bericht.pogingen == 0
    bezorging.berichten_bezorgen()
    assert len(mail.outbox) == 1
    assert Bericht.objects.get().status == BerichtStatus.VERZONDEN


def test_opnieuw_proberen_zonder_recht_wordt_geweigerd():
    bericht = Bericht.objects.create(ontvanger=UserFactory(), dag=DAG, status="mislukt")
    with pytest.raises(PermissionError):
        bezorging.bericht_opnieuw_proberen(bericht=bericht, door=UserFactory(roles=["lid"]))


def test_herinneringen_over_de_wisseling_naar_wintertijd(testsoort, monkeypatch):
    """Sunday 28 October 2029: the clocks go back (CEST -> CET, a 25-hour day).

    The scan date and the digest day are the *local* date: 00:30 local on the 28th is still the
    27th in UTC, and 23:30 local on the 28th is the same local day (one digest a day).
    """
    from adviesraad import deadlines as ar
    from tests.adviesraad.factories import benoemde_termijn

    # 6 months before the end (28 April 2030) is exactly the day of the clock change.
    termijn = benoemde_termijn(besluitdatum=date(2026, 4, 1), begindatum=date(2026, 4, 29))
    assert termijn.einddatum == date(2030, 4, 28)
    # The appointment announced the new role "lid" in the outbox today; this
    # test is about the term-end reminders around the clock change, so that notice is set aside.
    from hengelo_participatie.accounts.deadlines import ROLLEN_GEWIJZIGD

    assert Herinnering.objects.filter(soort=ROLLEN_GEWIJZIGD).delete()[0] == 1
    klok = {"nu": datetime(2029, 10, 27, 23, 30, tzinfo=AMS)}  # Saturday, still summer time
    monkeypatch.setattr(timezone, "now", lambda: klok["nu"])
    from hengelo_participatie.notifications.tasks import herinneringen_versturen

    herinneringen_versturen.delay().get()
    assert mail.outbox == []

    klok["nu"] = datetime(2029, 10, 28, 0, 30, tzinfo=AMS)  # 22:30 UTC on the 27th
    assert klok["nu"].astimezone(ZoneInfo("UTC")).date() == date(2029, 10, 27)
    herinneringen_versturen.delay().get()
    assert len(mail.outbox) == 1
    assert "eindigt op 28 april 2030" in mail.outbox[0].body
    assert Bericht.objects.get().dag == date(2029, 10, 28)
    assert Herinnering.objects.get().soort == ar.TERMIJN_EINDE_6

    # Same local day, 25 hours later in wall-clock terms, after the clocks went back.
    klok["nu"] = datetime(2029, 10, 28, 23, 30, tzinfo=AMS)
    assert klok["nu"].utcoffset() == timedelta(hours=1)
    testsoort(items=[deadline(termijn.lid.user, nummer=5, datum=date(2029, 11, 1))])
    herinneringen_versturen.delay().get()
    assert len(mail.outbox) == 1  # at most one e-mail per local day
    klok["nu"] = datetime(2029, 10, 29, 0, 30, tzinfo=AMS)
    herinneringen_versturen.delay().get()
    assert len(mail.outbox) == 2
    assert list(Bericht.objects.order_by("dag").values_list("dag", flat=True)) == [
        date(2029, 10, 28),
        date(2029, 10, 29),
    ]


def test_herinnering_plannen_is_idempotent_en_respecteert_voorkeur(testsoort):
    a = UserFactory()
    testsoort("test_vrij")
    kwargs = {
        "ontvanger": a,
        "onderwerp": a,
        "deadline": DAG,
        "soort": "test_vrij",
        "tekst": "t",
        "link": "/",
    }
    eerste = services.herinnering_plannen(**kwargs)
    assert services.herinnering_plannen(**kwargs) == eerste
    assert Herinnering.objects.count() == 1
    Herinneringsvoorkeur.objects.create(gebruiker=a, soort="test_vrij")
    assert services.herinnering_plannen(**{**kwargs, "deadline": DAG + timedelta(days=1)}) is None
    with pytest.raises(Exception, match="Onbekende soort"):
        services.herinnering_plannen(**{**kwargs, "soort": "bestaat_niet"})
