"""The reliability rows of QUALITY.md for reminders, against the real Redis and real workers.

* Duplicate reminders: two runs at the same time (two worker threads; and plain threads) send
  one e-mail per person with each reminder exactly once.
* Broker outage: with the broker on a closed port, a save that causes a notice answers fast,
  is stored, leaves the outbox row pending, and the notice goes out once the broker is back.
* Worker crash: a worker subprocess killed (SIGKILL) mid-send; the message is redelivered to a
  new worker and exactly one e-mail file exists.

Without REDIS_URL these skip locally and fail under CI=true (``require_service``). Concurrent
writers need PostgreSQL: on SQLite (one in-memory database) those skip.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection, connections

from hengelo_participatie.celery import app as celery_app
from hengelo_participatie.notifications import agenda, bezorging, services
from hengelo_participatie.notifications.models import (
    Agendatoken,
    Bericht,
    BerichtStatus,
    Herinnering,
)
from hengelo_participatie.notifications.tasks import berichten_bezorgen, herinneringen_versturen
from tests.conftest import mfa_verify, require_service, reset_app_connections
from tests.factories import UserFactory

from .conftest import deadline

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")
DAG = date(2026, 5, 4)


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Gelijktijdige schrijvers vragen PostgreSQL (zet DATABASE_URL=postgres://...).")


@pytest.fixture
def db_verbindingen_sluiten() -> Iterator[None]:
    """Worker threads open their own database connections; close them after each task, or the
    test database cannot be flushed or dropped."""

    def sluit(**kwargs: Any) -> None:
        connections.close_all()

    signals.task_postrun.connect(sluit, weak=False)
    yield
    signals.task_postrun.disconnect(sluit)


def _trage_verzending(monkeypatch: pytest.MonkeyPatch, seconden: float) -> None:
    """Make each send take a moment, so that two runs really overlap while delivering."""
    from django.core.mail import EmailMultiAlternatives

    origineel = EmailMultiAlternatives.send

    def traag(self: Any, *args: Any, **kwargs: Any) -> int:
        time.sleep(seconden)
        return origineel(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", traag)


def _twee_tegelijk(testsoort: Any) -> list[Any]:
    mensen = [UserFactory() for _ in range(5)]
    barriere = threading.Barrier(2, timeout=30)

    def maker(on: date) -> list[Any]:
        barriere.wait()  # both scans reach this point before either writes anything
        return [
            deadline(m, nummer=n, datum=on, tekst=f"Punt {n}") for m in mensen for n in (1, 2, 3)
        ]

    testsoort(maker=maker)
    return mensen


def _precies_een_keer(mensen: list[Any]) -> None:
    assert len(mail.outbox) == len(mensen)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in mensen)
    for bericht in mail.outbox:
        for n in (1, 2, 3):
            assert bericht.body.count(f"Punt {n}\n") == 1
    assert Herinnering.objects.count() == 15
    assert not Herinnering.objects.filter(verzonden_op__isnull=True).exists()
    assert Bericht.objects.filter(status=BerichtStatus.VERZONDEN).count() == len(mensen)


# --- Duplicate reminders ------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_runs_in_threads_sturen_alles_precies_een_keer(
    postgres, testsoort, monkeypatch
):
    mensen = _twee_tegelijk(testsoort)
    _trage_verzending(monkeypatch, 0.05)
    fouten: list[BaseException] = []

    def run() -> None:
        try:
            services.herinneringen_verwerken(op=DAG)
        except BaseException as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert fouten == []
    _precies_een_keer(mensen)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_taken_op_een_echte_worker_sturen_alles_precies_een_keer(
    postgres, redis_celery, db_verbindingen_sluiten, testsoort, monkeypatch
):
    mensen = _twee_tegelijk(testsoort)
    _trage_verzending(monkeypatch, 0.05)
    with start_worker(
        redis_celery, pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING"
    ):
        eerste = herinneringen_versturen.delay(DAG.isoformat())
        tweede = herinneringen_versturen.delay(DAG.isoformat())
        uitkomsten = [eerste.get(timeout=60), tweede.get(timeout=60)]
    assert eerste.id != tweede.id
    assert sum(u["verzonden"] for u in uitkomsten) == len(mensen)
    _precies_een_keer(mensen)


# --- Broker outage ------------------------------------------------------------------------------
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_broker_onbereikbaar_bij_opslaan_en_bezorgd_als_hij_terug_is(
    client, db_verbindingen_sluiten
):
    if not REDIS_URL:
        require_service("Redis", "zet REDIS_URL om met een echte worker te testen")
    user = UserFactory(roles=["lid"])
    mfa_verify(client, user)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dode_poort = s.getsockname()[1]
    saved = {
        k: celery_app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")
    }
    reset_app_connections(celery_app)
    celery_app.conf.update(
        broker_url=f"redis://127.0.0.1:{dode_poort}/0",
        task_always_eager=False,
        task_default_queue=f"test-{uuid.uuid4().hex}",
    )
    gepubliceerd: list[str] = []

    def publicatie(sender: Any = None, **kwargs: Any) -> None:
        gepubliceerd.append(str(sender))

    signals.before_task_publish.connect(publicatie, weak=False)
    try:
        start = time.monotonic()
        response = client.post("/portaal/herinneringen/agenda/", {"actie": "nieuw"})
        duur = time.monotonic() - start
    finally:
        signals.before_task_publish.disconnect(publicatie)

    assert response.status_code == 200
    assert duur < 1.0, f"het opslaan wachtte {duur:.1f} s"
    assert gepubliceerd == []  # the request did not even try the broker
    assert Agendatoken.objects.filter(gebruiker=user, ingetrokken_op__isnull=True).exists()
    melding = Herinnering.objects.get(ontvanger=user, soort="agendalink_nieuw")
    assert melding.verzonden_op is None  # pending in the outbox
    assert mail.outbox == []

    # The broker is back: the periodic task, on a real worker, delivers it.
    try:
        reset_app_connections(celery_app)
        celery_app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL)
        with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            assert berichten_bezorgen.delay().get(timeout=30) == {"verzonden": 1, "mislukt": 0}
    finally:
        celery_app.conf.update(saved)
        reset_app_connections(celery_app)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "nieuwe link naar uw persoonlijke agenda" in mail.outbox[0].body
    melding.refresh_from_db()
    assert melding.verzonden_op is not None


# --- Worker crash -------------------------------------------------------------------------------
WORKER_SCRIPT = """
import os, sys
sys.path.insert(0, os.environ["ROOT"])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hengelo_participatie.settings")
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "tests.notifications.trage_mail.TrageBestandBackend"
settings.EMAIL_FILE_PATH = os.environ["MAILMAP"]
from hengelo_participatie.celery import app
opties = dict(app.conf.broker_transport_options)
# Redeliver an unacknowledged task after 3 s instead of hours, and look for one every second.
opties.update(visibility_timeout=3, unacked_restore_interval=1, unacked_restore_throttle=1)
app.conf.update(
    broker_url=os.environ["BROKER"], result_backend=os.environ["BROKER"],
    task_default_queue=os.environ["QUEUE"], broker_transport_options=opties,
    task_always_eager=False,
)
app.worker_main(["worker", "--pool=solo", "--loglevel=INFO", "-Q", os.environ["QUEUE"],
                 "-n", "crash-%s@%%h" % os.getpid(), "--without-gossip", "--without-mingle",
                 "--without-heartbeat"])
