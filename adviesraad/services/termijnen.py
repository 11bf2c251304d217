"""A term on the council: candidacy, nomination to the College, appointment, evaluation and
re-appointment, and its end. Every rule of the verordening is asked through ``regels.py`` on the
date of the decision and cited in the message."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import datum_tekst, eis_perm, opslaan, vandaag

from .. import hooks, regels
from ..models import (
    EindeReden,
    FunctieSoort,
    Herbenoemingsevaluatie,
    Lid,
    TermijnSoort,
    TermijnStatus,
    Zittingstermijn,
)
from ..models.leden import Conclusie
from ..policies import evaluatie_policy, termijn_policy
from .gedeeld import eis_niet_zelf
from .rollen import rollen_bijwerken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def termijn_aanmaken(
    *, lid: Lid, door: User | None, soort: str = TermijnSoort.LID
) -> Zittingstermijn:
    """Register a candidacy (status kandidaat)."""
    eis_perm(termijn_policy, door, "add", Actie.TERMIJN_AANMAKEN)
    eis_niet_zelf(door, lid.user_id, Actie.TERMIJN_AANMAKEN, lid)
    termijn = Zittingstermijn(lid=lid, soort=soort, status=TermijnStatus.KANDIDAAT)
    opslaan(termijn, door=door, reden="Kandidaat voor een zittingstermijn")
    audit.vastleggen(door, Actie.TERMIJN_AANMAKEN, termijn)
    return termijn


def _eerdere_termijnen(termijn: Zittingstermijn) -> list[Zittingstermijn]:
    return list(
        termijn.lid.termijnen.benoemd_ooit()
        .filter(soort=termijn.soort)
        .exclude(pk=termijn.pk)
        .order_by("begindatum")
    )


def _toets_max_termijnen(termijn: Zittingstermijn, op: date) -> None:
    regel = regels.max_termijnen(op)
    eerder = len(_eerdere_termijnen(termijn))
    if eerder >= regel.waarde:
        raise ValidationError(
            _(
                "%(naam)s had al %(eerder)s zittingstermijn(en). Een %(soort)s heeft hoogstens "
                "%(max)s zittingstermijnen, %(regel)s. Een nieuwe termijn kan daarom niet."
            )
            % {
                "naam": termijn.lid.naam,
                "eerder": eerder,
                "soort": termijn.get_soort_display(),
                "max": regel.waarde,
                "regel": regel.citeer(),
            },
            code="max_termijnen",
        )


def _toets_woonplaats(termijn: Zittingstermijn, op: date) -> None:
    if not regels.woont_in_hengelo(termijn.lid.postcode, on=op):
        regel = regels.woonplaatsregel(op)
        raise ValidationError(
            _(
                "%(naam)s woont volgens de postcode %(postcode)s niet in de gemeente Hengelo. "
                "Leden en de vaste voorzitter wonen in Hengelo, %(regel)s."
            )
            % {
                "naam": termijn.lid.naam,
                "postcode": termijn.lid.postcode or _("(leeg)"),
                "regel": regel.citeer(),
            },
            code="woonplaats",
        )


def _toets_verklaring(termijn: Zittingstermijn, op: date) -> None:
    laatste = termijn.lid.verklaringen.order_by("-ingediend_op", "-pk").first()
    if laatste is None:
        raise ValidationError(
            _(
                "%(naam)s heeft nog geen verklaring over nevenfuncties ingediend. Die is nodig bij "
                "de benoeming, %(regel)s."
            )
            % {"naam": termijn.lid.naam, "regel": regels.citeer_onverenigbare_functies(op)},
            code="geen_verklaring",
        )
    if laatste.onopgelost:
        raise ValidationError(
            _(
                "De verklaring over nevenfuncties van %(datum)s heeft een bevinding die niet is "
                "opgelost (%(beoordeling)s). De voorzitter legt eerst een afspraak vast of stelt "
                "vast dat er geen strijdigheid is, %(regel)s."
            )
            % {
                "datum": datum_tekst(laatste.ingediend_op),
                "beoordeling": laatste.get_beoordeling_display(),
                "regel": regels.citeer_onverenigbare_functies(op),
            },
            code="onopgeloste_bevinding",
        )


def _toets_herbenoeming(termijn: Zittingstermijn) -> Herbenoemingsevaluatie | None:
    eerder = _eerdere_termijnen(termijn)
    if not eerder:
        return None
    vorige = eerder[-1]
    evaluatie = termijn.herbenoemingsevaluatie
    if evaluatie is None or evaluatie.termijn_id != vorige.pk:
        raise ValidationError(
            _(
                "Een herbenoeming kan pas na een evaluatie van het functioneren in de vorige "
                "termijn (§4.2.3). Leg die evaluatie eerst vast."
            ),
            code="evaluatie_ontbreekt",
        )
    if evaluatie.conclusie != Conclusie.AANBEVOLEN:
        raise ValidationError(
            _("De evaluatie van %(datum)s raadt herbenoeming niet aan.")
            % {"datum": datum_tekst(evaluatie.datum)},
            code="evaluatie_negatief",
        )
    return evaluatie


def _piekbezetting(*, begindatum: date, einddatum: date, zonder: int | None) -> int:
    """The highest number of member seats taken on any day in [begindatum, einddatum]."""
    qs = Zittingstermijn.objects.filter(
        soort=TermijnSoort.LID, status__in=[TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD]
    )
    if zonder is not None:
        qs = qs.exclude(pk=zonder)
    rijen = (
        qs.filter(begindatum__lte=einddatum)
        .filter(
            Q(status=TermijnStatus.BENOEMD, einddatum__gte=begindatum)
            | Q(status=TermijnStatus.BEEINDIGD, beeindigd_op__gte=begindatum)
        )
        .values_list("begindatum", "einddatum", "beeindigd_op")
    )
    # An appointed (or ended) term has a first and a last day.
    termijnen = [(b, e, x) for b, e, x in rijen if b is not None and e is not None]
    # The peak lies on the first day or on a day another term starts.
    momenten = {begindatum} | {b for b, _e, _x in termijnen if b > begindatum}
    return max(
        (sum(1 for b, e, x in termijnen if b <= moment <= (x or e)) for moment in momenten),
        default=0,
    )


def _toets_omvang(
    termijn: Zittingstermijn, *, besluitdatum: date, begindatum: date, einddatum: date
) -> None:
    if termijn.soort != TermijnSoort.LID:
        return  # the chair is not counted (§4.2.3: "exclusief de voorzitter")
    regel = regels.max_leden(besluitdatum)
    bezet = _piekbezetting(begindatum=begindatum, einddatum=einddatum, zonder=termijn.pk)
    if bezet + 1 > regel.waarde:
        raise ValidationError(
            _(
                "De adviesraad heeft in deze periode al %(bezet)s leden. Het maximum is %(max)s "
                "leden (de voorzitter niet meegeteld), %(regel)s."
            )
            % {"bezet": bezet, "max": regel.waarde, "regel": regel.citeer()},
            code="max_leden",
        )


def _toets_geen_overlap(termijn: Zittingstermijn, begindatum: date, einddatum: date) -> None:
    for ander in (
        termijn.lid.termijnen.benoemd_ooit().filter(soort=termijn.soort).exclude(pk=termijn.pk)
    ):
        if ander.begindatum is None:
            continue
        if ander.begindatum <= einddatum and begindatum <= (ander.laatste_dag or einddatum):
            raise ValidationError(
                {"begindatum": _("Deze termijn overlapt met een andere termijn van dit lid.")}
            )


def _toets_persoon(termijn: Zittingstermijn, op: date) -> None:
    """The checks that hold for nomination as well as appointment."""
    _toets_max_termijnen(termijn, op)
    _toets_woonplaats(termijn, op)
    _toets_verklaring(termijn, op)
    _toets_herbenoeming(termijn)


@transaction.atomic
def termijn_voordragen(
    *,
    termijn: Zittingstermijn,
    voorgedragen_op: date,
    door: User | None,
    herbenoemingsevaluatie: Herbenoemingsevaluatie | None = None,
) -> Zittingstermijn:
    """The council nominates the candidate to the College (voordracht)."""
    eis_perm(termijn_policy, door, "change", Actie.TERMIJN_VOORDRAGEN, termijn)
    eis_niet_zelf(door, termijn.lid.user_id, Actie.TERMIJN_VOORDRAGEN, termijn)
    termijn = Zittingstermijn.objects.select_for_update().get(pk=termijn.pk)
    if termijn.status != TermijnStatus.KANDIDAAT:
        raise ValidationError(_("Alleen een kandidaat kan worden voorgedragen."))
    termijn.herbenoemingsevaluatie = herbenoemingsevaluatie
    _toets_persoon(termijn, voorgedragen_op)
    termijn.status = TermijnStatus.VOORGEDRAGEN
    termijn.voorgedragen_op = voorgedragen_op
    opslaan(termijn, door=door, reden=f"Voorgedragen op {voorgedragen_op:%d-%m-%Y}")
    audit.vastleggen(door, Actie.TERMIJN_VOORDRAGEN, termijn)
    return termijn


@transaction.atomic
def termijn_benoemen(
    *,
    termijn: Zittingstermijn,
    besluitdatum: date,
    besluit_kenmerk: str,
    door: User | None,
    begindatum: date | None = None,
) -> Zittingstermijn:
    """The College appoints. The end date follows the term-length rule as of the decision date."""
    eis_perm(termijn_policy, door, "change", Actie.TERMIJN_BENOEMEN, termijn)
    eis_niet_zelf(door, termijn.lid.user_id, Actie.TERMIJN_BENOEMEN, termijn)
    termijn = Zittingstermijn.objects.select_for_update().get(pk=termijn.pk)
    if termijn.status != TermijnStatus.VOORGEDRAGEN:
        raise ValidationError(
            _("Het college benoemt alleen wie door de adviesraad is voorgedragen.")
        )
    if not besluit_kenmerk:
        raise ValidationError({"besluit_kenmerk": _("Vul het kenmerk van het collegebesluit in.")})
    begindatum = begindatum or besluitdatum
    duur = regels.termijn_duur(besluitdatum)
    einddatum = duur.waarde.na(begindatum) - timedelta(days=1)
    _toets_persoon(termijn, besluitdatum)
    _toets_geen_overlap(termijn, begindatum, einddatum)
    _toets_omvang(termijn, besluitdatum=besluitdatum, begindatum=begindatum, einddatum=einddatum)
    termijn.status = TermijnStatus.BENOEMD
    termijn.besluitdatum = besluitdatum
    termijn.besluit_kenmerk = besluit_kenmerk
    termijn.begindatum = begindatum
    termijn.einddatum = einddatum
    termijn.einddatum_bron = f"{duur.weergave}, {duur.citeer()}"[:300]
    opslaan(termijn, door=door, reden=f"Benoemd bij besluit {besluit_kenmerk}")
    rollen_bijwerken(lid=termijn.lid, door=door)
    audit.vastleggen(door, Actie.TERMIJN_BENOEMEN, termijn)
    return termijn


@transaction.atomic
def evaluatie_vastleggen(
    *,
    termijn: Zittingstermijn,
    datum: date,
    conclusie: str,
    door: User | None,
    verslag: str = "",
) -> Herbenoemingsevaluatie:
    """Record the evaluation of a member's functioning that precedes re-appointment."""
    eis_perm(evaluatie_policy, door, "add", Actie.EVALUATIE_VASTLEGGEN)
    if termijn.status not in (TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD):
        raise ValidationError(
            _("Alleen een termijn waarin iemand benoemd was, kan worden geëvalueerd.")
        )
    evaluatie = Herbenoemingsevaluatie(
        termijn=termijn, datum=datum, conclusie=conclusie, verslag=verslag, vastgelegd_door=door
    )
    opslaan(evaluatie, door=door, reden="Evaluatie voor herbenoeming vastgelegd")
    audit.vastleggen(door, Actie.EVALUATIE_VASTLEGGEN, evaluatie)
    hooks.evaluatie_vastgelegd.uitvoeren(evaluatie=evaluatie, door=door)
    return evaluatie


