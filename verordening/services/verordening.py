"""Writes of the regulation (``Verordening``) and its articles (``Artikel``).

The rules cite articles (``Regel.bron`` protects them): an article that a rule cites cannot be
deleted, and neither can its regulation. Deleting a regulation deletes its articles one by one
here, so each gets its own history record and audit line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis_perm, opslaan
from verordening.models import Artikel, Verordening
from verordening.policies import artikel_policy, verordening_policy
from verordening.services.gedeeld import velden_zetten, verwijderen

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: What the account holder keeps of a regulation and of an article.
VERORDENING_VELDEN = frozenset(
    {"titel", "citeertitel", "cvdr", "datum_vastgesteld", "in_werking_vanaf", "in_werking_tot"}
)
ARTIKEL_VELDEN = frozenset({"verordening", "nummer", "titel", "tekst", "samenvatting"})


# --- Verordening ------------------------------------------------------------------------------
@transaction.atomic
def verordening_aanmaken(*, door: User | None, **velden: Any) -> Verordening:
    eis_perm(verordening_policy, door, "add", Actie.VERORDENING_AANMAKEN)
    verordening = Verordening()
    velden_zetten(verordening, velden, VERORDENING_VELDEN)
    opslaan(verordening, door=door, reden="Verordening aangemaakt")
    audit.vastleggen(door, Actie.VERORDENING_AANMAKEN, verordening)
    return verordening


@transaction.atomic
def verordening_bijwerken(
    *, verordening: Verordening, door: User | None, **velden: Any
) -> Verordening:
    eis_perm(verordening_policy, door, "change", Actie.VERORDENING_BIJWERKEN, verordening)
    huidig = Verordening.objects.select_for_update().get(pk=verordening.pk)
    gewijzigd = velden_zetten(huidig, velden, VERORDENING_VELDEN)
    if gewijzigd:
        opslaan(huidig, door=door, reden="Verordening bijgewerkt: " + ", ".join(gewijzigd))
        audit.vastleggen(door, Actie.VERORDENING_BIJWERKEN, huidig)
    return huidig


@transaction.atomic
def verordening_verwijderen(*, verordening: Verordening, door: User | None) -> None:
    """Delete a regulation with its articles (refused by the database while a rule cites one)."""
    eis_perm(verordening_policy, door, "delete", Actie.VERORDENING_VERWIJDEREN, verordening)
    huidig = Verordening.objects.select_for_update().get(pk=verordening.pk)
    for artikel in Artikel.objects.filter(verordening=huidig).order_by("pk"):
        artikel_verwijderen(artikel=artikel, door=door)
    verwijderen(huidig, door=door, reden="Verordening verwijderd")
    audit.vastleggen(door, Actie.VERORDENING_VERWIJDEREN, verordening)


# --- Artikel ----------------------------------------------------------------------------------
@transaction.atomic
def artikel_aanmaken(*, door: User | None, **velden: Any) -> Artikel:
    eis_perm(artikel_policy, door, "add", Actie.ARTIKEL_AANMAKEN)
    artikel = Artikel()
    velden_zetten(artikel, velden, ARTIKEL_VELDEN)
    opslaan(artikel, door=door, reden="Artikel aangemaakt")
    audit.vastleggen(door, Actie.ARTIKEL_AANMAKEN, artikel)
    return artikel


@transaction.atomic
def artikel_bijwerken(*, artikel: Artikel, door: User | None, **velden: Any) -> Artikel:
    eis_perm(artikel_policy, door, "change", Actie.ARTIKEL_BIJWERKEN, artikel)
    huidig = Artikel.objects.select_for_update().get(pk=artikel.pk)
    gewijzigd = velden_zetten(huidig, velden, ARTIKEL_VELDEN)
    if gewijzigd:
        opslaan(huidig, door=door, reden="Artikel bijgewerkt: " + ", ".join(gewijzigd))
        audit.vastleggen(door, Actie.ARTIKEL_BIJWERKEN, huidig)
    return huidig


@transaction.atomic
def artikel_verwijderen(*, artikel: Artikel, door: User | None) -> None:
    """Delete an article (refused by the database while a rule cites it)."""
    eis_perm(artikel_policy, door, "delete", Actie.ARTIKEL_VERWIJDEREN, artikel)
    huidig = Artikel.objects.select_for_update().get(pk=artikel.pk)
    verwijderen(huidig, door=door, reden="Artikel verwijderd")
    audit.vastleggen(door, Actie.ARTIKEL_VERWIJDEREN, artikel)
