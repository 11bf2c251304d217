"""The volunteer allowance of a member in a period, computed from recorded attendance (§4.2.5).

The rules (all effective-dated, asked per day through :class:`regels.Regelset`):

1. **Percentage per function**, on the day: fixed chair ``vergoeding_voorzitter_percentage``,
   vice-chair ``vergoeding_vicevoorzitter_percentage``, member ``vergoeding_lid_percentage``.
   An ad-interim chair is paid per hour (Bijlage 7), so gets no volunteer allowance.
2. **Per meeting**: (percentage × ``vrijwilligersvergoeding_max_jaar`` of the meeting's day) /
   ``vergoeding_bijeenkomsten_per_jaar``, times the weight of the meeting type
   (``vergoeding_weging_<type>``; 0 means it does not count). Present: that amount. Excused
   (afgemeld): ``vergoeding_afgemeld_percentage`` of it. Absent or excused during recorded long
   absence (``Verzuim``): the full amount for the first ``vergoeding_doorbetaling_verzuim``
   months of that absence. Rounded to the cent per meeting (half up).
3. **Monthly cap**: the highest percentage held in that month × ``vrijwilligersvergoeding_max_maand``.
4. **Yearly cap, pro rata**: the sum over every day of the year of (percentage of that day ×
   ``vrijwilligersvergoeding_max_jaar`` of that day / days in the year). Someone who starts or
   leaves mid-year, or changes function, gets exactly the days they held each position.
5. The months of the year are paid in order; a month gets what is left under the yearly cap.
   A period's amount is the sum of its months (a period never crosses a year).

Amounts are ``Decimal`` in euros, rounded to cents only where the steps above say so.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from adviesraad.models import Functie, FunctieSoort, Lid, TermijnStatus, Zittingstermijn
from adviesraad.vergaderingen.models import Aanwezigheid, Deelname
from adviesraad.vergaderingen.models import Status as VergaderStatus

from .models import Verzuim, lid_referentie
from .regels import RegelOntbreekt, Regelset, Sleutel, weging_sleutel

CENT = Decimal("0.01")
NUL = Decimal("0.00")
HONDERD = Decimal(100)


def centen(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


# Positions (what a day is paid as).
VOORZITTER = "voorzitter"
VICEVOORZITTER = "vicevoorzitter"
LID = "lid"
AD_INTERIM = "ad_interim"

POSITIE_LABEL = {
    VOORZITTER: "vaste voorzitter",
    VICEVOORZITTER: "vicevoorzitter",
    LID: "lid",
    AD_INTERIM: "voorzitter ad interim (betaald per uur, geen vrijwilligersvergoeding)",
}
PERCENTAGE_SLEUTEL = {
    VOORZITTER: Sleutel.VERGOEDING_VOORZITTER,
    VICEVOORZITTER: Sleutel.VERGOEDING_VICEVOORZITTER,
    LID: Sleutel.VERGOEDING_LID,
}


@dataclass(frozen=True)
class Deel:
    """A stretch of days in one position."""

    van: date
    tot: date
    positie: str
    label: str


@dataclass(frozen=True)
class Bijeenkomst:
    vergadering_id: int
    datum: date
    titel: str
    soort: str
    aanwezigheid: str
    telt: bool
    bedrag: Decimal
    reden: str


@dataclass(frozen=True)
class Maand:
    eerste_dag: date
    berekend: Decimal
    plafond: Decimal
    bedrag: Decimal


@dataclass(frozen=True)
class Overzicht:
    lid_id: int
    referentie: str
    naam: str
    begin: date
    einde: date
    delen: list[Deel]
    bijeenkomsten: list[Bijeenkomst]
    maanden: list[Maand]
    jaarplafond: Decimal
    eerder_dit_jaar: Decimal
    bedrag: Decimal
    meldingen: list[str] = field(default_factory=list)

    @property
    def aantal_geteld(self) -> int:
        return sum(1 for b in self.bijeenkomsten if b.telt)


@dataclass
class _Gegevens:
    """What the computation needs of one member, loaded beforehand (a fixed number of queries)."""

    lid: Lid
    termijnen: list[Zittingstermijn]
    functies: list[Functie]
    verzuim: list[Verzuim]
    deelnames: list[Deelname]


def _dagen(van: date, tot: date) -> Iterable[date]:
    dag = van
    while dag <= tot:
        yield dag
        dag += timedelta(days=1)


def positie_op(gegevens: _Gegevens, dag: date) -> str | None:
    """The paid position on ``dag``: a function beats the plain membership; None: no seat."""
    soorten = {f.soort for f in gegevens.functies if f.is_actief_op(dag)}
    if FunctieSoort.VOORZITTER_VAST in soorten:
        return VOORZITTER
    if FunctieSoort.VOORZITTER_AD_INTERIM in soorten:
        return AD_INTERIM
    in_raad = any(t.is_actief_op(dag) for t in gegevens.termijnen)
    if not in_raad:
        return None
    if FunctieSoort.VICEVOORZITTER in soorten:
        return VICEVOORZITTER
    return LID


def _percentage(regels: Regelset, positie: str | None, dag: date) -> Decimal:
    if positie is None or positie == AD_INTERIM:
        return NUL
    return regels.waarde(PERCENTAGE_SLEUTEL[positie], dag)


def jaarvergoeding(regels: Regelset, positie: str, jaar: int) -> Decimal:
    """The full-year allowance of ``positie`` by the rules of the year's last day."""
    dag = date(jaar, 12, 31)
    return centen(
        _percentage(regels, positie, dag)
        * regels.waarde(Sleutel.VRIJWILLIGERSVERGOEDING_MAX_JAAR, dag)
        / HONDERD
    )


