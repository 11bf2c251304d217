"""The deadlines of the participatiemix, as plain data for the reminder engine (issue 5).

The reminder engine (hengelo_participatie/notifications) wraps ``deadlines(peildatum=...)`` as a
provider and sends one reminder per (recipient, deadline, kind). Nothing here sends mail or
knows about the outbox.

Two kinds, both about feedback to participants (Spelregel 9):

* ``terugkoppeling_verwacht``: feedback is due within ``VOORUIT`` days;
* ``terugkoppeling_te_laat``: the due date has passed and no feedback was recorded.

Recipients are the responsible official of the activity (if any) and the role(s) that keep the
register; the engine resolves roles to people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hengelo_participatie.accounts.roles import Rol

from .models import Terugkoppeling

TERUGKOPPELING_VERWACHT = "terugkoppeling_verwacht"
TERUGKOPPELING_TE_LAAT = "terugkoppeling_te_laat"

#: kind -> Dutch description (the engine shows it in the reminder).
DEADLINE_SOORTEN = {
    TERUGKOPPELING_VERWACHT: "Terugkoppeling aan deelnemers binnenkort verwacht",
    TERUGKOPPELING_TE_LAAT: "Terugkoppeling aan deelnemers is te laat",
}

#: How far ahead an upcoming deadline is announced. A reminder lead time, not a verordening rule.
VOORUIT = timedelta(days=14)


@dataclass(frozen=True)
class Deadline:
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


def deadlines(*, peildatum: date) -> list[Deadline]:
    """All feedback deadlines that are upcoming (within ``VOORUIT``) or overdue on ``peildatum``."""
    result = []
    open_ = Terugkoppeling.objects.filter(
        gegeven_op__isnull=True, uiterste_datum__lte=peildatum + VOORUIT
    ).select_related("activiteit")
    for t in open_.order_by("uiterste_datum", "pk"):
        soort = TERUGKOPPELING_TE_LAAT if t.uiterste_datum < peildatum else TERUGKOPPELING_VERWACHT
        verantwoordelijke = t.activiteit.verantwoordelijke_id
        result.append(
            Deadline(
                soort=soort,
                onderwerp="participatiemix.terugkoppeling",
                onderwerp_id=t.pk,
                datum=t.uiterste_datum,
                titel=t.activiteit.titel,
                ontvanger_ids=(verantwoordelijke,) if verantwoordelijke else (),
                ontvanger_rollen=(Rol.ACCOUNTHOUDER.value,),
            )
        )
    return result
