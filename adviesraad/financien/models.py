"""Money (§4.2.5, Bijlage 7 and 9): allowance periods, the yearly budget, expense declarations.

* ``Verzuim``: a recorded long absence (illness, a special situation) of a member; the
  allowance continues for the months a rule allows (``vergoeding_doorbetaling_verzuim``).
* ``Vergoedingsperiode``: a month or a quarter (a rule decides which). The supporter prepares it
  (the computed amounts become ``Vergoedingsregel`` rows), the chair checks, the account holder
  approves; an approved period is locked and exported. A later correction is a new line of kind
  ``correctie`` in the next period, never an edit of a locked line.
* ``Begroting`` + ``Begrotingspost``: the council's budget per year in the five categories of
  §4.2.5, with versions; costs paid outside it (allowance, chair and supporter hours) separately.
* ``Declaratie``: an expense with a receipt (a private file), checked by the supporter and,
  above a threshold, approved by the chair.

Retention: financial records are kept for the fiscal period (``bewaartermijn_financieel``), not
for the two years after which a former member's personal data go. So no row here cascades from
``Lid`` or from an account: the link is ``SET_NULL`` and the member's *reference*
(``lid_referentie``) stays with the amounts.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

#: Larger than any real amount of this council; the forms refuse more ("absurd amounts").
MAX_BEDRAG = Decimal("100000.00")


def lid_referentie(lid_pk: int) -> str:
    """The member's reference for the financial administration: no name, no BSN, no bank."""
    return f"ASD-{lid_pk:05d}"


class Categorie(models.TextChoices):
    """The five budget categories of §4.2.5."""

    SCHOLING = "scholing", _("scholing en deskundigheid")
    LIDMAATSCHAPPEN = "lidmaatschappen", _("lidmaatschappen")
    BIJEENKOMSTEN = "bijeenkomsten", _("bezoeken van bijeenkomsten en netwerken")
    ORGANISEREN = "organiseren", _("organiseren van bijeenkomsten met inwoners en partners")
    COMMUNICATIE = "communicatie", _("communicatie")


class VerzuimSoort(models.TextChoices):
    ZIEKTE = "ziekte", _("ziekte")
    BIJZONDER = "bijzonder", _("bijzondere omstandigheid")


class Verzuim(models.Model):
    lid = models.ForeignKey(
        "adviesraad.Lid", verbose_name=_("lid"), on_delete=models.CASCADE, related_name="verzuim"
    )
    soort = models.CharField(_("soort"), max_length=10, choices=VerzuimSoort.choices)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verzuim")
        verbose_name_plural = _("verzuim")
        ordering = ("lid", "-van")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(van__lte=models.F("tot")),
                name="financien_verzuim_van_voor_tot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.van:%d-%m-%Y}"


class PeriodeStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    VOORBEREID = "voorbereid", _("voorbereid door de ondersteuner")
    GECONTROLEERD = "gecontroleerd", _("gecontroleerd door de voorzitter")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd en vastgezet")


