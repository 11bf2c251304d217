"""``make bench``: build a seeded data set, serve it with gunicorn, time every page with wrk.

Run it through ``make bench`` (which installs wrk). Steps:

1. Drop and create the bench database (``BENCH_DATABASE_URL``, default
   ``postgres://postgres@127.0.0.1:5432/hengelo_bench``; the name must contain "bench").
2. Migrate, collect static files, ``seed_demo``, then grow the data to 1x through the services.
3. Queries per page at 1x (in-process test Client with ``CaptureQueriesContext``), and the
   reminder scan at 1x.
4. Grow to 10x (``--scale 10``, the default): 600 advice requests, 400 meetings,
   500 activities, 100,000 outbox rows. Queries per page and the reminder scan again.
5. gunicorn (2 sync workers, bench settings) and wrk: page and constant view interleaved,
   ``--rounds`` rounds of ``--duration`` seconds each.
6. The advice PDF against bare WeasyPrint on the same HTML.
7. A Markdown table on stdout and in ``var/bench/<timestamp>.md``, and the same numbers in
   ``var/bench/<timestamp>.json``.

This is bench code, not product code: it lives outside the packages and is never imported by them.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ["DJANGO_SETTINGS_MODULE"] = "hengelo_participatie.settings_bench"
SEED = 16
#: The issue's "ten years" volumes (10x). 1x is a tenth of each.
VOLUMES_10X = {"aanvragen": 600, "vergaderingen": 400, "activiteiten": 500, "outbox": 100_000}
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def log(msg: str) -> None:
    print(
        f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", file=sys.stderr, flush=True
    )


# --- Database -------------------------------------------------------------------------------


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hengelo_bench")


def recreate_database() -> None:
    import psycopg

    parts = urlsplit(database_url())
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Weiger database {name!r} te legen: de naam moet 'bench' bevatten.")
    beheer = parts._replace(path="/postgres").geturl()
    with psycopg.connect(beheer, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- Data -----------------------------------------------------------------------------------


def quiet() -> contextlib.AbstractContextManager[Any]:
    return contextlib.redirect_stdout(io.StringIO())


def verordening_tien_jaar_terug() -> None:
    """The seeded regulation starts on 30-12-2025; ten years of history built through the
    services needs its rules in force ten years back. Only in the bench database."""
    from django.utils import timezone

    from verordening.models import Regel, Verordening

    begin = timezone.localdate() - timedelta(days=3700)
    for sleutel in set(Regel.objects.values_list("sleutel", flat=True)):
        eerste = Regel.objects.filter(sleutel=sleutel).order_by("geldig_vanaf").first()
        if eerste is not None and eerste.geldig_vanaf > begin:
            Regel.objects.filter(pk=eerste.pk).update(geldig_vanaf=begin)
    eerste_verordening = Verordening.objects.order_by("in_werking_vanaf").first()
    if eerste_verordening is not None:
        Verordening.objects.filter(pk=eerste_verordening.pk).update(in_werking_vanaf=begin)


def build_demo() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    verordening_tien_jaar_terug()
    with quiet():
        call_command("seed_demo", allow_production=True)


def grow_aanvragen(doel: int, rng: random.Random) -> None:
    """Advice requests through the services, spread over ten years. One in ten goes the whole way
    (approval round, letter PDF, College response, published); the rest stop at an earlier step
    or are withdrawn, as old requests do."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from adviesraad.advies import demo as advies_demo
    from adviesraad.advies.services.aanvraag import aanvraag_aanmaken, document_toevoegen
    from adviesraad.advies.services.publicatie import publiceren
    from adviesraad.models import Kernwet
    from adviesraad.models.advies import Adviesaanvraag, Soort, Status
    from hengelo_participatie.accounts.demo import demo_gebruiker
    from hengelo_participatie.pdf import render_pdf

    beleid = demo_gebruiker("beleidsmedewerker")
    pdf = render_pdf("pdf/voorbeeld.html", {"titel": "Concept", "alineas": ["Bench."]})
    wetten = list(Kernwet.objects.order_by("code"))
    from django.utils import timezone

    vandaag = timezone.localdate()
    punten = ["<p>Betrek inwoners vanaf het begin.</p>", "<p>Schrijf in eenvoudige taal.</p>"]
    # As adviesraad/advies/demo.py: the demo council is in office from this start.
    zittend_sinds = max(date(2026, 1, 12), vandaag - timedelta(days=330)) + timedelta(days=30)
    nr = Adviesaanvraag.objects.count()
    while nr < doel:
        nr += 1
        begin = vandaag - timedelta(days=rng.randint(40, 3650))
        if nr % 10 == 0:
            # The approval round needs members in office: the demo council started this year.
            begin = max(vandaag - timedelta(days=rng.randint(60, 300)), zittend_sinds)
        a = aanvraag_aanmaken(
            soort=Soort.GEVRAAGD,
            titel=f"Bench-aanvraag {nr}: {rng.choice(['Wmo', 'Jeugd', 'Minima', 'Werk'])}",
            kernwetten=[rng.choice(wetten)],
            door=None,
            op=begin,
            beleidsmedewerker=beleid,
            zaaknummer=f"BENCH-{nr:05d}",
            samenvatting="Bench.",
            vragen=["Wat mist u?"],
        )
        if nr % 10 == 0 or nr % 3 == 0:
            document_toevoegen(
                aanvraag=a,
                upload=SimpleUploadedFile("concept.pdf", pdf),
                titel="Conceptdocument",
                vertrouwelijk=True,
                door=beleid,
            )
        if nr % 10 == 0:
            verzonden = advies_demo._verzenden(a, advies_demo._tot_ronde(a, begin, punten))
            if begin + timedelta(days=80) < vandaag:
                advies_demo._reactie(a, verzonden + timedelta(days=30))
                publiceren(aanvraag=a, door=None)
        elif nr % 3 == 0:
            advies_demo._stap(a, Status.DOCUMENTEN_ONTVANGEN, begin)
            advies_demo._stap(a, Status.IN_VOORBEREIDING, begin + timedelta(days=3))
        elif nr % 3 == 1:
            advies_demo._stap(
                a, Status.INGETROKKEN, begin + timedelta(days=5), reden="Uitgesteld (bench)."
            )


