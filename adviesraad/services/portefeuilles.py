"""Portfolios of the council and the pair of members that holds each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis_perm, opslaan

from ..models import Kernwet, Lid, Portefeuille, Portefeuillehouder, TermijnSoort
from ..models.portefeuilles import DUO
from ..policies import houder_policy, portefeuille_policy
from .gedeeld import overlapt

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def portefeuille_aanmaken(
    *,
    naam: str,
    kernwetten: Iterable[Kernwet],
    van: date,
    door: User | None,
    omschrijving: str = "",
    tot: date | None = None,
) -> Portefeuille:
    eis_perm(portefeuille_policy, door, "add", Actie.PORTEFEUILLE_AANMAKEN)
    kernwetten = list(kernwetten)
    if not kernwetten:
        raise ValidationError({"kernwetten": _("Kies ten minste één wet uit het kerndomein.")})
    portefeuille = Portefeuille(naam=naam, omschrijving=omschrijving, van=van, tot=tot)
    opslaan(portefeuille, door=door, reden="Portefeuille aangemaakt")
    portefeuille.kernwetten.set(kernwetten)
    audit.vastleggen(door, Actie.PORTEFEUILLE_AANMAKEN, portefeuille)
    return portefeuille


@transaction.atomic
def portefeuille_bijwerken(
    *, portefeuille: Portefeuille, door: User | None, **gegevens: Any
) -> Portefeuille:
    eis_perm(portefeuille_policy, door, "change", Actie.PORTEFEUILLE_BIJWERKEN, portefeuille)
    kernwetten = gegevens.pop("kernwetten", None)
    for veld in set(gegevens) - {"naam", "omschrijving", "van", "tot"}:
        raise ValidationError(_("Onbekend veld: %(veld)s.") % {"veld": veld})
    for veld, waarde in gegevens.items():
        setattr(portefeuille, veld, waarde)
    opslaan(portefeuille, door=door, reden="Portefeuille gewijzigd")
    if kernwetten is not None:
        portefeuille.kernwetten.set(kernwetten)
    audit.vastleggen(door, Actie.PORTEFEUILLE_BIJWERKEN, portefeuille)
    return portefeuille


@transaction.atomic
def portefeuillehouder_toewijzen(
    *, portefeuille: Portefeuille, lid: Lid, van: date, door: User | None, tot: date | None = None
) -> Portefeuillehouder:
    """Add a member to a portfolio's pair. A pair has two members; a third is refused."""
    eis_perm(houder_policy, door, "add", Actie.PORTEFEUILLEHOUDER_TOEWIJZEN)
    Portefeuille.objects.select_for_update().filter(pk=portefeuille.pk).first()
    if not lid.termijnen.actief_op(van).filter(soort=TermijnSoort.LID).exists():
        raise ValidationError(
            _("Alleen een lid met een lopende zittingstermijn houdt een portefeuille.")
        )
    if not portefeuille.is_actief_op(van):
        raise ValidationError(_("De portefeuille bestaat op die datum niet."))
    huidig = overlapt(portefeuille.houders.all(), van, tot)
    if huidig.filter(lid=lid).exists():
        raise ValidationError(_("%(naam)s houdt deze portefeuille al.") % {"naam": lid.naam})
    if huidig.count() >= DUO:
        raise ValidationError(
            _("Een portefeuille is voor een duo: er zijn in die periode al %(aantal)s houders.")
            % {"aantal": DUO}
        )
    houder = Portefeuillehouder(portefeuille=portefeuille, lid=lid, van=van, tot=tot)
    opslaan(houder, door=door, reden="Houder toegevoegd")
    audit.vastleggen(door, Actie.PORTEFEUILLEHOUDER_TOEWIJZEN, houder)
    return houder


@transaction.atomic
def portefeuillehouder_beeindigen(
    *, houder: Portefeuillehouder, tot: date, door: User | None
) -> Portefeuillehouder:
    eis_perm(houder_policy, door, "change", Actie.PORTEFEUILLEHOUDER_BEEINDIGEN, houder)
    if tot < houder.van:
        raise ValidationError({"tot": _("De laatste dag ligt niet voor de eerste dag.")})
    houder.tot = tot
    opslaan(houder, door=door, reden=f"Houder gestopt per {tot:%d-%m-%Y}")
    audit.vastleggen(door, Actie.PORTEFEUILLEHOUDER_BEEINDIGEN, houder)
    return houder
