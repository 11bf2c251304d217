"""Planning a meeting and changing its details.

Records of higher layers linked to a meeting (a listening delegation's activity) come in as extra
keyword arguments named by ``koppelingen``; their registered callbacks store them here, in the
meeting's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vergrendeld

from .. import koppelingen
from ..models import Vergadering, standaard_vertrouwelijk
from .basis import eis_beheer
from .deelnemers import deelnemers_toevoegen, raadsleden

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


VELDEN = (
    "soort",
    "titel",
    "begin",
    "einde",
    "locatie",
    "online_link",
    "status",
    "vertrouwelijk",
)


def _onbekend(namen: Iterable[str], bekend: Iterable[str]) -> None:
    onbekend = set(namen) - set(bekend)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")


def _controleer(vergadering: Vergadering, gekoppeld: dict[str, Any]) -> None:
    fouten: dict[str, Any] = {}
    if vergadering.einde and vergadering.begin and vergadering.einde <= vergadering.begin:
        fouten["einde"] = _("Het einde moet na het begin liggen.")
    fouten.update(koppelingen.fouten(vergadering, gekoppeld))
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def vergadering_aanmaken(
    *,
    soort: str,
    titel: str,
    begin: datetime,
    door: User | None,
    einde: datetime | None = None,
    locatie: str = "",
    online_link: str = "",
    raad_uitnodigen: bool = True,
    extra_deelnemers: Iterable[Any] = (),
    vertrouwelijk: bool | None = None,
    **gekoppeld: Any,
) -> Vergadering:
    """Plan a meeting. By default the whole current council is invited, plus ``extra_deelnemers``.

    ``vertrouwelijk=None`` (nobody chose) follows the type: a meedenksessie, toelichting or
    adviesgesprek is confidential (``models.VERTROUWELIJKE_SOORTEN``), any other type is not.
    ``gekoppeld``: a linked record per registered ``koppelingen`` name (e.g. ``activiteit=``).
    """
    _onbekend(gekoppeld, koppelingen.namen())
    eis_beheer(door, Actie.VERGADERING_AANMAKEN, None)
    if vertrouwelijk is None:
        vertrouwelijk = standaard_vertrouwelijk(soort)
    vergadering = Vergadering(
        soort=soort,
        vertrouwelijk=vertrouwelijk,
        titel=titel.strip(),
        begin=begin,
        einde=einde,
        locatie=locatie.strip(),
        online_link=online_link.strip(),
    )
    _controleer(vergadering, gekoppeld)
    opslaan(vergadering, door=door, reden="aangemaakt")
    koppelingen.opslaan(vergadering, {k: v for k, v in gekoppeld.items() if v is not None}, door)
    deelnemers = list(raadsleden()) if raad_uitnodigen else []
    deelnemers_toevoegen(vergadering, [*deelnemers, *extra_deelnemers], door)
    audit.vastleggen(door, Actie.VERGADERING_AANMAKEN, vergadering, "ok")
    return vergadering


@transaction.atomic
def vergadering_wijzigen(
    *, vergadering: Vergadering, door: User | None, **velden: Any
) -> Vergadering:
    eis_beheer(door, Actie.VERGADERING_WIJZIGEN, vergadering)
    _onbekend(velden, {*VELDEN, *koppelingen.namen()})
    origineel, vergadering = vergadering, vergrendeld(vergadering)
    gekoppeld = {k: v for k, v in velden.items() if k in koppelingen.namen()}
    for naam, waarde in velden.items():
        if naam not in gekoppeld:
            setattr(vergadering, naam, waarde.strip() if isinstance(waarde, str) else waarde)
    _controleer(vergadering, {**koppelingen.huidige_waarden(vergadering), **gekoppeld})
    opslaan(vergadering, door=door, reden="gewijzigd")
    koppelingen.opslaan(vergadering, gekoppeld, door)
    audit.vastleggen(
        door, Actie.VERGADERING_WIJZIGEN, vergadering, f"ok velden={','.join(sorted(velden))}"
    )
    origineel.refresh_from_db()
    return vergadering