def grow_vergaderingen(doel: int, rng: random.Random) -> None:
    from django.utils import timezone

    from adviesraad.models.advies import Adviesaanvraag
    from adviesraad.vergaderingen import demo as vergaderingen_demo
    from adviesraad.vergaderingen.models import Soort, Vergadering
    from adviesraad.vergaderingen.services import vergadering as vergadering_services

    soorten = [Soort.RAADSVERGADERING, Soort.ADVIESGESPREK, Soort.AGENDAOVERLEG]
    aanvraag = Adviesaanvraag.objects.order_by("pk").first()
    nr = Vergadering.objects.count()
    while nr < doel:
        nr += 1
        dagen = -rng.randint(80, 3650) if nr % 20 else rng.randint(40, 300)
        begin = vergaderingen_demo._moment(dagen, 19)
        v = vergadering_services.vergadering_aanmaken(
            soort=rng.choice(soorten),
            titel=f"Bench-vergadering {nr}",
            begin=begin,
            einde=begin + timedelta(hours=2),
            locatie="Stadhuis Hengelo",
            door=None,
        )
        if begin < timezone.now() and nr % 2 == 0:
            vergaderingen_demo._verleden(v, nr, aanvraag)


def grow_activiteiten(doel: int, rng: random.Random) -> None:
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone

    from hengelo_participatie.accounts.demo import demo_gebruiker
    from participatiemix import demo as pm_demo
    from participatiemix.demo_gegevens import ACTIVITEITEN
    from participatiemix.models import (
        Activiteit,
        Doelgroep,
        Domein,
        Instrument,
        Organisatie,
        Spelregel,
        Thema,
    )

    refs: dict[str, Any] = {
        "instrumenten": {i.nummer: i for i in Instrument.objects.all()},
        "themas": {t.naam: t for t in Thema.objects.all()},
        "domeinen": {d.code: d for d in Domein.objects.all()},
        "doelgroepen": {d.code: d for d in Doelgroep.objects.all()},
        "organisaties": {o.naam: o for o in Organisatie.objects.all()},
        "spelregels": list(Spelregel.objects.values_list("nummer", flat=True)),
        "gespreksleider": demo_gebruiker("gespreksleider"),
        "beleidsmedewerker": demo_gebruiker("beleidsmedewerker"),
        "luisterdelegatie": [
            u for u in (demo_gebruiker("lid"), demo_gebruiker("beleidsmedewerker")) if u
        ],
    }
    vandaag = timezone.localdate()
    nr = Activiteit.objects.count()
    pogingen = 0
    while nr < doel and pogingen < doel * 3:
        pogingen += 1
        voorbeeld = rng.choice(ACTIVITEITEN)
        demo = dataclasses.replace(
            voorbeeld,
            titel=f"Bench-activiteit {nr + 1}: {voorbeeld.titel}"[:200],
            dagen_geleden=rng.randint(30, 3650),
        )
        try:
            with transaction.atomic():
                if pm_demo._activiteit(demo, vandaag, refs) is not None:
                    nr += 1
        except ValidationError:
            continue


