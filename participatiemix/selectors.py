"""Reads of the participatiemix. Every read on behalf of a user goes through the policy here.

The figures of the yearly report are in ``jaarrapport``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from .models import (
    Activiteit,
    Enqueteresultaat,
    Jaarplan,
    Jaarrapportage,
    Opbrengst,
    Spelregeltoets,
    Terugkoppeling,
)
from .policies import activiteit_policy, enquete_policy, jaarrapportage_policy


# --- Activities and findings, per user ------------------------------------------------------
def activiteiten_zichtbaar_voor(user: Any, action: str = "view") -> QuerySet[Activiteit]:
    return activiteit_policy.instances_user_has_perm_for(user, action)


def _over_domeinen(activiteit: Any, domeinen: Collection[str]) -> Exists:
    """True for an activity (``OuterRef``) that concerns one of the ``Domein`` codes."""
    return Exists(
        Activiteit.domeinen.through.objects.filter(
            activiteit_id=activiteit, domein__code__in=domeinen
        )
    )


def activiteiten_lijst(
    user: Any,
    *,
    jaar: int | None = None,
    instrument_id: int | None = None,
    domeinen: Collection[str] | None = None,
    huidig_jaar: int | None = None,
) -> QuerySet[Activiteit]:
    """What ``user`` may see; with ``domeinen`` (``Domein`` codes) only what concerns those.

    With ``huidig_jaar`` the activities of that year come first (latest first), then the others
    (latest first): a list of ten years opens on this year, not on plans for the next one."""
    qs = activiteiten_zichtbaar_voor(user).select_related("instrument", "terugkoppeling")
    if huidig_jaar is not None:
        qs = qs.order_by(
            Case(When(startdatum__year=huidig_jaar, then=Value(0)), default=Value(1)),
            "-startdatum",
            "titel",
            "pk",
        )
    if jaar:
        qs = qs.filter(startdatum__year=jaar)
    if instrument_id:
        qs = qs.filter(instrument_id=instrument_id)
    if domeinen is not None:
        qs = qs.filter(_over_domeinen(OuterRef("pk"), domeinen))
    return qs.annotate(aantal_opbrengsten=Count("opbrengsten", distinct=True)).prefetch_related(
        "themas"
    )


def activiteit_voor(user: Any, activiteit_id: Any, action: str = "view") -> Activiteit:
    """The activity if ``user`` may ``action`` it, else 404 (a moderator: own activities only)."""
    return activiteit_policy.get_object_for(user, action, pk=activiteit_id)


def activiteit_details(activiteit: Activiteit) -> Activiteit:
    """The activity with everything its detail page shows, in a fixed number of queries."""
    return (
        Activiteit.objects.select_related(
            "instrument", "terugkoppeling", "gespreksleider", "verantwoordelijke", "verslag"
        )
        .prefetch_related(
            "themas",
            "domeinen",
            "doelgroepen",
            "organisaties",
            "luisterdelegatie",
            Prefetch(
                "spelregeltoetsen",
                queryset=Spelregeltoets.objects.select_related("spelregel").order_by(
                    "spelregel__nummer"
                ),
            ),
            Prefetch(
                "opbrengsten",
                queryset=Opbrengst.objects.select_related("thema", "domein").prefetch_related(
                    "benuttingen"
                ),
            ),
        )
        .get(pk=activiteit.pk)
    )


def opbrengsten_zichtbaar_voor(
    user: Any,
    *,
    soort: str | None = None,
    thema_id: int | None = None,
    domeinen: Collection[str] | None = None,
) -> QuerySet[Opbrengst]:
    """Findings of the activities ``user`` may see; with ``domeinen`` (``Domein`` codes) only
    those about one of them: the finding's own law, or, when it names none, its activity's."""
    qs = Opbrengst.objects.filter(activiteit__in=activiteiten_zichtbaar_voor(user))
    if soort:
        qs = qs.filter(soort=soort)
    if thema_id:
        qs = qs.filter(thema_id=thema_id)
    if domeinen is not None:
        qs = qs.filter(
            Q(domein__code__in=domeinen)
            | Q(domein__isnull=True) & _over_domeinen(OuterRef("activiteit_id"), domeinen)
        )
    return (
        qs.select_related("activiteit__instrument", "thema", "domein")
        .prefetch_related("benuttingen")
        .order_by("-activiteit__startdatum", "-frequentie", "pk")
    )


def terugkoppelingen_te_laat(*, peildatum: date) -> QuerySet[Terugkoppeling]:
    """Feedback still open after its due date (shown, and reminded via ``deadlines.py``)."""
    return (
        Terugkoppeling.objects.filter(gegeven_op__isnull=True, uiterste_datum__lt=peildatum)
        .select_related("activiteit__instrument")
        .order_by("uiterste_datum", "pk")
    )


# --- Public "Je zei, wij deden" -------------------------------------------------------------
def publieke_terugkoppelingen() -> QuerySet[Terugkoppeling]:
    return (
        Terugkoppeling.objects.filter(openbaar=True, gegeven_op__isnull=False)
        .select_related("activiteit__instrument")
        .order_by("-gegeven_op", "-pk")
    )


def publieke_terugkoppeling(activiteit_id: Any) -> Terugkoppeling:
    try:
        return publieke_terugkoppelingen().get(activiteit_id=activiteit_id)
    except (Terugkoppeling.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# --- Survey indicators ----------------------------------------------------------------------
@dataclass(frozen=True)
class Meting:
    jaar: int
    percentage: Decimal
    n: int
    verschil: Decimal | None  # against the previous measurement of the same indicator


@dataclass
class Indicator:
    onderzoek: str
    domein: str
    code: str
    tekst: str
    metingen: dict[int, Meting] = field(default_factory=dict)

    def cellen(self, jaren: list[int]) -> list[Meting | None]:
        return [self.metingen.get(jaar) for jaar in jaren]


@dataclass(frozen=True)
class Vergelijking:
    jaren: list[int]
    indicatoren: list[Indicator]

    def rijen(self) -> list[tuple[Indicator, list[Meting | None]]]:
        return [(i, i.cellen(self.jaren)) for i in self.indicatoren]


def indicatoren_vergelijking(user: Any, *, onderzoek: str | None = None) -> Vergelijking:
    """Survey indicators year over year (one query)."""
    if not enquete_policy.user_has_perm(user, "view"):
        raise Http404
    qs = Enqueteresultaat.objects.select_related("domein").order_by(
        "onderzoek", "domein__volgorde", "indicator_code", "jaar"
    )
    if onderzoek:
        qs = qs.filter(onderzoek=onderzoek)
    indicatoren: dict[tuple[str, int, str], Indicator] = {}
    jaren: set[int] = set()
    for r in qs:
        key = (r.onderzoek, r.domein_id, r.indicator_code)
        indicator = indicatoren.get(key)
        if indicator is None:
            indicator = indicatoren[key] = Indicator(
                onderzoek=r.get_onderzoek_display(),
                domein=r.domein.naam,
                code=r.indicator_code,
                tekst=r.indicator_tekst,
            )
        vorige = list(indicator.metingen.values())[-1] if indicator.metingen else None
        verschil = None if vorige is None else r.percentage_positief - vorige.percentage
        indicator.metingen[r.jaar] = Meting(r.jaar, r.percentage_positief, r.n, verschil)
        indicator.tekst = r.indicator_tekst  # the latest wording
        jaren.add(r.jaar)
    return Vergelijking(jaren=sorted(jaren), indicatoren=list(indicatoren.values()))


def jaarrapportage_voor(user: Any, rapportage_id: Any) -> Jaarrapportage:
    return jaarrapportage_policy.get_object_for(user, "view", pk=rapportage_id)


def laatste_jaarrapportage(jaar: int) -> Jaarrapportage | None:
    return Jaarrapportage.objects.filter(jaar=jaar).select_related("pdf").first()


def beschikbare_jaren(*, peildatum: date) -> list[int]:
    jaren = {d.year for d in Activiteit.objects.dates("startdatum", "year")}
    jaren |= set(Jaarplan.objects.values_list("jaar", flat=True))
    jaren.add(peildatum.year)
    return sorted(jaren, reverse=True)
