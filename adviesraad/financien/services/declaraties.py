"""Expense declarations (§4.2.5, Bijlage 9): submit with a receipt, check, approve, pay.

The receipt goes through the safe upload path (``files.services.bestand_opslaan``: size, type
checked against the content, a generated name); who may read it follows the declaration
(``koppelingen``: the file policy's owner rule).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models import Lid
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag
from hengelo_participatie.files.services import bestand_opslaan

from .. import transitions
from ..models import (
    MAX_BEDRAG,
    Begroting,
    BegrotingStatus,
    Categorie,
    Declaratie,
    DeclaratieStatus,
    lid_referentie,
)
from ..policies import DECLAREREN, mag
from .basis import stap_zetten

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

ONDERSTEUNER_REFERENTIE = "ONDERSTEUNER"


def jaar_afgesloten(jaar: int) -> bool:
    return Begroting.objects.filter(jaar=jaar, status=BegrotingStatus.AFGESLOTEN).exists()


def _referentie(door: User | None) -> str:
    lid = Lid.objects.filter(user=door).only("pk").first() if door is not None else None
    return lid_referentie(lid.pk) if lid is not None else ONDERSTEUNER_REFERENTIE


@transaction.atomic
def declaratie_indienen(
    *,
    datum: date,
    categorie: str,
    bedrag: Decimal,
    omschrijving: str,
    bon: Any,
    door: User | None,
) -> Declaratie:
    """Submit a declaration; every check comes before anything (the receipt too) is stored."""
    eis(door is None or mag(door, DECLAREREN), door, Actie.DECLARATIE_INDIENEN)
    fouten: dict[str, str] = {}
    vandaag_ = vandaag()
    if categorie not in Categorie.values:
        fouten["categorie"] = _("Kies een van de vijf categorieën van de begroting.")
    if not isinstance(bedrag, Decimal) or not bedrag.is_finite() or bedrag <= 0:
        fouten["bedrag"] = _("Vul een bedrag in dat groter is dan € 0.")
    elif bedrag > MAX_BEDRAG or bedrag != bedrag.quantize(Decimal("0.01")):
        fouten["bedrag"] = _("Vul een bedrag in euro en centen in, tot € 100.000.")
    if datum > vandaag_:
        fouten["datum"] = _("De datum van de uitgave ligt niet in de toekomst.")
    elif jaar_afgesloten(datum.year):
        fouten["datum"] = _("Het jaar %(jaar)s is afgesloten. Declareren kan niet meer.") % {
            "jaar": datum.year
        }
    if not omschrijving.strip():
        fouten["omschrijving"] = _("Beschrijf de uitgave.")
    if not bon:
        fouten["bon"] = _("Voeg de bon of factuur toe.")
    if fouten:
        raise ValidationError(fouten)
    bestand = bestand_opslaan(upload=bon, door=door)
    declaratie = Declaratie(
        indiener=door,
        indiener_referentie=_referentie(door),
        datum=datum,
        categorie=categorie,
        bedrag=bedrag,
        omschrijving=omschrijving.strip(),
        bon=bestand,
        ingediend_op=vandaag_,
        status_sinds=vandaag_,
    )
    opslaan(declaratie, door=door, reden="Declaratie ingediend")
    audit.vastleggen(door, Actie.DECLARATIE_INDIENEN, declaratie)
    return declaratie


@transaction.atomic
def declaratie_overgang(
    *,
    declaratie: Declaratie,
    naar: str,
    door: User | None,
    reden: str = "",
    op: date | None = None,
) -> Declaratie:
    """Check, approve, reject (with a reason) or record payment (``transitions.DECLARATIE``).

    Nobody checks or approves their own declaration."""
    op = op or vandaag()
    niet_door = () if naar == DeclaratieStatus.BETAALD else (declaratie.indiener_id,)
    return stap_zetten(
        obj=declaratie,
        workflow=transitions.DECLARATIE,
        naar=naar,
        door=door,
        reden=reden,
        op=op,
        actie=Actie.DECLARATIE_OVERGANG,
        niet_door=niet_door,
        velden={
            "status_sinds": op,
            "reden_afwijzing": reden.strip() if naar == DeclaratieStatus.AFGEWEZEN else "",
        },
    )
