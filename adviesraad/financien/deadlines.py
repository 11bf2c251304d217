"""Reminders of money (found by the daily scan, ``notifications.registry``).

* ``declaratie_wacht``: a declaration that waits longer than ``herinnering_declaratie_wacht``
  in one state (submitted: the supporter checks; checked: the chair approves). To the audience
  ``doelgroep_declaratie_wacht`` (default: supporter and chair). The deadline date is the day
  the waiting became too long, so each state of a declaration is reminded once.
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
    rol_ontvangers,
)
from verordening.rules import rules

from .models import IN_BEHANDELING, Declaratie

DECLARATIE_WACHT = "declaratie_wacht"
HERINNERING_DECLARATIE_WACHT = "herinnering_declaratie_wacht"


class DeclaratieWacht(DeadlineProvider):
    kind = DECLARATIE_WACHT
    label = gettext_noop("Een declaratie wacht te lang op controle of goedkeuring")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_DECLARATIE_WACHT, doelgroep_sleutel(self.kind), on=on)
        wacht = regels[HERINNERING_DECLARATIE_WACHT].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        wachtend = Declaratie.objects.filter(
            status__in=IN_BEHANDELING, status_sinds__lte=wacht.voor(on)
        ).order_by("status_sinds", "pk")
        ontvangers: list[int] | None = None
        for declaratie in wachtend:
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            te_laat = wacht.na(declaratie.status_sinds)
            tekst = (
                f"Een declaratie wacht sinds {datum_tekst(declaratie.status_sinds)} op "
                f"{'controle' if declaratie.status == 'ingediend' else 'goedkeuring'}."
            )
            for ontvanger_id in ontvangers:
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp="financien.declaratie",
                    onderwerp_id=declaratie.pk,
                    onderwerp_label=f"Declaratie {declaratie.pk}",
                    datum=te_laat,
                    link=reverse("financien:declaratie", args=[declaratie.pk]),
                    tekst=tekst,
                )


PROVIDERS = [DeclaratieWacht()]
