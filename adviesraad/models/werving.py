"""Recruitment for members and for the chair (§4.2.3, Bijlage 7).

A vacancy is published (step 1, "publicatie"); candidates then move through letter selection,
a first and a second interview, nomination to the College and appointment. Candidate data is
purged once the retention rule has passed after the vacancy closed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hengelo_participatie.core.workflow import Transition, Workflow

from .leden import TermijnSoort


class VacatureStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    GEPUBLICEERD = "gepubliceerd", _("gepubliceerd")
    GESLOTEN = "gesloten", _("gesloten")


class Vacature(models.Model):
    soort = models.CharField(
        _("voor"), max_length=12, choices=TermijnSoort.choices, default=TermijnSoort.LID
    )
    ad_interim = models.BooleanField(_("voorzitter ad interim"), default=False)
    titel = models.CharField(_("titel"), max_length=200)
    profiel = models.TextField(
        _("profiel"), help_text=_("Het profiel uit bijlage 5 (leden) of bijlage 7 (voorzitter).")
    )
    aantal_plaatsen = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1)
    uren_per_maand = models.PositiveSmallIntegerField(
        _("tijd per maand (uren, gemiddeld minimaal)"),
        default=10,
        help_text=_("Bijlage 5: gemiddeld minimaal 10 uur per maand."),
    )
    selectiecommissie = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("selectiecommissie"),
        blank=True,
        related_name="+",
        help_text=_("Wie de brieven leest en de gesprekken voert."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=VacatureStatus.choices, default=VacatureStatus.CONCEPT
    )
    gepubliceerd_op = models.DateField(_("gepubliceerd op"), null=True, blank=True)
    sluit_op = models.DateField(_("reageren kan tot en met"), null=True, blank=True)
    gesloten_op = models.DateField(_("gesloten op"), null=True, blank=True)
    kandidaten_verwijderd_op = models.DateField(
        _("kandidaatgegevens verwijderd op"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ("-gepubliceerd_op", "-pk")

    def __str__(self) -> str:
        return self.titel


class Kanaal(models.TextChoices):
    """How an applicant heard of the vacancy (§4.2.3: recruitment through civil society)."""

    ORGANISATIE = "organisatie", _("via een maatschappelijke organisatie")
    GEMEENTE = "gemeente", _("via de website of nieuwsbrief van de gemeente")
    KRANT = "krant", _("via de krant of een huis-aan-huisblad")
    SOCIALE_MEDIA = "sociale_media", _("via sociale media")
    BEKENDE = "bekende", _("via iemand die ik ken")
    ANDERS = "anders", _("anders")


class KandidaatFase(models.TextChoices):
    BRIEVENSELECTIE = "brievenselectie", _("brievenselectie")
    EERSTE_GESPREK = "eerste_gesprek", _("eerste gesprek")
    TWEEDE_GESPREK = "tweede_gesprek", _("tweede gesprek")
    VOORDRACHT = "voordracht", _("voordracht aan het college")
    BENOEMD = "benoemd", _("benoemd")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    TERUGGETROKKEN = "teruggetrokken", _("teruggetrokken")


#: The capability (role table) that moves a candidate from one stage to another.
KANDIDAAT_FASE_WIJZIGEN = "lidmaatschap.kandidaat_fase_wijzigen"

#: The open stages, in order; from each the candidate moves one on, or out.
_OPEN_FASEN = (
    KandidaatFase.BRIEVENSELECTIE,
    KandidaatFase.EERSTE_GESPREK,
    KandidaatFase.TWEEDE_GESPREK,
    KandidaatFase.VOORDRACHT,
    KandidaatFase.BENOEMD,
)

#: The stage machine (Bijlage 7): one stage on, or out (rejected, withdrawn) from any open stage.
#: Benoemd, afgewezen and teruggetrokken are final.
FASE_WORKFLOW: Workflow[Kandidaat] = Workflow(
    [
        Transition(van, naar, KandidaatFase(naar).label, KANDIDAAT_FASE_WIJZIGEN)
        for van, naar in zip(_OPEN_FASEN, _OPEN_FASEN[1:], strict=False)
    ]
    + [
        Transition(van, uit, KandidaatFase(uit).label, KANDIDAAT_FASE_WIJZIGEN)
        for van in _OPEN_FASEN[:-1]
        for uit in (KandidaatFase.AFGEWEZEN, KandidaatFase.TERUGGETROKKEN)
    ],
    begin=KandidaatFase.BRIEVENSELECTIE,
)


class Kandidaat(models.Model):
    vacature = models.ForeignKey(
        Vacature, verbose_name=_("vacature"), on_delete=models.CASCADE, related_name="kandidaten"
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    motivatie = models.TextField(_("motivatie"), blank=True)
    brief = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("brief"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    fase = models.CharField(
        _("fase"),
        max_length=16,
        choices=KandidaatFase.choices,
        default=KandidaatFase.BRIEVENSELECTIE,
    )
    aangemeld_op = models.DateField(_("aangemeld op"))
    themas = models.ManyToManyField(
        "adviesraad.Kernwet", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    kanaal = models.CharField(
        _("hoe gehoord van de vacature"), max_length=16, choices=Kanaal.choices, blank=True
    )
    toestemming_op = models.DateTimeField(
        _("toestemming voor bewaren gegeven op"), null=True, blank=True, editable=False
    )
    afgerond_op = models.DateField(
        _("afgewezen of teruggetrokken op"), null=True, blank=True, editable=False
    )
    notities = models.TextField(_("notities van de commissie"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        ordering = ("vacature", "naam", "pk")

    def __str__(self) -> str:
        return self.naam


class Kanaaltelling(models.Model):
    """How many applicants each channel brought to a vacancy: counts only, no personal data,
    so they stay after the retention purge removed the candidates themselves."""

    vacature = models.ForeignKey(
        Vacature, verbose_name=_("vacature"), on_delete=models.CASCADE, related_name="kanalen"
    )
    kanaal = models.CharField(_("kanaal"), max_length=16, choices=Kanaal.choices)
    aantal = models.PositiveIntegerField(_("aantal aanmeldingen"), default=0)

    class Meta:
        verbose_name = _("aanmeldingen per kanaal")
        verbose_name_plural = _("aanmeldingen per kanaal")
        ordering = ("vacature", "-aantal", "kanaal")
        constraints = [
            models.UniqueConstraint(fields=("vacature", "kanaal"), name="kanaaltelling_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.vacature}: {self.get_kanaal_display()} ({self.aantal})"
