"""Delivery of what the council sends (the advice to the College, the raadsvoorlegger to the
griffie) through the outbox, like the reminders (``hengelo_participatie/notifications``).

1. ``bezorging_aanmaken`` writes a ``Bezorging`` in the same transaction as the step that sends:
   the stored PDF, the addresses in force that day (``Ontvangers``), and a Message-ID fixed once.
   Nothing here talks to the broker, so a send never waits for Redis.
2. ``bezorgingen_versturen(claim=...)`` claims due rows (a conditional UPDATE, and
   ``SKIP LOCKED`` where the database has it), sends each as one e-mail with the PDF attached,
   records every attempt (``Bezorgpoging``: when, to whom, Message-ID, SHA-256 of the attached
   bytes, result) and marks it delivered. ``claim`` is the Celery task id: a task redelivered after
   a worker died (same id) takes over its own unfinished claim; another task cannot. An SMTP error
   puts the row back with exponential backoff; after ``MAX_POGINGEN`` it is "niet gelukt", shown
   on the advice page and to the supporter (``deadlines.BezorgingMislukt``), with a resend.
3. ``opnieuw_bezorgen`` puts a row back in the queue, with the current addresses and the same bytes.

Exactly once, except for the unavoidable window between the SMTP server accepting the message and
our UPDATE (a crash exactly there sends it once more, with the same Message-ID).
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import make_msgid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from adviesraad.models.advies import Advies, Adviesaanvraag
from adviesraad.models.college import (
    Bezorging,
    Bezorgpoging,
    Bezorgstatus,
    Ontvangers,
    Ontvangersoort,
    Stuk,
)
from hengelo_participatie.celery import app as celery_app
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag
from hengelo_participatie.files.models import Bestand

from ..policies import aanvraag_policy
from .toegang import eis_capability

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.adviesraad")

CLAIM_GROOTTE = 20
#: Longer than the Celery hard time limit, so a live task never loses its claim.
CLAIM_VERLOOPT = timedelta(minutes=15)
MAX_POGINGEN = 6
BACKOFF_BASIS = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
SMTP_FOUTEN: tuple[type[Exception], ...] = (smtplib.SMTPException, OSError)
#: What ends an attempt: an SMTP or connection error (retried), or a broken rule (given up).
POGING_FOUTEN: tuple[type[Exception], ...] = (*SMTP_FOUTEN, ValidationError)

ONTVANGERS_BEHEREN = "advies.ontvangers_beheren"
VERZENDEN = "advies.verzenden"
STUK_ONTVANGERS = {
    Stuk.ADVIES: Ontvangersoort.COLLEGE,
    Stuk.RAADSVOORLEGGER: Ontvangersoort.GRIFFIE,
}


# --- The setting: who receives it ---------------------------------------------------------------
def ontvangers_op(soort: str, op: date) -> Ontvangers | None:
    """The version of the setting in force on ``op`` (one query)."""
    return (
        Ontvangers.objects.filter(soort=soort, geldig_vanaf__lte=op)
        .order_by("-geldig_vanaf")
        .first()
    )


def _adressen_controleren(adressen: str) -> list[str]:
    lijst = [a.strip() for a in adressen.splitlines() if a.strip()]
    if not lijst:
        raise ValidationError({"adressen": _("Vul minstens één e-mailadres in.")})
    fout = []
    for adres in lijst:
        try:
            validate_email(adres)
        except ValidationError:
            fout.append(adres)
    if fout:
        raise ValidationError(
            {"adressen": _("Dit is geen geldig e-mailadres: %(a)s") % {"a": ", ".join(fout)}}
        )
    return lijst


@transaction.atomic
def ontvangers_vastleggen(
    *,
    soort: str,
    adressen: str,
    geldig_vanaf: date,
    door: User | None,
    toelichting: str = "",
    bestaand: Ontvangers | None = None,
) -> Ontvangers:
    """A new version of the addresses (or a change of one that has not started yet)."""
    eis(
        door is None or aanvraag_policy.user_has_perm(door, ONTVANGERS_BEHEREN),
        door,
        Actie.ONTVANGERS_VASTLEGGEN,
        bestaand,
    )
    lijst = _adressen_controleren(adressen)
    if bestaand is not None and bestaand.geldig_vanaf <= vandaag() < geldig_vanaf:
        raise ValidationError(
            _("Deze versie geldt al. Voeg een nieuwe versie toe met een nieuwe datum.")
        )
    ontvangers = bestaand or Ontvangers()
    ontvangers.soort = soort
    ontvangers.adressen = "\n".join(lijst)
    ontvangers.geldig_vanaf = geldig_vanaf
    ontvangers.toelichting = toelichting.strip()
    opslaan(ontvangers, door=door, reden="ontvangers vastgelegd")
    audit.vastleggen(door, Actie.ONTVANGERS_VASTLEGGEN, ontvangers)
    return ontvangers


# --- 1. Into the outbox ---------------------------------------------------------------------------
def _domein() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"


def bezorging_aanmaken(
    *,
    aanvraag: Adviesaanvraag,
    advies: Advies,
    stuk: str,
    bestand: Bestand,
    door: User | None,
    op: date,
) -> Bezorging:
    """Write the outbox row (inside the caller's transaction); delivered after commit."""
    bestaand = Bezorging.objects.filter(advies=advies, stuk=stuk).first()
    if bestaand is not None:
        return bestaand  # idempotent: the same version is never delivered twice
    instelling = ontvangers_op(STUK_ONTVANGERS[Stuk(stuk)], op)
    bezorging = Bezorging(
        aanvraag=aanvraag,
        advies=advies,
        stuk=stuk,
        bestand=bestand,
        ontvangers="\n".join(instelling.lijst) if instelling else "",
        message_id=make_msgid(idstring=f"{aanvraag.kenmerk}-{stuk}", domain=_domein()),
        aangemaakt_door=door,
    )
    if instelling is None:
        # Not lost: the row waits, visible on the page, until the setting is filled and the
        # supporter sends it again.
        bezorging.status = Bezorgstatus.MISLUKT
        bezorging.laatste_fout = _(
            "Er is geen e-mailadres ingesteld voor %(soort)s. De accounthouder vult dit in bij "
            "Beheer › Ontvangers van verzonden stukken; daarna kunt u het opnieuw versturen."
        ) % {"soort": Ontvangersoort(STUK_ONTVANGERS[Stuk(stuk)]).label}
    opslaan(bezorging, door=door, reden="klaargezet")
    audit.vastleggen(door, Actie.BEZORGING_AANMAKEN, bezorging)
    na_commit_versturen_zonder_broker()
    return bezorging


# --- 2. Deliver ---------------------------------------------------------------------------------
def _claimbaar(claim: str, nu: datetime) -> Q:
    return (
        Q(status=Bezorgstatus.WACHTEND)
        & (Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=nu))
    ) | Q(status=Bezorgstatus.VERZENDEN) & (Q(claim=claim) | Q(bezig_sinds__lt=nu - CLAIM_VERLOOPT))


