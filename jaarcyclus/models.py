"""Evaluations as records (§4.2 "Evalueren en bijsturen", §5.1) and the annual report request.

Anonymity of the questionnaire is in the data model, not only in the pages:

* ``Beantwoording`` says *that* a participant answered (for the response rate and the reminder);
  it has no link to any answer.
* ``Antwoord`` holds a score or a text for one question and nothing else: no user, no timestamp,
  a random UUID as primary key (so the insertion order cannot be matched with the order of the
  ``Beantwoording`` rows), and no history table (simple-history would store the acting user).

So no role, a superuser with database access included, can trace an answer to a member.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EvaluatieSoort(models.TextChoices):
    ZELFEVALUATIE = "zelfevaluatie", _("jaarlijkse zelfevaluatie van de adviesraad")
    VOORZITTER = "voorzitter", _("jaarlijkse evaluatie van de voorzitter")
    REFLECTIE = "reflectie", _("jaarlijkse reflectie van beleidsmedewerkers")
    HERBENOEMING = "herbenoeming", _("evaluatie vóór herbenoeming")
    GEZAMENLIJK = "gezamenlijk", _("gezamenlijke evaluatie na de start")
    TOTAAL = "totaal", _("vierjaarlijkse totaalevaluatie")
    PARTICIPATIEMIX = "participatiemix", _("evaluatie van de participatiemix")


class EvaluatieStatus(models.TextChoices):
    OPEN = "open", _("open")
    AFGEROND = "afgerond", _("afgerond")


class Evaluatie(models.Model):
    Soort = EvaluatieSoort
    Status = EvaluatieStatus

    soort = models.CharField(_("soort"), max_length=20, choices=EvaluatieSoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    #: Empty only for a record the system made (a re-appointment evaluation from the core).
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uiterlijk = models.DateField(_("uiterlijk"))
    uiterlijk_bron = models.CharField(_("bron van de datum"), max_length=300, blank=True)
    deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemers"), related_name="+", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluatieStatus.choices, default=EvaluatieStatus.OPEN
    )
    resultaten = models.TextField(_("resultaten (intern verslag)"), blank=True)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    #: The re-appointment evaluation of the membership core, brought into this shape: the
    #: record there keeps its own rules (a re-appointment needs it), this one adds the rest.
    herbenoemingsevaluatie = models.OneToOneField(
        "adviesraad.Herbenoemingsevaluatie",
        verbose_name=_("evaluatie voor herbenoeming"),
        # The retention purge of the core removes its record; this one (no personal text) goes too.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jaarcyclus",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["deelnemers"])

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ("-jaar", "uiterlijk", "-pk")

    def __str__(self) -> str:
        return self.titel

    @property
    def is_open(self) -> bool:
        return self.status == EvaluatieStatus.OPEN


class VraagSoort(models.TextChoices):
    STELLING = "stelling", _("stelling (score 1 tot en met 5)")
    OPEN = "open", _("open vraag")


class Vraag(models.Model):
    Soort = VraagSoort

    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="vragen")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    soort = models.CharField(_("soort"), max_length=10, choices=VraagSoort.choices)
    tekst = models.CharField(_("vraag of stelling"), max_length=500)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ("evaluatie", "volgorde", "pk")

    def __str__(self) -> str:
        return self.tekst


class Beantwoording(models.Model):
    """That ``gebruiker`` has answered the questionnaire of ``evaluatie``: nothing about what."""

    evaluatie = models.ForeignKey(
        Evaluatie, on_delete=models.CASCADE, related_name="beantwoordingen"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("beantwoording")
        verbose_name_plural = _("beantwoordingen")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluatie", "gebruiker"], name="jaarcyclus_een_beantwoording"
            )
        ]

    def __str__(self) -> str:
        return f"Beantwoording {self.pk}"


class Antwoord(models.Model):
    """One anonymous answer: see the module docstring for why it has nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="antwoorden")
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    tekst = models.TextField(_("antwoord"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return f"Antwoord op vraag {self.vraag_id}"


class ActieStatus(models.TextChoices):
    OPEN = "open", _("open")
    BEZIG = "bezig", _("bezig")
    AFGEROND = "afgerond", _("afgerond")


class Vervolgactie(models.Model):
    Status = ActieStatus

    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uiterlijk = models.DateField(_("uiterlijk"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActieStatus.choices, default=ActieStatus.OPEN
    )
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ("uiterlijk", "pk")

    def __str__(self) -> str:
        return self.omschrijving


class Conclusie(models.Model):
    """A conclusion of an evaluation (the 4-yearly one above all), linked to the articles of the
    verordening and the samenwerkingsafspraken it proposes to change."""

    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="conclusies")
    tekst = models.TextField(_("conclusie"))
    artikelen = models.ManyToManyField(
        "verordening.Artikel", verbose_name=_("artikelen"), blank=True, related_name="+"
    )
    samenwerkingsafspraken = models.ForeignKey(
        "verordening.Samenwerkingsafspraken",
        verbose_name=_("samenwerkingsafspraken"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("conclusie")
        verbose_name_plural = _("conclusies")
        ordering = ("evaluatie", "pk")

    def __str__(self) -> str:
        return self.tekst[:80]


class VerslagSoort(models.TextChoices):
    JAARVERSLAG = "jaarverslag", _("jaarverslag")
    PRESENTATIE = "presentatie", _("presentatiemap")


class VerslagStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in de wachtrij")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


class Jaarverslag(models.Model):
    """One request for the annual report (or the presentation pack) as PDF, made by a Celery task
    with visible progress; the shape of the participatiemix's ``Jaarrapportage``."""

    Soort = VerslagSoort
    Status = VerslagStatus

    soort = models.CharField(
        _("soort"), max_length=12, choices=VerslagSoort.choices, default=VerslagSoort.JAARVERSLAG
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    peildatum = models.DateField(_("peildatum"))
    status = models.CharField(
        _("status"), max_length=10, choices=VerslagStatus.choices, default=VerslagStatus.WACHTRIJ
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
        verbose_name = _("jaarverslag (PDF)")
        verbose_name_plural = _("jaarverslagen (PDF)")
        ordering = ("-aangevraagd_op", "-pk")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.jaar}"

    @property
    def is_afgerond(self) -> bool:
        return self.status in {VerslagStatus.KLAAR, VerslagStatus.MISLUKT}
