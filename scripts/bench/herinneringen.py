"""What the bench measures after the pages: the reminder scan over many open deadlines, and the
participatiemix yearly report in Celery.

Both run after the page timings, because the open deadlines (up to 100,000 extra advice requests
waiting for the College) would otherwise be part of every page's data; the bench database is
made anew by the next run.

Project modules are imported inside the functions: ``run.py`` sets Django up only after it has
created the bench database.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.bench.gedeeld import ROOT, log

#: Sizes of the scan benchmark (open deadlines).
OPEN_DEADLINES = (10_000, 100_000)
#: Kenmerk prefix of the bulk-made requests.
PREFIX = "BO-"
#: Over how many days (back from today) the deadlines of the "ten years" case are spread.
SPREIDING_DAGEN = 3650


def _open_aanvragen_tot(aantal: int) -> None:
    """Bring the bulk-made open requests (sent, College response not yet in) to ``aantal``,
    with ``bulk_create``: through the services 100,000 would take an hour."""
    from adviesraad.models.advies import Adviesaanvraag, Soort, Status

    bestaand = Adviesaanvraag.objects.filter(kenmerk__startswith=PREFIX).count()
    Adviesaanvraag.objects.bulk_create(
        (
            Adviesaanvraag(
                kenmerk=f"{PREFIX}{i:07d}",
                soort=Soort.GEVRAAGD,
                status=Status.VERZONDEN,
                titel=f"Bench: open aanvraag {i}",
            )
            for i in range(bestaand, aantal)
        ),
        batch_size=5000,
    )


def _deadlines_zetten(*, gespreid: bool) -> None:
    """Set the College's deadline of every bulk-made request: spread over ten years back (and a
    month ahead), or all within the scan's window (overdue up to ``INHAALTERMIJN``, or due
    within the lead time): the worst case, every item offered in one scan. One UPDATE."""
    from django.db import connection
    from django.utils import timezone

    from hengelo_participatie.notifications.models import Herinnering
    from hengelo_participatie.notifications.registry import INHAALTERMIJN

    Herinnering.objects.filter(kenmerk__startswith=PREFIX).delete()
    vandaag = timezone.localdate()
    spreiding = SPREIDING_DAGEN + 30 if gespreid else INHAALTERMIJN.days + 14
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE adviesraad_adviesaanvraag SET reactie_uiterlijk = %s::date + 14 - (id %% %s)::int"
            " WHERE kenmerk LIKE %s",
            [vandaag, spreiding, f"{PREFIX}%"],
        )


def _scan() -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hengelo_participatie.notifications.services import herinneringen_plannen

    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        resultaat = herinneringen_plannen(op=timezone.localdate())
        duur = time.perf_counter() - t
    return {
        "seconden": round(duur, 2),
        "queries": len(ctx.captured_queries),
        "batches": resultaat.batches,
        "deadlines": resultaat.deadlines,
        "nieuw_in_outbox": resultaat.aangeboden,
    }


def measure_open_deadlines(aantallen: tuple[int, ...] = OPEN_DEADLINES) -> dict[str, Any]:
    """The daily scan with 10,000 and 100,000 open deadlines, in two cases each:

    * ``tien_jaar``: the deadlines spread over ten years, most of them long overdue (the scan
      reads only those within its window);
    * ``alles_in_venster``: every one of them due or overdue within the window, so every one is
      offered and written in one scan (the first scan after a long outage, the worst case).
    """
    uit: dict[str, Any] = {}
    for aantal in aantallen:
        t = time.perf_counter()
        _open_aanvragen_tot(aantal)
        log(f"  {aantal} open deadlines gemaakt in {time.perf_counter() - t:.1f} s")
        for naam, gespreid in (("tien_jaar", True), ("alles_in_venster", False)):
            _deadlines_zetten(gespreid=gespreid)
            uit[f"{aantal}/{naam}"] = meting = _scan()
            log(f"  scan {aantal} {naam}: {meting}")
    return uit


# --- The yearly report in Celery ------------------------------------------------------------


@contextlib.contextmanager
def _worker(queue: str) -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker (solo pool) on the bench settings, consuming only ``queue``: another
    bench on the same Redis never takes its tasks, nor it theirs."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hengelo_participatie.settings_bench"}
    proces = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            str(Path(sys.executable).parent / "celery"),
            "--app=hengelo_participatie",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            f"--queues={queue}",
            f"--hostname={queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        yield proces
    finally:
        proces.terminate()
        proces.wait(timeout=30)


def _wachten_tot_klaar(rapportage_id: int, *, tijdslimiet: float) -> str:
    from participatiemix.models import Jaarrapportage, JaarrapportageStatus

    einde = time.perf_counter() + tijdslimiet
    while time.perf_counter() < einde:
        status = Jaarrapportage.objects.filter(pk=rapportage_id).values_list("status", flat=True)
        if status and status[0] in (JaarrapportageStatus.KLAAR, JaarrapportageStatus.MISLUKT):
            return str(status[0])
        time.sleep(0.05)
    return "te laat"


def measure_jaarrapportage() -> dict[str, Any]:
    """The participatiemix yearly report of this year (``jaarrapportage_maken``): in-process
    (eager, what ``make run`` does without a broker), and through Redis by a real worker, from
    queueing the task until the report is ready."""
    from django.utils import timezone

    from hengelo_participatie.accounts.demo import demo_gebruiker
    from hengelo_participatie.celery import app
    from participatiemix.models import Jaarrapportage
    from participatiemix.services.rapportage import jaarrapportage_aanvragen
    from participatiemix.tasks import jaarrapportage_maken

    door = demo_gebruiker("accounthouder")
    if door is None:
        return {"niet_gemeten": "geen demo-accounthouder"}
    jaar = timezone.localdate().year
    uit: dict[str, Any] = {"jaar": jaar}
    t = time.perf_counter()
    rapportage = jaarrapportage_aanvragen(jaar=jaar, door=door).rapportage
    uit["in_proces_s"] = round(time.perf_counter() - t, 2)
    rapportage.refresh_from_db()
    uit["in_proces_status"] = rapportage.status

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False  # through the broker now
    try:
        with _worker(queue) as proces:
            for _ in range(150):
                if app.control.ping(destination=[f"{queue}@{socket.gethostname()}"], timeout=0.2):
                    break
                if proces.poll() is not None:
                    return {**uit, "worker": f"niet gemeten (worker stopte: {proces.returncode})"}
            else:
                return {**uit, "worker": "niet gemeten (worker kwam niet op in 30 s)"}
            nieuw = Jaarrapportage.objects.create(
                jaar=jaar, peildatum=timezone.localdate(), aangevraagd_door=door
            )
            t = time.perf_counter()
            jaarrapportage_maken.apply_async(args=[nieuw.pk], queue=queue)
            status = _wachten_tot_klaar(nieuw.pk, tijdslimiet=120)
            uit["worker_s"] = round(time.perf_counter() - t, 2)
            uit["worker_status"] = status
    finally:
        app.conf.task_always_eager = eager
    return uit
