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


def alle_rollen() -> list[str]:
    """Every role of the role table (``accounts.roles.Rol``) that has a demo user."""
    from hengelo_participatie.accounts.demo import demo_gebruiker
    from hengelo_participatie.accounts.roles import Rol

    return [rol.value for rol in Rol if demo_gebruiker(rol.value) is not None]


def andere_rollen(
    rijen: list[tuple[str, str, str | None]], sessies: dict[str, str]
) -> list[tuple[str, str, str | None]]:
    """Extra rows: each page behind a login again as every other role of the role table that
    gets a 200 on it (asked in-process, the way the access matrix asks). Public pages stay
    anonymous. The label names the role, so every row has its own key."""
    from django.conf import settings
    from django.test import Client

    extra: list[tuple[str, str, str | None]] = []
    gezien = {(pad, rol) for _, pad, rol in rijen}
    for label, pad, rol in rijen:
        if rol is None:
            continue
        for ander in sessies:
            if (pad, ander) in gezien:
                continue
            gezien.add((pad, ander))
            client = Client(SERVER_NAME="localhost")
            client.cookies[settings.SESSION_COOKIE_NAME] = sessies[ander]
            if client.get(pad).status_code == 200:
                extra.append((f"{label} · {ander}", pad, ander))
    return extra


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


def kale_weasyprint(html: str) -> bytes:
    """Bare WeasyPrint on the same HTML with the same resources: WeasyPrint's own fetcher, with
    ``/static/`` read from ``STATIC_ROOT`` (so the print stylesheet and the Noto Sans fonts load
    as in the project), and WeasyPrint's defaults: no PDF/A variant, no finisher, no caches."""
    from pathlib import Path

    from django.conf import settings
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from hengelo_participatie.pdf.rendering import BASE_URL

    class StatischeFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(str(settings.STATIC_URL)):
                url = (Path(settings.STATIC_ROOT) / url[len(str(settings.STATIC_URL)) :]).as_uri()
            return super().fetch(url, headers)

    pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=StatischeFetcher()).write_pdf()
    return pdf


def kale_weasyprint_zonder_bronnen(html: str) -> bytes:
    """What the bench called bare before: WeasyPrint cannot resolve ``/static/`` against the
    project's fake base URL, so it renders without the stylesheet and with a system font. Kept
    only so numbers stay comparable with earlier runs."""
    from weasyprint import HTML

    from hengelo_participatie.pdf.rendering import BASE_URL

    pdf: bytes = HTML(string=html, base_url=BASE_URL).write_pdf()
    return pdf


def pdf_documenten() -> dict[str, Any]:
    """The advice letter and the quarterly agenda, as the project builds them (or a reason)."""
    from adviesraad.advies.documents import AdviesbriefDocument
    from adviesraad.kwartaalagenda import selectors as kwartaalagenda_selectors
    from adviesraad.kwartaalagenda.documents import KwartaalagendaDocument
    from adviesraad.kwartaalagenda.models import Versie
    from adviesraad.models.advies import Advies
    from hengelo_participatie.accounts.demo import demo_gebruiker

    docs: dict[str, Any] = {}
    advies = Advies.objects.filter(vastgesteld_op__isnull=False).order_by("pk").first()
    docs["advies"] = (
        AdviesbriefDocument(advies=advies, datum=advies.vastgesteld_op)
        if advies is not None and advies.vastgesteld_op is not None
        else "geen vastgesteld advies in de data"
    )
    versie = Versie.objects.order_by("-pk").first()
    docs["kwartaalagenda"] = (
        KwartaalagendaDocument(
            afdruk=kwartaalagenda_selectors.afdruk(demo_gebruiker("lid"), versie.agenda_id)
        )
        if versie is not None
        else "geen gepubliceerde kwartaalagenda in de data"
    )
    return docs


def measure_pdf() -> dict[str, Any]:
    """Per PDF: the project's render (template, safe fetcher, PDF/A-2a with tags, finisher)
    against bare WeasyPrint on the same HTML with the same stylesheet and fonts; median of 7."""
    from hengelo_participatie.pdf import documents

    uit: dict[str, Any] = {}
    for naam, doc in pdf_documenten().items():
        if isinstance(doc, str):
            uit[naam] = {"niet_gemeten": doc}
            continue
        html = documents.render_html(doc)
        documents.render(doc)  # warm fonts and imports
        kale_weasyprint(html)
        kale_weasyprint_zonder_bronnen(html)
        project = timed(lambda doc=doc: documents.render(doc), 7)
        kaal = timed(lambda html=html: kale_weasyprint(html), 7)
        zonder = timed(lambda html=html: kale_weasyprint_zonder_bronnen(html), 7)
        mediaan = statistics.median
        uit[naam] = {
            "project_s": round(mediaan(project), 3),
            "weasyprint_s": round(mediaan(kaal), 3),
            "ratio": round(mediaan(project) / mediaan(kaal), 2),
            "ratio_min": round(min(project) / min(kaal), 2),
            "weasyprint_zonder_bronnen_s": round(mediaan(zonder), 3),
            "ratio_zonder_bronnen": round(mediaan(project) / mediaan(zonder), 2),
        }
    return uit


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
        wacht_op_workers()
        yield
    finally:
        proces.terminate()
        proces.wait(timeout=30)


def wacht_op_workers() -> None:
    """The port answers as soon as the gunicorn master listens; the workers still import Django
    for seconds. Without this wait the first page row times a booting server (0 req/s)."""
    import urllib.request

    verzoek = urllib.request.Request(  # noqa: S310 - fixed local URL
        f"http://127.0.0.1:{PORT}/__bench/ok", headers={"Host": "localhost"}
    )
    goed = 0
    for _ in range(300):
        try:
            with urllib.request.urlopen(verzoek, timeout=5) as antwoord:  # noqa: S310
                goed = goed + 1 if antwoord.status == 200 else 0
        except OSError:
            goed = 0
        if goed >= 4:  # a few answers in a row: both workers are up
            return
        time.sleep(0.2)
    raise SystemExit("gunicorn gaf geen antwoord op /__bench/ok.")


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
    rijen: list[tuple[str, str, str | None]],
    sessies: dict[str, str],
    rondes: int,
    duur: int,
    extra: frozenset[str] = frozenset(),
    extra_rondes: int = 1,
    extra_duur: int = 1,
) -> dict[str, dict[str, Any]]:
    """Page and constant view interleaved per row; the rows in ``extra`` (the same page as
    another role) get ``extra_rondes`` of ``extra_duur`` seconds and no warm-up of their own."""
    from django.conf import settings

    uit: dict[str, dict[str, Any]] = {}
    with gunicorn():
        for label, pad, rol in rijen:
            cookie = f"{settings.SESSION_COOKIE_NAME}={sessies[rol]}" if rol else None
            if label in extra:
                rondes_nu, duur_nu = extra_rondes, extra_duur
            else:
                rondes_nu, duur_nu = rondes, duur
                wrk(pad, cookie, 1)  # warm both workers
                wrk("/__bench/ok", cookie, 1)
            pagina, constant = [], []
            for _ in range(rondes_nu):
                pagina.append(wrk(pad, cookie, duur_nu))
                constant.append(wrk("/__bench/ok", cookie, duur_nu))
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
