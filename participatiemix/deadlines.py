"""The deadlines of the participatiemix, for the reminder engine (hengelo_participatie.notifications).

``deadlines(peildatum=...)`` lists the feedback deadlines as plain data (with the roles of their
audience); ``TerugkoppelingHerinnering`` is the provider of one kind, which turns them into one
reminder per recipient. Nothing here sends mail or knows about the outbox.

Two kinds, both about feedback to participants (Spelregel 9):

* ``terugkoppeling_verwacht``: feedback is due within the lead time of verordening rule
  ``herinnering_terugkoppeling_vooruit`` (default 14 days);
* ``terugkoppeling_te_laat``: the due date has passed and no feedback was recorded; offered only
  within the scan's catch-up window (``registry.INHAALTERMIJN``): it is sent once, and feedback
  that stays overdue for years is not read again every day.

Recipients come from the rules ``doelgroep_terugkoppeling_verwacht`` and
``doelgroep_terugkoppeling_te_laat`` (type ``rollen``): ``betrokkene`` is the responsible official
of the activity (if any), the other entries are roles, which the provider resolves to people.
Default: the official and the account holder. All rules are asked in one query (migration 0007).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop

from hengelo_participatie.notifications.registry import (
    BETROKKENE,
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    inhaalgrens,
    portaal_link,
)
from verordening.rules import rules

from .models import Terugkoppeling

TERUGKOPPELING_VERWACHT = "terugkoppeling_verwacht"
TERUGKOPPELING_TE_LAAT = "terugkoppeling_te_laat"

#: kind -> Dutch description (the engine shows it in the reminder).
DEADLINE_SOORTEN = {
    TERUGKOPPELING_VERWACHT: gettext_noop("Terugkoppeling aan deelnemers binnenkort verwacht"),
    TERUGKOPPELING_TE_LAAT: gettext_noop("Terugkoppeling aan deelnemers is te laat"),
}

#: How far ahead an upcoming deadline is announced: a verordening rule (a duration).
HERINNERING_TERUGKOPPELING_VOORUIT = "herinnering_terugkoppeling_vooruit"


@dataclass(frozen=True)
class Terugkoppelingsdeadline:
    soort: str
    #: "app_label.model" and pk of the object the deadline is about (stable, for uniqueness).
    onderwerp: str
    onderwerp_id: int
    datum: date
    titel: str
    ontvanger_ids: tuple[int, ...]
    ontvanger_rollen: tuple[str, ...]

    @property
    def sleutel(self) -> tuple[str, str, int, date]:
        """What makes a reminder unique, together with the recipient."""
        return (self.soort, self.onderwerp, self.onderwerp_id, self.datum)


def deadlines(*, peildatum: date) -> list[Terugkoppelingsdeadline]:
    """All feedback deadlines that are upcoming (within the lead time) or overdue on
    ``peildatum`` (at most ``INHAALTERMIJN`` overdue)."""
    regels = rules(
        HERINNERING_TERUGKOPPELING_VOORUIT,
        *(doelgroep_sleutel(soort) for soort in DEADLINE_SOORTEN),
        on=peildatum,
    )
    vooruit = regels[HERINNERING_TERUGKOPPELING_VOORUIT].waarde
    doelgroepen: dict[str, tuple[str, ...]] = {
        soort: regels[doelgroep_sleutel(soort)].waarde for soort in DEADLINE_SOORTEN
    }
    result = []
    open_ = Terugkoppeling.objects.filter(
        gegeven_op__isnull=True,
        uiterste_datum__gte=inhaalgrens(peildatum),
        uiterste_datum__lte=vooruit.na(peildatum),
    ).select_related("activiteit")
    for t in open_.order_by("uiterste_datum", "pk"):
        soort = TERUGKOPPELING_TE_LAAT if t.uiterste_datum < peildatum else TERUGKOPPELING_VERWACHT
        doelgroep = doelgroepen[soort]
        verantwoordelijke = t.activiteit.verantwoordelijke_id if BETROKKENE in doelgroep else None
        result.append(
            Terugkoppelingsdeadline(
                soort=soort,
                onderwerp="participatiemix.terugkoppeling",
                onderwerp_id=t.pk,
                datum=t.uiterste_datum,
                titel=t.activiteit.titel,
                ontvanger_ids=(verantwoordelijke,) if verantwoordelijke else (),
                ontvanger_rollen=tuple(r for r in doelgroep if r != BETROKKENE),
            )
        )
    return result


class TerugkoppelingHerinnering(DeadlineProvider):
    """One kind of ``DEADLINE_SOORTEN``: its deadlines, one per recipient (roles resolved)."""

    mandatory = False

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.label = DEADLINE_SOORTEN[kind]

    def deadlines(self, on: date) -> Iterator[Deadline]:
        ontvangers_van_rol = RolOntvangers()
        link = portaal_link()
        for d in deadlines(peildatum=on):
            if d.soort != self.kind:
                continue
            ontvangers = set(d.ontvanger_ids)
            for rol in d.ontvanger_rollen:
                ontvangers.update(ontvangers_van_rol(rol))
            for ontvanger_id in sorted(ontvangers):
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp=d.onderwerp,
                    onderwerp_id=d.onderwerp_id,
                    onderwerp_label=str(d.titel)[:200],
                    datum=d.datum,
                    link=link,
                    tekst=self.label,
                )


PROVIDERS = [TerugkoppelingHerinnering(soort) for soort in DEADLINE_SOORTEN]
