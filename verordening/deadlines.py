"""The periodic agreements of the verordening, for the reminder engine (hengelo_participatie.notifications).

Three kinds, each with its lead time, cycle and audience from verordening rules (migration 0007):

* ``jaarlijkse_evaluatie``: the council evaluates its own functioning every year (art. 12 lid 1,
  rule ``cyclus_jaarlijkse_evaluatie``). No model records a completed self-evaluation, so the
  reminder hangs off the **verordening in force**: the evaluation is due on each anniversary of
  its entry into force (``in_werking_vanaf`` plus whole cycles), reminded from
  ``herinnering_jaarlijkse_evaluatie`` before that date until the date itself. The outbox sends it
  once per anniversary.
* ``samenwerkingsafspraken_evaluatie``: the working agreements are evaluated and adopted every
  year (art. 11 lid 2). It hangs off the latest **adopted** ``Samenwerkingsafspraken`` (highest
  year with ``datum_vastgesteld``): due on its ``datum_volgende_evaluatie``, or one
  ``cyclus_samenwerkingsafspraken`` after adoption when that date is empty. Adopting next year's
  agreements ends it; until then an overdue evaluation stays listed (sent once).
* ``huishoudelijk_reglement_herzien``: the house rules are reviewed every
  ``cyclus_huishoudelijk_reglement`` (a municipal default of 2 years) after the College approved
  the current version (``beoordeeld_op``). A newer version in the works (concept, submitted, sent
  back) means the review is under way: no reminder.

Audiences are the rules ``doelgroep_<kind>`` (type ``rollen``). Each provider call costs a fixed
number of queries: one for the rules, one for the object, one per role in the audience.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_noop

from hengelo_participatie.core.schrijven import datum_tekst
from hengelo_participatie.notifications.registry import (
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    portaal_link,
    rol_ontvangers_met_beheer,
)
from verordening.models import HuishoudelijkReglement, Samenwerkingsafspraken
from verordening.rules import RegelWaarde, rules
from verordening.selectors import verordening_op
from verordening.waarden import Duur

JAARLIJKSE_EVALUATIE = "jaarlijkse_evaluatie"
SAMENWERKINGSAFSPRAKEN_EVALUATIE = "samenwerkingsafspraken_evaluatie"
HUISHOUDELIJK_REGLEMENT_HERZIEN = "huishoudelijk_reglement_herzien"

HERINNERING_JAARLIJKSE_EVALUATIE = "herinnering_jaarlijkse_evaluatie"
HERINNERING_SAMENWERKINGSAFSPRAKEN_EVALUATIE = "herinnering_samenwerkingsafspraken_evaluatie"
HERINNERING_HUISHOUDELIJK_REGLEMENT_HERZIEN = "herinnering_huishoudelijk_reglement_herzien"
CYCLUS_JAARLIJKSE_EVALUATIE = "cyclus_jaarlijkse_evaluatie"
CYCLUS_SAMENWERKINGSAFSPRAKEN = "cyclus_samenwerkingsafspraken"
CYCLUS_HUISHOUDELIJK_REGLEMENT = "cyclus_huishoudelijk_reglement"


def cyclus_van(regel: RegelWaarde) -> Duur:
    """The duration of a cycle rule; a cycle of zero would never advance, so it is refused."""
    cyclus = regel.waarde
    if not isinstance(cyclus, Duur) or cyclus.aantal < 1:
        raise ValueError(f"De regel „{regel.sleutel}” moet een duur van ten minste 1 zijn.")
    return cyclus


def volgend_moment(basis: date, cyclus: Duur, *, vanaf: date) -> date:
    """The first of ``basis`` + 1, 2, 3 ... cycles that falls on or after ``vanaf``.

    Counted from ``basis`` each time (not step by step), so 31 January plus whole months keeps
    returning to the month's end instead of drifting to the 28th.
    """
    n = 1
    while True:
        moment = Duur(cyclus.aantal * n, cyclus.eenheid).na(basis)
        if moment >= vanaf:
            return moment
        n += 1


def _deadlines(
    *,
    kind: str,
    ontvangers: dict[int, bool],
    onderwerp: str,
    onderwerp_id: int,
    label: str,
    datum: date,
    beheer_link: str,
    tekst: str,
) -> Iterator[Deadline]:
    for ontvanger_id, beheer in ontvangers.items():
        yield Deadline(
            ontvanger_id=ontvanger_id,
            soort=kind,
            onderwerp=onderwerp,
            onderwerp_id=onderwerp_id,
            onderwerp_label=label[:200],
            datum=datum,
            link=beheer_link if beheer else portaal_link(),
            tekst=tekst,
        )


class JaarlijkseEvaluatie(DeadlineProvider):
    kind = JAARLIJKSE_EVALUATIE
    label = gettext_noop("Jaarlijkse evaluatie van de adviesraad")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(
            HERINNERING_JAARLIJKSE_EVALUATIE,
            CYCLUS_JAARLIJKSE_EVALUATIE,
            doelgroep_sleutel(self.kind),
            on=on,
        )
        verordening = verordening_op(on)
        if verordening is None:
            return
        cyclus = cyclus_van(regels[CYCLUS_JAARLIJKSE_EVALUATIE])
        uiterlijk = volgend_moment(verordening.in_werking_vanaf, cyclus, vanaf=on)
        if verordening.in_werking_tot is not None and uiterlijk >= verordening.in_werking_tot:
            return  # the verordening ends first: its successor sets the next evaluation
        if regels[HERINNERING_JAARLIJKSE_EVALUATIE].waarde.voor(uiterlijk) > on:
            return
        ontvangers = rol_ontvangers_met_beheer(
            regels[doelgroep_sleutel(self.kind)].waarde, RolOntvangers()
        )
        yield from _deadlines(
            kind=self.kind,
            ontvangers=ontvangers,
            onderwerp="verordening.verordening",
            onderwerp_id=verordening.pk,
            label=f"Jaarlijkse evaluatie {uiterlijk.year}",
            datum=uiterlijk,
            beheer_link=reverse("admin:verordening_verordening_change", args=[verordening.pk]),
            tekst=(
                "De adviesraad evalueert elk jaar het eigen functioneren en legt dat vast in een "
                f"intern verslag. Doe dat uiterlijk {datum_tekst(uiterlijk)}."
            ),
        )


class SamenwerkingsafsprakenEvaluatie(DeadlineProvider):
    kind = SAMENWERKINGSAFSPRAKEN_EVALUATIE
    label = gettext_noop("Jaarlijkse evaluatie van de samenwerkingsafspraken")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(
            HERINNERING_SAMENWERKINGSAFSPRAKEN_EVALUATIE,
            CYCLUS_SAMENWERKINGSAFSPRAKEN,
            doelgroep_sleutel(self.kind),
            on=on,
        )
        afspraken = (
            Samenwerkingsafspraken.objects.filter(
                datum_vastgesteld__isnull=False, datum_vastgesteld__lte=on
            )
            .order_by("-jaar")
            .first()
        )
        if afspraken is None or afspraken.datum_vastgesteld is None:
            return
        uiterlijk = afspraken.datum_volgende_evaluatie or cyclus_van(
            regels[CYCLUS_SAMENWERKINGSAFSPRAKEN]
        ).na(afspraken.datum_vastgesteld)
        if regels[HERINNERING_SAMENWERKINGSAFSPRAKEN_EVALUATIE].waarde.voor(uiterlijk) > on:
            return
        if uiterlijk < on:
            tekst = (
                f"De samenwerkingsafspraken {afspraken.jaar} hadden uiterlijk {datum_tekst(uiterlijk)} geëvalueerd moeten worden. "
                "Er zijn nog geen nieuwe afspraken vastgesteld."
            )
        else:
            tekst = f"Evalueer de samenwerkingsafspraken {afspraken.jaar} uiterlijk {datum_tekst(uiterlijk)} met het college."
        ontvangers = rol_ontvangers_met_beheer(
            regels[doelgroep_sleutel(self.kind)].waarde, RolOntvangers()
        )
        yield from _deadlines(
            kind=self.kind,
            ontvangers=ontvangers,
            onderwerp="verordening.samenwerkingsafspraken",
            onderwerp_id=afspraken.pk,
            label=f"Evaluatie {afspraken}",
            datum=uiterlijk,
            beheer_link=reverse(
                "admin:verordening_samenwerkingsafspraken_change", args=[afspraken.pk]
            ),
            tekst=tekst,
        )


class HuishoudelijkReglementHerzien(DeadlineProvider):
    kind = HUISHOUDELIJK_REGLEMENT_HERZIEN
    label = gettext_noop("Herziening van het huishoudelijk reglement")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(
            HERINNERING_HUISHOUDELIJK_REGLEMENT_HERZIEN,
            CYCLUS_HUISHOUDELIJK_REGLEMENT,
            doelgroep_sleutel(self.kind),
            on=on,
        )
        laatste = HuishoudelijkReglement.objects.order_by("-pk").first()
        if (
            laatste is None
            or laatste.status != HuishoudelijkReglement.Status.GOEDGEKEURD
            or laatste.beoordeeld_op is None
        ):
            return  # none yet, or a newer version is being written or checked
        cyclus = cyclus_van(regels[CYCLUS_HUISHOUDELIJK_REGLEMENT])
        uiterlijk = cyclus.na(laatste.beoordeeld_op)
        if regels[HERINNERING_HUISHOUDELIJK_REGLEMENT_HERZIEN].waarde.voor(uiterlijk) > on:
            return
        ontvangers = rol_ontvangers_met_beheer(
            regels[doelgroep_sleutel(self.kind)].waarde, RolOntvangers()
        )
        yield from _deadlines(
            kind=self.kind,
            ontvangers=ontvangers,
            onderwerp="verordening.huishoudelijkreglement",
            onderwerp_id=laatste.pk,
            label=f"Herziening {laatste.titel}",
            datum=uiterlijk,
            beheer_link=reverse(
                "admin:verordening_huishoudelijkreglement_change", args=[laatste.pk]
            ),
            tekst=(
                "Het huishoudelijk reglement is toe aan een herziening. Bekijk het "
                f"uiterlijk {datum_tekst(uiterlijk)} en leg wijzigingen ter toetsing voor aan het "
                "college."
            ),
        )


PROVIDERS = [
    JaarlijkseEvaluatie(),
    SamenwerkingsafsprakenEvaluatie(),
    HuishoudelijkReglementHerzien(),
]
