"""The one place where the participatiemix asks the verordening for a rule.

``terugkoppeling_termijn(op=...)`` answers "how long after an activity must participants hear what
was done with their input?" as a duration with ``.na(datum)``. It asks the ``verordening`` app
(rule ``terugkoppeling_termijn``); the number itself lives only there.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from django.core.exceptions import ValidationError

from verordening.rules import RegelOntbreekt, rule

SLEUTEL_TERUGKOPPELING = "terugkoppeling_termijn"


class Termijn(Protocol):
    def na(self, datum: date) -> date: ...


def terugkoppeling_termijn(*, op: date) -> Termijn:
    """The feedback period that applies on ``op`` (a duration object with ``.na(datum)``)."""
    try:
        return rule(SLEUTEL_TERUGKOPPELING, on=op).waarde
    except RegelOntbreekt as exc:
        raise ValidationError(str(exc), code="regel_ontbreekt") from exc


def terugkoppeling_uiterste_datum(activiteitdatum: date) -> date:
    """The due date of the feedback on an activity that ended on ``activiteitdatum``."""
    return terugkoppeling_termijn(op=activiteitdatum).na(activiteitdatum)
