"""Health check for load balancers, Docker and monitoring: ``GET /health/``.

Reports the database, the cache and the Celery broker separately::

    {"status": "ok", "database": {"state": "ok"}, "cache": {"state": "ok"},
     "broker": {"state": "in-process"}}

* HTTP 200 as long as the database answers, also when the cache or the broker is down: the site
  keeps working without them (see QUALITY.md, "a web request must never depend on the broker").
  ``status`` is then ``"fout"`` so monitoring still sees the problem.
* HTTP 503 when the database does not answer.
* A failed check reports only the exception's class name: never its message, which may hold a
  host name, a user name or a URL.
* Every check has a short time limit, so the endpoint answers within seconds when Redis hangs.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe
from kombu import Connection

from hengelo_participatie.celery import app as celery_app

logger = logging.getLogger(__name__)

#: Seconds a broker check may take (connect plus one round trip).
BROKER_TIMEOUT = 2

OK = "ok"
FOUT = "fout"
IN_PROCESS = "in-process"

Result = dict[str, str]


class HealthCheckError(Exception):
    """A service answered, but not with what the check expected."""


def check_database() -> Result:
    """``SELECT 1`` on the default database."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    if row is None or row[0] != 1:
        raise HealthCheckError("SELECT 1 gaf geen 1")
    return {"state": OK}


def check_cache() -> Result:
    """Write, read back and delete a random key."""
    key = f"health-check:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    try:
        if cache.get(key) != value:
            raise HealthCheckError("de cache gaf een andere waarde terug")
    finally:
        cache.delete(key)
    return {"state": OK}


def broker_is_in_process() -> bool:
    """True when tasks run eagerly in the web process (no broker configured)."""
    broker_url = str(celery_app.conf.broker_url or "")
    return bool(celery_app.conf.task_always_eager) or broker_url.startswith("memory://")


def check_broker() -> Result:
    """One connection attempt to the broker, bounded by :data:`BROKER_TIMEOUT`."""
    if broker_is_in_process():
        return {"state": IN_PROCESS}
    transport_options: dict[str, Any] = dict(celery_app.conf.broker_transport_options or {})
    transport_options.update(
        socket_timeout=BROKER_TIMEOUT,
        socket_connect_timeout=BROKER_TIMEOUT,
    )
    with Connection(
        celery_app.conf.broker_url,
        connect_timeout=BROKER_TIMEOUT,
        transport_options=transport_options,
    ) as conn:
        conn.ensure_connection(
            max_retries=1,
            interval_start=0,
            interval_step=0,
            interval_max=0,
            timeout=BROKER_TIMEOUT,
        )
    return {"state": OK}


def _run(name: str, check: Callable[[], Result]) -> Result:
    try:
        return check()
    except Exception as exc:
        # Only the class name: messages of driver errors can contain hosts or user names.
        error = type(exc).__name__
        logger.warning("health: %s niet bereikbaar (%s)", name, error)
        return {"state": FOUT, "error": error}


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    database = _run("database", check_database)
    results = {
        "database": database,
        "cache": _run("cache", check_cache),
        "broker": _run("broker", check_broker),
    }
    all_ok = all(r["state"] in {OK, IN_PROCESS} for r in results.values())
    payload: dict[str, object] = {"status": OK if all_ok else FOUT, **results}
    status = 200 if database["state"] == OK else 503
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    return response
