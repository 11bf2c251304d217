"""Reference data. Seeded by data migrations from the seed (§4.1, Bijlage 1); the account holder
extends the lists in the admin and switches entries off (``actief``) instead of deleting them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Instrument(models.Model):
    """One of the instruments of the participatiemix (§4.1: five, extendable)."""

    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    gespreksleider_verplicht = models.BooleanField(
        _("externe gespreksleider verplicht"),
        default=False,
        help_text=_("Een activiteit kan pas worden afgesloten als er een gespreksleider is."),
    )
    spelregels_van_toepassing = models.BooleanField(
        _("spelregels Nationale Ombudsman van toepassing"),
        default=False,
        help_text=_(
            "De 10 spelregels moeten zijn ingevuld voordat een activiteit wordt afgesloten."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ("nummer",)

    def __str__(self) -> str:
        return f"{self.nummer}. {self.naam}"


class _Lijst(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        abstract = True
        ordering = ("naam",)

    def __str__(self) -> str:
        return self.naam


class Thema(_Lijst):
    history = HistoricalRecords()

    class Meta(_Lijst.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Domein(_Lijst):
    """A law of the core domain (Wmo 2015, Jeugdwet ...) or a domain (dienstverlening, inclusie)."""

    class Soort(models.TextChoices):
        WET = "wet", _("wet of regeling")
        DOMEIN = "domein", _("domein")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices, default=Soort.WET)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta(_Lijst.Meta):
        verbose_name = _("wet of domein")
        verbose_name_plural = _("wetten en domeinen")
        ordering = ("volgorde", "naam")


class Doelgroep(_Lijst):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta(_Lijst.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ("volgorde", "naam")


class Organisatie(_Lijst):
    """An organisation involved in an activity (volunteer organisations, interest groups ...)."""

    history = HistoricalRecords()

    class Meta(_Lijst.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")


class Spelregel(models.Model):
    """One of the 10 Spelregels of the Nationale Ombudsman (Bijlage 1). Fixed text."""

    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spelregel Nationale Ombudsman")
        verbose_name_plural = _("spelregels Nationale Ombudsman")
        ordering = ("nummer",)

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"
