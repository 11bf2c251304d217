"""Reads of the follow-up of adopted points (toezeggingen), with a fixed number of queries.

Who sees a follow-up record is who sees its advice request (``aanvraag_policy``): members while
they sit on the council, the account holder and the supporter, the assigned policy officer. The
public register shows the state and the dated notes of published advice, never who wrote them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from adviesraad.models import Kernwet
from adviesraad.models.advies import Adviesaanvraag
from adviesraad.models.toezeggingen import (
    OPEN_TOEZEGGING,
    Toezegging,
    ToezeggingStatus,
    Voortgang,
)
from hengelo_participatie.core.queryparams import MAX_PAGINA

from .policies import aanvraag_policy
from .services.toezegging import BIJWERKEN, STAND_VRAGEN

PER_PAGINA = 50
CSV_MAX = 5000


def te_laat(toezegging: Toezegging, op: date) -> bool:
    return bool(
        toezegging.status in OPEN_TOEZEGGING
        and toezegging.verwacht_op is not None
        and toezegging.verwacht_op < op
    )


def _zichtbaar(user: Any) -> QuerySet[Toezegging]:
    return Toezegging.objects.filter(
        aanvraag__in=aanvraag_policy.zichtbaar_zonder_extra_queries(user)
    ).select_related("aanvraag", "punt")


@dataclass
class Filters:
    status: str = ""
    wet: str = ""
    jaar: int | None = None
    te_laat: bool = False

    def als_query(self) -> dict[str, str]:
        return {
            "status": self.status,
            "wet": self.wet,
            "jaar": str(self.jaar or ""),
            "te_laat": "1" if self.te_laat else "",
        }


def _gefilterd(user: Any, filters: Filters, op: date, kernwetten: list[Kernwet]) -> Any:
    qs = _zichtbaar(user)
    if filters.status in ToezeggingStatus.values:
        qs = qs.filter(status=filters.status)
    else:
        filters.status = ""
    if filters.wet and filters.wet in {k.code for k in kernwetten}:
        qs = qs.filter(aanvraag__kernwetten__code=filters.wet)
    else:
        filters.wet = ""
    if filters.jaar is not None and 1 <= filters.jaar <= 9999:
        qs = qs.filter(punt__reactie__reactie__besluitdatum__year=filters.jaar)
    else:
        filters.jaar = None
    if filters.te_laat:
        qs = qs.filter(status__in=OPEN_TOEZEGGING, verwacht_op__lt=op)
    return qs.order_by("verwacht_op", "aanvraag__kenmerk", "punt__nummer", "pk")


@dataclass
class Rij:
    toezegging: Toezegging
    te_laat: bool


@dataclass
class Overzicht:
    rijen: list[Rij]
    filters: Filters
    kernwetten: list[Kernwet]
    statussen: list[tuple[str, str]]
    jaren: list[int]
    pagina: int
    meer: bool
    aantal_te_laat: int = 0


def overzicht(user: Any, *, filters: Filters, op: date, pagina: int = 1) -> Overzicht:
    """The council's overview "Toezeggingen": four queries, however many rows."""
    kernwetten = list(Kernwet.objects.order_by("volgorde"))
    qs = _gefilterd(user, filters, op, kernwetten)
    pagina = min(max(1, pagina), MAX_PAGINA)
    start = (pagina - 1) * PER_PAGINA
    rijen = list(qs[start : start + PER_PAGINA + 1])
    jaren = sorted(
        {
            d.year
            for d in _zichtbaar(user)
            .exclude(punt__reactie__isnull=True)
            .values_list("punt__reactie__reactie__besluitdatum", flat=True)
            if d is not None
        },
        reverse=True,
    )
    return Overzicht(
        rijen=[Rij(t, te_laat(t, op)) for t in rijen[:PER_PAGINA]],
        filters=filters,
        kernwetten=kernwetten,
        statussen=[(waarde, str(label)) for waarde, label in ToezeggingStatus.choices],
        jaren=jaren,
        pagina=pagina,
        meer=len(rijen) > PER_PAGINA,
        aantal_te_laat=sum(1 for t in rijen[:PER_PAGINA] if te_laat(t, op)),
    )