class Vergoedingsperiode(models.Model):
    begin = models.DateField(_("eerste dag"), unique=True)
    einde = models.DateField(_("laatste dag"))
    status = models.CharField(
        _("status"), max_length=14, choices=PeriodeStatus.choices, default=PeriodeStatus.CONCEPT
    )
    voorbereid_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gecontroleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateField(_("goedgekeurd op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergoedingsperiode")
        verbose_name_plural = _("vergoedingsperioden")
        ordering = ("-begin",)
        constraints = [
            models.CheckConstraint(
                condition=Q(begin__lte=models.F("einde")), name="financien_periode_begin_voor_einde"
            )
        ]

    def __str__(self) -> str:
        if self.begin.month == self.einde.month:
            return f"{self.begin:%m-%Y}"
        return f"{self.begin:%m-%Y} t/m {self.einde:%m-%Y}"

    @property
    def vergrendeld(self) -> bool:
        return self.status == PeriodeStatus.GOEDGEKEURD


class RegelSoort(models.TextChoices):
    VERGOEDING = "vergoeding", _("vergoeding")
    CORRECTIE = "correctie", _("correctie")


class Vergoedingsregel(models.Model):
    """One amount for one member in one period: the computed allowance, or a correction."""

    periode = models.ForeignKey(Vergoedingsperiode, on_delete=models.PROTECT, related_name="regels")
    lid = models.ForeignKey(
        "adviesraad.Lid",
        verbose_name=_("lid"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vergoedingsregels",
    )
    lid_referentie = models.CharField(_("referentie lid"), max_length=20)
    soort = models.CharField(_("soort"), max_length=10, choices=RegelSoort.choices)
    bedrag = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2)
    aantal_bijeenkomsten = models.PositiveSmallIntegerField(_("bijeenkomsten"), default=0)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    #: A correction: the locked period it corrects.
    correctie_van = models.ForeignKey(
        Vergoedingsperiode,
        verbose_name=_("correctie op periode"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correcties",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergoedingsregel")
        verbose_name_plural = _("vergoedingsregels")
        ordering = ("periode", "lid_referentie", "soort", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "lid_referentie"],
                condition=Q(soort="vergoeding"),
                name="financien_een_vergoeding_per_lid_per_periode",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lid_referentie} {self.periode}: € {self.bedrag}"

    def clean(self) -> None:
        """A checked or approved (locked) period takes no new or changed line."""
        if self.periode_id and self.periode.status in (
            PeriodeStatus.GECONTROLEERD,
            PeriodeStatus.GOEDGEKEURD,
        ):
            raise ValidationError(
                _(
                    "Deze periode is gecontroleerd of goedgekeurd en staat vast. Een correctie "
                    "komt als nieuwe regel in de volgende periode."
                )
            )


class BegrotingStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    INGEDIEND = "ingediend", _("ingediend bij de accounthouder")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    VERVANGEN = "vervangen", _("vervangen door een nieuwere versie")
    AFGESLOTEN = "afgesloten", _("jaar afgesloten")


class Begroting(models.Model):
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2025), MaxValueValidator(2100)]
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=BegrotingStatus.choices, default=BegrotingStatus.CONCEPT
    )
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    # Paid directly by the municipality, outside the budget (§4.2.5), shown separately.
    vergoedingen_raming = models.DecimalField(
        _("raming vrijwilligersvergoedingen"), max_digits=9, decimal_places=2, default=Decimal(0)
    )
    voorzitter_uren = models.PositiveIntegerField(_("uren voorzitter ad interim"), default=0)
    voorzitter_uurtarief = models.DecimalField(
        _("uurtarief voorzitter ad interim"), max_digits=7, decimal_places=2, default=Decimal(0)
    )
    ondersteuner_uren = models.PositiveIntegerField(_("uren ondersteuner"), default=0)
    ondersteuner_uurtarief = models.DecimalField(
        _("uurtarief ondersteuner"), max_digits=7, decimal_places=2, default=Decimal(0)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begroting")
        verbose_name_plural = _("begrotingen")
        ordering = ("-jaar", "-versie")
        constraints = [
            models.UniqueConstraint(fields=["jaar", "versie"], name="financien_begroting_versie")
        ]

    def __str__(self) -> str:
        return f"Begroting {self.jaar} (versie {self.versie})"

    @property
    def voorzitter_kosten(self) -> Decimal:
        return self.voorzitter_uren * self.voorzitter_uurtarief

    @property
    def ondersteuner_kosten(self) -> Decimal:
        return self.ondersteuner_uren * self.ondersteuner_uurtarief


class Begrotingspost(models.Model):
    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="posten")
    categorie = models.CharField(_("categorie"), max_length=16, choices=Categorie.choices)
    bedrag = models.DecimalField(
        _("bedrag"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_BEDRAG)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")
        constraints = [
            models.UniqueConstraint(
                fields=["begroting", "categorie"], name="financien_een_post_per_categorie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_categorie_display()}: € {self.bedrag}"


class DeclaratieStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("ingediend")
    GECONTROLEERD = "gecontroleerd", _("gecontroleerd, wacht op de voorzitter")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    BETAALD = "betaald", _("betaald")


#: Approved but not yet paid: the money is committed (verplicht).
VERPLICHT = (DeclaratieStatus.GOEDGEKEURD,)
IN_BEHANDELING = (DeclaratieStatus.INGEDIEND, DeclaratieStatus.GECONTROLEERD)


class Declaratie(models.Model):
    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="declaraties",
    )
    #: The member's reference (``lid_referentie``) or "ONDERSTEUNER": kept after the purge.
    indiener_referentie = models.CharField(_("referentie indiener"), max_length=20)
    datum = models.DateField(_("datum van de uitgave"))
    categorie = models.CharField(_("categorie"), max_length=16, choices=Categorie.choices)
    bedrag = models.DecimalField(
        _("bedrag"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_BEDRAG)],
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    bon = models.ForeignKey(
        "files.Bestand", verbose_name=_("bon"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=DeclaratieStatus.choices,
        default=DeclaratieStatus.INGEDIEND,
    )
    ingediend_op = models.DateField(_("ingediend op"))
    status_sinds = models.DateField(_("status sinds"))
    reden_afwijzing = models.TextField(_("reden van afwijzing"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        ordering = ("-ingediend_op", "-pk")
        indexes = [models.Index(fields=["status", "status_sinds"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0), name="financien_declaratie_bedrag_positief"
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(reden_afwijzing=""),
                name="financien_afwijzing_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"Declaratie {self.pk} ({self.get_categorie_display()}, € {self.bedrag})"
