"""``Opbrengst`` (a finding) and ``Benutting`` (what was done with it): the traceable thread from
what residents said, to what the council advised, to what the College decided."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .activiteit import Activiteit
from .referentie import Domein, Thema


class OpbrengstSoort(models.TextChoices):
    ERVARING = "ervaring", _("ervaring")
    BEHOEFTE = "behoefte", _("behoefte")
    KNELPUNT = "knelpunt", _("knelpunt")
    SUGGESTIE = "suggestie", _("suggestie")
    PATROON = "patroon", _("terugkerend patroon")


class Opbrengst(models.Model):
    Soort = OpbrengstSoort

    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="opbrengsten",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=OpbrengstSoort.choices)
    thema = models.ForeignKey(
        Thema, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    domein = models.ForeignKey(
        Domein,
        verbose_name=_("wet of domein"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    omschrijving = models.TextField(_("omschrijving"))
    citaat = models.TextField(
        _("citaat (anoniem)"),
        blank=True,
        help_text=_("Zonder namen of andere gegevens waaraan iemand te herkennen is."),
    )
    frequentie = models.PositiveIntegerField(
        _("hoe vaak genoemd"), default=1, validators=[MinValueValidator(1)]
    )
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opbrengst")
        verbose_name_plural = _("opbrengsten")
        ordering = ("activiteit", "-frequentie", "pk")

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.omschrijving[:60]}"


class BenuttingSoort(models.TextChoices):
    BELEID = "beleid", _("beleid")
    UITVOERING = "uitvoering", _("uitvoering")
    DIENSTVERLENING = "dienstverlening", _("dienstverlening")
    COMMUNICATIE = "communicatie", _("communicatie")


class Benutting(models.Model):
    """What was done with a finding: in policy, execution, service delivery or communication."""

    Soort = BenuttingSoort

    opbrengst = models.ForeignKey(
        Opbrengst, verbose_name=_("opbrengst"), on_delete=models.CASCADE, related_name="benuttingen"
    )
    soort = models.CharField(_("gebruikt voor"), max_length=20, choices=BenuttingSoort.choices)
    omschrijving = models.TextField(_("wat is ermee gedaan?"))
    # PROTECT, not SET_NULL: this link is the traceable thread from what residents said to what
    # the council advised. Deleting a request must not silently cut it (a request is withdrawn,
    # not deleted; the admin then says which uses still point to it). CASCADE would lose findings'
    # history, SET_NULL would leave a use without its policy context.
    adviesaanvraag = models.ForeignKey(
        "adviesraad.Adviesaanvraag",
        verbose_name=_("adviesaanvraag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benuttingen",
        help_text=_("De adviesaanvraag waarin deze opbrengst is gebruikt."),
    )
    # Both optional, as before: a use in execution, service delivery or communication often has
    # no document at all (see the demo data). A policy document that is not an advice request
    # goes here; an advice request is linked above, so it is not typed in twice.
    beleidsdocument = models.CharField(
        _("beleidsdocument"),
        max_length=300,
        blank=True,
        help_text=_(
            "Naam of kenmerk van het beleidsstuk. Alleen nodig als het geen adviesaanvraag is."
        ),
    )
    datum = models.DateField(_("datum"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benutting van een opbrengst")
        verbose_name_plural = _("benutting van opbrengsten")
        ordering = ("-datum", "pk")

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.omschrijving[:60]}"
