"""What each person must do in the coming week: the reminder engine's own answer, kept per day.

``Openstaand`` holds, for the local day ``dag``, every deadline the daily scan would put in the
outbox on that day or one of the six days after it (the same providers, the same audiences). The
dashboard reads a person's rows instead of running every provider on every visit.
``Overzichtstand`` (one row) says for which day the rows were computed and with which change
token; see ``notifications.overzicht`` for when they are recomputed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Overzichtstand(models.Model):
    """The single row that says which day ``Openstaand`` was computed for."""

    dag = models.DateField(_("berekend voor dag"), null=True, blank=True)
    #: The change token (``overzicht.WIJZIGING_SLEUTEL`` in the cache) when the rows were computed.
    token = models.CharField(_("wijzigingstoken"), max_length=40, blank=True)
    berekend_op = models.DateTimeField(_("berekend op"), auto_now=True)

    class Meta:
        verbose_name = _("stand van het takenoverzicht")
        verbose_name_plural = _("stand van het takenoverzicht")

    def __str__(self) -> str:
        return f"{self.dag}"


class Openstaand(models.Model):
    """One deadline for one person in the week from ``dag``: the shape of ``registry.Deadline``."""

    dag = models.DateField(_("dag"))
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    soort = models.CharField(_("soort"), max_length=60)
    onderwerp = models.CharField(_("soort onderwerp"), max_length=100)
    onderwerp_id = models.PositiveBigIntegerField(_("nummer onderwerp"))
    onderwerp_label = models.CharField(_("onderwerp"), max_length=200)
    datum = models.DateField(_("uiterlijk"))
    link = models.CharField(_("link"), max_length=500)
    tekst = models.CharField(_("tekst"), max_length=300)
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    kenmerk = models.CharField(_("kenmerk"), max_length=40, blank=True, default="")
    #: The first day of the week the scan finds it: the day its reminder is sent. ``tekst`` is
    #: worded for that day ("Morgen om ..."), so it is shown only when that day is ``dag``.
    vanaf = models.DateField(_("herinnering vanaf"))

    class Meta:
        verbose_name = _("openstaande taak")
        verbose_name_plural = _("openstaande taken")
        ordering = ("datum", "onderwerp_label", "pk")
        indexes = [
            models.Index(fields=["ontvanger", "dag", "datum"], name="notifications_openstaand_wie"),
        ]

    def __str__(self) -> str:
        return f"{self.tekst} ({self.datum:%d-%m-%Y})"

    @property
    def tekst_geldt_vandaag(self) -> bool:
        return self.vanaf == self.dag