def _delen(gegevens: _Gegevens, van: date, tot: date) -> list[Deel]:
    delen: list[Deel] = []
    huidig: str | None = None
    begin = van
    for dag in _dagen(van, tot + timedelta(days=1)):
        positie = positie_op(gegevens, dag) if dag <= tot else "__einde__"
        if positie != huidig:
            if huidig is not None and dag > begin:
                delen.append(Deel(begin, dag - timedelta(days=1), huidig, POSITIE_LABEL[huidig]))
            huidig, begin = positie, dag
    return delen


def _in_verzuim(gegevens: _Gegevens, regels: Regelset, dag: date) -> bool:
    for verzuim in gegevens.verzuim:
        if verzuim.van <= dag and (verzuim.tot is None or dag <= verzuim.tot):
            duur = regels.duur(Sleutel.VERGOEDING_DOORBETALING_VERZUIM, dag)
            if dag < duur.na(verzuim.van):
                return True
    return False


def _bijeenkomst(gegevens: _Gegevens, regels: Regelset, deelname: Deelname) -> Bijeenkomst:
    vergadering = deelname.vergadering
    dag = timezone.localdate(vergadering.begin)

    def uitkomst(telt: bool, bedrag: Decimal, reden: str) -> Bijeenkomst:
        return Bijeenkomst(
            vergadering_id=vergadering.pk,
            datum=dag,
            titel=vergadering.titel,
            soort=vergadering.get_soort_display(),
            aanwezigheid=deelname.get_aanwezigheid_display(),
            telt=telt,
            bedrag=centen(bedrag) if telt else NUL,
            reden=reden,
        )

    if vergadering.status == VergaderStatus.GEANNULEERD:
        return uitkomst(False, NUL, "De vergadering is geannuleerd.")
    positie = positie_op(gegevens, dag)
    if positie is None:
        return uitkomst(False, NUL, "U was op die dag geen lid van de adviesraad.")
    if positie == AD_INTERIM:
        return uitkomst(False, NUL, "Een voorzitter ad interim wordt per uur betaald.")
    try:
        weging = regels.waarde(weging_sleutel(vergadering.soort), dag)
        if weging == 0:
            return uitkomst(False, NUL, "Deze soort vergadering telt niet mee voor de vergoeding.")
        basis = (
            _percentage(regels, positie, dag)
            * regels.waarde(Sleutel.VRIJWILLIGERSVERGOEDING_MAX_JAAR, dag)
            / HONDERD
            / regels.waarde(Sleutel.VERGOEDING_BIJEENKOMSTEN_PER_JAAR, dag)
            * weging
            / HONDERD
        )
        aanwezig = deelname.aanwezigheid
        if aanwezig == Aanwezigheid.AANWEZIG:
            return uitkomst(True, basis, f"Aanwezig als {POSITIE_LABEL[positie]}.")
        if aanwezig in (Aanwezigheid.AFGEMELD, Aanwezigheid.AFWEZIG) and _in_verzuim(
            gegevens, regels, dag
        ):
            return uitkomst(True, basis, "Doorbetaald tijdens langdurig verzuim.")
        if aanwezig == Aanwezigheid.AFGEMELD:
            deel = regels.waarde(Sleutel.VERGOEDING_AFGEMELD, dag)
            if deel > 0:
                return uitkomst(True, basis * deel / HONDERD, "Afgemeld; telt deels mee.")
            return uitkomst(False, NUL, "Afgemeld: telt niet mee.")
        if aanwezig == Aanwezigheid.AFWEZIG:
            return uitkomst(False, NUL, "Afwezig zonder afmelding: telt niet mee.")
        return uitkomst(False, NUL, "De aanwezigheid is nog niet vastgelegd.")
    except RegelOntbreekt as fout:
        return uitkomst(False, NUL, str(fout))


