"""``Meeluistervergadering``: a listening delegation of the advisory council at an activity.

The council keeps its meetings in ``adviesraad.vergaderingen``, a lower layer that does not know
the participatiemix. A meeting of the type *luisterdelegatie* is linked to the activity the council
listens in on here, on the side that owns the activity. Deleting the activity drops the link and
keeps the meeting; deleting the meeting drops the link.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .activiteit import Activiteit


class Meeluistervergadering(models.Model):
    vergadering = models.OneToOneField(
        "vergaderingen.Vergadering",
        verbose_name=_("vergadering"),
        on_delete=models.CASCADE,
        related_name="meeluisteren",
    )
    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("participatieactiviteit"),
        on_delete=models.CASCADE,
        related_name="meeluistervergaderingen",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("luisterdelegatie bij een participatieactiviteit")
        verbose_name_plural = _("luisterdelegaties bij participatieactiviteiten")

    def __str__(self) -> str:
        return f"{self.vergadering} bij {self.activiteit}"
