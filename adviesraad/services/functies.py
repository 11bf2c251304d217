"""Functions on the council: the chair (ad interim or fixed) and the vice-chair."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis_perm, opslaan

from ..models import Functie, FunctieSoort, Lid, TermijnSoort
from ..models.leden import VOORZITTER_SOORTEN
from ..policies import functie_policy
from .gedeeld import eis_niet_zelf, overlapt
from .rollen import rollen_bijwerken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def functie_toewijzen(
    *,
    lid: Lid,
    soort: str,
    van: date,
    door: User | None,
    tot: date | None = None,
    uurtarief: Decimal | None = None,
    besluit_kenmerk: str = "",
    toelichting: str = "",
) -> Functie:
    """Give a person a function: chair (ad interim or fixed) or vice-chair.

    * ad interim: not a member, an hourly rate is recorded;
    * fixed chair: needs a running chair's term (same term rules as members), ends with it;
    * vice-chair: elected from the members, so needs a running member's term.
    There is one chair and one vice-chair at a time.
    """
    eis_perm(functie_policy, door, "add", Actie.FUNCTIE_TOEWIJZEN)
    eis_niet_zelf(door, lid.user_id, Actie.FUNCTIE_TOEWIJZEN, lid)
    termijnen = lid.termijnen.actief_op(van)
    termijn = None
    if soort == FunctieSoort.VOORZITTER_AD_INTERIM:
        if uurtarief is None:
            raise ValidationError(
                {"uurtarief": _("Vul het uurtarief van de voorzitter ad interim in.")}
            )
        if termijnen.filter(soort=TermijnSoort.LID).exists():
            raise ValidationError(_("De voorzitter ad interim is geen lid van de adviesraad."))
    elif soort == FunctieSoort.VOORZITTER_VAST:
        termijn = termijnen.filter(soort=TermijnSoort.VOORZITTER).first()
        if termijn is None:
            raise ValidationError(
                _(
                    "Een vaste voorzitter heeft een zittingstermijn als voorzitter, net als een "
                    "lid (bijlage 7). Benoem eerst de termijn."
                )
            )
        if termijn.einddatum is not None:  # a running term has its end date
            tot = min(tot or termijn.einddatum, termijn.einddatum)
        uurtarief = None
    elif soort == FunctieSoort.VICEVOORZITTER:
        lid_termijn = termijnen.filter(soort=TermijnSoort.LID).first()
        if lid_termijn is None:
            raise ValidationError(_("De vicevoorzitter wordt gekozen uit de leden (bijlage 7)."))
        uurtarief = None
    else:
        raise ValidationError({"soort": _("Kies een functie.")})
    soorten = VOORZITTER_SOORTEN if soort in VOORZITTER_SOORTEN else (FunctieSoort.VICEVOORZITTER,)
    bezet = overlapt(Functie.objects.filter(soort__in=soorten), van, tot).first()
    if bezet is not None:
        raise ValidationError(
            _(
                "Deze functie is in die periode al vervuld door %(naam)s. Beëindig die functie "
                "eerst."
            )
            % {"naam": bezet.lid.naam}
        )
    functie = Functie(
        lid=lid,
        soort=soort,
        van=van,
        tot=tot,
        uurtarief=uurtarief,
        termijn=termijn,
        besluit_kenmerk=besluit_kenmerk,
        toelichting=toelichting,
    )
    opslaan(functie, door=door, reden=f"{functie.get_soort_display()} vanaf {van:%d-%m-%Y}")
    rollen_bijwerken(lid=lid, door=door)
    audit.vastleggen(door, f"{Actie.FUNCTIE_TOEWIJZEN}:{soort}", functie)
    return functie


@transaction.atomic
def functie_beeindigen(*, functie: Functie, tot: date, door: User | None) -> Functie:
    eis_perm(functie_policy, door, "change", Actie.FUNCTIE_BEEINDIGEN, functie)
    if tot < functie.van:
        raise ValidationError({"tot": _("De laatste dag ligt niet voor de eerste dag.")})
    functie.tot = tot
    opslaan(functie, door=door, reden=f"Functie beëindigd per {tot:%d-%m-%Y}")
    rollen_bijwerken(lid=functie.lid, door=door)
    audit.vastleggen(door, Actie.FUNCTIE_BEEINDIGEN, functie)
    return functie