@transaction.atomic
def termijn_herbenoemen(
    *,
    vorige: Zittingstermijn,
    evaluatie: Herbenoemingsevaluatie,
    voorgedragen_op: date,
    besluitdatum: date,
    besluit_kenmerk: str,
    door: User | None,
) -> Zittingstermijn:
    """Re-appointment: a new term right after ``vorige``, after a recorded evaluation."""
    eis_perm(termijn_policy, door, "add", Actie.TERMIJN_HERBENOEMEN)
    vorige = Zittingstermijn.objects.get(pk=vorige.pk)
    if vorige.laatste_dag is None:
        raise ValidationError(_("De vorige termijn heeft geen einddatum."))
    nieuw = termijn_aanmaken(lid=vorige.lid, soort=vorige.soort, door=door)
    nieuw = termijn_voordragen(
        termijn=nieuw, voorgedragen_op=voorgedragen_op, door=door, herbenoemingsevaluatie=evaluatie
    )
    return termijn_benoemen(
        termijn=nieuw,
        besluitdatum=besluitdatum,
        besluit_kenmerk=besluit_kenmerk,
        begindatum=vorige.laatste_dag + timedelta(days=1),
        door=door,
    )


@transaction.atomic
def termijn_beeindigen(
    *,
    termijn: Zittingstermijn,
    reden: str,
    laatste_dag: date,
    door: User | None,
    toelichting: str = "",
    besluitdatum: date | None = None,
    besluit_kenmerk: str = "",
) -> Zittingstermijn:
    """End a term: regular end, resignation or dismissal (ontheffing, by College decision).

    A candidacy or nomination that does not lead to appointment ends with reason ``niet_benoemd``.
    Functions and portfolios tied to the term end on the same day; the roles follow.
    """
    eis_perm(termijn_policy, door, "change", Actie.TERMIJN_BEEINDIGEN, termijn)
    termijn = Zittingstermijn.objects.select_for_update().get(pk=termijn.pk)
    if reden not in EindeReden.values:
        raise ValidationError({"einde_reden": _("Kies een reden.")})
    if termijn.status == TermijnStatus.BEEINDIGD:
        raise ValidationError(_("Deze termijn is al beëindigd."))
    if termijn.status in (TermijnStatus.KANDIDAAT, TermijnStatus.VOORGEDRAGEN):
        if reden != EindeReden.NIET_BENOEMD:
            raise ValidationError({"einde_reden": _("Een kandidaat eindigt als ‘niet benoemd’.")})
    else:
        if reden == EindeReden.NIET_BENOEMD:
            raise ValidationError({"einde_reden": _("Deze persoon is al benoemd.")})
        if reden == EindeReden.ONTHEFFING and not (
            besluitdatum and besluit_kenmerk and toelichting
        ):
            raise ValidationError(
                _(
                    "Een ontheffing vraagt een reden, de datum en het kenmerk van het "
                    "collegebesluit."
                )
            )
        if (
            termijn.begindatum is None
            or termijn.einddatum is None
            or not termijn.begindatum <= laatste_dag <= termijn.einddatum
        ):
            raise ValidationError({"beeindigd_op": _("De laatste dag valt binnen de termijn.")})
    termijn.status = TermijnStatus.BEEINDIGD
    termijn.einde_reden = reden
    termijn.beeindigd_op = laatste_dag if termijn.begindatum else None
    termijn.einde_toelichting = toelichting
    termijn.einde_besluitdatum = besluitdatum
    termijn.einde_besluit_kenmerk = besluit_kenmerk
    opslaan(termijn, door=door, reden=f"Termijn beëindigd: {termijn.get_einde_reden_display()}")
    if termijn.begindatum:
        _afhankelijk_beeindigen(termijn, laatste_dag)
        rollen_bijwerken(lid=termijn.lid, door=door)
    audit.vastleggen(door, f"{Actie.TERMIJN_BEEINDIGEN}:{reden}", termijn)
    return termijn