def _maand_einde(dag: date) -> date:
    return date(dag.year, dag.month, calendar.monthrange(dag.year, dag.month)[1])


def bereken_uit(gegevens: _Gegevens, regels: Regelset, begin: date, einde: date) -> Overzicht:
    """The statement of one member for ``[begin, einde]`` (within one calendar year)."""
    if begin.year != einde.year or begin > einde:
        raise ValueError("Een periode ligt binnen één kalenderjaar.")
    jaar = begin.year
    jaar_begin, jaar_einde = date(jaar, 1, 1), date(jaar, 12, 31)
    dagen_in_jaar = Decimal((jaar_einde - jaar_begin).days + 1)
    meldingen: list[str] = []

    # Positions of every day of the year, the yearly cap and the monthly caps.
    jaarplafond_exact = Decimal(0)
    maandplafond: dict[int, Decimal] = {}
    for dag in _dagen(jaar_begin, jaar_einde):
        positie = positie_op(gegevens, dag)
        if positie is None or positie == AD_INTERIM:
            continue
        try:
            pct = _percentage(regels, positie, dag)
            jaarplafond_exact += (
                pct * regels.waarde(Sleutel.VRIJWILLIGERSVERGOEDING_MAX_JAAR, dag) / HONDERD
            ) / dagen_in_jaar
            maand = pct * regels.waarde(Sleutel.VRIJWILLIGERSVERGOEDING_MAX_MAAND, dag) / HONDERD
        except RegelOntbreekt as fout:
            if str(fout) not in meldingen:
                meldingen.append(str(fout))
            continue
        maandplafond[dag.month] = max(maandplafond.get(dag.month, NUL), centen(maand))
    jaarplafond = centen(jaarplafond_exact)

    alle = [_bijeenkomst(gegevens, regels, d) for d in gegevens.deelnames]
    alle.sort(key=lambda b: (b.datum, b.vergadering_id))

    maanden: list[Maand] = []
    betaald = NUL
    eerder = NUL
    for nummer in range(1, einde.month + 1):
        berekend = sum((b.bedrag for b in alle if b.datum.month == nummer), NUL)
        plafond = maandplafond.get(nummer, NUL)
        bedrag = max(NUL, min(berekend, plafond, jaarplafond - betaald))
        betaald += bedrag
        eerste = date(jaar, nummer, 1)
        if eerste < date(begin.year, begin.month, 1):
            eerder += bedrag
        else:
            maanden.append(Maand(eerste, berekend, plafond, bedrag))

    lid = gegevens.lid
    return Overzicht(
        lid_id=lid.pk,
        referentie=lid_referentie(lid.pk),
        naam=str(lid.user),
        begin=begin,
        einde=einde,
        delen=_delen(gegevens, begin, einde),
        bijeenkomsten=[b for b in alle if begin <= b.datum <= einde],
        maanden=maanden,
        jaarplafond=jaarplafond,
        eerder_dit_jaar=eerder,
        bedrag=sum((m.bedrag for m in maanden), NUL),
        meldingen=meldingen,
    )


