"""The bench database and its data: drop and create it, seed the demo, grow to 1x and 10x.

Project modules are imported inside the functions, not to dodge a cycle: ``run.py`` sets Django
up only after it has created the bench database, and importing models before that fails.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import random
import time
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from scripts.bench.gedeeld import VOLUMES_10X, log

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

    from participatiemix import demo as pm_demo
    from participatiemix.demo_gegevens import ACTIVITEITEN
    from participatiemix.models import (
        Activiteit,
    )

    refs = pm_demo.referenties()
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
