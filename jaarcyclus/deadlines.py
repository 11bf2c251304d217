"""Reminders of the yearly cycle, for the reminder engine (hengelo_participatie.notifications).

* ``evaluatie_actie``: an open follow-up action of an evaluation, from ``herinnering_evaluatie_actie``
  before its date, and every day after it until it is done (the outbox sends each date once).
  Audience ``doelgroep_evaluatie_actie``: ``betrokkene`` is the owner of the action.
* ``evaluatie_vragenlijst``: a participant who has not answered the questionnaire of an open
  evaluation with questions, from ``herinnering_evaluatie_vragenlijst`` before its due date until
  that date. Audience ``doelgroep_evaluatie_vragenlijst``: ``betrokkene`` is the participant.

Neither names more than the evaluation's title: answers and who gave them never leave the page.
Each provider costs a fixed number of queries: the rules, the rows, one per role in the audience.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_noop

from hengelo_participatie.core.schrijven import datum_tekst
from hengelo_participatie.notifications.registry import (
    BETROKKENE,
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    rol_ontvangers,
)
from verordening.rules import rules

from .models import ActieStatus, Beantwoording, Evaluatie, EvaluatieStatus, Vervolgactie

EVALUATIE_ACTIE = "evaluatie_actie"
EVALUATIE_VRAGENLIJST = "evaluatie_vragenlijst"
HERINNERING_EVALUATIE_ACTIE = "herinnering_evaluatie_actie"
HERINNERING_EVALUATIE_VRAGENLIJST = "herinnering_evaluatie_vragenlijst"


def _link(evaluatie_id: int) -> str:
    return reverse("jaarcyclus:evaluatie", kwargs={"evaluatie_id": evaluatie_id})


class OpenVervolgactie(DeadlineProvider):
    kind = EVALUATIE_ACTIE
    label = gettext_noop("Open vervolgactie van een evaluatie")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_EVALUATIE_ACTIE, doelgroep_sleutel(self.kind), on=on)
        lead = regels[HERINNERING_EVALUATIE_ACTIE].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        acties = (
            Vervolgactie.objects.exclude(status=ActieStatus.AFGEROND)
            .filter(uiterlijk__lte=lead.na(on))
            .select_related("evaluatie")
            .order_by("uiterlijk", "pk")
        )
        vast = rol_ontvangers(doelgroep, RolOntvangers())
        for actie in acties:
            ontvangers = set(vast)
            if BETROKKENE in doelgroep:
                ontvangers.add(actie.eigenaar_id)
            if actie.uiterlijk < on:
                tekst = f"De vervolgactie „{actie.omschrijving[:120]}” had uiterlijk {datum_tekst(actie.uiterlijk)} klaar moeten zijn."
            else:
                tekst = f"De vervolgactie „{actie.omschrijving[:120]}” moet uiterlijk {datum_tekst(actie.uiterlijk)} klaar zijn."
            for ontvanger_id in sorted(ontvangers):
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp="jaarcyclus.vervolgactie",
                    onderwerp_id=actie.pk,
                    onderwerp_label=f"Vervolgactie {actie.evaluatie.titel}"[:200],
                    datum=actie.uiterlijk,
                    link=_link(actie.evaluatie_id),
                    tekst=tekst,
                    vertrouwelijk=True,
                )


class VragenlijstInvullen(DeadlineProvider):
    kind = EVALUATIE_VRAGENLIJST
    label = gettext_noop("Vragenlijst van een evaluatie invullen")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_EVALUATIE_VRAGENLIJST, doelgroep_sleutel(self.kind), on=on)
        lead = regels[HERINNERING_EVALUATIE_VRAGENLIJST].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        doorgaand = Evaluatie.deelnemers.through.objects.filter(
            evaluatie__status=EvaluatieStatus.OPEN,
            evaluatie__uiterlijk__gte=on,
            evaluatie__uiterlijk__lte=lead.na(on),
            evaluatie__vragen__isnull=False,
        ).annotate(
            beantwoord=Exists(
                Beantwoording.objects.filter(
                    evaluatie_id=OuterRef("evaluatie_id"), gebruiker_id=OuterRef("user_id")
                )
            )
        )
        rijen = (
            doorgaand.filter(beantwoord=False)
            .select_related("evaluatie")
            .order_by("evaluatie_id", "user_id")
            .distinct()
        )
        vast = rol_ontvangers(doelgroep, RolOntvangers())
        gezien: set[tuple[int, int]] = set()
        for rij in rijen:
            evaluatie = rij.evaluatie
            ontvangers = set(vast)
            if BETROKKENE in doelgroep:
                ontvangers.add(rij.user_id)
            for ontvanger_id in sorted(ontvangers):
                if (evaluatie.pk, ontvanger_id) in gezien:
                    continue
                gezien.add((evaluatie.pk, ontvanger_id))
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp="jaarcyclus.evaluatie",
                    onderwerp_id=evaluatie.pk,
                    onderwerp_label=evaluatie.titel[:200],
                    datum=evaluatie.uiterlijk,
                    link=reverse("jaarcyclus:invullen", kwargs={"evaluatie_id": evaluatie.pk}),
                    tekst=(
                        "Vul de korte vragenlijst van de evaluatie in, uiterlijk "
                        f"{datum_tekst(evaluatie.uiterlijk)}. Uw antwoorden zijn anoniem."
                    ),
                )


PROVIDERS = [OpenVervolgactie(), VragenlijstInvullen()]
