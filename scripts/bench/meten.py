"""What the bench measures: sessions, pages and their queries, the PDF, the reminder scan, and the
load through gunicorn and wrk.

Project modules are imported inside the functions, not to dodge a cycle: Django is set up by
``run.py`` only after the bench database exists.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scripts.bench.gedeeld import PORT, ROOT, log

# --- Sessions and pages ---------------------------------------------------------------------


def verified_session(rol: str) -> str:
    """A session key for the demo user of ``rol``, logged in and MFA-verified, the state a real
    login leaves behind (auth keys, device, login time, the UserSession bookkeeping)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_email.models import EmailDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hengelo_participatie.accounts.demo import demo_gebruiker
    from hengelo_participatie.accounts.middleware import LOGIN_AT_SESSION_KEY
    from hengelo_participatie.accounts.models import UserSession

    user = demo_gebruiker(rol)
    if user is None:
        raise SystemExit(f"Geen demo-gebruiker voor rol {rol}.")
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=True).first()
        or EmailDevice.objects.filter(user=user, confirmed=True).first()
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store[LOGIN_AT_SESSION_KEY] = time.time()
    store.create()
    UserSession.objects.get_or_create(session_key=store.session_key, defaults={"user": user})
    return str(store.session_key)


def pages() -> list[tuple[str, str, str | None]]:
    """(label, path, role) per page of the README's table; ``None`` is anonymous."""
    from adviesraad.models.advies import Adviesaanvraag
    from adviesraad.vergaderingen.models import Vergadering

    rijen: list[tuple[str, str, str | None]] = [
        ("home", "/", None),
        ("adviesraad", "/adviesraad/", None),
        ("participatie (openbaar)", "/participatie/", None),
        ("adviezen (register)", "/adviezen/", None),
        ("portaal (dashboard)", "/portaal/", "lid"),
        ("portaal (dashboard, voorzitter)", "/portaal/", "voorzitter"),
        ("kwartaalagenda", "/portaal/kwartaalagenda/", "lid"),
        ("vergaderingen", "/portaal/vergaderingen/", "lid"),
        ("lidmaatschap", "/portaal/lidmaatschap/", "lid"),
        ("participatie (activiteiten)", "/portaal/participatie/activiteiten/", "beleidsmedewerker"),
        ("advies (portaal)", "/portaal/advies/", "lid"),
        ("herinneringen", "/portaal/herinneringen/", "lid"),
        ("admin adviesaanvragen", "/admin/adviesraad/adviesaanvraag/", "ondersteuner"),
        ("admin leden", "/admin/adviesraad/lid/", "ondersteuner"),
    ]
    v = Vergadering.objects.filter(titel__startswith="Demo: ").order_by("begin").last()
    if v is not None:
        rijen.append(("vergadering (detail)", f"/portaal/vergaderingen/{v.pk}/", "lid"))
    a = Adviesaanvraag.objects.filter(zaaknummer__startswith="DEMO-").order_by("pk").first()
    if a is not None:
        rijen.append(("adviesaanvraag (detail)", f"/portaal/advies/{a.pk}/", "lid"))
    return rijen


def query_counts(
    rijen: list[tuple[str, str, str | None]], sessies: dict[str, str]
) -> dict[str, dict[str, Any]]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    uit: dict[str, dict[str, Any]] = {}
    for label, pad, rol in rijen:
        client = Client(SERVER_NAME="localhost")
        if rol:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessies[rol]
        client.get(pad)  # warm: the first request of a process fills caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(pad)
        uit[label] = {
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "bytes": len(response.content),
        }
    return uit


# --- Other measurements ---------------------------------------------------------------------


def timed(functie: Callable[[], Any], keer: int) -> list[float]:
    tijden = []
    for _ in range(keer):
        t = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - t)
    return tijden


def measure_pdf() -> dict[str, Any]:
    from django.utils import timezone
    from weasyprint import HTML

    from adviesraad.advies.documents import AdviesbriefDocument
    from adviesraad.models.advies import Advies
    from hengelo_participatie.pdf import documents
    from hengelo_participatie.pdf.rendering import BASE_URL

    advies = Advies.objects.filter(vastgesteld_op__isnull=False).order_by("pk").first()
    if advies is None:
        return {"niet_gemeten": "geen vastgesteld advies in de data"}
    doc = AdviesbriefDocument(advies=advies, datum=advies.vastgesteld_op or timezone.localdate())
    html = documents.render_html(doc)
    documents.render(doc)  # warm fonts and imports
    HTML(string=html, base_url=BASE_URL).write_pdf()
    project = timed(lambda: documents.render(doc), 5)
    kaal = timed(lambda: HTML(string=html, base_url=BASE_URL).write_pdf(), 5)
    return {
        "project_s": round(statistics.median(project), 3),
        "weasyprint_s": round(statistics.median(kaal), 3),
        "ratio": round(statistics.median(project) / statistics.median(kaal), 2),
    }


def measure_scan() -> dict[str, Any]:
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
        "deadlines": resultaat.deadlines,
        "nieuw_in_outbox": resultaat.aangeboden,
    }


# --- Server and load ------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn() -> Iterator[None]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hengelo_participatie.settings_bench"}
    bin_dir = Path(sys.executable).parent
    proces = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            str(bin_dir / "gunicorn"),
            "hengelo_participatie.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", PORT), 0.2):
                break
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn kwam niet op.")
        yield
    finally:
        proces.terminate()
        proces.wait(timeout=30)


def wrk(pad: str, cookie: str | None, duur: int) -> float:
    cmd = ["wrk", "-t1", "-c2", f"-d{duur}s", "-H", "Host: localhost"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(f"http://127.0.0.1:{PORT}{pad}")
    uit = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout  # noqa: S603
    if "Non-2xx or 3xx responses" in uit:
        raise SystemExit(f"wrk kreeg foutantwoorden op {pad}:\n{uit}")
    gevonden = re.search(r"Requests/sec:\s+([\d.]+)", uit)
    return float(gevonden.group(1)) if gevonden else 0.0


def load(
    rijen: list[tuple[str, str, str | None]], sessies: dict[str, str], rondes: int, duur: int
) -> dict[str, dict[str, Any]]:
    from django.conf import settings

    uit: dict[str, dict[str, Any]] = {}
    with gunicorn():
        for label, pad, rol in rijen:
            cookie = f"{settings.SESSION_COOKIE_NAME}={sessies[rol]}" if rol else None
            wrk(pad, cookie, 1)  # warm both workers
            wrk("/__bench/ok", cookie, 1)
            pagina, constant = [], []
            for _ in range(rondes):
                pagina.append(wrk(pad, cookie, duur))
                constant.append(wrk("/__bench/ok", cookie, duur))
            ratios = [p / c for p, c in zip(pagina, constant, strict=True) if c]
            # No ratio when the constant view finished no request in any round (a very short
            # --duration on a busy machine): reported as "niet gemeten" instead of a crash.
            uit[label] = {
                "pagina_rps": pagina,
                "constant_rps": constant,
                "ratio_mediaan": round(statistics.median(ratios), 4) if ratios else None,
                "ratio_min": round(min(ratios), 4) if ratios else None,
            }
            if ratios:
                log(f"  {label}: {statistics.median(ratios):.1%} van de constante view")
            else:
                log(f"  {label}: niet gemeten (de constante view haalde 0 verzoeken/s)")
    return uit
