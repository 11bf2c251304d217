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
   ``--rounds`` rounds of ``--duration`` seconds each, as the role of the README's table; then
   the same page as every other role of the role table that gets a 200 on it, shorter
   (``--extra-rounds`` of ``--extra-duration`` seconds), so the whole run stays under 15 minutes.
6. The advice PDF and the quarterly agenda PDF against bare WeasyPrint on the same HTML with
   the same stylesheet and fonts.
7. A Markdown table on stdout and in ``var/bench/<timestamp>.md``, and the same numbers in
   ``var/bench/<timestamp>.json``.

This is bench code, not product code: it lives outside the packages and is never imported by them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import statistics
import subprocess
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from scripts.bench.gedeeld import ROOT, SEED, log
from scripts.bench.gegevens import build_demo, counts, database_url, grow, recreate_database
from scripts.bench.herinneringen import (
    OPEN_DEADLINES,
    measure_jaarrapportage,
    measure_open_deadlines,
)
from scripts.bench.jaarverslag import measure_jaarverslag, regel
from scripts.bench.meten import (
    alle_rollen,
    andere_rollen,
    load,
    measure_pdf,
    measure_scan,
    pages,
    query_counts,
    verified_session,
)

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
        "afgewisseld; gunicorn 2 sync workers. Dezelfde pagina als een andere rol (cursief): "
        f"{r.get('extra_rondes', 1)} ronde(s) van {r.get('extra_duur_s', 1)} s.",
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
        naam = f"`{p['pad']}` {p['label'].split(' · ')[0]}"
        cellen = [
            f"*{naam}*" if p.get("extra") else naam,
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
    regels += [""]
    namen = {"advies": "Advice PDF", "kwartaalagenda": "Quarterly agenda PDF"}
    for soort, pdf in r["pdf"].items():
        if "niet_gemeten" in pdf:
            regels.append(f"- {namen.get(soort, soort)}: niet gemeten ({pdf['niet_gemeten']}).")
            continue
        regels.append(
            f"- {namen.get(soort, soort)}: {pdf['project_s']} s, bare WeasyPrint on the same HTML "
            f"with the same stylesheet and fonts {pdf['weasyprint_s']} s: **{pdf['ratio']}x** "
            f"(median of 7; fastest against fastest {pdf['ratio_min']}x). Against WeasyPrint "
            f"without the stylesheet and fonts (the earlier definition): "
            f"{pdf['ratio_zonder_bronnen']}x."
        )
    for schaal, scan in r["scan"].items():
        regels.append(
            f"- Reminder scan at {schaal}: {scan['seconden']} s, {scan['queries']} queries, "
            f"{scan['deadlines']} deadlines, {scan['nieuw_in_outbox']} new outbox rows."
        )
    for geval, scan in r.get("scan_open_deadlines", {}).items():
        aantal, soort = geval.split("/")
        uitleg = {
            "tien_jaar": "spread over ten years",
            "alles_in_venster": "all within the scan window",
        }.get(soort, soort)
        regels.append(
            f"- Reminder scan, {int(aantal):,} open deadlines ({uitleg}): {scan['seconden']} s, "
            f"{scan['queries']} queries in {scan['batches']} batches, {scan['deadlines']} "
            f"deadlines offered, {scan['nieuw_in_outbox']} new outbox rows."
        )
    jr = r.get("jaarrapportage", {})
    if "in_proces_s" in jr:
        worker = (
            f"{jr['worker_s']} s ({jr['worker_status']})" if "worker_s" in jr else jr.get("worker")
        )
        regels.append(
            f"- Yearly report participatiemix {jr['jaar']} (jaarrapportage_maken): in-process "
            f"{jr['in_proces_s']} s ({jr['in_proces_status']}); real Celery worker through Redis, "
            f"queued to ready: {worker}."
        )
    else:
        regels.append(f"- Yearly report participatiemix: {jr.get('niet_gemeten', 'niet gemeten')}.")
    regels += [regel(schaal, m) for schaal, m in r.get("jaarverslag", {}).items()]
    regels.append(f"- Build {r['bouw_s']} s, total {r['totaal_s']} s.")
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, choices=(1, 10), default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument(
        "--extra-rounds", type=int, default=1, help="rounds per page for every further role"
    )
    parser.add_argument(
        "--extra-duration", type=int, default=1, help="seconds per wrk run, further roles"
    )
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
    sessies = {rol: verified_session(rol) for rol in alle_rollen()}
    log("data tot 1x")
    bouw = grow(1, rng)
    hoofd = pages()
    extra = andere_rollen(hoofd, sessies)
    rijen = hoofd + extra
    extra_labels = frozenset(label for label, _, _ in extra)
    log(f"{len(hoofd)} pagina's, {len(extra)} keer als een andere rol")
    q1 = query_counts(rijen, sessies)
    scan = {"1x": measure_scan()}
    jaarverslag = {"1x": measure_jaarverslag()}
    q10: dict[str, dict[str, Any]] = {}
    if args.scale == 10:
        log("data tot 10x")
        bouw = {k: bouw[k] + v for k, v in grow(10, rng).items()}
        q10 = query_counts(rijen, sessies)
        scan["10x"] = measure_scan()
        jaarverslag["10x"] = measure_jaarverslag()
    bouw_s = round(time.perf_counter() - start, 1)
    niet_200 = [label for label, d in (q10 or q1).items() if d["status"] != 200]
    if niet_200:
        log(f"let op, geen HTTP 200: {niet_200}")
    log("wrk tegen gunicorn")
    uit_wrk = load(
        [r for r in rijen if r[0] not in niet_200],
        sessies,
        args.rounds,
        args.duration,
        extra_labels,
        args.extra_rounds,
        args.extra_duration,
    )
    log("PDF")
    pdf = measure_pdf()
    # After the pages: the open deadlines would otherwise be part of every page's data.
    log("herinneringsscan over open deadlines")
    scan_open = measure_open_deadlines(OPEN_DEADLINES if args.scale == 10 else OPEN_DEADLINES[:1])
    log("jaarrapportage participatiemix in Celery")
    jaarrapportage = measure_jaarrapportage()
    gemaakt = datetime.now().astimezone()
    resultaat = {
        "gemaakt_op": gemaakt.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "schaal": args.scale,
        "rondes": args.rounds,
        "duur_s": args.duration,
        "extra_rondes": args.extra_rounds,
        "extra_duur_s": args.extra_duration,
        "seed": SEED,
        "data": counts(),
        "bouwtijd_per_soort_s": bouw,
        "paginas": [
            {"label": label, "pad": pad, "rol": rol, "extra": label in extra_labels}
            for label, pad, rol in rijen
        ],
        "queries_1x": q1,
        "queries_10x": q10,
        "wrk": uit_wrk,
        "pdf": pdf,
        "scan": scan,
        "scan_open_deadlines": scan_open,
        "jaarrapportage": jaarrapportage,
        "jaarverslag": jaarverslag,
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
