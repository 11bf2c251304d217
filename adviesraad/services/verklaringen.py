"""Declarations of other roles (Bijlage 6) and the chair's assessment of them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag

from ..models import Beoordeling, Lid, Nevenfunctieverklaring
from ..models.verklaringen import CATEGORIEEN
from ..policies import BEOORDELEN, verklaring_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: Declarations the member themselves may read (object grant); chair and supporter: role-wide.
VERKLARING_EIGEN_PERMS = ("view_nevenfunctieverklaring",)


@transaction.atomic
def verklaring_indienen(
    *,
    lid: Lid,
    aanleiding: str,
    door: User | None,
    ingediend_op: date | None = None,
    overige_toelichting: str = "",
    **antwoorden: Any,
) -> Nevenfunctieverklaring:
    """A member declares their other roles (Bijlage 6): their own, or the supporter records it.

    ``antwoorden``: for each category a bool (``politieke_functie=True``) and optionally its
    explanation (``politieke_functie_toelichting="..."``). A "yes" needs an explanation.
    """
    eigen = door is not None and door.pk == lid.user_id
    if door is not None and not eigen:
        eis(verklaring_policy.user_has_perm(door, "add"), door, Actie.VERKLARING_INDIENEN)
    toegestaan = set(CATEGORIEEN) | {f"{c}_toelichting" for c in CATEGORIEEN}
    if set(antwoorden) - toegestaan:
        raise ValidationError(_("Onbekende vraag in de verklaring."))
    verklaring = Nevenfunctieverklaring(
        lid=lid,
        aanleiding=aanleiding,
        ingediend_op=ingediend_op or vandaag(),
        overige_toelichting=overige_toelichting,
        **antwoorden,
    )
    fouten = {
        f"{c}_toelichting": _("Licht uw ‘ja’ kort toe.")
        for c in CATEGORIEEN
        if getattr(verklaring, c) and not getattr(verklaring, f"{c}_toelichting").strip()
    }
    if fouten:
        raise ValidationError(fouten)
    if not verklaring.heeft_bevinding:
        # Nothing for the chair to weigh: no finding. The chair can still add an agreement.
        verklaring.beoordeling = Beoordeling.OPEN
    opslaan(verklaring, door=door, reden="Verklaring ingediend")
    for perm in VERKLARING_EIGEN_PERMS:
        assign_perm(perm, lid.user, verklaring)
    audit.vastleggen(door, Actie.VERKLARING_INDIENEN, verklaring)
    return verklaring


@transaction.atomic
def verklaring_beoordelen(
    *,
    verklaring: Nevenfunctieverklaring,
    beoordeling: str,
    door: User | None,
    afspraak: str = "",
    op: date | None = None,
) -> Nevenfunctieverklaring:
    """The chair assesses a declaration and records the agreement (Bijlage 6, item 5)."""
    eis(
        door is not None and verklaring_policy.user_has_perm(door, BEOORDELEN),
        door,
        Actie.VERKLARING_BEOORDELEN,
        verklaring,
    )
    if door is not None and door.pk == verklaring.lid.user_id:
        eis(False, door, Actie.VERKLARING_BEOORDELEN_EIGEN, verklaring)
    if beoordeling not in Beoordeling.values or beoordeling == Beoordeling.OPEN:
        raise ValidationError({"beoordeling": _("Kies een uitkomst.")})
    if beoordeling == Beoordeling.AFSPRAAK and not afspraak.strip():
        raise ValidationError({"afspraak": _("Schrijf de afspraak op die u samen heeft gemaakt.")})
    verklaring.beoordeling = beoordeling
    verklaring.afspraak = afspraak
    verklaring.beoordeeld_door = door
    verklaring.beoordeeld_op = op or vandaag()
    opslaan(verklaring, door=door, reden=f"Beoordeeld: {verklaring.get_beoordeling_display()}")
    audit.vastleggen(door, f"{Actie.VERKLARING_BEOORDELEN}:{beoordeling}", verklaring)
    return verklaring
