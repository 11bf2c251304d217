"""The figures of the yearly report (``jaarrapport``): computed with a fixed number of queries,
whatever the amount of data: aggregates in the database, small groupings in Python."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q

from .models import (
    Activiteit,
    ActiviteitStatus,
    Benutting,
    BenuttingSoort,
    GeplandeInzet,
    Instrument,
    Jaarplan,
    Opbrengst,
    OpbrengstSoort,
    Spelregel,
    Spelregelantwoord,
    Spelregeltoets,
    Terugkoppeling,
)
from .policies import jaarrapportage_policy

GEHOUDEN = (ActiviteitStatus.UITGEVOERD, ActiviteitStatus.AFGESLOTEN)


def percentage(deel: int, geheel: int) -> int | None:
    """Whole percent, rounded half up; None when there is nothing to divide by."""
    if not geheel:
        return None
    return int((Decimal(100 * deel) / Decimal(geheel)).quantize(Decimal(1), ROUND_HALF_UP))


def kwartaal(datum: date) -> int:
    return (datum.month - 1) // 3 + 1


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
    for gehoud in gehouden.values("id", "instrument_id", "startdatum", "aantal_deelnemers"):
        activiteit_ids.append(gehoud["id"])
        uitgevoerd[gehoud["instrument_id"]][kwartaal(gehoud["startdatum"]) - 1] += 1
        deelnemers[gehoud["instrument_id"]] += gehoud["aantal_deelnemers"] or 0

    domeinen: dict[int, list[str]] = defaultdict(list)
    for koppeling in (
        Activiteit.domeinen.through.objects.filter(activiteit__in=gehouden)
        .values("activiteit__instrument_id", "domein__naam", "domein__volgorde")
        .distinct()
        .order_by("domein__volgorde", "domein__naam")
    ):
        naam = koppeling["domein__naam"]
        if naam not in domeinen[koppeling["activiteit__instrument_id"]]:
            domeinen[koppeling["activiteit__instrument_id"]].append(naam)

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
    for telling in (
        Spelregeltoets.objects.filter(activiteit__in=toets_activiteiten)
        .values("spelregel_id", "antwoord")
        .annotate(aantal=Count("id"))
        .order_by()
    ):
        antwoorden[telling["spelregel_id"]][telling["antwoord"]] += telling["aantal"]
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