def _afhankelijk_beeindigen(termijn: Zittingstermijn, laatste_dag: date) -> None:
    """End the functions and portfolios that depend on a term that just ended."""
    if termijn.soort == TermijnSoort.LID:
        functies = termijn.lid.functies.filter(soort=FunctieSoort.VICEVOORZITTER)
        houders = list(
            termijn.lid.portefeuilles.filter(Q(tot__isnull=True) | Q(tot__gt=laatste_dag))
        )
        for houder in houders:
            houder.tot = max(laatste_dag, houder.van)
            opslaan(houder, door=None, reden="Einde zittingstermijn")
    else:
        functies = termijn.lid.functies.filter(termijn=termijn)
    for functie in functies.filter(Q(tot__isnull=True) | Q(tot__gt=laatste_dag)):
        functie.tot = max(laatste_dag, functie.van)
        opslaan(functie, door=None, reden="Einde zittingstermijn")


def termijnen_afsluiten(*, op: date | None = None) -> int:
    """Mark appointed terms whose end date has passed as ended (regular end). Idempotent."""
    op = op or vandaag()
    afgelopen = list(
        Zittingstermijn.objects.filter(
            status=TermijnStatus.BENOEMD, einddatum__lt=op
        ).select_related("lid__user")
    )
    for termijn in afgelopen:
        if termijn.einddatum is None:
            continue  # not reached: the query asked for an end date before ``op``
        termijn_beeindigen(
            termijn=termijn, reden=EindeReden.REGULIER, laatste_dag=termijn.einddatum, door=None
        )
    return len(afgelopen)
