"""Celery tasks of the participatiemix. Thin: take ids, reload, call one service."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services.rapportage_maken import jaarrapportage_genereren


@shared_task(
    name="participatiemix.tasks.jaarrapportage_maken",
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=10,
    retry_backoff_max=5 * 60,
    retry_jitter=True,
)
def jaarrapportage_maken(rapportage_id: int) -> str:
    """Make the yearly report PDF of request ``rapportage_id``; idempotent (done: no-op)."""
    return jaarrapportage_genereren(rapportage_id=rapportage_id)