def csv_rijen(user: Any, *, filters: Filters, op: date) -> list[list[str]]:
    """The same selection as the overview (bounded), as cells of text (not yet neutralised)."""
    kernwetten = list(Kernwet.objects.order_by("volgorde"))
    rijen = [
        [
            "kenmerk",
            "onderwerp",
            "adviespunt",
            "toezegging",
            "afdeling",
            "verwacht_op",
            "stand",
            "te_laat",
            "reden_vervallen",
        ]
    ]
    rijen.extend(
        [
            t.aanvraag.kenmerk,
            t.aanvraag.titel,
            str(t.punt.nummer),
            t.belofte,
            t.afdeling,
            t.verwacht_op.isoformat() if t.verwacht_op else "",
            str(t.get_status_display()),
            "ja" if te_laat(t, op) else "nee",
            t.vervallen_reden,
        ]
        for t in _gefilterd(user, filters, op, kernwetten)[:CSV_MAX]
    )
    return rijen


@dataclass
class Detail:
    toezegging: Toezegging
    voortgang: list[Voortgang]
    te_laat: bool
    mag_bijwerken: bool
    mag_stand_vragen: bool


def toezegging_voor(user: Any, pk: object) -> Toezegging:
    toezegging = _zichtbaar(user).filter(pk=pk).first() if isinstance(pk, int) else None
    if toezegging is None:
        raise Http404
    return toezegging


def detail(user: Any, pk: int, op: date) -> Detail:
    toezegging = toezegging_voor(user, pk)
    open_ = toezegging.status in OPEN_TOEZEGGING
    return Detail(
        toezegging=toezegging,
        voortgang=list(toezegging.voortgang.select_related("door").order_by("datum", "pk")),
        te_laat=te_laat(toezegging, op),
        mag_bijwerken=aanvraag_policy.user_has_perm(user, BIJWERKEN),
        mag_stand_vragen=open_ and aanvraag_policy.user_has_perm(user, STAND_VRAGEN),
    )


# --- What the public (and the advice page) shows per point --------------------------------------
@dataclass(frozen=True)
class PuntStand:
    """The follow-up of one point for readers outside the council: no names of staff."""

    status: str
    status_label: str
    belofte: str
    afdeling: str
    verwacht_op: date | None
    te_laat: bool
    vervallen_reden: str
    geschiedenis: list[tuple[date, str, str]] = field(default_factory=list)
    pk: int = 0


def standen(aanvragen: Iterable[Adviesaanvraag], op: date) -> dict[int, PuntStand]:
    """Per point id, its follow-up: one query (two with the notes), however many points."""
    rijen = Toezegging.objects.filter(aanvraag__in=list(aanvragen)).prefetch_related(
        Prefetch("voortgang", queryset=Voortgang.objects.order_by("datum", "pk"))
    )
    return {
        t.punt_id: PuntStand(
            status=t.status,
            status_label=str(t.get_status_display()),
            belofte=t.belofte,
            afdeling=t.afdeling,
            verwacht_op=t.verwacht_op,
            te_laat=te_laat(t, op),
            vervallen_reden=t.vervallen_reden,
            geschiedenis=[
                (v.datum, str(v.get_status_display()), v.tekst) for v in t.voortgang.all()
            ],
            pk=t.pk,
        )
        for t in rijen
    }


def feed_samenvatting(aanvragen: list[Adviesaanvraag], op: date) -> dict[int, str]:
    """Per request, one line for the Atom feed ("Toezeggingen: 1 uitgevoerd, 2 gepland")."""
    tellers: dict[int, Counter[str]] = {}
    te_laat_per: Counter[int] = Counter()
    for t in Toezegging.objects.filter(aanvraag__in=aanvragen).only(
        "aanvraag_id", "status", "verwacht_op"
    ):
        tellers.setdefault(t.aanvraag_id, Counter())[str(t.get_status_display())] += 1
        te_laat_per[t.aanvraag_id] += te_laat(t, op)
    regels = {}
    for aanvraag_id, teller in tellers.items():
        delen = [f"{aantal} {label}" for label, aantal in sorted(teller.items())]
        if te_laat_per[aanvraag_id]:
            delen.append(f"{te_laat_per[aanvraag_id]} over de verwachte datum")
        regels[aanvraag_id] = "Toezeggingen: " + ", ".join(delen)
    return regels
