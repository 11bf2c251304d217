"""The concept report and its approval round: members approve or ask for a change, and a member
with a conflict of interest is left out (recusal)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.models import Lid
from adviesraad.models.advies import (
    Advies,
    Adviesaanvraag,
    Belangmelding,
    Goedkeuring,
    Goedkeuringsronde,
    Oordeel,
    Status,
)
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag

from .. import transitions
from ..opmaak import opschonen
from .toegang import eis_capability, eis_regel, weigeren
from .versie import huidige_versie, nieuwe_versie

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

GOEDKEUREN = "advies.goedkeuren"


@transaction.atomic
def concept_opslaan(
    *,
    aanvraag: Adviesaanvraag,
    inleiding: str,
    punten: Sequence[str],
    door: User | None,
    reden: str = "",
) -> Advies:
    """Save the concept as a new version (every version is kept). Points are sanitised."""
    eis_regel(transitions.CONCEPT_BEWERKEN, aanvraag, door, Actie.ADVIES_CONCEPT_OPSLAAN)
    vorige = huidige_versie(aanvraag)
    if vorige is not None and vorige.bevroren:
        raise ValidationError(_("Deze versie is verzonden en verandert niet meer."))
    schoon = [opschonen(p) for p in punten]
    schoon = [p for p in schoon if p]
    if not schoon:
        raise ValidationError({"punten": _("Schrijf minstens één adviespunt.")})
    inleiding = inleiding.strip()
    if (
        vorige is not None
        and vorige.inleiding == inleiding
        and [p.tekst for p in vorige.punten.order_by("nummer")] == schoon
    ):
        return vorige  # nothing changed: no new version
    advies = nieuwe_versie(
        aanvraag,
        inleiding=inleiding,
        punten=schoon,
        door=door,
        reden=reden or _("concept bijgewerkt"),
    )
    audit.vastleggen(door, Actie.ADVIES_CONCEPT_OPSLAAN, advies)
    return advies


def open_ronde(aanvraag: Adviesaanvraag) -> Goedkeuringsronde | None:
    return Goedkeuringsronde.objects.filter(
        advies__aanvraag=aanvraag, gesloten_op__isnull=True
    ).first()


@transaction.atomic
def goedkeuring_geven(
    *,
    aanvraag: Adviesaanvraag,
    door: User | None,
    oordeel: str,
    opmerking: str = "",
    op: date | None = None,
) -> Goedkeuring:
    """A member approves the concept or asks for a change, before the round's deadline."""
    op = op or vandaag()
    eis_capability(GOEDKEUREN, aanvraag, door, Actie.ADVIES_GOEDKEUREN)
    ronde = open_ronde(aanvraag)
    if aanvraag.status != Status.TER_GOEDKEURING or ronde is None:
        raise ValidationError(_("Er ligt geen concept ter goedkeuring."))
    goedkeuring = ronde.goedkeuringen.select_for_update().filter(lid__user=door).first()
    if goedkeuring is None:
        weigeren(door, Actie.ADVIES_GOEDKEUREN, aanvraag)
    if goedkeuring.oordeel == Oordeel.UITGESLOTEN:
        raise ValidationError(_("U heeft een belang gemeld en doet bij dit advies niet mee."))
    if op > ronde.deadline:
        raise ValidationError(
            _("De termijn om te reageren is voorbij (uiterlijk %(datum)s, %(bron)s).")
            % {"datum": f"{ronde.deadline:%d-%m-%Y}", "bron": ronde.deadline_bron}
        )
    if oordeel not in (Oordeel.AKKOORD, Oordeel.WIJZIGING):
        raise ValidationError({"oordeel": _("Kies akkoord of wijziging gevraagd.")})
    if oordeel == Oordeel.WIJZIGING and not opmerking.strip():
        raise ValidationError({"opmerking": _("Schrijf welke wijziging u wilt.")})
    goedkeuring.oordeel = oordeel
    goedkeuring.opmerking = opmerking.strip()
    goedkeuring.gegeven_op = timezone.now()
    opslaan(goedkeuring, door=None, reden="")
    audit.vastleggen(door, Actie.ADVIES_GOEDKEUREN, goedkeuring, oordeel)
    return goedkeuring


@transaction.atomic
def belang_melden(
    *, aanvraag: Adviesaanvraag, door: User | None, toelichting: str
) -> Belangmelding:
    """A member declares a conflict of interest: they are left out of the approval (recusal)."""
    eis_regel(transitions.BELANG_MELDEN, aanvraag, door, Actie.ADVIES_BELANG_MELDEN)
    lid = Lid.objects.filter(user=door).first()
    if lid is None:
        weigeren(door, Actie.ADVIES_BELANG_MELDEN, aanvraag)
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf kort wat uw belang is.")})
    melding, _nieuw = Belangmelding.objects.get_or_create(
        aanvraag=aanvraag, lid=lid, defaults={"toelichting": toelichting.strip()}
    )
    ronde = open_ronde(aanvraag)
    if ronde is not None:
        ronde.goedkeuringen.filter(lid=lid).update(
            oordeel=Oordeel.UITGESLOTEN,
            gegeven_op=timezone.now(),
            opmerking=_("Belang gemeld: %(t)s") % {"t": melding.toelichting},
        )
    audit.vastleggen(door, Actie.ADVIES_BELANG_MELDEN, aanvraag)
    return melding
