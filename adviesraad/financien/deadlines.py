"""Reminders of money (found by the daily scan, ``notifications.registry``).

* ``declaratie_wacht``: a declaration that waits longer than ``herinnering_declaratie_wacht``
  in one state (submitted: the supporter checks; checked: the chair approves). To the audience
  ``doelgroep_declaratie_wacht`` (default: supporter and chair). The deadline date is the day
  the waiting became too long, so each state of a declaration is reminded once. A checked
  declaration is not sent this way to the people who get it as ``declaratie_beoordelen``.
* ``declaratie_beoordelen``: a declaration above the chair's threshold, checked by the supporter,
  waits for the chair's approval. A task for the audience ``doelgroep_declaratie_beoordelen``
  (default: the chair) from the day it was checked, "uiterlijk" the day the waiting becomes too
  long (``herinnering_declaratie_wacht`` after the check), while it is still waiting and at most
  ``INHAALTERMIJN`` overdue.
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
    inhaalgrens,
    rol_ontvangers,
)
from verordening.rules import rules

from .models import IN_BEHANDELING, Declaratie, DeclaratieStatus

DECLARATIE_WACHT = "declaratie_wacht"
DECLARATIE_BEOORDELEN = "declaratie_beoordelen"
HERINNERING_DECLARATIE_WACHT = "herinnering_declaratie_wacht"


class DeclaratieWacht(DeadlineProvider):
    kind = DECLARATIE_WACHT
    label = gettext_noop("Een declaratie wacht te lang op controle of goedkeuring")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        beoordelen = doelgroep_sleutel(DECLARATIE_BEOORDELEN)
        regels = rules(
            HERINNERING_DECLARATIE_WACHT, doelgroep_sleutel(self.kind), beoordelen, on=on
        )
        wacht = regels[HERINNERING_DECLARATIE_WACHT].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        wachtend = Declaratie.objects.filter(
            status__in=IN_BEHANDELING, status_sinds__lte=wacht.voor(on)
        ).order_by("status_sinds", "pk")
        ontvangers: list[int] | None = None
        al_taak: set[int] = set()
        for declaratie in wachtend:
            if ontvangers is None:
                rollen = RolOntvangers()
                ontvangers = rol_ontvangers(doelgroep, rollen)
                al_taak = set(rol_ontvangers(regels[beoordelen].waarde, rollen))
            te_laat = wacht.na(declaratie.status_sinds)
            tekst = (
                f"Een declaratie wacht sinds {datum_tekst(declaratie.status_sinds)} op "
                f"{'controle' if declaratie.status == 'ingediend' else 'goedkeuring'}."
            )
            for ontvanger_id in ontvangers:
                if declaratie.status == DeclaratieStatus.GECONTROLEERD and ontvanger_id in al_taak:
                    continue  # it is already their task (``declaratie_beoordelen``)
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


class DeclaratieBeoordelen(DeadlineProvider):
    """A checked declaration above the threshold waits for the chair's approval: a task."""

    kind = DECLARATIE_BEOORDELEN
    label = gettext_noop("Een declaratie wacht op uw goedkeuring")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_DECLARATIE_WACHT, doelgroep_sleutel(self.kind), on=on)
        wacht = regels[HERINNERING_DECLARATIE_WACHT].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        wachtend = Declaratie.objects.filter(
            status=DeclaratieStatus.GECONTROLEERD,
            status_sinds__lte=on,
            status_sinds__gte=wacht.voor(inhaalgrens(on)),
        ).order_by("status_sinds", "pk")
        ontvangers: list[int] | None = None
        for declaratie in wachtend:
            uiterlijk = wacht.na(declaratie.status_sinds)
            if uiterlijk < inhaalgrens(on):
                continue  # months have different lengths: the SQL range is a bound
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            tekst = (
                f"Beoordeel declaratie {declaratie.pk} (€ {declaratie.bedrag}) "
                f"uiterlijk {datum_tekst(uiterlijk)}."
            )
            for ontvanger_id in ontvangers:
                if ontvanger_id == declaratie.indiener_id:
                    continue  # nobody approves their own declaration
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp="financien.declaratie",
                    onderwerp_id=declaratie.pk,
                    onderwerp_label=f"Declaratie {declaratie.pk}",
                    datum=uiterlijk,
                    link=reverse("financien:declaratie", args=[declaratie.pk]),
                    tekst=tekst[:300],
                )


PROVIDERS = [DeclaratieWacht(), DeclaratieBeoordelen()]
