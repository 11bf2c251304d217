"""``Terugkoppeling``: telling participants what was done with their input (Spelregel 9).

Each activity has one. The due date (``uiterste_datum``) follows the verordening rule
``terugkoppeling_termijn`` (see ``participatiemix.rules``); services set it, never a form.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .activiteit import Activiteit


class Terugkoppeling(models.Model):
    activiteit = models.OneToOneField(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="terugkoppeling",
    )
    uiterste_datum = models.DateField(_("uiterste datum"))
    gegeven_op = models.DateField(_("teruggekoppeld op"), null=True, blank=True)
    wat_gedaan = models.TextField(_("wat is er met de inbreng gedaan?"), blank=True)
    hoe_geinformeerd = models.TextField(_("hoe zijn deelnemers geïnformeerd?"), blank=True)
    je_zei = models.TextField(
        _("samenvatting van de inbreng (openbaar)"),
        blank=True,
        help_text=_("Voor de openbare pagina „Je zei, wij deden”. Geen namen of citaten."),
    )
    openbaar = models.BooleanField(
        _("tonen op de openbare pagina „Je zei, wij deden”"), default=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")
        ordering = ("uiterste_datum", "pk")
        indexes = [models.Index(fields=["uiterste_datum"])]

    def __str__(self) -> str:
        return str(self.activiteit)

    def is_gegeven(self) -> bool:
        return self.gegeven_op is not None

    def op_tijd(self) -> bool | None:
        if self.gegeven_op is None:
            return None
        return self.gegeven_op <= self.uiterste_datum

    def te_laat_op(self, peildatum: date) -> bool:
        """Still open after the due date."""
        return self.gegeven_op is None and self.uiterste_datum < peildatum
