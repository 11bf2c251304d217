"""Periodic housekeeping for sessions (scheduled in hengelo_participatie/celery.py).

The task is thin and idempotent: running it twice, or concurrently, removes nothing extra.
"""

from __future__ import annotations

import logging
from importlib import import_module

import redis.exceptions
from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .models import UserSession

logger = logging.getLogger(__name__)

#: Rows deleted per statement, so a large backlog never makes one huge transaction.
DELETE_BATCH_SIZE = 500

#: Transient failures (database or Redis briefly unreachable) are retried with backoff, a bounded
#: number of times. The longest backoff stays far below the Redis visibility timeout.
RETRY_ON = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


@shared_task(
    name="hengelo_participatie.accounts.tasks.clear_expired_sessions",
    autoretry_for=RETRY_ON,
    max_retries=5,
    retry_backoff=10,
    retry_backoff_max=10 * 60,
    retry_jitter=True,
)
def clear_expired_sessions() -> int:
    """Purge expired sessions, then the ``UserSession`` rows whose session no longer exists.

    Returns the number of ``UserSession`` rows removed. Works for every session engine: the
    database engine deletes expired rows in ``clear_expired()``; the cache engine lets Redis
    expire them, and ``exists()`` then answers False.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    store_class.clear_expired()

    stale: list[int] = []
    rows = UserSession.objects.order_by("pk").values_list("pk", "session_key")
    for pk, session_key in rows.iterator(chunk_size=1000):
        if not store_class(session_key=session_key).exists(session_key):
            stale.append(pk)

    removed = 0
    for start in range(0, len(stale), DELETE_BATCH_SIZE):
        batch = stale[start : start + DELETE_BATCH_SIZE]
        removed += UserSession.objects.filter(pk__in=batch).delete()[0]
    logger.info(
        "actor=systeem action=sessies-opruimen object=UserSession result=ok verwijderd=%d",
        removed,
    )
    return removed
