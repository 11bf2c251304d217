"""The activity a listening delegation of the advisory council goes to
(``Meeluistervergadering``).

Called by the meeting services (``adviesraad.vergaderingen.koppelingen``) inside their own
transaction, after they checked that ``door`` may plan or change the meeting and that the meeting
is a listening delegation: planning the meeting is the permission, as it was when the link was a
field of the meeting. Any activity may be chosen (the meeting forms offer them all).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan

from ..models import Activiteit, Meeluistervergadering

if TYPE_CHECKING:
    from adviesraad.vergaderingen.models import Vergadering
    from hengelo_participatie.accounts.models import User


def meeluistervergadering_opslaan(
    vergadering: Vergadering, activiteit: Activiteit | None, door: User | None
) -> None:
    """Link ``vergadering`` to ``activiteit``; ``None`` removes the link. No change, no write."""
    bestaand = Meeluistervergadering.objects.filter(vergadering=vergadering).first()
    if activiteit is None:
        if bestaand is not None:
            bestaand._change_reason = "ontkoppeld"  # type: ignore[attr-defined]
            bestaand._history_user = door  # type: ignore[attr-defined]
            bestaand.delete()
            audit.vastleggen(
                door,
                Actie.MEELUISTERVERGADERING_OPSLAAN,
                vergadering,
                "ok activiteit=-",
            )
        return
    if bestaand is not None and bestaand.activiteit_id == activiteit.pk:
        return
    link = bestaand or Meeluistervergadering(vergadering=vergadering)
    link.activiteit = activiteit
    opslaan(link, door=door, reden="gekoppeld")
    audit.vastleggen(
        door, Actie.MEELUISTERVERGADERING_OPSLAAN, vergadering, f"ok activiteit={activiteit.pk}"
    )
