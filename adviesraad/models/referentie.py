"""Reference data: the core domain of the council (seed, chapter 3). Loaded by migration 0002."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kernwet(models.Model):
    """One of the nine laws and regulations of the core domain (Wmo 2015, Participatiewet, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=120, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("kernwet")
        verbose_name_plural = _("kernwetten")
        ordering = ("volgorde", "naam")

    def __str__(self) -> str:
        return self.naam