# --- Loading (a fixed number of queries, whatever the number of members) --------------------------
def _gegevens(leden: Iterable[Lid], jaar: int, einde: date) -> list[_Gegevens]:
    leden = list(leden)
    jaar_begin = date(jaar, 1, 1)
    deelnames: dict[int, list[Deelname]] = {}
    for deelname in (
        Deelname.objects.filter(
            gebruiker_id__in=[lid.user_id for lid in leden],
            vergadering__begin__date__gte=jaar_begin - timedelta(days=1),
            vergadering__begin__date__lte=einde + timedelta(days=1),
        )
        .select_related("vergadering")
        .order_by("vergadering__begin", "pk")
    ):
        dag = timezone.localdate(deelname.vergadering.begin)
        if jaar_begin <= dag <= einde:
            deelnames.setdefault(deelname.gebruiker_id, []).append(deelname)
    return [
        _Gegevens(
            lid=lid,
            termijnen=list(lid.termijnen.all()),
            functies=list(lid.functies.all()),
            verzuim=list(lid.verzuim.all()),
            deelnames=deelnames.get(lid.user_id, []),
        )
        for lid in leden
    ]


def leden_met_zetel(begin: date, einde: date) -> Any:
    """Members with a term or a function overlapping ``[begin, einde]``, ready to compute."""
    termijn = Q(
        termijnen__status__in=[TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD],
        termijnen__begindatum__lte=einde,
    ) & (
        Q(termijnen__beeindigd_op__gte=begin)
        | Q(termijnen__beeindigd_op__isnull=True, termijnen__einddatum__gte=begin)
    )
    functie = Q(functies__van__lte=einde) & (
        Q(functies__tot__isnull=True) | Q(functies__tot__gte=begin)
    )
    return _met_relaties(Lid.objects.filter(termijn | functie).distinct())


def _met_relaties(qs: Any) -> Any:
    return qs.select_related("user").prefetch_related(
        Prefetch("termijnen", queryset=Zittingstermijn.objects.benoemd_ooit()),
        "functies",
        "verzuim",
    )


def bereken(
    leden: Iterable[Lid], begin: date, einde: date, regels: Regelset | None = None
) -> list[Overzicht]:
    """Statements for ``leden`` (from ``leden_met_zetel`` or ``lid_geladen``)."""
    regels = regels or Regelset()
    return [bereken_uit(g, regels, begin, einde) for g in _gegevens(leden, begin.year, einde)]


def lid_geladen(lid_pk: int) -> Lid | None:
    result: Lid | None = _met_relaties(Lid.objects.filter(pk=lid_pk)).first()
    return result


def periode_van(dag: date, maanden: int) -> tuple[date, date]:
    """The period (a month or a quarter) that holds ``dag``."""
    eerste_maand = ((dag.month - 1) // maanden) * maanden + 1
    begin = date(dag.year, eerste_maand, 1)
    return begin, _maand_einde(date(dag.year, eerste_maand + maanden - 1, 1))
