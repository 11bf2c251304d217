"""``Activiteit``: one use of an instrument, with who took part (as counts only), the promised room
for decision, the Spelregel answers and the moderator's report."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .referentie import Doelgroep, Domein, Instrument, Organisatie, Spelregel, Thema


class ActiviteitStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class Activiteit(models.Model):
    Status = ActiviteitStatus

    # --- What and when ---------------------------------------------------------------------
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    startdatum = models.DateField(_("datum (begin)"))
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Leeg als de activiteit één dag duurde.")
    )
    themas = models.ManyToManyField(Thema, verbose_name=_("thema's"), blank=True, related_name="+")
    domeinen = models.ManyToManyField(
        Domein, verbose_name=_("wetten en domeinen"), blank=True, related_name="+"
    )

    # --- Who took part (counts only: no personal data of participants) ------------------------
    doelgroepen = models.ManyToManyField(
        Doelgroep, verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("betrokken organisaties"), blank=True, related_name="+"
    )
    verantwoordelijke = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwoordelijk medewerker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De beleidsmedewerker of accountmanager die de activiteit organiseert."),
    )
    gespreksleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("externe gespreksleider"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participatie_gesprekken",
        help_text=_("Verplicht bij groepsgesprekken. Krijgt alleen toegang tot deze activiteit."),
    )
    gespreksleider_organisatie = models.CharField(
        _("organisatie van de gespreksleider"), max_length=200, blank=True
    )
    luisterdelegatie = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("luisterdelegatie"),
        blank=True,
        related_name="participatie_luisterdelegaties",
        help_text=_("Raadsleden en medewerkers die als toehoorder aanwezig zijn."),
    )
    werving = models.TextField(_("hoe zijn deelnemers geworven?"), blank=True)
    aantal_deelnemers = models.PositiveIntegerField(
        _("aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Alleen het aantal. Sla geen namen of andere gegevens van deelnemers op."),
    )

    # --- What was promised (Spelregels 3 and 4) ----------------------------------------------
    beslisruimte = models.TextField(
        _("ruimte voor inbreng"),
        blank=True,
        help_text=_("Waarover kunnen deelnemers meepraten, en waarover niet? (spelregels 3 en 4)"),
    )
    verwachtingen = models.TextField(
        _("verwachtingen"),
        blank=True,
        help_text=_("Wat hebben we deelnemers beloofd over wat er met hun inbreng gebeurt?"),
    )

    # --- The report ---------------------------------------------------------------------------
    verslag = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("verslag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActiviteitStatus.choices,
        default=ActiviteitStatus.GEPLAND,
    )
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[themas, domeinen, doelgroepen, organisaties])

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ("-startdatum", "titel")
        indexes = [models.Index(fields=["startdatum"])]

    def __str__(self) -> str:
        return self.titel

    @property
    def datum(self) -> date:
        """The day the activity ended: the reference date for the feedback deadline."""
        return self.einddatum or self.startdatum

    def clean(self) -> None:
        super().clean()
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            raise ValidationError(
                {"einddatum": _("De einddatum ligt vóór de begindatum. Kies een latere datum.")}
            )


class Spelregelantwoord(models.TextChoices):
    JA = "ja", _("ja")
    DEELS = "deels", _("deels")
    NEE = "nee", _("nee")


class Spelregeltoets(models.Model):
    """The answer to one Spelregel for one activity: yes, partly or no, with an explanation."""

    Antwoord = Spelregelantwoord

    activiteit = models.ForeignKey(
        Activiteit, on_delete=models.CASCADE, related_name="spelregeltoetsen"
    )
    spelregel = models.ForeignKey(
        Spelregel, verbose_name=_("spelregel"), on_delete=models.PROTECT, related_name="+"
    )
    antwoord = models.CharField(
        _("antwoord"), max_length=10, choices=Spelregelantwoord.choices, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spelregeltoets")
        verbose_name_plural = _("spelregeltoetsen")
        ordering = ("activiteit", "spelregel__nummer")
        constraints = [
            models.UniqueConstraint(
                fields=["activiteit", "spelregel"], name="pmix_spelregeltoets_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activiteit_id}: {self.spelregel_id} = {self.antwoord or '-'}"


# Direct foreign-key object permissions (QUALITY.md, django-guardian): a moderator's grant on
# an activity is a join, and deleting the activity deletes the grant.
class ActiviteitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Activiteit, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False


class ActiviteitGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Activiteit, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False
