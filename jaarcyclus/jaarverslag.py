"""The figures of the council's annual report (jaarverslag), for the page, the PDF and the
presentation pack: one selector, ``jaarcijfers(jaar=, peildatum=)``, with a fixed number of
queries whatever the amount of data (aggregates in the database, small groupings in Python).

Definitions (also shown in the report):

* an advice request counts in the year its documents were received (``ontvangen_op``, or the day
  it was created when that is empty);
* advice is **on time** when its first version was sent on or before ``advies uiterlijk``;
  counted in the year it was sent;
* the College's response is on time when received on or before ``reactie college uiterlijk``;
  counted in the year received; the **adoption rate** comes from ``adviesraad.advies.overname``
  (the same selector as the public register);
* a meeting is **held** when it is not cancelled and began before the end of the reference day;
  **attendance** is present / (present + excused + absent) over the recorded participants;
* the participatiemix findings that **fed advice** are uses (``Benutting``) linked to an advice
  request, in the year of the use;
* the evaluations of the year, with the state of their follow-up actions. The chair's evaluation
  is listed without its actions: its content is for the readers the rule names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils import timezone

from adviesraad.advies.overname import Overnamecijfers, overname_per_jaar
from adviesraad.models import TermijnStatus, Zittingstermijn
from adviesraad.models.advies import Adviesaanvraag, Collegereactie, Soort
from adviesraad.selectors import Zetel, zetels_op
from adviesraad.vergaderingen.models import Aanwezigheid, Deelname, Status, Vergadering
from adviesraad.vergaderingen.models import Soort as VergaderSoort
from participatiemix.jaarrapport import percentage
from participatiemix.models import Benutting

from .grafieken import Grafiek, staafgrafiek
from .models import ActieStatus, Evaluatie, EvaluatieSoort
from .onderdelen import Onderdeel, onderdelen

#: Years in the year-over-year comparison, the report's year included.
VERGELIJKING_JAREN = 5
GEREGISTREERD = (Aanwezigheid.AANWEZIG, Aanwezigheid.AFGEMELD, Aanwezigheid.AFWEZIG)


@dataclass(frozen=True)
class Telling:
    label: str
    aantal: int


@dataclass(frozen=True)
class Tijdigheid:
    op_tijd: int = 0
    te_laat: int = 0
    zonder_termijn: int = 0

    @property
    def totaal(self) -> int:
        return self.op_tijd + self.te_laat + self.zonder_termijn

    @property
    def percentage_op_tijd(self) -> int | None:
        return percentage(self.op_tijd, self.op_tijd + self.te_laat)


@dataclass(frozen=True)
class Opkomst:
    label: str
    vergaderingen: int
    aanwezig: int
    geregistreerd: int

    @property
    def percentage(self) -> int | None:
        return percentage(self.aanwezig, self.geregistreerd)


@dataclass(frozen=True)
class Inbreng:
    instrument: str
    benuttingen: int
    adviezen: int


@dataclass(frozen=True)
class EvaluatieRegel:
    evaluatie: Evaluatie
    open: int
    bezig: int
    afgerond: int
    acties_tonen: bool


@dataclass
class Jaarcijfers:
    jaar: int
    peildatum: date
    per_soort: list[Telling]
    per_wet: list[Telling]
    advies_tijdig: Tijdigheid
    overname: list[Overnamecijfers]
    college_tijdig: Tijdigheid
    opkomst: list[Opkomst]
    opkomst_per_jaar: list[tuple[int, int | None]]
    zetels: list[Zetel]
    nieuw: int
    vertrokken: int
    inbreng: list[Inbreng]
    evaluaties: list[EvaluatieRegel]
    extra: list[tuple[Onderdeel, dict[str, Any]]] = field(default_factory=list)
    grafieken: dict[str, Grafiek] = field(default_factory=dict)

    @property
    def overname_dit_jaar(self) -> Overnamecijfers:
        return self.overname[-1]

    @property
    def vergaderingen_totaal(self) -> int:
        return sum(o.vergaderingen for o in self.opkomst)

    @property
    def opkomst_totaal(self) -> int | None:
        return percentage(
            sum(o.aanwezig for o in self.opkomst), sum(o.geregistreerd for o in self.opkomst)
        )


def _tijdig(paren: list[tuple[date | None, date | None]]) -> Tijdigheid:
    op_tijd = te_laat = zonder = 0
    for gedaan, uiterlijk in paren:
        if gedaan is None:
            continue
        if uiterlijk is None:
            zonder += 1
        elif gedaan <= uiterlijk:
            op_tijd += 1
        else:
            te_laat += 1
    return Tijdigheid(op_tijd=op_tijd, te_laat=te_laat, zonder_termijn=zonder)


def _advies(jaar: int) -> tuple[list[Telling], list[Telling], Tijdigheid, Tijdigheid]:
    ontvangen = Adviesaanvraag.objects.annotate(
        binnen=Coalesce("ontvangen_op", TruncDate("aangemaakt_op"))
    ).filter(binnen__year=jaar)
    soorten = dict(ontvangen.values("soort").annotate(n=Count("pk")).values_list("soort", "n"))
    per_soort = [Telling(str(label), soorten.get(code, 0)) for code, label in Soort.choices]
    wetten = (
        Adviesaanvraag.kernwetten.through.objects.filter(adviesaanvraag__in=ontvangen.values("pk"))
        .values("kernwet__naam", "kernwet__volgorde")
        .annotate(n=Count("pk"))
        .order_by("kernwet__volgorde", "kernwet__naam")
    )
    per_wet = [Telling(w["kernwet__naam"], w["n"]) for w in wetten]
    verzonden = (
        Adviesaanvraag.objects.annotate(eerst=Min("versies__verzonden_op"))
        .filter(eerst__year=jaar)
        .values_list("eerst", "advies_uiterlijk")
    )
    reacties = Collegereactie.objects.filter(ontvangen_op__year=jaar).values_list(
        "ontvangen_op", "advies__aanvraag__reactie_uiterlijk"
    )
    return per_soort, per_wet, _tijdig(list(verzonden)), _tijdig(list(reacties))


def _einde_dag(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d + timedelta(days=1), time.min))


def _vergaderingen(
    jaar: int, peildatum: date
) -> tuple[list[Opkomst], list[tuple[int, int | None]]]:
    tot = _einde_dag(min(peildatum, date(jaar, 12, 31)))
    gehouden = Vergadering.objects.exclude(status=Status.GEANNULEERD).filter(begin__lt=tot)
    rijen = {
        r["soort"]: r
        for r in gehouden.filter(begin__year=jaar)
        .values("soort")
        .annotate(
            n=Count("pk", distinct=True),
            aanwezig=Count("deelnames", filter=Q(deelnames__aanwezigheid=Aanwezigheid.AANWEZIG)),
            geregistreerd=Count("deelnames", filter=Q(deelnames__aanwezigheid__in=GEREGISTREERD)),
        )
        .order_by()
    }
    opkomst = [
        Opkomst(str(label), rijen[code]["n"], rijen[code]["aanwezig"], rijen[code]["geregistreerd"])
        for code, label in VergaderSoort.choices
        if code in rijen
    ]
    van = jaar - VERGELIJKING_JAREN + 1
    per_jaar: dict[int, tuple[int, int]] = {}
    for r in (
        Deelname.objects.filter(
            vergadering__in=gehouden.filter(begin__year__gte=van, begin__year__lte=jaar),
            aanwezigheid__in=GEREGISTREERD,
        )
        .annotate(j=ExtractYear("vergadering__begin"))
        .values("j")
        .annotate(
            aanwezig=Count("pk", filter=Q(aanwezigheid=Aanwezigheid.AANWEZIG)), totaal=Count("pk")
        )
        .order_by()
    ):
        per_jaar[r["j"]] = (r["aanwezig"], r["totaal"])
    vergelijking = [(j, percentage(*per_jaar.get(j, (0, 0)))) for j in range(van, jaar + 1)]
    return opkomst, vergelijking


def _mensen(jaar: int, peildatum: date) -> tuple[list[Zetel], int, int]:
    wissel = Zittingstermijn.objects.aggregate(
        nieuw=Count(
            "pk",
            filter=Q(
                begindatum__year=jaar, status__in=[TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD]
            ),
        ),
        vertrokken=Count("pk", filter=Q(status=TermijnStatus.BEEINDIGD, beeindigd_op__year=jaar)),
    )
    return zetels_op(min(peildatum, date(jaar, 12, 31))), wissel["nieuw"], wissel["vertrokken"]


def _inbreng(jaar: int) -> list[Inbreng]:
    rijen = (
        Benutting.objects.filter(datum__year=jaar, adviesaanvraag__isnull=False)
        .values(
            "opbrengst__activiteit__instrument__nummer", "opbrengst__activiteit__instrument__naam"
        )
        .annotate(n=Count("pk"), adviezen=Count("adviesaanvraag", distinct=True))
        .order_by("opbrengst__activiteit__instrument__nummer")
    )
    return [
        Inbreng(r["opbrengst__activiteit__instrument__naam"], r["n"], r["adviezen"]) for r in rijen
    ]


def _evaluaties(jaar: int) -> list[EvaluatieRegel]:
    qs = (
        Evaluatie.objects.filter(jaar=jaar)
        .annotate(
            n_open=Count("acties", filter=Q(acties__status=ActieStatus.OPEN)),
            n_bezig=Count("acties", filter=Q(acties__status=ActieStatus.BEZIG)),
            n_af=Count("acties", filter=Q(acties__status=ActieStatus.AFGEROND)),
        )
        .order_by("uiterlijk", "pk")
    )
    regels = []
    for e in qs:
        tonen = e.soort != EvaluatieSoort.VOORZITTER
        regels.append(
            EvaluatieRegel(
                evaluatie=e,
                open=e.n_open if tonen else 0,
                bezig=e.n_bezig if tonen else 0,
                afgerond=e.n_af if tonen else 0,
                acties_tonen=tonen,
            )
        )
    return regels


def _grafieken(c: Jaarcijfers) -> dict[str, Grafiek]:
    return {
        "overname": staafgrafiek(
            sleutel="overname",
            titel=f"Adviespunten overgenomen (geheel of deels), {c.overname[0].jaar}–{c.jaar}",
            labels=[str(o.jaar) for o in c.overname],
            waarden=[o.percentage for o in c.overname],
        ),
        "opkomst_jaren": staafgrafiek(
            sleutel="opkomst-jaren",
            titel=f"Opkomst bij vergaderingen, {c.opkomst_per_jaar[0][0]}–{c.jaar}",
            labels=[str(j) for j, _ in c.opkomst_per_jaar],
            waarden=[p for _, p in c.opkomst_per_jaar],
        ),
        "opkomst_soort": staafgrafiek(
            sleutel="opkomst-soort",
            titel=f"Opkomst per soort vergadering, {c.jaar}",
            labels=[o.label for o in c.opkomst],
            waarden=[o.percentage for o in c.opkomst],
            horizontaal=True,
        ),
    }


def jaarcijfers(*, jaar: int, peildatum: date, grafieken: bool = True) -> Jaarcijfers:
    """Every figure of the annual report for ``jaar``, as known on ``peildatum``."""
    per_soort, per_wet, advies_tijdig, college_tijdig = _advies(jaar)
    opkomst, opkomst_per_jaar = _vergaderingen(jaar, peildatum)
    zetels, nieuw, vertrokken = _mensen(jaar, peildatum)
    cijfers = Jaarcijfers(
        jaar=jaar,
        peildatum=peildatum,
        per_soort=per_soort,
        per_wet=per_wet,
        advies_tijdig=advies_tijdig,
        overname=overname_per_jaar(van=jaar - VERGELIJKING_JAREN + 1, tot=jaar),
        college_tijdig=college_tijdig,
        opkomst=opkomst,
        opkomst_per_jaar=opkomst_per_jaar,
        zetels=zetels,
        nieuw=nieuw,
        vertrokken=vertrokken,
        inbreng=_inbreng(jaar),
        evaluaties=_evaluaties(jaar),
        extra=[(o, o.cijfers(jaar, peildatum)) for o in onderdelen()],
    )
    if grafieken:
        cijfers.grafieken = _grafieken(cijfers)
    return cijfers


def per_jaar_tabel(cijfers: Jaarcijfers) -> list[dict[str, Any]]:
    """The year-over-year table: adoption rate and attendance side by side, oldest first."""
    opkomst = dict(cijfers.opkomst_per_jaar)
    return [
        {
            "jaar": o.jaar,
            "overname": o.percentage,
            "punten": o.totaal,
            "opkomst": opkomst.get(o.jaar),
        }
        for o in cijfers.overname
    ]


__all__ = ["Jaarcijfers", "jaarcijfers", "per_jaar_tabel"]
