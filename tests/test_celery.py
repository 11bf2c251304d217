"""Celery: the session clean-up task, in-process and through a real worker on real Redis.

* Without a broker (no REDIS_URL) ``.delay()`` runs the task in-process, on the same code path.
* With REDIS_URL a real worker (in a thread, solo pool) consumes the task from Redis; the test
  proves it went over the broker. Without REDIS_URL that test is skipped, or fails under CI=true.
* A broker on a closed port: /health/ answers quickly with 200 and broker "fout".
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from celery import Celery, signals
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hengelo_participatie import celery as celery_module
from hengelo_participatie.accounts.models import UserSession
from hengelo_participatie.accounts.tasks import clear_expired_sessions
from hengelo_participatie.celery import app as celery_app
from tests.conftest import reset_app_connections
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_NAME = "hengelo_participatie.accounts.tasks.clear_expired_sessions"


# --- Helpers ------------------------------------------------------------------------------------
def session_store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def make_live_session(user: Any) -> str:
    store = session_store()()
    store["doel"] = "blijft"
    store.create()
    UserSession.objects.create(user=user, session_key=store.session_key)
    return str(store.session_key)


def make_expired_session(user: Any) -> str:
    """A session past its expiry, the way the configured engine really holds one.

    Database engine: the row is still there, with an expire_date in the past, so only
    ``clear_expired()`` makes it disappear. Cache engine: the key has expired in the cache.
    """
    store = session_store()()
    store["doel"] = "verlopen"
    if settings.SESSION_ENGINE.endswith((".db", ".cached_db")):
        store.create()
        from django.contrib.sessions.models import Session

        Session.objects.filter(session_key=store.session_key).update(
            expire_date=timezone.now() - timedelta(days=1)
        )
        assert store.exists(store.session_key)  # still present until clear_expired()
    else:
        store.set_expiry(1)
        store.create()
        deadline = time.monotonic() + 5
        while store.exists(store.session_key) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not store.exists(store.session_key)
    UserSession.objects.create(user=user, session_key=store.session_key)
    return str(store.session_key)


def make_orphan(user: Any) -> str:
    """A UserSession whose session was deleted elsewhere (e.g. by a cache flush)."""
    key = uuid.uuid4().hex
    UserSession.objects.create(user=user, session_key=key)
    return key


@pytest.fixture
def eager() -> Iterator[Celery]:
    """Force the in-process path, also in a run where REDIS_URL is set."""
    old = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield celery_app
    finally:
        celery_app.conf.task_always_eager = old


# --- Configuration --------------------------------------------------------------------------------
def test_reliability_settings():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    visibility = conf.broker_transport_options["visibility_timeout"]
    # Redis redelivers unacknowledged tasks after the visibility timeout: it must exceed the
    # longest task plus the longest countdown or retry backoff.
    assert visibility > conf.task_time_limit + celery_module.MAX_COUNTDOWN
    assert clear_expired_sessions.retry_backoff_max <= celery_module.MAX_COUNTDOWN
    assert clear_expired_sessions.max_retries is not None  # bounded
    assert conf.task_publish_retry_policy["max_retries"] <= 3
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]


def test_autodiscover_and_beat_schedule_in_a_fresh_process():
    """In a fresh process (as in the worker) autodiscovery registers every scheduled task."""
    script = (
        "import json, sys, django; django.setup()\n"
        "from hengelo_participatie.celery import app\n"
        "before = 'hengelo_participatie.accounts.tasks' in sys.modules\n"
        "app.loader.import_default_modules()\n"
        "print(json.dumps({'before': before, 'tasks': sorted(app.tasks),\n"
        "  'beat': sorted(e['task'] for e in app.conf.beat_schedule.values())}))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hengelo_participatie.settings"}
    env["PYTHONPATH"] = str(ROOT)
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["before"] is False  # so it really is autodiscovery that imports it
    assert TASK_NAME in result["tasks"]
    assert TASK_NAME in result["beat"]
    assert set(result["beat"]) <= set(result["tasks"])


# --- (a) In-process -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_delay_runs_in_process_without_broker(eager):
    user = UserFactory()
    live = make_live_session(user)
    expired = make_expired_session(user)
    orphan = make_orphan(user)

    result = clear_expired_sessions.delay()

    assert isinstance(result, EagerResult)
    assert result.get(timeout=10) == 2
    remaining = set(UserSession.objects.values_list("session_key", flat=True))
    assert remaining == {live}
    assert expired not in remaining and orphan not in remaining
    store = session_store()
    assert store().exists(live)
    assert not store().exists(expired)
    if settings.SESSION_ENGINE.endswith(".db"):
        from django.contrib.sessions.models import Session

        assert not Session.objects.filter(session_key=expired).exists()


@pytest.mark.django_db
def test_task_is_idempotent(eager):
    user = UserFactory()
    live = make_live_session(user)
    make_expired_session(user)

    assert clear_expired_sessions.delay().get() == 1
    assert clear_expired_sessions.delay().get() == 0
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [live]


# --- (b) A real worker on the real Redis broker -------------------------------------------------
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_on_redis_runs_the_task(redis_celery):
    user = UserFactory()
    live = make_live_session(user)
    expired = make_expired_session(user)
    orphan = make_orphan(user)

    seen: list[dict[str, Any]] = []

    def record(sender: Any = None, task: Any = None, **kwargs: Any) -> None:
        if task is not None and task.name == TASK_NAME:
            seen.append(
                {
                    "hostname": task.request.hostname,
                    "is_eager": task.request.is_eager,
                    "routing_key": (task.request.delivery_info or {}).get("routing_key"),
                    "thread": threading.get_ident(),
                }
            )

    signals.task_prerun.connect(record, weak=False)
    try:
        with start_worker(
            redis_celery, pool="solo", perform_ping_check=False, loglevel="WARNING"
        ) as worker:
            result = clear_expired_sessions.delay()
            assert not isinstance(result, EagerResult)
            assert result.get(timeout=30) == 2
            assert result.status == "SUCCESS"
    finally:
        signals.task_prerun.disconnect(record)

    # It went over the broker: a worker picked it up from our queue, in its own thread.
    assert len(seen) == 1
    assert seen[0]["is_eager"] is False
    # The request names the worker's host (with or without the node-name prefix).
    assert seen[0]["hostname"] in {worker.hostname, worker.hostname.partition("@")[2]}
    assert seen[0]["routing_key"] == redis_celery.conf.task_default_queue
    assert seen[0]["thread"] != threading.get_ident()

    remaining = set(UserSession.objects.values_list("session_key", flat=True))
    assert remaining == {live}
    assert expired not in remaining and orphan not in remaining


# --- (c) Broker outage --------------------------------------------------------------------------
@pytest.fixture
def dead_broker() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0"  # closed again: nothing listens there
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    reset_app_connections(celery_app)
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    try:
        yield url
    finally:
        celery_app.conf.update(saved)
        reset_app_connections(celery_app)


@pytest.mark.django_db
def test_health_reports_broker_outage_fast_and_stays_200(client, dead_broker):
    start = time.monotonic()
    response = client.get(reverse("health"))
    elapsed = time.monotonic() - start

    assert response.status_code == 200
    body = response.json()
    assert body["broker"]["state"] == "fout"
    assert body["broker"]["error"]
    assert body["database"] == {"state": "ok"}
    assert body["status"] == "fout"
    assert dead_broker not in response.content.decode()
    assert elapsed < 3
