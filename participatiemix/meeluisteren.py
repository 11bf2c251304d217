"""The link of a listening delegation (a meeting of the advisory council) to the activity it
listens in on, registered with the meetings app (``adviesraad.vergaderingen.koppelingen``) from
``ParticipatiemixConfig.ready()``: the meeting forms offer the activities, the meeting services
store the choice here, and the meeting's page links to the activity's page. Who sees the meeting
sees the link; the activity's page decides for itself who may open it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from adviesraad.vergaderingen import koppelingen
from adviesraad.vergaderingen.models import Soort

from .models import Meeluistervergadering
from .services.meeluisteren import meeluistervergadering_opslaan

if TYPE_CHECKING:
    from adviesraad.vergaderingen.models import Vergadering

#: ``Vergadering.meeluisteren``: the reverse one-to-one the meeting pages select along.
PAD = "meeluisteren"


def _link(vergadering: Vergadering) -> Meeluistervergadering | None:
    return getattr(vergadering, PAD, None)


def activiteit_id(vergadering: Vergadering) -> int | None:
    link = _link(vergadering)
    return link.activiteit_id if link is not None else None


def weergave(vergadering: Vergadering) -> koppelingen.Weergave | None:
    pk = activiteit_id(vergadering)
    if pk is None:
        return None
    return koppelingen.Weergave(
        label=gettext("Participatieactiviteit"),
        tekst=gettext("Naar de activiteit"),
        url=reverse("participatiemix:activiteit", kwargs={"activiteit_id": pk}),
    )


def registreren() -> None:
    koppelingen.registreer(
        koppelingen.Koppeling(
            naam="activiteit",
            veld=Meeluistervergadering._meta.get_field("activiteit"),
            label=_("Participatieactiviteit (alleen bij een luisterdelegatie)"),
            soorten=frozenset({Soort.LUISTERDELEGATIE}),
            fout=_("Een participatieactiviteit hoort alleen bij een luisterdelegatie."),
            pad=PAD,
            huidig=activiteit_id,
            opslaan=meeluistervergadering_opslaan,
            weergave=weergave,
        )
    )
