"""One way to take a workflow step, for the three money workflows."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag, vergrendeld
from hengelo_participatie.core.workflow import Stap, Workflow

from ..policies import mag

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

M = TypeVar("M", bound=Model)


def stap_zetten(
    *,
    obj: M,
    workflow: Workflow[M],
    naar: str,
    door: User | None,
    reden: str,
    op: date | None,
    actie: audit.Actie,
    niet_door: tuple[int | None, ...] = (),
    velden: dict[str, object] | None = None,
) -> M:
    """Move ``obj`` (a fresh, locked copy) to ``naar`` if the table allows it and ``door`` may.

    ``niet_door``: ids of the people who took the earlier steps (four eyes): refused for them.
    ``velden``: fields set together with the status (the date, a reason).
    """
    op = op or vandaag()
    obj = vergrendeld(obj)
    status: str = obj.status  # type: ignore[attr-defined]
    volledige_actie = f"{actie}:{naar}"
    overgang = workflow.zoek(status, naar)
    if overgang is None:
        audit.vastleggen(door, volledige_actie, obj, "ongeldig")
        raise ValidationError(_("Deze stap kan niet vanuit de huidige status."))
    eis(door is None or mag(door, overgang.capability), door, volledige_actie, obj)
    if door is not None and door.pk in [pk for pk in niet_door if pk is not None]:
        audit.vastleggen(door, volledige_actie, obj, f"{audit.GEWEIGERD}:vier-ogen")
        raise ValidationError(
            _("Vier ogen: iemand anders dan wie de vorige stap zette, moet deze stap zetten.")
        )
    if overgang.reden_verplicht and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden.")})
    probleem = overgang.blokkade(obj, op)
    if probleem:
        raise ValidationError(probleem)
    van = status
    obj.status = naar  # type: ignore[attr-defined]
    for veld, waarde in (velden or {}).items():
        setattr(obj, veld, waarde)
    overgang.effecten_uitvoeren(obj, Stap(door=door, op=op, reden=reden.strip()))
    tekst = f"{van} → {naar}" + (f": {reden.strip()}" if reden.strip() else "")
    opslaan(obj, door=door, reden=tekst[:100])
    audit.vastleggen(door, volledige_actie, obj)
    return obj
