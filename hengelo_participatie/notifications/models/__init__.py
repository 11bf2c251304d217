"""The outbox of reminders, the e-mails that carry them, preferences and iCal tokens.

* ``herinneringen``: ``Herinnering`` (one reminder about one deadline for one person; unique per
  (recipient, object, deadline date, kind)) and ``Bericht`` (one e-mail; for the daily digest at
  most one per person per day);
* ``voorkeuren``: ``Herinneringsvoorkeur`` (a non-mandatory kind switched off by a person);
* ``agenda``: ``Agendatoken`` (the secret of a personal iCal feed, stored as a hash);
* ``overzicht``: ``Openstaand`` (what a person must do in the coming week, computed from the
  providers) and ``Overzichtstand`` (for which day and change it was computed).
"""

from .agenda import Agendatoken
from .herinneringen import Bericht, BerichtStatus, Herinnering
from .overzicht import Openstaand, Overzichtstand
from .voorkeuren import Herinneringsvoorkeur

__all__ = [
    "Agendatoken",
    "Bericht",
    "BerichtStatus",
    "Herinnering",
    "Herinneringsvoorkeur",
    "Openstaand",
    "Overzichtstand",
]
