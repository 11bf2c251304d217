"""The yearly plan (planned uses per instrument per quarter) and the generated yearly report."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .referentie import Instrument


class Jaarplan(models.Model):
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgesteld_op = models.DateField(_("vastgesteld door het college op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jaarplan")
        verbose_name_plural = _("jaarplannen")
        ordering = ("-jaar",)

    def __str__(self) -> str:
        return f"Jaarplan participatiemix {self.jaar}"


class GeplandeInzet(models.Model):
    jaarplan = models.ForeignKey(Jaarplan, on_delete=models.CASCADE, related_name="inzet")
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    kwartaal = models.PositiveSmallIntegerField(
        _("kwartaal"), choices=[(k, f"Q{k}") for k in range(1, 5)]
    )
    aantal = models.PositiveSmallIntegerField(_("aantal keer"), validators=[MaxValueValidator(500)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("geplande inzet")
        verbose_name_plural = _("geplande inzet")
        ordering = ("jaarplan", "instrument__nummer", "kwartaal")
        constraints = [
            models.UniqueConstraint(
                fields=["jaarplan", "instrument", "kwartaal"], name="pmix_geplande_inzet_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} Q{self.kwartaal}: {self.aantal}"


class JaarrapportageStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in de wachtrij")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


class Jaarrapportage(models.Model):
    """One request for the yearly report as PDF, made by a Celery task with visible progress."""

    Status = JaarrapportageStatus

    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    peildatum = models.DateField(_("peildatum"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JaarrapportageStatus.choices,
        default=JaarrapportageStatus.WACHTRIJ,
    )
    voortgang = models.PositiveSmallIntegerField(
        _("voortgang (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    pdf = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("PDF"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    gereed_op = models.DateTimeField(_("gereed op"), null=True, blank=True)
    foutmelding = models.CharField(_("foutmelding"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("jaarrapportage (PDF)")
        verbose_name_plural = _("jaarrapportages (PDF)")
        ordering = ("-aangevraagd_op", "-pk")

    def __str__(self) -> str:
        return f"Jaarrapportage participatiemix {self.jaar}"

    @property
    def is_afgerond(self) -> bool:
        return self.status in {JaarrapportageStatus.KLAAR, JaarrapportageStatus.MISLUKT}
