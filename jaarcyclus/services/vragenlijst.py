"""Answering an evaluation's questionnaire, anonymously.

One transaction writes a ``Beantwoording`` (that the member answered: for the response rate and
the reminder) and the ``Antwoord`` rows (what was answered: no user, no time, a random key, no
history). The audit line names the ``Beantwoording``, never an answer.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis

from ..models import Antwoord, Beantwoording, Evaluatie, VraagSoort

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

MAX_TEKST = 4000


def mag_invullen(user: User, evaluatie: Evaluatie) -> bool:
    # Asked fresh (not the policy's per-object cache): participants may have changed since.
    return (
        evaluatie.is_open
        and evaluatie.deelnemers.filter(pk=user.pk).exists()
        and not Beantwoording.objects.filter(evaluatie=evaluatie, gebruiker=user).exists()
    )


@transaction.atomic
def vragenlijst_beantwoorden(
    *, evaluatie: Evaluatie, antwoorden: Mapping[int, int | str | None], door: User
) -> Beantwoording:
    """Store ``antwoorden`` (question id → score 1–5 or text; empty is skipped) for ``door``,
    once. Every statement needs a score."""
    eis(mag_invullen(door, evaluatie), door, Actie.EVALUATIE_BEANTWOORDEN, evaluatie)
    rijen = []
    fouten: dict[str, str] = {}
    for vraag in evaluatie.vragen.all():
        waarde = antwoorden.get(vraag.pk)
        if vraag.soort == VraagSoort.STELLING:
            if not isinstance(waarde, int) or not 1 <= waarde <= 5:
                fouten[f"vraag_{vraag.pk}"] = _("Kies een score van 1 tot en met 5.")
                continue
            rijen.append(Antwoord(vraag=vraag, score=waarde))
        elif isinstance(waarde, str) and waarde.strip():
            rijen.append(Antwoord(vraag=vraag, tekst=waarde.strip()[:MAX_TEKST]))
    if fouten:
        raise ValidationError(fouten)
    try:
        beantwoording = Beantwoording.objects.create(evaluatie=evaluatie, gebruiker=door)
    except IntegrityError as exc:  # answered twice at the same moment
        raise ValidationError(_("U heeft deze vragenlijst al ingevuld."), code="dubbel") from exc
    secrets.SystemRandom().shuffle(rijen)  # nothing in the storage order follows who answered when
    Antwoord.objects.bulk_create(rijen)
    audit.vastleggen(door, Actie.EVALUATIE_BEANTWOORDEN, beantwoording)
    return beantwoording
