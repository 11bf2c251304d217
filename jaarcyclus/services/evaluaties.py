"""Evaluations as records: create (due date from a rule), questions, results, conclusions and
follow-up actions. Every function asks ``evaluatie_policy`` and writes one audit line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models import Herbenoemingsevaluatie, Zittingstermijn
from hengelo_participatie.accounts.roles import rolnamen_met
from hengelo_participatie.accounts.toewijzing import eis_rol, eis_rollen
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag
from participatiemix.models import Spelregel
from verordening.models import Artikel, Samenwerkingsafspraken

from ..models import (
    ActieStatus,
    Conclusie,
    Evaluatie,
    EvaluatieSoort,
    EvaluatieStatus,
    Vervolgactie,
    Vraag,
    VraagSoort,
)
from ..policies import BEHEREN, DEELNEMEN, evaluatie_policy, mag_actie_bijwerken
from ..regels import uiterlijk_voor

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: Whoever owns the follow-up of policy staff's reflection (the account holder, §4.2).
REFLECTIE_OPVOLGEN = "evaluatie.reflectie_opvolgen"


def _mag_aanmaken(door: User | None, soort: str) -> bool:
    if door is None:
        return True
    if not evaluatie_policy.user_has_perm(door, BEHEREN):
        return False
    # The chair's evaluation is only for those who may read it.
    probe = Evaluatie(soort=soort)
    return evaluatie_policy.user_has_perm_for_object(door, BEHEREN, probe)


@transaction.atomic
def evaluatie_aanmaken(
    *,
    soort: str,
    jaar: int,
    door: User | None,
    eigenaar: User | None = None,
    deelnemers: Iterable[User] = (),
    titel: str = "",
    termijn: Zittingstermijn | None = None,
) -> Evaluatie:
    """A new evaluation of ``soort`` for ``jaar``; its due date comes from the rules."""
    eis(_mag_aanmaken(door, soort), door, Actie.EVALUATIE_AANMAKEN)
    deelnemers = list(deelnemers)
    eis_rollen(deelnemers, *rolnamen_met(DEELNEMEN), veld="deelnemers")
    eigenaar = eigenaar or door
    eis_rol(eigenaar, *rolnamen_met(DEELNEMEN), veld="eigenaar")
    uiterlijk = uiterlijk_voor(soort, jaar=jaar, op=vandaag(), termijn=termijn)
    evaluatie = Evaluatie(
        soort=soort,
        jaar=jaar,
        titel=titel
        or f"{EvaluatieSoort(soort).label[:1].upper()}{EvaluatieSoort(soort).label[1:]} {jaar}",
        eigenaar=eigenaar,
        uiterlijk=uiterlijk.datum,
        uiterlijk_bron=uiterlijk.bron[:300],
    )
    opslaan(evaluatie, door=door, reden="Evaluatie aangemaakt")
    evaluatie.deelnemers.set(deelnemers)
    audit.vastleggen(door, Actie.EVALUATIE_AANMAKEN, evaluatie)
    return evaluatie


def _eis_beheer(evaluatie: Evaluatie, door: User | None, actie: Actie) -> None:
    eis(
        door is None or evaluatie_policy.user_has_perm_for_object(door, BEHEREN, evaluatie),
        door,
        actie,
        evaluatie,
    )


def _eis_open(evaluatie: Evaluatie) -> None:
    if not evaluatie.is_open:
        raise ValidationError(_("Deze evaluatie is al afgerond."), code="afgerond")


@transaction.atomic
def vragen_toevoegen(
    *, evaluatie: Evaluatie, vragen: Sequence[tuple[str, str]], door: User | None
) -> list[Vraag]:
    """Add questions ``(soort, tekst)``. Not once answering has started: the answers already
    given would not match the new list."""
    _eis_beheer(evaluatie, door, Actie.EVALUATIE_VRAGEN_TOEVOEGEN)
    _eis_open(evaluatie)
    if evaluatie.beantwoordingen.exists():
        raise ValidationError(
            _("Er zijn al antwoorden gegeven; de vragenlijst ligt vast."), code="beantwoord"
        )
    volgende = (
        evaluatie.vragen.order_by("-volgorde").values_list("volgorde", flat=True).first() or 0
    ) + 1
    nieuw = []
    for i, (soort, tekst) in enumerate(vragen):
        vraag = Vraag(evaluatie=evaluatie, volgorde=volgende + i, soort=soort, tekst=tekst.strip())
        vraag.full_clean()
        vraag.save()
        nieuw.append(vraag)
    audit.vastleggen(door, Actie.EVALUATIE_VRAGEN_TOEVOEGEN, evaluatie, f"{audit.OK}:{len(nieuw)}")
    return nieuw


def ombudsman_stellingen() -> list[tuple[str, str]]:
    """The ready set: the 10 Spelregels of the Nationale Ombudsman (Bijlage 1) as statements."""
    return [
        (
            VraagSoort.STELLING,
            _("Spelregel %(nummer)s, %(titel)s: %(tekst)s")
            % {"nummer": r.nummer, "titel": r.titel.lower(), "tekst": r.tekst},
        )
        for r in Spelregel.objects.order_by("nummer")
    ]


@transaction.atomic
def evaluatie_afronden(*, evaluatie: Evaluatie, resultaten: str, door: User | None) -> Evaluatie:
    """Record the results (the internal report) and close the evaluation and its questionnaire."""
    _eis_beheer(evaluatie, door, Actie.EVALUATIE_AFRONDEN)
    _eis_open(evaluatie)
    evaluatie.resultaten = resultaten.strip()
    if not evaluatie.resultaten:
        raise ValidationError({"resultaten": _("Schrijf de resultaten op.")})
    evaluatie.status = EvaluatieStatus.AFGEROND
    evaluatie.afgerond_op = vandaag()
    opslaan(evaluatie, door=door, reden="Evaluatie afgerond")
    audit.vastleggen(door, Actie.EVALUATIE_AFRONDEN, evaluatie)
    return evaluatie


@transaction.atomic
def conclusie_toevoegen(
    *,
    evaluatie: Evaluatie,
    tekst: str,
    door: User | None,
    artikelen: Iterable[Artikel] = (),
    samenwerkingsafspraken: Samenwerkingsafspraken | None = None,
) -> Conclusie:
    """A conclusion, linked to the verordening articles and agreements it proposes to change."""
    _eis_beheer(evaluatie, door, Actie.EVALUATIE_CONCLUSIE)
    conclusie = Conclusie(
        evaluatie=evaluatie, tekst=tekst.strip(), samenwerkingsafspraken=samenwerkingsafspraken
    )
    conclusie.full_clean()
    conclusie.save()
    conclusie.artikelen.set(list(artikelen))
    audit.vastleggen(door, Actie.EVALUATIE_CONCLUSIE, conclusie)
    return conclusie


@transaction.atomic
def vervolgactie_toevoegen(
    *,
    evaluatie: Evaluatie,
    omschrijving: str,
    eigenaar: User,
    uiterlijk: date,
    door: User | None,
) -> Vervolgactie:
    """An agreed follow-up action. The follow-up of policy staff's reflection is owned by whoever
    holds ``evaluatie.reflectie_opvolgen`` (the account holder)."""
    _eis_beheer(evaluatie, door, Actie.VERVOLGACTIE_TOEVOEGEN)
    if evaluatie.soort == EvaluatieSoort.REFLECTIE:
        eis_rol(eigenaar, *rolnamen_met(REFLECTIE_OPVOLGEN), veld="eigenaar")
    else:
        eis_rol(eigenaar, *rolnamen_met(DEELNEMEN), veld="eigenaar")
    actie = Vervolgactie(
        evaluatie=evaluatie,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar,
        uiterlijk=uiterlijk,
    )
    opslaan(actie, door=door, reden="Vervolgactie afgesproken")
    audit.vastleggen(door, Actie.VERVOLGACTIE_TOEVOEGEN, actie)
    return actie


@transaction.atomic
def vervolgactie_bijwerken(*, actie: Vervolgactie, status: str, door: User | None) -> Vervolgactie:
    eis(door is None or mag_actie_bijwerken(door, actie), door, Actie.VERVOLGACTIE_BIJWERKEN, actie)
    if status not in ActieStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    actie.status = status
    actie.afgerond_op = vandaag() if status == ActieStatus.AFGEROND else None
    opslaan(actie, door=door, reden=f"Status: {status}")
    audit.vastleggen(door, Actie.VERVOLGACTIE_BIJWERKEN, actie, f"{audit.OK}:{status}")
    return actie


def herbenoeming_overnemen(*, evaluatie: Herbenoemingsevaluatie, door: Any = None) -> Evaluatie:
    """Hook of the membership core (``adviesraad.hooks.evaluatie_vastgelegd``): the recorded
    re-appointment evaluation gets its record in this shape, done, with the member as
    participant. The core's record and its rules stay as they are."""
    termijn = evaluatie.termijn
    bestaand = Evaluatie.objects.filter(herbenoemingsevaluatie=evaluatie).first()
    if bestaand is not None:
        return bestaand
    uiterlijk = uiterlijk_voor(
        EvaluatieSoort.HERBENOEMING, jaar=evaluatie.datum.year, op=evaluatie.datum, termijn=termijn
    )
    # No name and no report text here: they stay in the core's record (and leave with it when
    # the retention purge removes it); this record links to it and carries the shape.
    record = Evaluatie(
        soort=EvaluatieSoort.HERBENOEMING,
        jaar=evaluatie.datum.year,
        titel=_("Evaluatie voor herbenoeming (termijn %(nummer)s)") % {"nummer": termijn.pk},
        eigenaar=door,
        uiterlijk=uiterlijk.datum,
        uiterlijk_bron=uiterlijk.bron[:300],
        status=EvaluatieStatus.AFGEROND,
        afgerond_op=evaluatie.datum,
        herbenoemingsevaluatie=evaluatie,
    )
    opslaan(record, door=door, reden="Evaluatie voor herbenoeming vastgelegd")
    if termijn.lid.user_id is not None:
        record.deelnemers.set([termijn.lid.user_id])
    audit.vastleggen(door, Actie.EVALUATIE_AANMAKEN, record, f"{audit.OK}:herbenoeming")
    return record
