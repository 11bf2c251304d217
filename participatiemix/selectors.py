"""Reads of the participatiemix. Every read on behalf of a user goes through the policy here.

The yearly report (``jaarrapport``) is computed with a fixed number of queries, whatever the
amount of data: aggregates in the database, small groupings in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from .models import (
    Activiteit,
    ActiviteitStatus,
    Benutting,
    BenuttingSoort,
    Enqueteresultaat,
    GeplandeInzet,
    Instrument,
    Jaarplan,
    Jaarrapportage,
    Opbrengst,
    OpbrengstSoort,
    Spelregel,
    Spelregelantwoord,
    Spelregeltoets,
    Terugkoppeling,
)
from .policies import activiteit_policy, enquete_policy, jaarrapportage_policy

GEHOUDEN = (ActiviteitStatus.UITGEVOERD, ActiviteitStatus.AFGESLOTEN)


def percentage(deel: int, geheel: int) -> int | None:
    """Whole percent, rounded half up; None when there is nothing to divide by."""
    if not geheel:
        return None
    return int((Decimal(100 * deel) / Decimal(geheel)).quantize(Decimal(1), ROUND_HALF_UP))


def kwartaal(datum: date) -> int:
    return (datum.month - 1) // 3 + 1


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
) -> QuerySet[Activiteit]:
    """What ``user`` may see; with ``domeinen`` (``Domein`` codes) only what concerns those."""
    qs = activiteiten_zichtbaar_voor(user).select_related("instrument", "terugkoppeling")
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


# --- The yearly report ---------------------------------------------------------------------
@dataclass(frozen=True)
class InstrumentCijfers:
    nummer: int
    naam: str
    gepland: tuple[int, int, int, int]
    uitgevoerd: tuple[int, int, int, int]
    deelnemers: int
    domeinen: tuple[str, ...]

    @property
    def gepland_totaal(self) -> int:
        return sum(self.gepland)

    @property
    def uitgevoerd_totaal(self) -> int:
        return sum(self.uitgevoerd)

    @property
    def verschil(self) -> int:
        return self.uitgevoerd_totaal - self.gepland_totaal

    @property
    def kwartalen(self) -> list[tuple[int, int, int]]:
        return [(k + 1, self.gepland[k], self.uitgevoerd[k]) for k in range(4)]


@dataclass(frozen=True)
class TerugkoppelingCijfers:
    activiteiten: int
    gegeven: int
    op_tijd: int
    te_laat_gegeven: int
    open_verlopen: int
    open_niet_verlopen: int

    @property
    def percentage_gegeven(self) -> int | None:
        return percentage(self.gegeven, self.activiteiten)

    @property
    def percentage_op_tijd(self) -> int | None:
        return percentage(self.op_tijd, self.gegeven)


@dataclass(frozen=True)
class SpelregelCijfers:
    nummer: int
    titel: str
    ja: int
    deels: int
    nee: int
    open: int


@dataclass(frozen=True)
class Jaarrapport:
    jaar: int
    peildatum: date
    heeft_plan: bool
    instrumenten: list[InstrumentCijfers]
    themas: list[tuple[str, int]]
    opbrengsten_per_soort: list[tuple[str, int]]
    opbrengsten_per_thema: list[tuple[str, int]]
    opbrengsten_benut: int
    benuttingen_per_soort: list[tuple[str, int]]
    terugkoppeling: TerugkoppelingCijfers
    spelregel_activiteiten: int
    spelregels: list[SpelregelCijfers]

    @property
    def aantal_activiteiten(self) -> int:
        return sum(i.uitgevoerd_totaal for i in self.instrumenten)

    @property
    def aantal_gepland(self) -> int:
        return sum(i.gepland_totaal for i in self.instrumenten)

    @property
    def aantal_deelnemers(self) -> int:
        return sum(i.deelnemers for i in self.instrumenten)

    @property
    def aantal_opbrengsten(self) -> int:
        return sum(n for _, n in self.opbrengsten_per_soort)

    @property
    def percentage_benut(self) -> int | None:
        return percentage(self.opbrengsten_benut, self.aantal_opbrengsten)

    @property
    def spelregels_ja(self) -> int:
        return sum(s.ja for s in self.spelregels)

    @property
    def spelregels_beantwoord(self) -> int:
        return sum(s.ja + s.deels + s.nee for s in self.spelregels)

    @property
    def percentage_spelregels_ja(self) -> int | None:
        return percentage(self.spelregels_ja, self.spelregels_beantwoord)


def jaarrapport_toegestaan(user: Any) -> bool:
    return jaarrapportage_policy.user_has_perm(user, "view")


def jaarrapport(*, jaar: int, peildatum: date) -> Jaarrapport:
    """All figures of the yearly report for ``jaar``, as known on ``peildatum`` (fixed queries).

    An activity counts when it took place in ``jaar`` (begin date) and is ``uitgevoerd`` or
    ``afgesloten``.
    """
    gehouden = Activiteit.objects.filter(startdatum__year=jaar, status__in=GEHOUDEN)
    instrumenten = list(Instrument.objects.order_by("nummer"))

    plan = Jaarplan.objects.filter(jaar=jaar).first()
    gepland: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for rij in GeplandeInzet.objects.filter(jaarplan__jaar=jaar).values(
        "instrument_id", "kwartaal", "aantal"
    ):
        gepland[rij["instrument_id"]][rij["kwartaal"] - 1] += rij["aantal"]

    uitgevoerd: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    deelnemers: Counter[int] = Counter()
    activiteit_ids = []
    for rij in gehouden.values("id", "instrument_id", "startdatum", "aantal_deelnemers"):
        activiteit_ids.append(rij["id"])
        uitgevoerd[rij["instrument_id"]][kwartaal(rij["startdatum"]) - 1] += 1
        deelnemers[rij["instrument_id"]] += rij["aantal_deelnemers"] or 0

    domeinen: dict[int, list[str]] = defaultdict(list)
    for rij in (
        Activiteit.domeinen.through.objects.filter(activiteit__in=gehouden)
        .values("activiteit__instrument_id", "domein__naam", "domein__volgorde")
        .distinct()
        .order_by("domein__volgorde", "domein__naam")
    ):
        naam = rij["domein__naam"]
        if naam not in domeinen[rij["activiteit__instrument_id"]]:
            domeinen[rij["activiteit__instrument_id"]].append(naam)

    cijfers = [
        InstrumentCijfers(
            nummer=i.nummer,
            naam=i.naam,
            gepland=tuple(gepland[i.pk]),  # type: ignore[arg-type]
            uitgevoerd=tuple(uitgevoerd[i.pk]),  # type: ignore[arg-type]
            deelnemers=deelnemers[i.pk],
            domeinen=tuple(domeinen[i.pk]),
        )
        for i in instrumenten
        if i.actief or i.pk in uitgevoerd or i.pk in gepland
    ]

    themas = [
        (rij["thema__naam"], rij["aantal"])
        for rij in Activiteit.themas.through.objects.filter(activiteit__in=gehouden)
        .values("thema__naam")
        .annotate(aantal=Count("id"))
        .order_by("-aantal", "thema__naam")
    ]

    opbrengsten = Opbrengst.objects.filter(activiteit__in=gehouden)
    per_soort = dict(opbrengsten.values_list("soort").annotate(aantal=Count("id")).order_by())
    opbrengsten_per_soort = [
        (str(label), per_soort.get(waarde, 0)) for waarde, label in OpbrengstSoort.choices
    ]
    opbrengsten_per_thema = [
        (rij["thema__naam"], rij["aantal"])
        for rij in opbrengsten.values("thema__naam")
        .annotate(aantal=Count("id"))
        .order_by("-aantal", "thema__naam")
    ]
    benut = opbrengsten.filter(benuttingen__isnull=False).distinct().count()
    benuttingen = dict(
        Benutting.objects.filter(opbrengst__in=opbrengsten)
        .values_list("soort")
        .annotate(aantal=Count("id"))
        .order_by()
    )
    benuttingen_per_soort = [
        (str(label), benuttingen.get(waarde, 0)) for waarde, label in BenuttingSoort.choices
    ]

    tk = Terugkoppeling.objects.filter(activiteit__in=gehouden).aggregate(
        gegeven=Count("id", filter=Q(gegeven_op__isnull=False)),
        op_tijd=Count(
            "id", filter=Q(gegeven_op__isnull=False, gegeven_op__lte=F("uiterste_datum"))
        ),
        open_verlopen=Count("id", filter=Q(gegeven_op__isnull=True, uiterste_datum__lt=peildatum)),
        open_niet_verlopen=Count(
            "id", filter=Q(gegeven_op__isnull=True, uiterste_datum__gte=peildatum)
        ),
    )
    terugkoppeling = TerugkoppelingCijfers(
        activiteiten=len(activiteit_ids),
        gegeven=tk["gegeven"],
        op_tijd=tk["op_tijd"],
        te_laat_gegeven=tk["gegeven"] - tk["op_tijd"],
        open_verlopen=tk["open_verlopen"],
        open_niet_verlopen=tk["open_niet_verlopen"],
    )

    toets_activiteiten = gehouden.filter(instrument__spelregels_van_toepassing=True)
    antwoorden: dict[int, Counter[str]] = defaultdict(Counter)
    for rij in (
        Spelregeltoets.objects.filter(activiteit__in=toets_activiteiten)
        .values("spelregel_id", "antwoord")
        .annotate(aantal=Count("id"))
        .order_by()
    ):
        antwoorden[rij["spelregel_id"]][rij["antwoord"]] += rij["aantal"]
    spelregels = [
        SpelregelCijfers(
            nummer=s.nummer,
            titel=s.titel,
            ja=antwoorden[s.pk][Spelregelantwoord.JA],
            deels=antwoorden[s.pk][Spelregelantwoord.DEELS],
            nee=antwoorden[s.pk][Spelregelantwoord.NEE],
            open=antwoorden[s.pk][""],
        )
        for s in Spelregel.objects.order_by("nummer")
    ]

    return Jaarrapport(
        jaar=jaar,
        peildatum=peildatum,
        heeft_plan=plan is not None,
        instrumenten=cijfers,
        themas=themas,
        opbrengsten_per_soort=opbrengsten_per_soort,
        opbrengsten_per_thema=opbrengsten_per_thema,
        opbrengsten_benut=benut,
        benuttingen_per_soort=benuttingen_per_soort,
        terugkoppeling=terugkoppeling,
        spelregel_activiteiten=toets_activiteiten.count(),
        spelregels=spelregels,
    )


def jaarrapportage_voor(user: Any, rapportage_id: Any) -> Jaarrapportage:
    return jaarrapportage_policy.get_object_for(user, "view", pk=rapportage_id)


def laatste_jaarrapportage(jaar: int) -> Jaarrapportage | None:
    return Jaarrapportage.objects.filter(jaar=jaar).select_related("pdf").first()


def beschikbare_jaren(*, peildatum: date) -> list[int]:
    jaren = {d.year for d in Activiteit.objects.dates("startdatum", "year")}
    jaren |= set(Jaarplan.objects.values_list("jaar", flat=True))
    jaren.add(peildatum.year)
    return sorted(jaren, reverse=True)
