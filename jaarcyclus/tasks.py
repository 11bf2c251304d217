"""Celery tasks of the yearly cycle. Thin: take ids, reload, call one service."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services.jaarverslag_maken import jaarverslag_genereren


@shared_task(
    name="jaarcyclus.tasks.jaarverslag_maken",
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=10,
    retry_backoff_max=5 * 60,
    retry_jitter=True,
)
def jaarverslag_maken(verslag_id: int) -> str:
    """Make the PDF of request ``verslag_id``; idempotent (done: no-op)."""
    return jaarverslag_genereren(verslag_id=verslag_id)
