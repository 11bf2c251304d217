"""Portfolios: related themes over the core-domain laws, held by a pair of members (§4.2.3)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .leden import Lid
from .referentie import Kernwet

#: A portfolio is held by a pair ("duo's", §4.2.3): that is the definition, not a rule value.
DUO = 2


class Portefeuille(models.Model):
    naam = models.CharField(_("naam"), max_length=150)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    kernwetten = models.ManyToManyField(Kernwet, verbose_name=_("kernwetten"), related_name="+")
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[kernwetten])

    class Meta:
        verbose_name = _("portefeuille")
        verbose_name_plural = _("portefeuilles")
        ordering = ("naam", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(van__lte=models.F("tot")),
                name="adviesraad_portefeuille_van_voor_tot",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def is_actief_op(self, op: date) -> bool:
        return self.van <= op and (self.tot is None or op <= self.tot)


class PortefeuillehouderQuerySet(models.QuerySet["Portefeuillehouder"]):
    def actief_op(self, op: date) -> PortefeuillehouderQuerySet:
        return self.filter(Q(tot__isnull=True) | Q(tot__gte=op), van__lte=op)


class Portefeuillehouder(models.Model):
    portefeuille = models.ForeignKey(
        Portefeuille,
        verbose_name=_("portefeuille"),
        on_delete=models.CASCADE,
        related_name="houders",
    )
    lid = models.ForeignKey(
        Lid, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="portefeuilles"
    )
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PortefeuillehouderQuerySet.as_manager()

    class Meta:
        verbose_name = _("portefeuillehouder")
        verbose_name_plural = _("portefeuillehouders")
        ordering = ("portefeuille", "van", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(van__lte=models.F("tot")),
                name="adviesraad_houder_van_voor_tot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.portefeuille}: {self.lid}"
