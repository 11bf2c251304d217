"""Writes of the reminder engine: plan (outbox), scan, assemble digests, deliver, retry.

The flow, the same for the Celery tasks, the ``send_reminders`` command and ``make run``:

1. ``herinneringen_plannen(op=...)`` runs every registered provider for the local day ``op`` and
   writes ``Herinnering`` rows in batches: a fixed number of queries per batch, ON CONFLICT DO
   NOTHING on the unique key, so scans may run twice or concurrently.
   ``herinnering_plannen(...)`` does the same for one reminder caused by a change; call it inside
   that change's transaction.
2. ``dagoverzichten_samenstellen(dag=...)`` gives every person with open reminders one ``Bericht``
   for the day (unique per person per day) and attaches the reminders to it.
3. ``berichten_bezorgen(claim=...)`` claims pending messages (``SELECT ... FOR UPDATE SKIP LOCKED``
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from hengelo_participatie.celery import app as celery_app

from . import registry
from .email import dagoverzicht_mail
from .models import Bericht, BerichtStatus, Herinnering, Herinneringsvoorkeur
from .registry import Deadline

logger = logging.getLogger("hengelo_participatie.notifications")

BATCH_GROOTTE = 1000
CLAIM_GROOTTE = 50
#: A claim older than this belongs to a task that died without redelivery: free it. Longer than
#: the Celery hard time limit, so a live task never loses its claim.
CLAIM_VERLOOPT = timedelta(minutes=15)
#: After this many failed attempts a message is "mislukt": visible in the admin, retried by hand.
MAX_POGINGEN = 6
BACKOFF_BASIS = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)

#: The errors of sending mail that are worth retrying (connection refused is an OSError).
SMTP_FOUTEN: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)


def _audit(door: Any, actie: str, obj: object, resultaat: str) -> None:
    """BIO 8.15: actor, action, object, result, time. Never names or e-mail addresses."""
    objnaam = f"{obj._meta.model_name}:{obj.pk}" if isinstance(obj, models.Model) else str(obj)
    logger.info(
        "actor=%s action=%s object=%s result=%s time=%s",
        getattr(door, "pk", None) or "systeem",
        actie,
        objnaam,
        resultaat,
        timezone.now().isoformat(),
    )


# --- Content types ------------------------------------------------------------------------------
def _inhoudstype_ids(labels: Iterable[str]) -> dict[str, int]:
    """``{"adviesraad.zittingstermijn": ct_id}``. ContentType's own cache answers after the first
    lookup of a label (and is cleared when the table is flushed), so a batch costs no query."""
    ids = {}
    for label in labels:
        app_label, _, model = label.partition(".")
        try:
            ids[label] = ContentType.objects.get_by_natural_key(app_label, model).pk
        except ContentType.DoesNotExist:
            raise LookupError(f"Onbekende soort onderwerp in een deadline: {label!r}") from None
    return ids


# --- 1. Plan ------------------------------------------------------------------------------------
def _soort_verplicht(soort: str) -> bool:
    provider = registry.provider(soort)
    if provider is None:
        raise ValidationError(f"Onbekende soort herinnering: {soort!r}.", code="onbekende_soort")
    return provider.mandatory


def _rij(d: Deadline, *, ct_ids: dict[str, int], op: date, verplicht: bool) -> Herinnering:
    return Herinnering(
        ontvanger_id=d.ontvanger_id,
        soort=d.soort,
        onderwerp_type_id=ct_ids[d.onderwerp],
        onderwerp_id=d.onderwerp_id,
        onderwerp_label=d.onderwerp_label[:200],
        deadline=d.datum,
        tekst=d.tekst[:300],
        link=d.link[:500],
        verplicht=verplicht,
        vertrouwelijk=d.vertrouwelijk,
        kenmerk=d.kenmerk[:40],
        gepland_op=op,
    )


def _plannen_batch(batch: list[Deadline], *, op: date) -> int:
    """Write one batch: at most four queries, whatever its size.

    1. content types (only for labels not seen before); 2. which recipients are active;
    3. which non-mandatory kinds they switched off; 4. one INSERT ... ON CONFLICT DO NOTHING.
    Returns the number of rows offered (existing ones are skipped by the database).
    """
    ct_ids = _inhoudstype_ids({d.onderwerp for d in batch})
    ontvangers = {d.ontvanger_id for d in batch}
    verplicht = registry.verplichte_soorten()
    actief = set(
        get_user_model()
        .objects.filter(pk__in=ontvangers, is_active=True)
        .values_list("pk", flat=True)
    )
    vrije_soorten = {d.soort for d in batch} - verplicht
    uit: set[tuple[int, str]] = set()
    if vrije_soorten:
        uit = set(
            Herinneringsvoorkeur.objects.filter(
                gebruiker_id__in=actief, soort__in=vrije_soorten
            ).values_list("gebruiker_id", "soort")
        )
    rijen = [
        _rij(d, ct_ids=ct_ids, op=op, verplicht=d.soort in verplicht)
        for d in batch
        if d.ontvanger_id in actief and (d.ontvanger_id, d.soort) not in uit
    ]
    if rijen:
        Herinnering.objects.bulk_create(rijen, ignore_conflicts=True, batch_size=len(rijen))
    return len(rijen)


def _in_batches(items: Iterable[Deadline], grootte: int) -> Iterator[list[Deadline]]:
    it = iter(items)
    while batch := list(islice(it, grootte)):
        yield batch


@dataclass
class ScanResultaat:
    op: date
    deadlines: int = 0
    aangeboden: int = 0
    batches: int = 0
    fouten: list[str] = field(default_factory=list)


def alle_deadlines(*, op: date, fouten: list[str] | None = None) -> Iterator[Deadline]:
    """Every provider's deadlines for ``op``. A provider that fails is logged and skipped, so one
    misconfigured rule does not stop every other reminder."""
    for provider in registry.providers():
        try:
            yield from provider.deadlines(op)
        except Exception as exc:  # noqa: BLE001 - reported, and the other providers still run
            logger.exception("action=herinneringen-scan object=%s result=fout", provider.kind)
            if fouten is not None:
                fouten.append(f"{provider.kind}: {exc}")


def standaard_batch_grootte() -> int:
    """``BATCH_GROOTTE``, or less where the database caps the parameters of one INSERT (SQLite),
    so that one batch is always exactly one INSERT."""
    velden = [f for f in Herinnering._meta.concrete_fields if not f.primary_key]
    return max(1, connection.ops.bulk_batch_size(velden, [None] * BATCH_GROOTTE))


def herinneringen_plannen(*, op: date, batch_grootte: int | None = None) -> ScanResultaat:
    """The scan: run every provider for the local day ``op`` and fill the outbox. Idempotent."""
    resultaat = ScanResultaat(op=op)
    batch_grootte = batch_grootte or standaard_batch_grootte()
    for batch in _in_batches(alle_deadlines(op=op, fouten=resultaat.fouten), batch_grootte):
        with transaction.atomic():
            resultaat.aangeboden += _plannen_batch(batch, op=op)
        resultaat.deadlines += len(batch)
        resultaat.batches += 1
    _audit(
        None,
        "herinneringen-plannen",
        f"dag:{op.isoformat()}",
        f"ok deadlines={resultaat.deadlines}",
    )
    return resultaat


def herinnering_plannen(
    *,
    ontvanger: Any,
    onderwerp: models.Model,
    deadline: date,
    soort: str,
    tekst: str,
    link: str,
    op: date | None = None,
    vertrouwelijk: bool = False,
    onderwerp_label: str | None = None,
    kenmerk: str = "",
) -> Herinnering | None:
    """Put one reminder caused by a change in the outbox; call it inside that change's transaction.

    ``onderwerp_label`` (default ``str(onderwerp)``) is how the subject is named in the outbox;
    pass a neutral one when even the name of a confidential subject must not be stored there.
    ``kenmerk`` is a neutral reference shown in the e-mail even when ``vertrouwelijk``.

    Idempotent (get_or_create on the unique key). Returns None when the person switched this
    non-mandatory kind off or the account is inactive. Never touches the broker: the periodic
    task delivers it (and in the embedded setup without a broker it is delivered at commit,
    in-process).
    """
    verplicht = _soort_verplicht(soort)
    if not ontvanger.is_active:
        return None
    if (
        not verplicht
        and Herinneringsvoorkeur.objects.filter(gebruiker=ontvanger, soort=soort).exists()
    ):
        return None
    op = op or timezone.localdate()
    herinnering, nieuw = Herinnering.objects.get_or_create(
        ontvanger=ontvanger,
        onderwerp_type=ContentType.objects.get_for_model(onderwerp),
        onderwerp_id=onderwerp.pk,
        deadline=deadline,
        soort=soort,
        defaults={
            "onderwerp_label": (str(onderwerp) if onderwerp_label is None else onderwerp_label)[
                :200
            ],
            "tekst": tekst[:300],
            "link": link[:500],
            "verplicht": verplicht,
            "vertrouwelijk": vertrouwelijk,
            "kenmerk": kenmerk[:40],
            "gepland_op": op,
        },
    )
    if nieuw:
        _na_commit_bezorgen_zonder_broker()
    return herinnering


def _na_commit_bezorgen_zonder_broker() -> None:
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


# --- 2. Assemble the daily digests ----------------------------------------------------------------
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


# --- 3. Deliver ---------------------------------------------------------------------------------
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
    return min(BACKOFF_BASIS * 2 ** max(pogingen - 1, 0), BACKOFF_MAX)


def _fout_vastleggen(bericht: Bericht, *, claim: str, nu: datetime, exc: BaseException) -> None:
    opgegeven = bericht.pogingen >= MAX_POGINGEN
    Bericht.objects.filter(pk=bericht.pk, claim=claim).update(
        status=BerichtStatus.MISLUKT if opgegeven else BerichtStatus.WACHTEND,
        laatste_fout=f"{type(exc).__name__}: {exc}"[:2000],
        claim="",
        bezig_sinds=None,
        volgende_poging_op=None if opgegeven else nu + _backoff(bericht.pogingen),
    )
    _audit(None, "herinnering-verzenden", bericht, f"fout poging={bericht.pogingen}")


def _verzend_een(pk: int, *, claim: str, resultaat: BezorgResultaat) -> None:
    bericht = Bericht.objects.select_related("ontvanger").get(pk=pk)
    items = list(bericht.herinneringen.filter(verzonden_op__isnull=True).order_by("deadline", "pk"))
    ontvanger = bericht.ontvanger
    if not items or not ontvanger.is_active or not ontvanger.email:
        # Nothing (left) to send: free the day's slot, keep any items for a later digest.
        with transaction.atomic():
            Herinnering.objects.filter(bericht=bericht).update(bericht=None)
            Bericht.objects.filter(pk=pk, claim=claim).delete()
        return
    mail = dagoverzicht_mail(ontvanger=ontvanger, herinneringen=items)
    try:
        mail.send()
    except SMTP_FOUTEN as exc:
        _fout_vastleggen(bericht, claim=claim, nu=timezone.now(), exc=exc)
        resultaat.mislukt.append((pk, str(exc)))
        resultaat.laatste_fout = exc
        return
    nu = timezone.now()
    ids = [h.pk for h in items]
    with transaction.atomic():
        Bericht.objects.filter(pk=pk, claim=claim).update(
            status=BerichtStatus.VERZONDEN,
            verzonden_op=nu,
            laatste_fout="",
            volgende_poging_op=None,
            bezig_sinds=None,
        )
        Herinnering.objects.filter(pk__in=ids).update(verzonden_op=nu)
        # Items attached while this digest was already being sent go in a later one.
        Herinnering.objects.filter(bericht=bericht, verzonden_op__isnull=True).update(bericht=None)
    _audit(None, "herinnering-verzenden", bericht, f"ok items={len(ids)}")
    resultaat.verzonden.append(
        Verzonden(
            bericht_id=pk,
            email=ontvanger.email,
            onderwerp=str(mail.subject),
            regels=[f"{h.deadline:%d-%m-%Y} {h.tekst}" for h in items],
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


# --- All of it -----------------------------------------------------------------------------------
@dataclass
class VerwerkResultaat:
    scan: ScanResultaat
    bezorging: BezorgResultaat
    #: Dry run: what would be sent, as (e-mail, subject, lines).
    zou_versturen: list[Verzonden] = field(default_factory=list)


class _Terugdraaien(Exception):
    pass


def herinneringen_verwerken(
    *, op: date, claim: str | None = None, dry_run: bool = False
) -> VerwerkResultaat:
    """Scan, assemble and deliver for the local day ``op``: the daily task and the command.

    ``dry_run`` runs the same scan and assembly in a transaction that is rolled back, and reports
    the digests that would go out instead of sending them.
    """
    if not dry_run:
        scan = herinneringen_plannen(op=op)
        dagoverzichten_samenstellen(dag=op)
        return VerwerkResultaat(scan=scan, bezorging=berichten_bezorgen(claim=claim))
    zou: list[Verzonden] = []
    try:
        with transaction.atomic():
            scan = herinneringen_plannen(op=op)
            dagoverzichten_samenstellen(dag=op)
            for bericht in (
                Bericht.objects.filter(status=BerichtStatus.WACHTEND, dag__lte=op)
                .select_related("ontvanger")
                .order_by("ontvanger__email", "pk")
            ):
                items = list(
                    bericht.herinneringen.filter(verzonden_op__isnull=True).order_by(
                        "deadline", "pk"
                    )
                )
                if not items:
                    continue
                mail = dagoverzicht_mail(ontvanger=bericht.ontvanger, herinneringen=items)
                zou.append(
                    Verzonden(
                        bericht_id=bericht.pk,
                        email=bericht.ontvanger.email,
                        onderwerp=str(mail.subject),
                        regels=[f"{h.deadline:%d-%m-%Y} {h.tekst}" for h in items],
                    )
                )
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    return VerwerkResultaat(scan=scan, bezorging=BezorgResultaat(), zou_versturen=zou)


# --- Admin: retry -------------------------------------------------------------------------------
@transaction.atomic
def bericht_opnieuw_proberen(*, bericht: Bericht, door: Any) -> bool:
    """Put a failed (or stuck) message back in the queue. Returns False if it was already sent."""
    if not door.has_perm("notifications.change_bericht"):
        _audit(door, "bericht-opnieuw", bericht, "geweigerd")
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
    _audit(door, "bericht-opnieuw", bericht, "ok" if n else "al-verzonden")
    if n:
        _na_commit_bezorgen_zonder_broker()
    return bool(n)


# --- Preferences --------------------------------------------------------------------------------
@transaction.atomic
def voorkeuren_opslaan(*, gebruiker: Any, aan: Iterable[str]) -> set[str]:
    """Switch the non-mandatory kinds not in ``aan`` off for ``gebruiker``, the others on.

    A mandatory or unknown kind in ``aan`` is refused (ValidationError) and nothing is written.
    Returns the kinds now switched off.
    """
    aan = set(aan)
    vrij = {p.kind for p in registry.providers() if not p.mandatory}
    ongeldig = aan - vrij
    if ongeldig:
        raise ValidationError(
            _("Deze herinneringen bestaan niet of kunt u niet uitzetten: %(soorten)s.")
            % {"soorten": ", ".join(sorted(ongeldig))},
            code="ongeldige_soort",
        )
    uit = vrij - aan
    Herinneringsvoorkeur.objects.filter(gebruiker=gebruiker).exclude(soort__in=uit).delete()
    Herinneringsvoorkeur.objects.bulk_create(
        [Herinneringsvoorkeur(gebruiker=gebruiker, soort=s) for s in sorted(uit)],
        ignore_conflicts=True,
    )
    _audit(
        gebruiker, "herinneringsvoorkeuren-opslaan", f"user:{gebruiker.pk}", f"ok uit={len(uit)}"
    )
    return uit
