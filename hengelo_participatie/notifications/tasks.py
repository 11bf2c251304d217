"""The reminder tasks (scheduled by the beat in hengelo_participatie/celery.py).

Thin and idempotent: each calls the services with its own task id as the claim, so a redelivered
task (same id, after a worker crash) takes over exactly the messages it had claimed, and two
concurrent runs never send the same message. SMTP errors are recorded on the message and retried
with exponential backoff; the backoff maximum stays below the Redis visibility timeout.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import redis.exceptions
from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import bezorging, overzicht, services

logger = logging.getLogger("hengelo_participatie.notifications")

RETRY_ON = (
    *bezorging.SMTP_FOUTEN,
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
TAAK_OPTIES: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": RETRY_ON,
    "max_retries": bezorging.MAX_POGINGEN,
    "retry_backoff": 60,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": False,
}


def _claim(task: Any) -> str | None:
    return task.request.id or None


def _uitkomst(resultaat: bezorging.BezorgResultaat) -> dict[str, int]:
    if resultaat.laatste_fout is not None:
        # The failed messages are back in the queue with their error and backoff; let Celery
        # retry the task with backoff too.
        raise resultaat.laatste_fout
    return {"verzonden": len(resultaat.verzonden), "mislukt": len(resultaat.mislukt)}


@shared_task(name="hengelo_participatie.notifications.tasks.herinneringen_versturen", **TAAK_OPTIES)
def herinneringen_versturen(self: Any, datum: str | None = None) -> dict[str, int]:
    """Daily: scan all providers for today (or ``datum``), assemble the digests, send them."""
    op = date.fromisoformat(datum) if datum else timezone.localdate()
    resultaat = services.herinneringen_verwerken(op=op, claim=_claim(self))
    overzicht.vernieuwen(op=op)  # the dashboard's week overview, from the same providers
    uitkomst = _uitkomst(resultaat.bezorging)
    return {"deadlines": resultaat.scan.deadlines, **uitkomst}


@shared_task(name="hengelo_participatie.notifications.tasks.berichten_bezorgen", **TAAK_OPTIES)
def berichten_bezorgen(self: Any) -> dict[str, int]:
    """Every few minutes: put today's new reminders in a digest and send what is due (also the
    retries after an SMTP error)."""
    bezorging.dagoverzichten_samenstellen(dag=timezone.localdate())
    return _uitkomst(bezorging.berichten_bezorgen(claim=_claim(self)))
