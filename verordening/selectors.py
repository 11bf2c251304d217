"""Reads of the verordening app (beyond the rules, which ``rules.py`` answers)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from verordening.models import HuishoudelijkReglement, Regel, Samenwerkingsafspraken, Verordening
from verordening.rules import Sleutel


def verordening_op(on: date) -> Verordening | None:
    """The verordening in force on ``on``."""
    return (
        Verordening.objects.filter(in_werking_vanaf__lte=on)
        .filter(Q(in_werking_tot__isnull=True) | Q(in_werking_tot__gt=on))
        .order_by("-in_werking_vanaf")
        .first()
    )


def regel_versies(sleutel: str) -> QuerySet[Regel]:
    """All versions of one rule, oldest first (its timeline)."""
    return (
        Regel.objects.filter(sleutel=sleutel)
        .select_related("bron__verordening")
        .order_by("geldig_vanaf")
    )


def samenwerkingsafspraken_voor(jaar: int) -> Samenwerkingsafspraken | None:
    return Samenwerkingsafspraken.objects.filter(jaar=jaar).first()


def huidig_huishoudelijk_reglement() -> HuishoudelijkReglement | None:
    """The most recently approved version of the house rules."""
    return (
        HuishoudelijkReglement.objects.filter(status=HuishoudelijkReglement.Status.GOEDGEKEURD)
        .order_by("-beoordeeld_op", "-id")
        .first()
    )


# --- Attendance rules, set by the house rules (issue 12 §1) --------------------------------------
#: The keys a version of the house rules may set: which meeting types count and how much
#: (``vergoeding_weging_<type>``), a cancellation in advance, and paying on in long absence.
AANWEZIGHEID_VAST = frozenset(
    {Sleutel.VERGOEDING_AFGEMELD, Sleutel.VERGOEDING_DOORBETALING_VERZUIM}
)


def is_aanwezigheidsregel(sleutel: str) -> bool:
    return sleutel in AANWEZIGHEID_VAST or sleutel.startswith(Sleutel.VERGOEDING_WEGING)


def aanwezigheidsregels(op: date) -> dict[str, Regel]:
    """The attendance rules that run on ``op``, by key, in one query."""
    return {
        r.sleutel: r
        for r in Regel.objects.filter(
            Q(sleutel__startswith=Sleutel.VERGOEDING_WEGING) | Q(sleutel__in=AANWEZIGHEID_VAST),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=op),
            geldig_vanaf__lte=op,
        ).order_by("sleutel")
    }
