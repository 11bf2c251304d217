"""Reads for recruitment (issue 15 §8): the public vacancies page and the channel overview.

Kept apart from ``selectors.py`` (the membership pages) so each module stays readable. Every
function runs a fixed number of queries, whatever the number of vacancies or applicants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from hengelo_participatie.accounts import roles
from hengelo_participatie.accounts.policy import AnyUser
from verordening.rules import RegelWaarde, Sleutel, rules

from .models import (
    Kanaal,
    Kanaaltelling,
    Kandidaat,
    KandidaatFase,
    TermijnSoort,
    Vacature,
    VacatureStatus,
)

#: The capability (role table) of seeing where applicants come from.
WERVING_INZIEN = "lidmaatschap.werving_inzien"


@dataclass(frozen=True)
class Vergoeding:
    bedrag_per_jaar: Decimal
    percentage: Decimal
    regel: RegelWaarde


@dataclass(frozen=True)
class OpenVacature:
    vacature: Vacature
    #: ``None`` for the ad-interim chair, who is paid per hour (Bijlage 7).
    vergoeding: Vergoeding | None


def _open(op: date) -> QuerySet[Vacature]:
    return Vacature.objects.filter(status=VacatureStatus.GEPUBLICEERD).filter(
        Q(sluit_op__isnull=True) | Q(sluit_op__gte=op)
    )


def _vergoedingen(op: date) -> dict[str, Vergoeding]:
    gevonden = rules(
        Sleutel.VERGOEDING_LID,
        Sleutel.VERGOEDING_VOORZITTER,
        Sleutel.VRIJWILLIGERSVERGOEDING_MAX_JAAR,
        on=op,
    )
    maximum = Decimal(gevonden[Sleutel.VRIJWILLIGERSVERGOEDING_MAX_JAAR].waarde)
    result = {}
    for soort, sleutel in (
        (TermijnSoort.LID, Sleutel.VERGOEDING_LID),
        (TermijnSoort.VOORZITTER, Sleutel.VERGOEDING_VOORZITTER),
    ):
        percentage = Decimal(gevonden[sleutel].waarde)
        result[str(soort)] = Vergoeding(
            bedrag_per_jaar=(maximum * percentage / 100).quantize(Decimal("1")),
            percentage=percentage,
            regel=gevonden[sleutel],
        )
    return result


def open_vacatures(*, op: date) -> list[OpenVacature]:
    """The vacancies one can apply for on ``op``, each with its allowance (two queries)."""
    vacatures = list(_open(op).order_by("soort", "-gepubliceerd_op", "pk"))
    if not vacatures:
        return []
    vergoedingen = _vergoedingen(op)
    return [
        OpenVacature(v, None if v.ad_interim else vergoedingen.get(str(v.soort))) for v in vacatures
    ]


def open_vacature(*, pk: int, op: date) -> OpenVacature:
    """One open vacancy, or 404 (also for a concept or closed one)."""
    vacature = _open(op).filter(pk=pk).first()
    if vacature is None:
        raise Http404
    vergoeding = None if vacature.ad_interim else _vergoedingen(op).get(str(vacature.soort))
    return OpenVacature(vacature, vergoeding)


@dataclass
class Wervingsregel:
    vacature: Vacature
    kanalen: list[tuple[str, int]] = field(default_factory=list)
    fasen: list[tuple[str, int]] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(aantal for _, aantal in self.kanalen)


def mag_werving_inzien(user: AnyUser) -> bool:
    return bool(getattr(user, "is_active", False)) and roles.kan(user, WERVING_INZIEN)


def werving_overzicht(*, user: AnyUser) -> list[Wervingsregel]:
    """Per vacancy: how many applicants each channel brought, and how many are in each stage
    now (three queries). Counts only: no names. 404 for who may not see it."""
    if not mag_werving_inzien(user):
        raise Http404
    regels = {
        v.pk: Wervingsregel(v)
        for v in Vacature.objects.exclude(status=VacatureStatus.CONCEPT).order_by(
            "-gepubliceerd_op", "-pk"
        )
    }
    for telling in Kanaaltelling.objects.filter(vacature_id__in=regels).order_by("-aantal"):
        regels[telling.vacature_id].kanalen.append(
            (str(Kanaal(telling.kanaal).label), telling.aantal)
        )
    fasen = (
        Kandidaat.objects.filter(vacature_id__in=regels)
        .values("vacature_id", "fase")
        .annotate(aantal=Count("pk"))
        .order_by("vacature_id", "fase")
    )
    for rij in fasen:
        regels[rij["vacature_id"]].fasen.append(
            (str(KandidaatFase(rij["fase"]).label), int(rij["aantal"]))
        )
    return list(regels.values())
