"""How much of the council's advice the College adopted, per year: the one selector behind the
summary in the public register and the annual report (``jaarcyclus``).

Counted per advice point answered by the College (``Puntreactie``), in the year the College's
response was received. The **adoption rate** is the share of points adopted wholly or partly
(``overgenomen`` + ``deels overgenomen``), in whole percent rounded half up. Only figures: no
title, name or text of any advice, so it may be shown to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.db.models.functions import ExtractYear

from adviesraad.models.advies import Overname, Puntreactie


@dataclass(frozen=True)
class Overnamecijfers:
    jaar: int
    overgenomen: int = 0
    deels: int = 0
    niet: int = 0

    @property
    def totaal(self) -> int:
        return self.overgenomen + self.deels + self.niet

    @property
    def percentage(self) -> int | None:
        """Adopted wholly or partly, in whole percent; None without answered points."""
        if not self.totaal:
            return None
        deel = Decimal(100 * (self.overgenomen + self.deels)) / Decimal(self.totaal)
        return int(deel.quantize(Decimal(1), ROUND_HALF_UP))


def overname_per_jaar(
    *, van: int, tot: int, alleen_gepubliceerd: bool = False
) -> list[Overnamecijfers]:
    """One row per year from ``van`` to ``tot`` (inclusive, oldest first), in one query.
    ``alleen_gepubliceerd``: only advice published in the public register."""
    qs = Puntreactie.objects.filter(
        reactie__ontvangen_op__year__gte=van, reactie__ontvangen_op__year__lte=tot
    )
    if alleen_gepubliceerd:
        qs = qs.filter(reactie__advies__aanvraag__gepubliceerd_op__isnull=False)
    telling: dict[int, dict[str, int]] = {j: {} for j in range(van, tot + 1)}
    for rij in (
        qs.annotate(jaar=ExtractYear("reactie__ontvangen_op"))
        .values("jaar", "oordeel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        telling[rij["jaar"]][rij["oordeel"]] = rij["n"]
    return [
        Overnamecijfers(
            jaar=jaar,
            overgenomen=t.get(Overname.OVERGENOMEN, 0),
            deels=t.get(Overname.DEELS, 0),
            niet=t.get(Overname.NIET, 0),
        )
        for jaar, t in telling.items()
    ]
