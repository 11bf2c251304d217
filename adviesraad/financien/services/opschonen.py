"""Retention of money records (AVG art. 5(1)(e), BIO 5.33.01, AWR art. 52).

* Financial records (allowance periods and lines, declarations with their receipts, budgets)
  are kept ``bewaartermijn_financieel`` (7 years) after the end of their year, also when the
  member's personal data went earlier; then they go, history and receipt files included.
* Recorded absence (``Verzuim``) is health data, not a financial record: it goes with the member.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hengelo_participatie.files.services import bestand_verwijderen

from ..models import Begroting, Declaratie, Vergoedingsperiode, Vergoedingsregel, Verzuim
from ..regels import bewaartermijn_financieel


def _wis(model: Any, pks: list[int]) -> None:
    model.history.model.objects.filter(id__in=pks).delete()


def verzuim_wissen(*, lid: Any) -> None:
    pks = list(Verzuim.objects.filter(lid=lid).values_list("pk", flat=True))
    pks += list(Verzuim.history.model.objects.filter(lid_id=lid.pk).values_list("id", flat=True))
    Verzuim.objects.filter(pk__in=pks).delete()
    _wis(Verzuim, pks)


def financien_opschonen(*, today: date) -> str:
    """Remove the records of every year whose fiscal retention ended before ``today``."""
    termijn = bewaartermijn_financieel(today).waarde
    # A year's records are kept until ``termijn`` after 31 December of that year.
    laatste_jaar = next(
        (j for j in range(today.year, 2000, -1) if termijn.na(date(j, 12, 31)) < today), None
    )
    if laatste_jaar is None:
        return "financien bewaard=alles"
    declaraties = list(Declaratie.objects.filter(datum__year__lte=laatste_jaar))
    declaratie_pks = [d.pk for d in declaraties]
    for declaratie in declaraties:
        bon = declaratie.bon
        declaratie.delete()
        bestand_verwijderen(bestand=bon, door=None)
    _wis(Declaratie, declaratie_pks)
    perioden = list(
        Vergoedingsperiode.objects.filter(einde__year__lte=laatste_jaar).values_list(
            "pk", flat=True
        )
    )
    Vergoedingsregel.objects.filter(correctie_van_id__in=perioden).update(correctie_van=None)
    regels = list(
        Vergoedingsregel.objects.filter(periode_id__in=perioden).values_list("pk", flat=True)
    )
    Vergoedingsregel.objects.filter(pk__in=regels).delete()
    Vergoedingsperiode.objects.filter(pk__in=perioden).delete()
    _wis(Vergoedingsregel, regels)
    _wis(Vergoedingsperiode, perioden)
    begrotingen = list(
        Begroting.objects.filter(jaar__lte=laatste_jaar).values_list("pk", flat=True)
    )
    Begroting.objects.filter(pk__in=begrotingen).delete()
    _wis(Begroting, begrotingen)
    return (
        f"financien tot_en_met={laatste_jaar} declaraties={len(declaraties)} "
        f"regels={len(regels)} perioden={len(perioden)} begrotingen={len(begrotingen)}"
    )