def _claim_batch(*, claim: str, nu: datetime) -> list[int]:
    with transaction.atomic():
        qs = Bezorging.objects.filter(_claimbaar(claim, nu)).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:CLAIM_GROOTTE])
        if not ids:
            return []
        # The condition again in the UPDATE: without row locks (SQLite) two claimers cannot
        # both win.
        Bezorging.objects.filter(_claimbaar(claim, nu), pk__in=ids).update(
            status=Bezorgstatus.VERZENDEN,
            claim=claim,
            bezig_sinds=nu,
            pogingen=F("pogingen") + 1,
        )
    return list(
        Bezorging.objects.filter(pk__in=ids, claim=claim, status=Bezorgstatus.VERZENDEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def bezorg_mail(bezorging: Bezorging, inhoud: bytes) -> EmailMessage:
    """The e-mail: a short B1 cover text and the stored PDF as its attachment."""
    aanvraag = bezorging.aanvraag
    with translation.override("nl"):
        context = {"aanvraag": aanvraag, "bezorging": bezorging, "stuk": bezorging.stuk}
        onderwerp = render_to_string("adviesraad/advies/email/bezorging_onderwerp.txt", context)
        tekst = render_to_string("adviesraad/advies/email/bezorging.txt", context)
    mail = EmailMessage(
        subject=" ".join(onderwerp.split()),
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=bezorging.adressen,
        headers={"Message-ID": bezorging.message_id, "Auto-Submitted": "auto-generated"},
    )
    mail.attach(bezorging.bestand.oorspronkelijke_naam, inhoud, "application/pdf")
    return mail


@dataclass
class Resultaat:
    bezorgd: list[int] = field(default_factory=list)
    mislukt: list[tuple[int, str]] = field(default_factory=list)
    laatste_fout: BaseException | None = None


def _backoff(pogingen: int) -> timedelta:
    factor: int = 2 ** max(pogingen - 1, 0)
    return min(BACKOFF_BASIS * factor, BACKOFF_MAX)


def _poging(bezorging: Bezorging, sha: str, *, gelukt: bool, resultaat: str) -> None:
    Bezorgpoging.objects.create(
        bezorging=bezorging,
        op=timezone.now(),
        adressen="\n".join(bezorging.adressen),
        message_id=bezorging.message_id,
        sha256=sha,
        gelukt=gelukt,
        resultaat=resultaat[:2000],
    )


def _verstuur_een(pk: int, *, claim: str, resultaat: Resultaat) -> None:
    bezorging = Bezorging.objects.select_related("aanvraag", "bestand").get(pk=pk)
    with bezorging.bestand.bestand.open("rb") as f:
        inhoud = f.read()
    sha = hashlib.sha256(inhoud).hexdigest()
    try:
        if sha != bezorging.bestand.sha256:
            raise ValidationError(_("De opgeslagen PDF is veranderd; hij wordt niet verstuurd."))
        if not bezorging.adressen:
            raise ValidationError(_("Er is geen e-mailadres om naar te versturen."))
        bezorg_mail(bezorging, inhoud).send()
    except POGING_FOUTEN as exc:
        opgegeven = bezorging.pogingen >= MAX_POGINGEN or isinstance(exc, ValidationError)
        fout = f"{type(exc).__name__}: {exc}"
        with transaction.atomic():
            Bezorging.objects.filter(pk=pk, claim=claim).update(
                status=Bezorgstatus.MISLUKT if opgegeven else Bezorgstatus.WACHTEND,
                laatste_fout=fout[:2000],
                claim="",
                bezig_sinds=None,
                volgende_poging_op=None
                if opgegeven
                else timezone.now() + _backoff(bezorging.pogingen),
            )
            _poging(bezorging, sha, gelukt=False, resultaat=fout)
        audit.vastleggen(
            None, Actie.BEZORGING_VERSTUREN, bezorging, f"fout poging={bezorging.pogingen}"
        )
        resultaat.mislukt.append((pk, fout))
        if not isinstance(exc, ValidationError):
            resultaat.laatste_fout = exc
        return
    with transaction.atomic():
        Bezorging.objects.filter(pk=pk, claim=claim).update(
            status=Bezorgstatus.BEZORGD,
            bezorgd_op=timezone.now(),
            laatste_fout="",
            volgende_poging_op=None,
            bezig_sinds=None,
        )
        _poging(bezorging, sha, gelukt=True, resultaat="aangenomen door de mailserver")
    audit.vastleggen(None, Actie.BEZORGING_VERSTUREN, bezorging, audit.OK)
    resultaat.bezorgd.append(pk)


def bezorgingen_versturen(*, claim: str | None = None) -> Resultaat:
    """Send every delivery that is due. Safe to run concurrently and to redeliver."""
    claim = claim or f"run-{uuid.uuid4().hex}"
    resultaat = Resultaat()
    gezien: set[int] = set()
    while True:
        ids = [pk for pk in _claim_batch(claim=claim, nu=timezone.now()) if pk not in gezien]
        if not ids:
            return resultaat
        for pk in ids:
            gezien.add(pk)
            _verstuur_een(pk, claim=claim, resultaat=resultaat)


def na_commit_versturen_zonder_broker() -> None:
    """Without a broker (``make run``) the work of the task runs in-process at commit; with one,
    the beat delivers it and the request never waits for Redis."""
    if not celery_app.conf.task_always_eager:
        return

    def versturen() -> None:
        try:
            bezorgingen_versturen()
        except Exception:  # noqa: BLE001 - the row stays pending; the next run sends it
            logger.exception("action=bezorgingen-versturen result=fout (in-process)")

    transaction.on_commit(versturen)


# --- 3. Resend ----------------------------------------------------------------------------------
@transaction.atomic
def opnieuw_bezorgen(*, bezorging: Bezorging, door: User | None) -> Bezorging:
    """Back in the queue: the same PDF bytes and Message-ID, the addresses in force today."""
    bezorging = (
        Bezorging.objects.select_for_update().select_related("aanvraag").get(pk=bezorging.pk)
    )
    eis_capability(VERZENDEN, bezorging.aanvraag, door, Actie.BEZORGING_OPNIEUW)
    if bezorging.status == Bezorgstatus.BEZORGD:
        raise ValidationError(_("Dit stuk is al bezorgd."))
    if bezorging.status == Bezorgstatus.VERZENDEN:
        raise ValidationError(_("Dit stuk wordt nu verstuurd. Probeer het zo nog eens."))
    instelling = ontvangers_op(STUK_ONTVANGERS[Stuk(bezorging.stuk)], vandaag())
    if instelling is None:
        raise ValidationError(_("Er is nog geen e-mailadres ingesteld. Vraag de accounthouder."))
    bezorging.ontvangers = "\n".join(instelling.lijst)
    bezorging.status = Bezorgstatus.WACHTEND
    bezorging.pogingen = 0
    bezorging.claim = ""
    bezorging.bezig_sinds = None
    bezorging.volgende_poging_op = None
    opslaan(bezorging, door=door, reden="opnieuw versturen")
    audit.vastleggen(door, Actie.BEZORGING_OPNIEUW, bezorging)
    na_commit_versturen_zonder_broker()
    return bezorging