"""


def _worker(tmp_path: Path, *, queue: str, traag: float, naam: str) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "ROOT": str(ROOT),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "hengelo_participatie.settings",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "BROKER": REDIS_URL,
        "QUEUE": queue,
        "MAILMAP": str(tmp_path / "mail"),
        "TRAAG": str(traag),
    }
    script = tmp_path / "worker.py"
    script.write_text(WORKER_SCRIPT)
    log = (tmp_path / f"{naam}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, str(script)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


def _wacht(voorwaarde: Any, *, seconden: float, wat: str) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return
        time.sleep(0.2)
    raise AssertionError(f"Na {seconden} s nog niet: {wat}")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_verzenden_geeft_precies_een_mail(postgres, redis_celery, tmp_path):
    if connection.settings_dict.get("PASSWORD"):
        pytest.skip("De worker-subprocess gebruikt een verbinding zonder wachtwoord (trust).")
    (tmp_path / "mail").mkdir()
    user = UserFactory(roles=["lid"])
    agenda.agendatoken_maken(gebruiker=user)
    bezorging.dagoverzichten_samenstellen(dag=bezorging.timezone.localdate())
    bericht = Bericht.objects.get(ontvanger=user)
    queue = redis_celery.conf.task_default_queue
    taak = berichten_bezorgen.apply_async(queue=queue)
    connections.close_all()

    eerste = _worker(tmp_path, queue=queue, traag=60, naam="eerste")
    try:
        _wacht(lambda: (tmp_path / "bezig").exists(), seconden=60, wat="de eerste worker verstuurt")
        bericht.refresh_from_db()
        assert bericht.status == BerichtStatus.VERZENDEN
        assert bericht.claim == taak.id
        os.kill(eerste.pid, signal.SIGKILL)  # mid-send: the mail file is not written yet
        eerste.wait(timeout=10)
    finally:
        if eerste.poll() is None:
            eerste.kill()
    assert list((tmp_path / "mail").iterdir()) == []

    time.sleep(4)  # past the (test) visibility timeout: the message is visible again
    tweede = _worker(tmp_path, queue=queue, traag=0, naam="tweede")
    try:

        def verzonden() -> bool:
            status = Bericht.objects.filter(pk=bericht.pk).values_list("status", flat=True).first()
            connections.close_all()
            return status == BerichtStatus.VERZONDEN

        _wacht(verzonden, seconden=60, wat="de tweede worker heeft het bericht verzonden")
        assert taak.get(timeout=30) == {"verzonden": 1, "mislukt": 0}
    finally:
        tweede.send_signal(signal.SIGTERM)
        try:
            tweede.wait(timeout=20)
        except subprocess.TimeoutExpired:
            tweede.kill()
            tweede.wait(timeout=10)
        connections.close_all()

    bestanden = list((tmp_path / "mail").iterdir())
    assert len(bestanden) == 1, [b.name for b in bestanden]
    assert "nieuwe link naar uw persoonlijke agenda" in bestanden[0].read_text()
    bericht.refresh_from_db()
    # The same task (same id) was redelivered and took over its own claim: two attempts, one mail.
    assert bericht.claim == taak.id
    assert bericht.pogingen == 2