def grow_outbox(doel: int, rng: random.Random) -> None:
    """Outbox rows (Herinnering, and a Bericht per person per day) with ``bulk_create``: building
    100,000 of them through the daily scan would take most of the 15-minute budget."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from adviesraad.models.advies import Adviesaanvraag
    from hengelo_participatie.accounts.models import User
    from hengelo_participatie.notifications.models import Bericht, BerichtStatus, Herinnering

    gebruikers = list(User.objects.filter(is_active=True).order_by("pk"))
    ct = ContentType.objects.get_for_model(Adviesaanvraag)
    aanvragen = list(Adviesaanvraag.objects.order_by("pk").values_list("pk", "kenmerk"))
    vandaag = timezone.localdate()
    bestaand = Herinnering.objects.count()
    nieuw: list[Herinnering] = []
    nodig = doel - bestaand
    i = bestaand
    while len(nieuw) < nodig:
        i += 1
        pk, kenmerk = aanvragen[i % len(aanvragen)]
        dag = vandaag - timedelta(days=1 + (i // len(aanvragen)) % 3650)
        nieuw.append(
            Herinnering(
                ontvanger=gebruikers[i % len(gebruikers)],
                soort=f"bench-{i}",  # unique, so every row is inserted
                onderwerp_type=ct,
                onderwerp_id=pk,
                onderwerp_label=f"Adviesaanvraag {kenmerk}"[:200],
                deadline=dag + timedelta(days=7),
                tekst="Bench-herinnering",
                link=f"/portaal/advies/{pk}/",
                kenmerk=str(kenmerk or "")[:40],
                gepland_op=dag,
                verzonden_op=timezone.now() - timedelta(days=(vandaag - dag).days),
            )
        )
    Herinnering.objects.bulk_create(nieuw, batch_size=5000, ignore_conflicts=True)
    dagen = min(3650, max(1, doel // max(1, len(gebruikers)) // 3))
    bestaande = set(Bericht.objects.values_list("ontvanger_id", "dag"))
    berichten = [
        Bericht(
            ontvanger=u,
            dag=vandaag - timedelta(days=d),
            status=BerichtStatus.VERZONDEN,
            verzonden_op=timezone.now() - timedelta(days=d),
        )
        for u in gebruikers
        for d in range(1, dagen + 1)
        if (u.pk, vandaag - timedelta(days=d)) not in bestaande
    ]
    Bericht.objects.bulk_create(berichten, batch_size=5000, ignore_conflicts=True)


def grow(scale: int, rng: random.Random) -> dict[str, float]:
    tijden = {}
    for naam, functie in (
        ("aanvragen", grow_aanvragen),
        ("vergaderingen", grow_vergaderingen),
        ("activiteiten", grow_activiteiten),
        ("outbox", grow_outbox),
    ):
        t = time.perf_counter()
        functie(VOLUMES_10X[naam] * scale // 10, rng)
        tijden[naam] = round(time.perf_counter() - t, 1)
        log(f"  {naam}: {VOLUMES_10X[naam] * scale // 10} in {tijden[naam]} s")
    return tijden


def counts() -> dict[str, int]:
    from adviesraad.models.advies import Adviesaanvraag
    from adviesraad.vergaderingen.models import Vergadering
    from hengelo_participatie.notifications.models import Bericht, Herinnering
    from participatiemix.models import Activiteit

    return {
        "aanvragen": Adviesaanvraag.objects.count(),
        "vergaderingen": Vergadering.objects.count(),
        "activiteiten": Activiteit.objects.count(),
        "herinneringen": Herinnering.objects.count(),
        "berichten": Bericht.objects.count(),
    }


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
            uit[label] = {
                "pagina_rps": pagina,
                "constant_rps": constant,
                "ratio_mediaan": round(statistics.median(ratios), 4),
                "ratio_min": round(min(ratios), 4),
            }
            log(f"  {label}: {statistics.median(ratios):.1%} van de constante view")
    return uit


# --- Report ---------------------------------------------------------------------------------


def git_commit() -> str:
    with contextlib.suppress(Exception):
        return subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    return "onbekend"


def markdown(r: dict[str, Any]) -> str:
    def pct(x: float | None) -> str:
        return "niet gemeten" if x is None else f"{x:.1%}"

    regels = [
        f"## make bench, {r['gemaakt_op']} (commit {r['commit']}, schaal {r['schaal']}x)",
        "",
        "Data: " + ", ".join(f"{k} {v}" for k, v in r["data"].items()) + ".",
        f"wrk: {r['rondes']} rondes van {r['duur_s']} s per pagina en per constante view, "
        "afgewisseld; gunicorn 2 sync workers.",
        "",
        "| Pagina | Rol | Share of the constant view (median) | Minimum | Page req/s (median) "
        "| Constant req/s (median) | Queries 1x | Queries 10x | kB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in r["paginas"]:
        w = r["wrk"].get(p["label"])
        q1 = r["queries_1x"].get(p["label"], {})
        q10 = r["queries_10x"].get(p["label"], {})

        def q(d: dict[str, Any]) -> str:
            if not d:
                return "niet gemeten"
            return str(d["queries"]) + ("" if d["status"] == 200 else f" (HTTP {d['status']})")

        nm = "niet gemeten"
        cellen = [
            f"`{p['pad']}` {p['label']}",
            p["rol"] or "anoniem",
            pct(w["ratio_mediaan"]) if w else nm,
            pct(w["ratio_min"]) if w else nm,
            f"{statistics.median(w['pagina_rps']):.1f}" if w else nm,
            f"{statistics.median(w['constant_rps']):.0f}" if w else nm,
            q(q1),
            q(q10),
            f"{(q10 or q1).get('bytes', 0) / 1000:.0f}",
        ]
        regels.append("| " + " | ".join(cellen) + " |")
    pdf = r["pdf"]
    regels += [""]
    if "niet_gemeten" in pdf:
        regels.append(f"- Advice PDF: niet gemeten ({pdf['niet_gemeten']}).")
    else:
        regels.append(
            f"- Advice PDF: {pdf['project_s']} s, bare WeasyPrint on the same HTML "
            f"{pdf['weasyprint_s']} s: **{pdf['ratio']}x** (median of 5)."
        )
    for schaal, scan in r["scan"].items():
        regels.append(
            f"- Reminder scan at {schaal}: {scan['seconden']} s, {scan['queries']} queries, "
            f"{scan['deadlines']} deadlines, {scan['nieuw_in_outbox']} new outbox rows."
        )
    regels.append(
        "- Quarterly agenda PDF, annual/yearly report in Celery: niet gemeten "
        "(not in part 1 of issue 16)."
    )
    regels.append(f"- Build {r['bouw_s']} s, total {r['totaal_s']} s.")
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, choices=(1, 10), default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk ontbreekt: make bench installeert het (apt-get install wrk).")
    start = time.perf_counter()
    rng = random.Random(SEED)  # noqa: S311 - test data, not security

    log(f"database {urlsplit(database_url()).path.lstrip('/')} opnieuw aanmaken")
    recreate_database()
    import django

    django.setup()
    log("migrate, collectstatic, seed_demo")
    build_demo()
    sessies = {rol: verified_session(rol) for rol in ("lid", "voorzitter", "beleidsmedewerker")}
    sessies["ondersteuner"] = verified_session("ondersteuner")
    log("data tot 1x")
    bouw = grow(1, rng)
    rijen = pages()
    q1 = query_counts(rijen, sessies)
    scan = {"1x": measure_scan()}
    q10: dict[str, dict[str, Any]] = {}
    if args.scale == 10:
        log("data tot 10x")
        bouw = {k: bouw[k] + v for k, v in grow(10, rng).items()}
        q10 = query_counts(rijen, sessies)
        scan["10x"] = measure_scan()
    bouw_s = round(time.perf_counter() - start, 1)
    niet_200 = [label for label, d in (q10 or q1).items() if d["status"] != 200]
    if niet_200:
        log(f"let op, geen HTTP 200: {niet_200}")
    log("wrk tegen gunicorn")
    uit_wrk = load([r for r in rijen if r[0] not in niet_200], sessies, args.rounds, args.duration)
    log("PDF")
    pdf = measure_pdf()
    gemaakt = datetime.now().astimezone()
    resultaat = {
        "gemaakt_op": gemaakt.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "schaal": args.scale,
        "rondes": args.rounds,
        "duur_s": args.duration,
        "seed": SEED,
        "data": counts(),
        "bouwtijd_per_soort_s": bouw,
        "paginas": [{"label": label, "pad": pad, "rol": rol} for label, pad, rol in rijen],
        "queries_1x": q1,
        "queries_10x": q10,
        "wrk": uit_wrk,
        "pdf": pdf,
        "scan": scan,
        "bouw_s": bouw_s,
        "totaal_s": round(time.perf_counter() - start, 1),
    }
    tekst = markdown(resultaat)
    doel = ROOT / "var" / "bench"
    doel.mkdir(parents=True, exist_ok=True)
    stempel = gemaakt.strftime("%Y%m%d-%H%M%S")
    (doel / f"{stempel}.md").write_text(tekst)
    (doel / f"{stempel}.json").write_text(json.dumps(resultaat, indent=2, default=str))
    print(tekst)
    log(f"geschreven: var/bench/{stempel}.md en .json")


if __name__ == "__main__":
    main()
