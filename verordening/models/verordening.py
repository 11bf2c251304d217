"""The regulation adopted by the municipal council, and its articles that other records cite."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Verordening(models.Model):
    titel = models.CharField(_("titel"), max_length=200)
    citeertitel = models.CharField(
        _("citeertitel"),
        max_length=200,
        help_text=_(
            "Zoals de verordening zichzelf noemt, bijvoorbeeld "
            "„Verordening Adviesraad sociaal domein Hengelo”."
        ),
    )
    cvdr = models.CharField(
        _("CVDR-nummer"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^CVDR\d{1,12}$", _("Schrijf het nummer als CVDR753530."))],
        help_text=_(
            "Het nummer in de Centrale Voorziening Decentrale Regelgeving, bijvoorbeeld CVDR753530."
        ),
    )
    datum_vastgesteld = models.DateField(_("vastgesteld door de raad op"), null=True, blank=True)
    in_werking_vanaf = models.DateField(_("in werking vanaf"))
    in_werking_tot = models.DateField(
        _("vervalt op"),
        null=True,
        blank=True,
        help_text=_("De eerste dag waarop deze verordening niet meer geldt. Leeg: geldt nog."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verordening")
        verbose_name_plural = _("verordeningen")
        ordering = ("-in_werking_vanaf",)
        constraints = [
            models.CheckConstraint(
                condition=Q(in_werking_tot__isnull=True)
                | Q(in_werking_tot__gt=F("in_werking_vanaf")),
                name="verordening_periode_niet_leeg",
                violation_error_message=_("„Vervalt op” moet na „in werking vanaf” liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citeertitel} ({self.cvdr})" if self.cvdr else self.citeertitel


class Artikel(models.Model):
    verordening = models.ForeignKey(
        Verordening,
        verbose_name=_("verordening"),
        on_delete=models.CASCADE,
        related_name="artikelen",
    )
    nummer = models.CharField(
        _("artikelnummer"),
        max_length=10,
        validators=[RegexValidator(r"^\d{1,3}[a-z]?$", _("Gebruik een nummer zoals 4 of 4a."))],
    )
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True)
    samenvatting = models.BooleanField(
        _("samenvatting"),
        default=False,
        help_text=_(
            "Aangevinkt: de tekst is een samenvatting, niet de letterlijke tekst van de "
            "verordening."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        ordering = ("verordening", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["verordening", "nummer"],
                name="artikel_nummer_uniek_per_verordening",
                violation_error_message=_("Deze verordening heeft al een artikel met dit nummer."),
            ),
        ]

    def __str__(self) -> str:
        return self.citeer()

    def verwijzing(self, lid: str = "") -> str:
        """``art. 4 lid 2``."""
        return f"art. {self.nummer} lid {lid}" if lid else f"art. {self.nummer}"

    def citeer(self, lid: str = "") -> str:
        """``art. 4 lid 2 Verordening Adviesraad sociaal domein Hengelo``."""
        return f"{self.verwijzing(lid)} {self.verordening.citeertitel}"
