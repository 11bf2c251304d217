"""Bench hook of the yearly cycle: the council's annual report, rendered the way production does
it, through the Celery task ``jaarverslag_maken`` (run with ``apply``: the task's own code path,
in this process, without a worker), never in a request.

Kept in its own module so that ``run.py`` only calls ``measure_jaarverslag()`` and prints
``regel(...)``. Project code is imported inside the functions: Django is set up only after the
bench database exists.
"""

from __future__ import annotations

import time
from typing import Any


def measure_jaarverslag() -> dict[str, Any]:
    """Time one annual report of this year (figures, charts, PDF, private file) over all the
    data the bench built (about ten years at 10x), with its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hengelo_participatie.accounts.demo import demo_gebruiker
    from hengelo_participatie.core.schrijven import vandaag
    from jaarcyclus.models import Jaarverslag
    from jaarcyclus.tasks import jaarverslag_maken

    door = demo_gebruiker("ondersteuner")
    if door is None:
        return {"niet_gemeten": "geen demo-ondersteuner"}
    verslag = Jaarverslag.objects.create(
        jaar=vandaag().year, peildatum=vandaag(), aangevraagd_door=door
    )
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        status = jaarverslag_maken.apply(args=[verslag.pk]).get()
        duur = time.perf_counter() - t
    return {"seconden": round(duur, 2), "queries": len(ctx.captured_queries), "status": status}


def regel(schaal: str, meting: dict[str, Any]) -> str:
    if "niet_gemeten" in meting:
        return f"- Annual report (jaarverslag) in Celery at {schaal}: niet gemeten ({meting['niet_gemeten']})."
    return (
        f"- Annual report (jaarverslag) in Celery at {schaal}: {meting['seconden']} s, "
        f"{meting['queries']} queries, {meting['status']}."
    )
