"""What each person must do in the coming week, from the one source of the reminders.

The dashboard asked every provider on every visit (some 50 queries). Now the providers run once
for everyone and the result is kept in ``Openstaand``: for the local day ``op``, every deadline
the daily scan would put in a person's outbox on ``op`` or one of the six days after it
(``WEEK``), with the same audiences and the same texts. The dashboard reads one person's rows
(``openstaand_voor``: a fixed number of queries, whatever the data) and drops the kinds the person
switched off, exactly as the scan does.

When the rows are recomputed (``vernieuwen``):

* by the daily reminder task and ``send_reminders`` (``tasks.herinneringen_versturen``);
* lazily, on the first read of a day when they were computed for another day: the embedded
  default has no beat, so nothing else may be counted on;
* when the registered kinds differ from those it was computed with (a new provider);
* after a change: any save or delete of a model of an app whose providers scan for deadlines
  (``registry.bron_apps``), of a user or of a user's roles, replaces the change token in the
  cache (at once, and again when the transaction commits). Rows computed under another token are
  stale and the next read recomputes them. Replacing the token costs no query; the cache is
  Redis in production (shared by every worker) and per process in the embedded default (one
  process).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import registry
from .models import Herinneringsvoorkeur, Openstaand, Overzichtstand
from .registry import Deadline
from .services import alle_deadlines

logger = logging.getLogger("hengelo_participatie.notifications")

#: The days the overview covers: today and the six days after it.
WEEK = 7
WIJZIGING_SLEUTEL = "notifications:overzicht:token"


# --- The change token ----------------------------------------------------------------------------
def markeer_verouderd() -> None:
    """Make the overview stale: the next read recomputes it (a new change token)."""
    cache.set(WIJZIGING_SLEUTEL, uuid.uuid4().hex, timeout=None)


def _met_soorten(token: str) -> str:
    """The change token with the registered kinds: a new provider (after a deploy) makes the
    stored overview stale too."""
    soorten = ",".join(sorted(p.kind for p in registry.providers()))
    return f"{token}:{hashlib.sha256(soorten.encode()).hexdigest()[:7]}"


def _huidig_token() -> str:
    token = cache.get(WIJZIGING_SLEUTEL)
    if token is None:
        cache.add(WIJZIGING_SLEUTEL, uuid.uuid4().hex, timeout=None)
        token = cache.get(WIJZIGING_SLEUTEL)
    return _met_soorten(str(token))


def _gevolgde_modellen() -> list[type[models.Model]]:
    """The models whose changes may change what is due (see the module docstring)."""
    user = get_user_model()
    bronnen = registry.bron_apps()
    uit: list[type[models.Model]] = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if (meta.model_name or "").startswith("historical"):
            continue  # saved with the model itself
        if meta.app_label in bronnen or model is user:
            uit.append(model)
        elif meta.auto_created and any(
            f.related_model is user for f in meta.get_fields() if f.is_relation
        ):
            uit.append(model)  # a user's roles (groups) and permissions
    return uit


def gewijzigd(sender: type[models.Model], **kwargs: Any) -> None:
    """Signal receiver: a change that may change what is due makes the overview stale."""
    actie = kwargs.get("action")
    if actie is not None and not str(actie).startswith("post_"):
        return  # m2m_changed fires before and after; the "post_" one is enough
    velden = kwargs.get("update_fields")
    if velden and set(velden) <= {"last_login"}:
        return  # a login only stamps last_login
    markeer_verouderd()
    # Once more at commit: a recompute that ran while this change was not yet visible kept the
    # token set above, and must not count as up to date.
    transaction.on_commit(markeer_verouderd, using=kwargs.get("using"))


def volgen() -> None:
    """Connect ``gewijzigd`` to every followed model (from ``NotificationsConfig.ready``, after
    the providers are registered). Per model, not globally: a receiver for every model would
    turn every bulk delete of the project into a row-by-row one."""
    for model in _gevolgde_modellen():
        uid = f"notifications_overzicht_{model._meta.label_lower}"
        if model._meta.auto_created:
            m2m_changed.connect(gewijzigd, sender=model, dispatch_uid=f"{uid}_m2m")
        else:
            post_save.connect(gewijzigd, sender=model, dispatch_uid=f"{uid}_save")
            post_delete.connect(gewijzigd, sender=model, dispatch_uid=f"{uid}_delete")


# --- Computing -----------------------------------------------------------------------------------
def week_deadlines(*, op: date) -> list[tuple[Deadline, date]]:
    """Every deadline the scan finds on ``op`` and the six days after it, with the first of those
    days, once per outbox key (the first day's text, as the outbox keeps the first), for active
    users."""
    gezien: set[tuple[int, str, int, date, str]] = set()
    uit: list[tuple[Deadline, date]] = []
    with registry.scan_context():
        for i in range(WEEK):
            dag = op + timedelta(days=i)
            for d in alle_deadlines(op=dag):
                if d.sleutel not in gezien:
                    gezien.add(d.sleutel)
                    uit.append((d, dag))
    actief = set(
        get_user_model()
        .objects.filter(pk__in={d.ontvanger_id for d, _ in uit}, is_active=True)
        .values_list("pk", flat=True)
    )
    return [(d, dag) for d, dag in uit if d.ontvanger_id in actief]


def _rij(d: Deadline, *, op: date, vanaf: date) -> Openstaand:
    return Openstaand(
        dag=op,
        vanaf=vanaf,
        ontvanger_id=d.ontvanger_id,
        soort=d.soort,
        onderwerp=d.onderwerp[:100],
        onderwerp_id=d.onderwerp_id,
        onderwerp_label=d.onderwerp_label[:200],
        datum=d.datum,
        link=d.link[:500],
        tekst=d.tekst[:300],
        vertrouwelijk=d.vertrouwelijk,
        kenmerk=d.kenmerk[:40],
    )


def vernieuwen(*, op: date) -> int:
    """Recompute the overview for the local day ``op``; returns the number of rows."""
    token = _huidig_token()
    rijen = [_rij(d, op=op, vanaf=vanaf) for d, vanaf in week_deadlines(op=op)]
    with transaction.atomic():
        # One recompute at a time: the second waits, then replaces the first one's rows.
        Overzichtstand.objects.select_for_update().get_or_create(pk=1)
        Openstaand.objects.all().delete()
        Openstaand.objects.bulk_create(rijen)
        Overzichtstand.objects.filter(pk=1).update(dag=op, token=token)
    logger.info("action=takenoverzicht-vernieuwen dag=%s rijen=%d", op.isoformat(), len(rijen))
    return len(rijen)


def is_actueel(*, op: date) -> bool:
    token = cache.get(WIJZIGING_SLEUTEL)
    return (
        token is not None
        and Overzichtstand.objects.filter(pk=1, dag=op, token=_met_soorten(str(token))).exists()
    )


# --- Reading -------------------------------------------------------------------------------------
def openstaand_voor(gebruiker: Any, *, op: date) -> list[Openstaand]:
    """What ``gebruiker`` must do from ``op`` on, soonest first, as the reminders would tell them:
    two queries when the overview is up to date (see the module docstring otherwise)."""
    if not is_actueel(op=op):
        vernieuwen(op=op)
    uitgezet = Herinneringsvoorkeur.objects.filter(gebruiker=gebruiker).values("soort")
    rijen = Openstaand.objects.filter(ontvanger=gebruiker, dag=op).exclude(
        models.Q(soort__in=uitgezet) & ~models.Q(soort__in=registry.verplichte_soorten())
    )
    gezien: set[tuple[str, int, date, str]] = set()
    uit = []
    for rij in rijen.order_by("datum", "onderwerp_label", "pk"):
        # Two moments of one deadline (a term ends: 6 and 3 months ahead) are one task.
        sleutel = (rij.onderwerp, rij.onderwerp_id, rij.datum, rij.tekst)
        if sleutel not in gezien:
            gezien.add(sleutel)
            uit.append(rij)
    return uit
