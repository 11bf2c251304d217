"""The council's yearly budget (§4.2.5): draft per category, submit, adopt; a change after
adoption is a new version (the adopted one stays as it was until the new one is adopted)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan

from .. import transitions
from ..models import MAX_BEDRAG, Begroting, Begrotingspost, BegrotingStatus, Categorie
from ..policies import BEGROTING_OPSTELLEN, mag
from ..regels import standaardbudget
from .basis import stap_zetten

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def standaardverdeling(jaar: int) -> dict[str, Decimal]:
    """``budget_per_jaar`` spread evenly over the five categories (the council changes it)."""
    totaal = standaardbudget(date(jaar, 1, 1)).waarde
    deel = (totaal / len(Categorie)).quantize(Decimal("0.01"))
    verdeling = {c.value: deel for c in Categorie}
    verdeling[Categorie.COMMUNICATIE] += totaal - deel * len(Categorie)
    return verdeling


@transaction.atomic
def begroting_opslaan(
    *,
    jaar: int,
    bedragen: dict[str, Decimal],
    door: User | None,
    toelichting: str = "",
    buiten: dict[str, Decimal | int] | None = None,
) -> Begroting:
    """Save the draft of ``jaar``: the open concept, or a new version after adoption."""
    eis(door is None or mag(door, BEGROTING_OPSTELLEN), door, Actie.BEGROTING_OPSLAAN)
    if set(bedragen) != {c.value for c in Categorie}:
        raise ValidationError(_("Vul voor elke categorie een bedrag in."))
    for categorie, bedrag in bedragen.items():
        if bedrag < 0 or bedrag > MAX_BEDRAG:
            raise ValidationError({categorie: _("Vul een bedrag in tussen € 0 en € 100.000.")})
    versies = list(Begroting.objects.filter(jaar=jaar).order_by("-versie"))
    if versies and versies[0].status == BegrotingStatus.AFGESLOTEN:
        raise ValidationError(_("Het jaar %(jaar)s is afgesloten.") % {"jaar": jaar})
    if versies and versies[0].status == BegrotingStatus.INGEDIEND:
        raise ValidationError(
            _("Deze begroting is ingediend. De accounthouder zet hem terug of stelt hem vast.")
        )
    if versies and versies[0].status == BegrotingStatus.CONCEPT:
        begroting = versies[0]
    else:
        begroting = Begroting(jaar=jaar, versie=(versies[0].versie + 1) if versies else 1)
    begroting.toelichting = toelichting
    for veld, waarde in (buiten or {}).items():
        setattr(begroting, veld, waarde)
    opslaan(begroting, door=door, reden=f"Begroting {jaar} versie {begroting.versie}")
    for categorie, bedrag in bedragen.items():
        post = begroting.posten.filter(categorie=categorie).first() or Begrotingspost(
            begroting=begroting, categorie=categorie
        )
        post.bedrag = bedrag
        opslaan(post, door=door, reden="Bedrag per categorie")
    audit.vastleggen(door, Actie.BEGROTING_OPSLAAN, begroting)
    return begroting


@transaction.atomic
def begroting_overgang(
    *, begroting: Begroting, naar: str, door: User | None, reden: str = "", op: date | None = None
) -> Begroting:
    return stap_zetten(
        obj=begroting,
        workflow=transitions.BEGROTING,
        naar=naar,
        door=door,
        reden=reden,
        op=op,
        actie=Actie.BEGROTING_OVERGANG,
    )
