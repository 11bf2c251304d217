"""Reads of the evaluations on behalf of a user, with a fixed number of queries per page.

Results of a questionnaire are aggregates only: per statement the number of scores, the average
and (from the minimum group size on, rule ``evaluatie_minimale_groep``) the spread over 1–5; open
answers in alphabetical order, without names. Below the minimum group size no figure per question
is shown at all, only how many answered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from hengelo_participatie.core.schrijven import vandaag
from participatiemix.jaarrapport import percentage
from verordening.rules import Sleutel, rule

from .models import ActieStatus, Antwoord, Beantwoording, Evaluatie, Vervolgactie, Vraag, VraagSoort
from .policies import BEHEREN, RESPONS_ZIEN, evaluatie_policy, mag_actie_bijwerken


@dataclass(frozen=True)
class Regel:
    evaluatie: Evaluatie
    te_invullen: bool
    open_acties: int


def evaluaties_voor(user: Any) -> list[Regel]:
    """Every evaluation ``user`` may see or answer, newest year first. One query."""
    qs = (
        evaluatie_policy.instances_user_has_perm_for(user, "view")
        .annotate(
            beantwoord=Exists(
                Beantwoording.objects.filter(evaluatie=OuterRef("pk"), gebruiker=user)
            ),
            deelnemer=Exists(
                Evaluatie.deelnemers.through.objects.filter(
                    evaluatie_id=OuterRef("pk"), user_id=user.pk
                )
            ),
            open_acties=Count(
                "acties", filter=~Q(acties__status=ActieStatus.AFGEROND), distinct=True
            ),
        )
        .order_by("-jaar", "uiterlijk", "-pk")
    )
    return [
        Regel(
            evaluatie=e,
            te_invullen=e.is_open and e.deelnemer and not e.beantwoord,
            open_acties=e.open_acties,
        )
        for e in qs[:200]
    ]


@dataclass
class Uitslag:
    vraag: Vraag
    aantal: int = 0
    gemiddelde: Decimal | None = None
    verdeling: list[tuple[int, int]] = field(default_factory=list)
    teksten: list[str] = field(default_factory=list)


@dataclass
class Detail:
    evaluatie: Evaluatie
    vragen: list[Vraag]
    uitslagen: list[Uitslag]
    beantwoord: int
    deelnemers: int
    minimale_groep: int
    mag_resultaten: bool
    mag_respons: bool
    mag_beheren: bool
    mag_invullen: bool
    acties: list[tuple[Vervolgactie, bool]]
    conclusies: list[Any]

    @property
    def genoeg(self) -> bool:
        return self.beantwoord >= self.minimale_groep

    @property
    def respons(self) -> int | None:
        return percentage(self.beantwoord, self.deelnemers)

    @property
    def niet_beantwoord(self) -> int:
        return max(self.deelnemers - self.beantwoord, 0)


def evaluatie_voor(user: Any, pk: object) -> Evaluatie:
    return evaluatie_policy.get_object_for(
        user, "view", queryset=Evaluatie.objects.select_related("eigenaar"), pk=pk
    )


def _uitslagen(vragen: list[Vraag]) -> list[Uitslag]:
    uitslagen = {v.pk: Uitslag(vraag=v) for v in vragen}
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    for rij in (
        Antwoord.objects.filter(vraag__in=[v.pk for v in vragen], score__isnull=False)
        .values("vraag_id", "score")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        scores[rij["vraag_id"]][int(rij["score"] or 0)] = rij["n"]
    teksten: dict[int, list[str]] = defaultdict(list)
    for vraag_id, tekst in (
        Antwoord.objects.filter(vraag__in=[v.pk for v in vragen], vraag__soort=VraagSoort.OPEN)
        .exclude(tekst="")
        .order_by("vraag_id", "tekst")
        .values_list("vraag_id", "tekst")
    ):
        teksten[vraag_id].append(tekst)
    for vraag_id, uitslag in uitslagen.items():
        verdeling = scores.get(vraag_id, {})
        uitslag.aantal = sum(verdeling.values())
        if uitslag.aantal:
            som = sum(score * n for score, n in verdeling.items())
            uitslag.gemiddelde = (Decimal(som) / Decimal(uitslag.aantal)).quantize(
                Decimal("0.1"), ROUND_HALF_UP
            )
        uitslag.verdeling = [(s, verdeling.get(s, 0)) for s in range(1, 6)]
        uitslag.teksten = teksten.get(vraag_id, [])
        if uitslag.vraag.soort == VraagSoort.OPEN:
            uitslag.aantal = len(uitslag.teksten)
    return list(uitslagen.values())


def evaluatie_detail(user: Any, pk: object) -> Detail:
    evaluatie = evaluatie_voor(user, pk)
    mag_resultaten = evaluatie_policy.user_has_perm_for_object(user, "resultaten", evaluatie)
    vragen = list(evaluatie.vragen.all())
    is_deelnemer = evaluatie_policy.is_deelnemer(user, evaluatie)  # reads (and keeps) the ids
    deelnemers = len(evaluatie._deelnemer_ids)  # type: ignore[attr-defined]
    beantwoord = evaluatie.beantwoordingen.count()
    heeft_beantwoord = evaluatie.beantwoordingen.filter(gebruiker=user).exists()
    minimale_groep = int(rule(Sleutel.EVALUATIE_MINIMALE_GROEP, on=vandaag()).waarde)
    uitslagen: list[Uitslag] = []
    if mag_resultaten and beantwoord >= minimale_groep:
        uitslagen = _uitslagen(vragen)
    acties = []
    conclusies = []
    if mag_resultaten:
        acties = [
            (a, mag_actie_bijwerken(user, a))
            for a in evaluatie.acties.select_related("eigenaar", "evaluatie")
        ]
        conclusies = list(
            evaluatie.conclusies.select_related("samenwerkingsafspraken").prefetch_related(
                Prefetch("artikelen")
            )
        )
    return Detail(
        evaluatie=evaluatie,
        vragen=vragen,
        uitslagen=uitslagen,
        beantwoord=beantwoord,
        deelnemers=deelnemers,
        minimale_groep=minimale_groep,
        mag_resultaten=mag_resultaten,
        mag_respons=evaluatie_policy.user_has_perm_for_object(user, RESPONS_ZIEN, evaluatie),
        mag_beheren=evaluatie_policy.user_has_perm_for_object(user, BEHEREN, evaluatie),
        mag_invullen=evaluatie.is_open and is_deelnemer and not heeft_beantwoord,
        acties=acties,
        conclusies=conclusies,
    )


def acties_van_evaluaties(evaluaties: QuerySet[Evaluatie]) -> QuerySet[Vervolgactie]:
    return Vervolgactie.objects.filter(evaluatie__in=evaluaties)
