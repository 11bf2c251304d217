"""The delivery task of the advice workflow (scheduled by the beat in hengelo_participatie/celery.py).

Thin and idempotent, like ``hengelo_participatie/notifications/tasks.py``: the task id is the
claim, so a task redelivered after a worker crash (same id) takes over exactly the deliveries it
had claimed, and two runs never send the same one. SMTP errors are recorded on the delivery and
retried with backoff; the backoff maximum stays below the Redis visibility timeout.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from hengelo_participatie.notifications.tasks import TAAK_OPTIES

from .services import bezorging


@shared_task(name="adviesraad.advies.tasks.bezorgingen_versturen", **TAAK_OPTIES)
def bezorgingen_versturen(self: Any) -> dict[str, int]:
    resultaat = bezorging.bezorgingen_versturen(claim=self.request.id or None)
    if resultaat.laatste_fout is not None:
        # The failed rows are back in the queue with their backoff; Celery retries the task too.
        raise resultaat.laatste_fout
    return {"bezorgd": len(resultaat.bezorgd), "mislukt": len(resultaat.mislukt)}
