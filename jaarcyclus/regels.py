"""Due dates of the evaluations, each from a verordening rule (``rule(...)``), with its citation.

* yearly self-evaluation, chair evaluation, policy staff's reflection: on the anniversary of the
  verordening's entry into force in the year asked (``cyclus_jaarlijkse_evaluatie``);
* the 4-yearly overall evaluation: every ``cyclus_totaalevaluatie`` after entry into force;
* the joint evaluation: ``gezamenlijke_evaluatie_na_start`` (18 months) after entry into force,
  or earlier when the ad-interim chair's function ends first (they hand over after it);
* the participatiemix evaluation: ``participatiemix_evaluatie_na_start`` (18 months, §5.1);
* the re-appointment evaluation: ``evaluatie_voor_herbenoeming`` before the term ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from adviesraad.models import Functie, FunctieSoort, Zittingstermijn
from verordening.deadlines import CYCLUS_JAARLIJKSE_EVALUATIE, cyclus_van, volgend_moment
from verordening.rules import Sleutel, rule
from verordening.selectors import verordening_op

from .models import EvaluatieSoort

JAARLIJKS = (EvaluatieSoort.ZELFEVALUATIE, EvaluatieSoort.VOORZITTER, EvaluatieSoort.REFLECTIE)


@dataclass(frozen=True)
class Uiterlijk:
    datum: date
    bron: str


def _start(op: date) -> date:
    verordening = verordening_op(op)
    if verordening is None:
        raise ValidationError(
            _("Er geldt op deze datum geen verordening."), code="geen_verordening"
        )
    return verordening.in_werking_vanaf


def uiterlijk_voor(
    soort: str, *, jaar: int, op: date, termijn: Zittingstermijn | None = None
) -> Uiterlijk:
    """The due date of an evaluation of ``soort`` for ``jaar``, from the rules in force on ``op``."""
    if soort == EvaluatieSoort.HERBENOEMING:
        if termijn is None or termijn.einddatum is None:
            raise ValidationError(
                _("Een evaluatie voor herbenoeming hoort bij een termijn met een einddatum."),
                code="termijn_ontbreekt",
            )
        regel = rule(Sleutel.EVALUATIE_VOOR_HERBENOEMING, on=op)
        return Uiterlijk(regel.waarde.voor(termijn.einddatum), regel.citeer())
    start = _start(op)
    if soort in JAARLIJKS:
        regel = rule(CYCLUS_JAARLIJKSE_EVALUATIE, on=op)
        datum = volgend_moment(start, cyclus_van(regel), vanaf=date(jaar, 1, 1))
        return Uiterlijk(datum, regel.citeer())
    if soort == EvaluatieSoort.TOTAAL:
        regel = rule(Sleutel.CYCLUS_TOTAALEVALUATIE, on=op)
        datum = volgend_moment(start, cyclus_van(regel), vanaf=date(jaar, 1, 1))
        return Uiterlijk(datum, regel.citeer())
    if soort == EvaluatieSoort.PARTICIPATIEMIX:
        regel = rule(Sleutel.PARTICIPATIEMIX_EVALUATIE_NA_START, on=op)
        return Uiterlijk(regel.waarde.na(start), regel.citeer())
    if soort == EvaluatieSoort.GEZAMENLIJK:
        regel = rule(Sleutel.GEZAMENLIJKE_EVALUATIE_NA_START, on=op)
        datum = regel.waarde.na(start)
        overdracht = (
            Functie.objects.filter(
                soort=FunctieSoort.VOORZITTER_AD_INTERIM, van__lte=datum, tot__isnull=False
            )
            .order_by("tot")
            .values_list("tot", flat=True)
            .first()
        )
        if overdracht is not None and start < overdracht < datum:
            return Uiterlijk(
                overdracht,
                _("%(bron)s, vóór de overdracht door de voorzitter ad interim")
                % {"bron": regel.citeer()},
            )
        return Uiterlijk(datum, regel.citeer())
    raise ValidationError(_("Onbekende soort evaluatie."), code="soort")
