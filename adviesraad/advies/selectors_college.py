"""Reads around the College (issue 14): the deliveries of a request with their attempts, what a
user may do about them, and the extensions of the response period. A fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from adviesraad.models.advies import WACHT_OP_COLLEGE, Adviesaanvraag
from adviesraad.models.college import (
    Bezorging,
    Bezorgpoging,
    Bezorgstatus,
    Stuk,
    Termijnverlenging,
)

from .policies import aanvraag_policy
from .services.bezorging import VERZENDEN
from .services.reactietermijn import ONTVANGST_BEVESTIGEN, VERLENGEN

#: Who may send the raadsvoorlegger to the griffie: the one who sends the advice.
VOORLEGGER_VERSTUREN = VERZENDEN


@dataclass
class CollegePaneel:
    bezorgingen: list[Bezorging]
    verlengingen: list[Termijnverlenging]
    mag_opnieuw: bool = False
    mag_ontvangst: bool = False
    mag_verlengen: bool = False
    mag_voorlegger_versturen: bool = False
    #: Deliveries that did not arrive (yet): shown first, with the error and a resend.
    niet_aangekomen: list[Bezorging] = field(default_factory=list)
    #: The advice delivery whose receipt the account holder can confirm.
    te_bevestigen: Bezorging | None = None


def mag_verlengen(user: Any, aanvraag: Adviesaanvraag) -> bool:
    return bool(
        aanvraag.status in WACHT_OP_COLLEGE
        and aanvraag.reactie_uiterlijk is not None
        and aanvraag_policy.user_has_perm(user, VERLENGEN)
    )


def te_bevestigen(user: Any, aanvraag: Adviesaanvraag) -> Bezorging | None:
    """The latest advice delivery whose receipt ``user`` may confirm now (one query), or None."""
    if aanvraag.status not in WACHT_OP_COLLEGE or not aanvraag_policy.user_has_perm(
        user, ONTVANGST_BEVESTIGEN
    ):
        return None
    return (
        aanvraag.bezorgingen.filter(stuk=Stuk.ADVIES)
        .select_related("advies")
        .order_by("-aangemaakt_op", "-pk")
        .first()
    )


def college_paneel(user: Any, aanvraag: Adviesaanvraag) -> CollegePaneel:
    """Three queries: deliveries with their attempts, and the extensions."""
    bezorgingen = list(
        aanvraag.bezorgingen.select_related("advies", "bestand")
        .prefetch_related(
            Prefetch("pogingen_log", queryset=Bezorgpoging.objects.order_by("op", "pk"))
        )
        .order_by("aangemaakt_op", "pk")
    )
    wacht = aanvraag.status in WACHT_OP_COLLEGE
    heeft = {c: aanvraag_policy.user_has_perm(user, c) for c in (VERZENDEN, ONTVANGST_BEVESTIGEN)}
    advies_bezorgingen = [b for b in bezorgingen if b.stuk == Stuk.ADVIES]
    laatste = advies_bezorgingen[-1] if advies_bezorgingen else None
    verzonden_voorlegger = any(b.stuk == Stuk.RAADSVOORLEGGER for b in bezorgingen)
    return CollegePaneel(
        bezorgingen=bezorgingen,
        verlengingen=list(aanvraag.termijnverlengingen.order_by("vastgelegd_op", "pk")),
        mag_opnieuw=heeft[VERZENDEN],
        mag_ontvangst=heeft[ONTVANGST_BEVESTIGEN] and wacht and laatste is not None,
        mag_verlengen=mag_verlengen(user, aanvraag),
        mag_voorlegger_versturen=heeft[VERZENDEN] and not verzonden_voorlegger,
        niet_aangekomen=[b for b in bezorgingen if b.status != Bezorgstatus.BEZORGD],
        te_bevestigen=laatste,
    )


def bezorging_voor(aanvraag: Adviesaanvraag, pk: int) -> Bezorging:
    """A delivery of a request the caller already reached through the policy (else 404)."""
    return Bezorging.objects.select_related("aanvraag").get(aanvraag=aanvraag, pk=pk)


@dataclass(frozen=True)
class OpenbareTermijn:
    """What the public register says about the College's response period: no names."""

    uiterlijk: date | None
    te_laat: bool
    verlengingen: list[tuple[date, date, str]]
    voorlegger_verstuurd_op: Any = None


def openbare_termijn(aanvraag: Adviesaanvraag, op: date) -> OpenbareTermijn:
    verlengingen = [
        (v.oude_datum, v.nieuwe_datum, v.reden)
        for v in aanvraag.termijnverlengingen.order_by("vastgelegd_op", "pk")
    ]
    voorlegger = (
        aanvraag.bezorgingen.filter(stuk=Stuk.RAADSVOORLEGGER, status=Bezorgstatus.BEZORGD)
        .values_list("bezorgd_op", flat=True)
        .first()
    )
    return OpenbareTermijn(
        uiterlijk=aanvraag.reactie_uiterlijk,
        te_laat=aanvraag.reactie_te_laat_op(op),
        verlengingen=verlengingen,
        voorlegger_verstuurd_op=voorlegger,
    )


def openbare_voorlegger(kenmerk: str) -> Bezorging:
    """The raadsvoorlegger of a published advice, once it reached the griffie (else 404)."""
    bezorging = (
        Bezorging.objects.filter(
            stuk=Stuk.RAADSVOORLEGGER,
            status=Bezorgstatus.BEZORGD,
            aanvraag__kenmerk=kenmerk,
            aanvraag__gepubliceerd_op__isnull=False,
        )
        .exclude(aanvraag__soort="meedenken")
        .select_related("bestand")
        .first()
    )
    if bezorging is None:
        raise Http404
    return bezorging
