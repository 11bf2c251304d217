"""/health/: per-service states, 200 while the database answers, 503 when it does not.

The failure tests run the real settings in a subprocess against real failures (a closed port, a
server that accepts connections and never answers), so nothing is patched where it matters.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from hengelo_participatie import health

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, os, sys, time
import django
django.setup()
from django.test import Client
start = time.monotonic()
response = Client().get("/health/")
print(json.dumps({
    "status_code": response.status_code,
    "body": response.content.decode(),
    "cache_control": response.get("Cache-Control", ""),
    "seconds": time.monotonic() - start,
}))
"""


def run_health_probe(env_overrides: dict[str, str], timeout: float = 60) -> dict[str, object]:
    """GET /health/ in a fresh process with the given environment (real settings, no mocks)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"}
    }
    env.update(DJANGO_SETTINGS_MODULE="hengelo_participatie.settings", PYTHONPATH=str(ROOT))
    env.update(env_overrides)
    completed = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["json"] = json.loads(result["body"])
    result["stderr"] = completed.stderr
    return result


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never answers: a hanging Redis."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in accepted:
            conn.close()
        server.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.django_db
def test_health_ok_with_embedded_defaults(client, settings, monkeypatch):
    from hengelo_participatie.celery import app

    # The suite forces in-process tasks; health must see the configured broker instead.
    monkeypatch.setitem(app.conf, "task_always_eager", settings.CELERY_TASK_ALWAYS_EAGER)
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["database"] == {"state": "ok"}
    assert body["cache"] == {"state": "ok"}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        assert body["broker"] == {"state": "in-process"}
    else:  # REDIS_URL is set: a real broker that must answer
        assert body["broker"] == {"state": "ok"}
    assert body["status"] == "ok"
    assert set(body) == {"status", "database", "cache", "broker"}


@pytest.mark.django_db
def test_health_is_never_cached(client):
    response = client.get(reverse("health"))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_anonymous_and_read_only(client):
    assert client.get(reverse("health")).status_code == 200
    assert client.head(reverse("health")).status_code == 200
    assert client.post(reverse("health")).status_code == 405


@pytest.mark.django_db
def test_database_failure_gives_503_with_class_name_only(client):
    def broken() -> dict[str, str]:
        raise OperationalError("could not connect to server at db.intern:5432 as hengelo")

    with mock.patch.object(health, "check_database", broken):
        response = client.get(reverse("health"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["database"] == {"state": "fout", "error": "OperationalError"}
    assert "db.intern" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_cache_failure_still_200(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get(reverse("health"))

    assert response.status_code == 200
    body = response.json()
    assert body["database"] == {"state": "ok"}
    assert body["cache"] == {"state": "fout", "error": "ConnectionError"}
    assert body["status"] == "fout"


def test_real_database_failure_gives_503_and_no_secrets():
    """PostgreSQL on a closed port, with a password in the URL: 503, password nowhere."""
    secret = "Geheim-wachtwoord-7f3a"
    result = run_health_probe(
        {
            "DATABASE_URL": f"postgres://hengelo:{secret}@127.0.0.1:{closed_port()}/hengelo"
            "?connect_timeout=2",
        }
    )

    assert result["status_code"] == 503
    body = result["json"]
    assert body["status"] == "fout"
    assert body["database"]["state"] == "fout"
    assert body["database"]["error"] == "OperationalError"
    assert body["cache"] == {"state": "ok"}
    assert body["broker"] == {"state": "in-process"}
    assert "no-store" in result["cache_control"]
    assert secret not in result["body"]
    assert secret not in result["stderr"]  # the log line names the class only


def test_hanging_redis_does_not_hang_health(silent_server, tmp_path):
    """Redis accepts connections but never answers: still 200 within a few seconds."""
    url = f"redis://127.0.0.1:{silent_server}/0"
    result = run_health_probe(
        {"REDIS_URL": url, "DATABASE_URL": f"sqlite:///{tmp_path / 'health.sqlite3'}"}
    )

    assert result["status_code"] == 200
    body = result["json"]
    assert body["database"] == {"state": "ok"}
    assert body["cache"]["state"] == "fout"
    assert body["broker"]["state"] == "fout"
    assert body["status"] == "fout"
    # Cache and broker each have a two-second limit.
    assert result["seconds"] < 8


def test_broker_check_is_bounded_in_time(settings, silent_server):
    """check_broker on its own: a hanging broker costs at most about BROKER_TIMEOUT."""
    from hengelo_participatie.celery import app

    old = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = f"redis://127.0.0.1:{silent_server}/0"
    app.conf.task_always_eager = False
    try:
        start = time.monotonic()
        result = health._run("broker", health.check_broker)
        elapsed = time.monotonic() - start
    finally:
        app.conf.broker_url, app.conf.task_always_eager = old

    assert result["state"] == "fout"
    assert elapsed < health.BROKER_TIMEOUT * 2 + 1
