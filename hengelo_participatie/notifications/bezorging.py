"""Delivery of the reminder engine: assemble the daily digests, send them, retry.

1. ``dagoverzichten_samenstellen(dag=...)`` gives every person with open reminders one ``Bericht``
   for the day (unique per person per day) and attaches the reminders to it.
2. ``berichten_bezorgen(claim=...)`` claims pending messages (``SELECT ... FOR UPDATE SKIP LOCKED``
   where the database has it, and a conditional UPDATE everywhere), sends each, and marks it sent.
   ``claim`` is the Celery task id: a redelivered task (same id) takes over its own unfinished
   claim; another task cannot. A claim older than ``CLAIM_VERLOOPT`` is free again.

No function here talks to the broker. Delivery is exactly-once except for the unavoidable window
between the SMTP server accepting a message and our UPDATE (a crash exactly there re-sends once).
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import connection, models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from hengelo_participatie.accounts.policy import ModelPolicy
from hengelo_participatie.celery import app as celery_app
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie

from .email import MAX_PUNTEN, dagoverzicht_mail
from .models import Bericht, BerichtStatus, Herinnering, Herinneringsvoorkeur

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.notifications")

CLAIM_GROOTTE = 50
#: A claim older than this belongs to a task that died without redelivery: free it. Longer than
#: the Celery hard time limit, so a live task never loses its claim.
CLAIM_VERLOOPT = timedelta(minutes=15)
#: After this many failed attempts a message is "mislukt": visible in the admin, retried by hand.
MAX_POGINGEN = 6
BACKOFF_BASIS = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
#: Items marked sent per UPDATE (a digest of many items stays within the database's parameter
#: limit).
MARKEER_BATCH = 900

#: The errors of sending mail that are worth retrying (connection refused is an OSError).
SMTP_FOUTEN: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)

bericht_policy: ModelPolicy[Bericht] = ModelPolicy(Bericht, global_grants_objects=True)


# --- 1. Assemble the daily digests ----------------------------------------------------------------
def _open_herinneringen(dag: date) -> models.QuerySet[Herinnering]:
    uitgezet = Herinneringsvoorkeur.objects.filter(
        gebruiker=OuterRef("ontvanger"), soort=OuterRef("soort")
    )
    return Herinnering.objects.filter(
        bericht__isnull=True, verzonden_op__isnull=True, gepland_op__lte=dag
    ).filter(Q(verplicht=True) | ~Exists(uitgezet))


@transaction.atomic
def dagoverzichten_samenstellen(*, dag: date) -> int:
    """Give each person with open reminders today's digest (one per person per day) and attach
    the reminders to it. Three queries, however many people. Returns the reminders attached."""
    ontvangers = set(_open_herinneringen(dag).values_list("ontvanger_id", flat=True).distinct())
    if not ontvangers:
        return 0
    Bericht.objects.bulk_create(
        [Bericht(ontvanger_id=o, dag=dag) for o in sorted(ontvangers)], ignore_conflicts=True
    )
    # Only a digest still waiting takes new items: one already (being) sent is never reopened,
    # so its items wait for tomorrow's digest.
    wachtend = Bericht.objects.filter(
        ontvanger=OuterRef("ontvanger"), dag=dag, status=BerichtStatus.WACHTEND
    ).values("pk")[:1]
    return _open_herinneringen(dag).update(bericht=Subquery(wachtend))


# --- 2. Deliver ---------------------------------------------------------------------------------
def _claimbaar(claim: str, nu: datetime) -> Q:
    return (
        Q(status=BerichtStatus.WACHTEND)
        & (Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=nu))
    ) | Q(status=BerichtStatus.VERZENDEN) & (
        Q(claim=claim) | Q(bezig_sinds__lt=nu - CLAIM_VERLOOPT)
    )


def _claim_batch(*, claim: str, nu: datetime, grootte: int = CLAIM_GROOTTE) -> list[int]:
    with transaction.atomic():
        qs = Bericht.objects.filter(_claimbaar(claim, nu)).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:grootte])
        if not ids:
            return []
        # The condition is checked again in the UPDATE: on a database without row locks (SQLite)
        # two claimers still cannot both win.
        Bericht.objects.filter(_claimbaar(claim, nu), pk__in=ids).update(
            status=BerichtStatus.VERZENDEN, claim=claim, bezig_sinds=nu, pogingen=F("pogingen") + 1
        )
    return list(
        Bericht.objects.filter(pk__in=ids, claim=claim, status=BerichtStatus.VERZENDEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@dataclass
class Verzonden:
    bericht_id: int
    email: str
    onderwerp: str
    regels: list[str]


@dataclass
class BezorgResultaat:
    verzonden: list[Verzonden] = field(default_factory=list)
    mislukt: list[tuple[int, str]] = field(default_factory=list)
    laatste_fout: BaseException | None = None


def _backoff(pogingen: int) -> timedelta:
    factor: int = 2 ** max(pogingen - 1, 0)
    return min(BACKOFF_BASIS * factor, BACKOFF_MAX)


def _fout_vastleggen(bericht: Bericht, *, claim: str, nu: datetime, exc: BaseException) -> None:
    opgegeven = bericht.pogingen >= MAX_POGINGEN
    Bericht.objects.filter(pk=bericht.pk, claim=claim).update(
        status=BerichtStatus.MISLUKT if opgegeven else BerichtStatus.WACHTEND,
        laatste_fout=f"{type(exc).__name__}: {exc}"[:2000],
        claim="",
        bezig_sinds=None,
        volgende_poging_op=None if opgegeven else nu + _backoff(bericht.pogingen),
    )
    audit.vastleggen(None, Actie.HERINNERING_VERZENDEN, bericht, f"fout poging={bericht.pogingen}")


def inhoud(bericht: Bericht) -> tuple[list[int], list[Herinnering]]:
    """The unsent items of ``bericht``: all their ids, and the first ``MAX_PUNTEN`` (by deadline)
    as objects for the e-mail. Two queries, however long the digest."""
    open_ = bericht.herinneringen.filter(verzonden_op__isnull=True).order_by("deadline", "pk")
    ids = list(open_.values_list("pk", flat=True))
    return ids, list(open_[:MAX_PUNTEN]) if ids else []


def regels(items: list[Herinnering], aantal: int) -> list[str]:
    """The digest's lines as plain text (for the result and the dry run), summarised like the
    e-mail."""
    lijst = [f"{h.deadline:%d-%m-%Y} {h.tekst}" for h in items]
    if aantal > len(items):
        lijst.append(f"En nog {aantal - len(items)} punten")
    return lijst


def _verzend_een(pk: int, *, claim: str, resultaat: BezorgResultaat) -> None:
    bericht = Bericht.objects.select_related("ontvanger").get(pk=pk)
    ids, items = inhoud(bericht)
    ontvanger = bericht.ontvanger
    if not items or not ontvanger.is_active or not ontvanger.email:
        # Nothing (left) to send: free the day's slot, keep any items for a later digest.
        with transaction.atomic():
            Herinnering.objects.filter(bericht=bericht).update(bericht=None)
            Bericht.objects.filter(pk=pk, claim=claim).delete()
        return
    mail = dagoverzicht_mail(ontvanger=ontvanger, herinneringen=items, aantal=len(ids))
    try:
        mail.send()
    except SMTP_FOUTEN as exc:
        _fout_vastleggen(bericht, claim=claim, nu=timezone.now(), exc=exc)
        resultaat.mislukt.append((pk, str(exc)))
        resultaat.laatste_fout = exc
        return
    nu = timezone.now()
    with transaction.atomic():
        Bericht.objects.filter(pk=pk, claim=claim).update(
            status=BerichtStatus.VERZONDEN,
            verzonden_op=nu,
            laatste_fout="",
            volgende_poging_op=None,
            bezig_sinds=None,
        )
        for start in range(0, len(ids), MARKEER_BATCH):
            Herinnering.objects.filter(pk__in=ids[start : start + MARKEER_BATCH]).update(
                verzonden_op=nu
            )
        # Items attached while this digest was already being sent go in a later one.
        Herinnering.objects.filter(bericht=bericht, verzonden_op__isnull=True).update(bericht=None)
    audit.vastleggen(None, Actie.HERINNERING_VERZENDEN, bericht, f"ok items={len(ids)}")
    resultaat.verzonden.append(
        Verzonden(
            bericht_id=pk,
            email=ontvanger.email,
            onderwerp=str(mail.subject),
            regels=regels(items, len(ids)),
        )
    )


def berichten_bezorgen(*, claim: str | None = None) -> BezorgResultaat:
    """Send every message that is due. Safe to run concurrently and to redeliver."""
    claim = claim or f"run-{uuid.uuid4().hex}"
    resultaat = BezorgResultaat()
    gezien: set[int] = set()
    while True:
        ids = [pk for pk in _claim_batch(claim=claim, nu=timezone.now()) if pk not in gezien]
        if not ids:
            return resultaat
        for pk in ids:
            gezien.add(pk)
            _verzend_een(pk, claim=claim, resultaat=resultaat)


def na_commit_bezorgen_zonder_broker() -> None:
    """Without a broker (``make run``) the delivery task's work runs in-process at commit; with
    one, the beat delivers it and this request never waits for Redis."""
    if not celery_app.conf.task_always_eager:
        return

    def bezorgen() -> None:
        # What the task ``tasks.berichten_bezorgen`` does, here, in-process: a failed message is
        # back in the queue with its backoff, so nothing is retried now.
        try:
            dagoverzichten_samenstellen(dag=timezone.localdate())
            berichten_bezorgen()
        except Exception:  # noqa: BLE001 - the outbox row stays pending; the next run sends it
            logger.exception("action=berichten-bezorgen result=fout (in-process)")

    transaction.on_commit(bezorgen)


# --- Admin: retry -------------------------------------------------------------------------------
@transaction.atomic
def bericht_opnieuw_proberen(*, bericht: Bericht, door: User) -> bool:
    """Put a failed (or stuck) message back in the queue. Returns False if it was already sent."""
    if not bericht_policy.user_has_perm(door, "change"):
        audit.vastleggen(door, Actie.BERICHT_OPNIEUW, bericht, audit.GEWEIGERD)
        raise PermissionError("Geen recht om herinneringsmails opnieuw te versturen.")
    n = (
        Bericht.objects.filter(pk=bericht.pk)
        .exclude(status=BerichtStatus.VERZONDEN)
        .update(
            status=BerichtStatus.WACHTEND,
            pogingen=0,
            claim="",
            bezig_sinds=None,
            volgende_poging_op=None,
        )
    )
    audit.vastleggen(door, Actie.BERICHT_OPNIEUW, bericht, audit.OK if n else "al-verzonden")
    if n:
        na_commit_bezorgen_zonder_broker()
    return bool(n)
