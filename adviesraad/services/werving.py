"""Recruitment (Bijlage 7): vacancies and the candidates moving through their stages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.accounts.roles import gebruikers_met_rollen, rollen_met
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis_perm, opslaan, vandaag
from hengelo_participatie.core.workflow import Stap

from ..models import Kandidaat, KandidaatFase, TermijnSoort, Vacature, VacatureStatus
from ..models.werving import FASE_WORKFLOW
from ..policies import kandidaat_policy, vacature_policy
from .gedeeld import postcode_opmaken

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hengelo_participatie.accounts.models import User

#: The capability (role table) of sitting on a vacancy's selection committee.
SELECTIECOMMISSIE = "lidmaatschap.selectiecommissie"


@transaction.atomic
def vacature_aanmaken(
    *,
    titel: str,
    profiel: str,
    door: User | None,
    soort: str = TermijnSoort.LID,
    ad_interim: bool = False,
    aantal_plaatsen: int = 1,
    sluit_op: date | None = None,
) -> Vacature:
    eis_perm(vacature_policy, door, "add", Actie.VACATURE_AANMAKEN)
    vacature = Vacature(
        titel=titel,
        profiel=profiel,
        soort=soort,
        ad_interim=ad_interim and soort == TermijnSoort.VOORZITTER,
        aantal_plaatsen=aantal_plaatsen,
        sluit_op=sluit_op,
    )
    opslaan(vacature, door=door, reden="Vacature aangemaakt")
    audit.vastleggen(door, Actie.VACATURE_AANMAKEN, vacature)
    return vacature


@transaction.atomic
def vacature_publiceren(*, vacature: Vacature, op: date, door: User | None) -> Vacature:
    """Step 1 of recruitment (Bijlage 7): publication."""
    eis_perm(vacature_policy, door, "change", Actie.VACATURE_PUBLICEREN, vacature)
    if vacature.status != VacatureStatus.CONCEPT:
        raise ValidationError(_("Alleen een concept kan worden gepubliceerd."))
    vacature.status = VacatureStatus.GEPUBLICEERD
    vacature.gepubliceerd_op = op
    opslaan(vacature, door=door, reden="Gepubliceerd")
    audit.vastleggen(door, Actie.VACATURE_PUBLICEREN, vacature)
    return vacature


@transaction.atomic
def vacature_sluiten(*, vacature: Vacature, op: date, door: User | None) -> Vacature:
    """Close recruitment. The retention period for candidate data starts on this date."""
    eis_perm(vacature_policy, door, "change", Actie.VACATURE_SLUITEN, vacature)
    if vacature.status == VacatureStatus.GESLOTEN:
        raise ValidationError(_("Deze vacature is al gesloten."))
    vacature.status = VacatureStatus.GESLOTEN
    vacature.gesloten_op = op
    opslaan(vacature, door=door, reden="Gesloten")
    audit.vastleggen(door, Actie.VACATURE_SLUITEN, vacature)
    return vacature


@transaction.atomic
def selectiecommissie_zetten(
    *, vacature: Vacature, leden: Iterable[User], door: User | None
) -> Vacature:
    """Record who sits on the selection committee of ``vacature``: people whose role may
    (council members, the supporter, the account holder: council and municipality together)."""
    eis_perm(vacature_policy, door, "change", Actie.SELECTIECOMMISSIE_ZETTEN, vacature)
    leden = list(leden)
    mogelijk = set(
        gebruikers_met_rollen(rollen_met(SELECTIECOMMISSIE)).values_list("pk", flat=True)
    )
    if any(u.pk not in mogelijk for u in leden):
        audit.vastleggen(door, Actie.SELECTIECOMMISSIE_ZETTEN, vacature, audit.GEWEIGERD)
        raise ValidationError(
            {
                "selectiecommissie": _(
                    "In de selectiecommissie zitten alleen leden van de adviesraad, de "
                    "ondersteuner en de accounthouder."
                )
            }
        )
    vacature.selectiecommissie.set(leden)
    audit.vastleggen(door, Actie.SELECTIECOMMISSIE_ZETTEN, vacature)
    return vacature


@transaction.atomic
def kandidaat_aanmelden(
    *,
    vacature: Vacature,
    naam: str,
    email: str,
    postcode: str,
    door: User | None,
    telefoon: str = "",
    motivatie: str = "",
    aangemeld_op: date | None = None,
) -> Kandidaat:
    eis_perm(kandidaat_policy, door, "add", Actie.KANDIDAAT_AANMELDEN)
    if vacature.status != VacatureStatus.GEPUBLICEERD:
        raise ValidationError(_("Aanmelden kan alleen bij een gepubliceerde vacature."))
    kandidaat = Kandidaat(
        vacature=vacature,
        naam=naam,
        email=email,
        postcode=postcode_opmaken(postcode),
        telefoon=telefoon,
        motivatie=motivatie,
        aangemeld_op=aangemeld_op or vandaag(),
    )
    opslaan(kandidaat, door=door, reden="Aangemeld")
    audit.vastleggen(door, Actie.KANDIDAAT_AANMELDEN, kandidaat)
    return kandidaat


@transaction.atomic
def kandidaat_fase_wijzigen(
    *, kandidaat: Kandidaat, fase: str, door: User | None, notitie: str = ""
) -> Kandidaat:
    """Move a candidate one stage on (or out). The allowed moves are the rows of
    ``FASE_WORKFLOW``; each names the capability it needs."""
    eis_perm(kandidaat_policy, door, "change", Actie.KANDIDAAT_FASE_WIJZIGEN, kandidaat)
    kandidaat = Kandidaat.objects.select_for_update().get(pk=kandidaat.pk)
    rij = FASE_WORKFLOW.zoek(kandidaat.fase, fase)
    if rij is None:
        raise ValidationError(
            _("Van ‘%(van)s’ kan een kandidaat niet naar ‘%(naar)s’.")
            % {
                "van": kandidaat.get_fase_display(),
                "naar": KandidaatFase(fase).label if fase in KandidaatFase.values else fase,
            }
        )
    eis_perm(kandidaat_policy, door, rij.capability, Actie.KANDIDAAT_FASE_WIJZIGEN)
    kandidaat.fase = fase
    if fase in (KandidaatFase.AFGEWEZEN, KandidaatFase.TERUGGETROKKEN):
        # Out of the procedure: retention runs from today, even while the vacancy stays open.
        kandidaat.afgerond_op = vandaag()
    if notitie:
        kandidaat.notities = f"{kandidaat.notities}\n{notitie}".strip()
    opslaan(kandidaat, door=door, reden=f"Fase: {kandidaat.get_fase_display()}")
    rij.effecten_uitvoeren(kandidaat, Stap(door=door, op=vandaag(), reden=notitie))
    audit.vastleggen(door, f"{Actie.KANDIDAAT_FASE}:{fase}", kandidaat)
    return kandidaat
