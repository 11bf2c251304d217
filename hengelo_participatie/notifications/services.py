"""Planning of the reminder engine: scan the providers into the outbox, and the whole daily run.

The flow, the same for the Celery tasks, the ``send_reminders`` command and ``make run``:

1. ``herinneringen_plannen(op=...)`` runs every registered provider for the local day ``op`` and
   writes ``Herinnering`` rows in batches: a fixed number of queries per batch, ON CONFLICT DO
   NOTHING on the unique key, so scans may run twice or concurrently.
   ``herinnering_plannen(...)`` does the same for one reminder caused by a change; call it inside
   that change's transaction.
2. ``bezorging``: the digests are assembled and delivered (``herinneringen_verwerken`` runs
   all of it for one day).

No function here talks to the broker.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import vandaag

from . import registry
from .bezorging import (
    BezorgResultaat,
    Verzonden,
    berichten_bezorgen,
    dagoverzichten_samenstellen,
    inhoud,
    na_commit_bezorgen_zonder_broker,
    regels,
)
from .email import dagoverzicht_mail
from .models import Bericht, BerichtStatus, Herinnering, Herinneringsvoorkeur
from .registry import Deadline

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.notifications")

BATCH_GROOTTE = 1000


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
    audit.vastleggen(
        None,
        Actie.HERINNERINGEN_PLANNEN,
        None,
        f"ok dag={op.isoformat()} deadlines={resultaat.deadlines}",
    )
    return resultaat


def herinnering_plannen(
    *,
    ontvanger: User,
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
    op = op or vandaag()
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
        audit.vastleggen(None, Actie.HERINNERING_PLANNEN, herinnering)
        na_commit_bezorgen_zonder_broker()
    return herinnering


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
                ids, items = inhoud(bericht)
                if not items:
                    continue
                mail = dagoverzicht_mail(
                    ontvanger=bericht.ontvanger, herinneringen=items, aantal=len(ids)
                )
                zou.append(
                    Verzonden(
                        bericht_id=bericht.pk,
                        email=bericht.ontvanger.email,
                        onderwerp=str(mail.subject),
                        regels=regels(items, len(ids)),
                    )
                )
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    return VerwerkResultaat(scan=scan, bezorging=BezorgResultaat(), zou_versturen=zou)


# --- Preferences --------------------------------------------------------------------------------
@transaction.atomic
def voorkeuren_opslaan(*, gebruiker: User, aan: Iterable[str]) -> set[str]:
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
    audit.vastleggen(
        gebruiker, Actie.HERINNERINGSVOORKEUREN_OPSLAAN, gebruiker, f"ok uit={len(uit)}"
    )
    return uit
