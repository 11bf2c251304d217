"""Planning a meeting and changing its details."""

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

from ..models import Soort, Vergadering, standaard_vertrouwelijk
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
    "activiteit",
    "status",
    "vertrouwelijk",
)


def _controleer(vergadering: Vergadering) -> None:
    fouten: dict[str, str] = {}
    if vergadering.einde and vergadering.begin and vergadering.einde <= vergadering.begin:
        fouten["einde"] = _("Het einde moet na het begin liggen.")
    if vergadering.activiteit_id and vergadering.soort != Soort.LUISTERDELEGATIE:
        fouten["activiteit"] = _(
            "Een participatieactiviteit hoort alleen bij een luisterdelegatie."
        )
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
    activiteit: Any = None,
    raad_uitnodigen: bool = True,
    extra_deelnemers: Iterable[Any] = (),
    vertrouwelijk: bool | None = None,
) -> Vergadering:
    """Plan a meeting. By default the whole current council is invited, plus ``extra_deelnemers``.

    ``vertrouwelijk=None`` (nobody chose) follows the type: a meedenksessie, toelichting or
    adviesgesprek is confidential (``models.VERTROUWELIJKE_SOORTEN``), any other type is not.
    """
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
        activiteit=activiteit,
    )
    _controleer(vergadering)
    opslaan(vergadering, door=door, reden="aangemaakt")
    deelnemers = list(raadsleden()) if raad_uitnodigen else []
    deelnemers_toevoegen(vergadering, [*deelnemers, *extra_deelnemers], door)
    audit.vastleggen(door, Actie.VERGADERING_AANMAKEN, vergadering, "ok")
    return vergadering


@transaction.atomic
def vergadering_wijzigen(
    *, vergadering: Vergadering, door: User | None, **velden: Any
) -> Vergadering:
    eis_beheer(door, Actie.VERGADERING_WIJZIGEN, vergadering)
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    origineel, vergadering = vergadering, vergrendeld(vergadering)
    for naam, waarde in velden.items():
        setattr(vergadering, naam, waarde.strip() if isinstance(waarde, str) else waarde)
    _controleer(vergadering)
    opslaan(vergadering, door=door, reden="gewijzigd")
    audit.vastleggen(
        door, Actie.VERGADERING_WIJZIGEN, vergadering, f"ok velden={','.join(sorted(velden))}"
    )
    origineel.refresh_from_db()
    return vergadering
