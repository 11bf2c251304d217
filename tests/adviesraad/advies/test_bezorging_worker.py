"""Issue 14, delivery faults on real infrastructure: a Celery worker killed (SIGKILL) while it
sends the advice to the College, on the real Redis broker, against a real SMTP server (aiosmtpd
in this process). The task is redelivered to a new worker, which takes over its own claim: the
College receives the advice exactly once, with the recorded SHA-256.

Like tests/notifications/test_worker.py: needs REDIS_URL (skipped locally without it, fails under
CI=true) and PostgreSQL (the worker subprocess shares the test database).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from adviesraad.advies.services import bezorging as bezorg_services
from adviesraad.advies.tasks import bezorgingen_versturen
from adviesraad.models.college import Bezorging, Bezorgstatus, Ontvangersoort

from .conftest import SmtpServer
from .helpers import gevraagd, tot_verzonden
from .test_bezorging import SECRETARIAAT, _bijlage

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("REDIS_URL", "")

WORKER_SCRIPT = """
import os, sys
sys.path.insert(0, os.environ["ROOT"])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hengelo_participatie.settings")
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "tests.adviesraad.advies.trage_smtp.TrageSmtpBackend"
settings.EMAIL_HOST = "127.0.0.1"
settings.EMAIL_PORT = int(os.environ["SMTP_POORT"])
settings.EMAIL_USE_TLS = False
settings.EMAIL_HOST_USER = ""
settings.EMAIL_HOST_PASSWORD = ""
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
                 "-n", "college-%s@%%h" % os.getpid(), "--without-gossip", "--without-mingle",
                 "--without-heartbeat"])
"""


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("De worker-subprocess deelt de testdatabase: zet DATABASE_URL=postgres://...")


def _worker(
    tmp_path: Path, *, queue: str, traag: float, naam: str, smtp: int, media: Path
) -> subprocess.Popen[bytes]:
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
        "SMTP_POORT": str(smtp),
        "PRIVATE_MEDIA_ROOT": str(media),
        "MARKER_MAP": str(tmp_path),
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


def _aan_college(server: SmtpServer) -> list[bytes]:
    """What reached the College (the members' own notices of the steps go through it too)."""
    return [raw for ontvangers, raw in server.berichten if ontvangers == [SECRETARIAAT]]


def _stop(proces: subprocess.Popen[bytes]) -> None:
    proces.send_signal(signal.SIGTERM)
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait(timeout=10)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_tijdens_bezorgen_college_krijgt_het_advies_precies_een_keer(
    postgres: None,
    redis_celery: Any,
    raad: dict[str, Any],
    pdf_bytes: bytes,
    smtp_server: SmtpServer,
    private_media: Path,
    tmp_path: Path,
) -> None:
    if connection.settings_dict.get("PASSWORD"):
        pytest.skip("De worker-subprocess gebruikt een verbinding zonder wachtwoord (trust).")
    bezorg_services.ontvangers_vastleggen(
        soort=Ontvangersoort.COLLEGE,
        adressen=SECRETARIAAT,
        geldig_vanaf=timezone.localdate(),
        door=None,
    )
    aanvraag = gevraagd(raad, pdf_bytes)
    # The step's on-commit delivery only runs in-process without a broker; here the broker is
    # real, so the row waits for the task.
    tot_verzonden(aanvraag, raad)
    bezorging = Bezorging.objects.get(aanvraag=aanvraag)
    assert bezorging.status == Bezorgstatus.WACHTEND
    queue = redis_celery.conf.task_default_queue
    taak = bezorgingen_versturen.apply_async(queue=queue)
    connections.close_all()

    kwargs = {"queue": queue, "smtp": smtp_server.poort, "media": private_media}
    eerste = _worker(tmp_path, traag=60, naam="eerste", **kwargs)
    try:
        _wacht(lambda: (tmp_path / "bezig").exists(), seconden=60, wat="de worker verstuurt")
        bezorging.refresh_from_db()
        assert bezorging.status == Bezorgstatus.VERZENDEN and bezorging.claim == taak.id
        os.kill(eerste.pid, signal.SIGKILL)  # mid-send: the SMTP server has nothing yet
        eerste.wait(timeout=10)
    finally:
        if eerste.poll() is None:
            eerste.kill()
    assert _aan_college(smtp_server) == []

    time.sleep(4)  # past the (test) visibility timeout: the task is visible again
    tweede = _worker(tmp_path, traag=0, naam="tweede", **kwargs)
    try:

        def bezorgd() -> bool:
            status = (
                Bezorging.objects.filter(pk=bezorging.pk).values_list("status", flat=True).first()
            )
            connections.close_all()
            return status == Bezorgstatus.BEZORGD

        _wacht(bezorgd, seconden=60, wat="de tweede worker heeft het advies bezorgd")
        assert taak.get(timeout=30) == {"bezorgd": 1, "mislukt": 0}
    finally:
        _stop(tweede)
        connections.close_all()

    college = _aan_college(smtp_server)
    assert len(college) == 1
    _, inhoud = _bijlage(college[0])
    bezorging.refresh_from_db()
    poging = bezorging.pogingen_log.get()  # the killed attempt left no record, the second one did
    assert poging.gelukt and hashlib.sha256(inhoud).hexdigest() == poging.sha256
    # The same task (same id) was redelivered and took over its own claim: two tries, one mail.
    assert bezorging.claim == taak.id and bezorging.pogingen == 2
