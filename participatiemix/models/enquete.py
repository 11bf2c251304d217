"""Survey indicators: CEO (Wmo, Jeugd; yearly) and KBO (Participatiewet, minima; two-yearly)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .referentie import Domein


class Onderzoek(models.TextChoices):
    CEO = "ceo", _("cliëntervaringsonderzoek (CEO)")
    KBO = "kbo", _("klantbelevingsonderzoek (KBO)")
    TEVREDENHEID = "tevredenheid", _("tevredenheidsmeting")


class Enqueteresultaat(models.Model):
    Onderzoek = Onderzoek

    onderzoek = models.CharField(_("onderzoek"), max_length=20, choices=Onderzoek.choices)
    domein = models.ForeignKey(
        Domein, verbose_name=_("wet of domein"), on_delete=models.PROTECT, related_name="+"
    )
    indicator_code = models.CharField(_("code indicator"), max_length=50)
    indicator_tekst = models.CharField(_("indicator"), max_length=500)
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    percentage_positief = models.DecimalField(
        _("% positief"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    n = models.PositiveIntegerField(_("aantal respondenten (n)"), validators=[MinValueValidator(1)])
    bron = models.CharField(_("bron"), max_length=300)
    publicatiedatum = models.DateField(_("publicatiedatum"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enquêteresultaat")
        verbose_name_plural = _("enquêteresultaten")
        ordering = ("onderzoek", "domein__volgorde", "indicator_code", "jaar")
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "domein", "indicator_code", "jaar"],
                name="pmix_enqueteresultaat_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.jaar}: {self.percentage_positief}%"
