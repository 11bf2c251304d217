"""Agreements that detail the verordening: yearly working agreements and the house rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Samenwerkingsafspraken(models.Model):
    """The working agreements between council and College for one year (evaluated yearly)."""

    jaar = models.PositiveSmallIntegerField(
        _("jaar"),
        unique=True,
        validators=[MinValueValidator(2020), MaxValueValidator(2100)],
        error_messages={"unique": _("Er zijn al samenwerkingsafspraken voor dit jaar.")},
    )
    datum_vastgesteld = models.DateField(_("vastgesteld op"), null=True, blank=True)
    datum_volgende_evaluatie = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    bestand = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samenwerkingsafspraken")
        verbose_name_plural = _("samenwerkingsafspraken")
        ordering = ("-jaar",)

    def __str__(self) -> str:
        return f"Samenwerkingsafspraken {self.jaar}"

    def clean(self) -> None:
        if (
            self.datum_vastgesteld
            and self.datum_volgende_evaluatie
            and self.datum_volgende_evaluatie <= self.datum_vastgesteld
        ):
            raise ValidationError(
                {"datum_volgende_evaluatie": _("De evaluatie komt na de datum van vaststelling.")}
            )


class HuishoudelijkReglement(models.Model):
    """A version of the council's house rules, checked by the College (see ``reglement.py``)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        INGEDIEND = "ingediend", _("ingediend bij het college")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        TERUGGESTUURD = "teruggestuurd", _("teruggestuurd met opmerkingen")

    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True)
    bestand = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT, editable=False
    )
    ingediend_op = models.DateField(_("ingediend op"), null=True, blank=True, editable=False)
    beoordeeld_op = models.DateField(_("beoordeeld op"), null=True, blank=True, editable=False)
    opmerkingen_college = models.TextField(
        _("opmerkingen van het college"), blank=True, editable=False
    )
    #: ``{rule key: value}``: the attendance rules this version sets (which meeting types count,
    #: absence, long absence). Written as new rule versions from the adoption date on.
    aanwezigheidsregels = models.JSONField(
        _("regels voor aanwezigheid"), default=dict, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("huishoudelijk reglement")
        verbose_name_plural = _("huishoudelijke reglementen")
        ordering = ("-id",)
        permissions = [
            ("indienen_huishoudelijkreglement", "Kan het huishoudelijk reglement indienen"),
            ("beoordelen_huishoudelijkreglement", "Kan het huishoudelijk reglement beoordelen"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="teruggestuurd") | ~Q(opmerkingen_college=""),
                name="reglement_teruggestuurd_met_opmerkingen",
                violation_error_message=_("Een teruggestuurd reglement heeft opmerkingen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.get_status_display()})"

    @property
    def is_bewerkbaar(self) -> bool:
        """Text and document may change only while the council works on a concept."""
        return self.status == self.Status.CONCEPT
