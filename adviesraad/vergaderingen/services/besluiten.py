"""What a meeting decided, and the actions that follow from it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag
from verordening.models import Samenwerkingsafspraken

from ..models import AFSPRAKEN_SOORTEN, Actiepunt, Agendapunt, Besluit, Vergadering
from ..policies import vergadering_policy
from .basis import eis_beheer

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def _eis_deelnemer(vergadering: Vergadering, gebruiker: Any, veld: str) -> None:
    if (
        gebruiker is not None
        and not vergadering_policy.actiehouder_keuzes(vergadering).filter(pk=gebruiker.pk).exists()
    ):
        raise ValidationError(
            {
                veld: _(
                    "Kies iemand die aan de vergadering meedoet en de rol heeft om "
                    "vergaderingen te zien."
                )
            }
        )


@transaction.atomic
def actiepunt_toevoegen(
    *,
    vergadering: Vergadering,
    omschrijving: str,
    door: User | None,
    eigenaar: Any = None,
    uiterlijk: date | None = None,
) -> Actiepunt:
    eis_beheer(door, Actie.ACTIEPUNT_TOEVOEGEN, vergadering)
    _eis_deelnemer(vergadering, eigenaar, "eigenaar")
    actiepunt = Actiepunt(
        vergadering=vergadering,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar,
        uiterlijk=uiterlijk,
    )
    opslaan(actiepunt, door=door, reden="actiepunt")
    audit.vastleggen(door, Actie.ACTIEPUNT_TOEVOEGEN, actiepunt, "ok")
    return actiepunt


@transaction.atomic
def actiepunt_bijwerken(
    *,
    actiepunt: Actiepunt,
    door: User | None,
    afgerond: bool,
    op: date | None = None,
    **velden: Any,
) -> Actiepunt:
    """Mark an action done (or open again); optionally change description, owner or due date."""
    eis_beheer(door, Actie.ACTIEPUNT_BIJWERKEN, actiepunt.vergadering)
    onbekend = set(velden) - {"omschrijving", "eigenaar", "uiterlijk"}
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    if "eigenaar" in velden:
        _eis_deelnemer(actiepunt.vergadering, velden["eigenaar"], "eigenaar")
    for naam, waarde in velden.items():
        setattr(actiepunt, naam, waarde.strip() if isinstance(waarde, str) else waarde)
    if afgerond and not actiepunt.afgerond:
        actiepunt.afgerond_op = op or vandaag()
    if not afgerond:
        actiepunt.afgerond_op = None
    actiepunt.afgerond = afgerond
    opslaan(actiepunt, door=door, reden="klaar" if afgerond else "actiepunt gewijzigd")
    audit.vastleggen(door, Actie.ACTIEPUNT_BIJWERKEN, actiepunt, "klaar" if afgerond else "open")
    return actiepunt


@transaction.atomic
def besluit_vastleggen(
    *,
    vergadering: Vergadering,
    tekst: str,
    door: User | None,
    agendapunt: Agendapunt | None = None,
    samenwerkingsafspraken: Samenwerkingsafspraken | None = None,
) -> Besluit:
    """Record a decision; an agreement made with the aldermen or at the chair's consultation
    may name the version of the samenwerkingsafspraken it changes."""
    eis_beheer(door, Actie.BESLUIT_VASTLEGGEN, vergadering)
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        raise ValidationError({"agendapunt": _("Kies een agendapunt van deze vergadering.")})
    if samenwerkingsafspraken is not None and vergadering.soort not in AFSPRAKEN_SOORTEN:
        raise ValidationError(
            {
                "samenwerkingsafspraken": _(
                    "Alleen afspraken met de wethouders of uit het voorzittersoverleg wijzigen de "
                    "samenwerkingsafspraken."
                )
            }
        )
    besluit = Besluit(
        vergadering=vergadering,
        agendapunt=agendapunt,
        tekst=tekst.strip(),
        samenwerkingsafspraken=samenwerkingsafspraken,
    )
    opslaan(besluit, door=door, reden="besluit")
    audit.vastleggen(door, Actie.BESLUIT_VASTLEGGEN, besluit, "ok")
    return besluit
