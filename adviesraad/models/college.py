"""What leaves the council for the College and the raad, and what comes back (issue 14).

* ``Ontvangers``: who receives what the council sends (the College's secretariat, the griffie),
  an effective-dated setting kept by the account holder, with history: the version in force on a
  day is the one with the latest ``geldig_vanaf`` on or before it.
* ``Bezorging``: one document (the stored advice PDF, or the raadsvoorlegger) to be delivered,
  through the outbox: written in the same transaction as the step that sends it, delivered by a
  periodic task that claims it, retried with backoff, never lost when the broker or the mail
  server is down. The ``message_id`` is fixed when the row is written, so every attempt and a
  resend carry the same id and the same bytes.
* ``Bezorgpoging``: each attempt: when, to which addresses, the message id, the SHA-256 of the
  attached PDF, and the result.
* ``Termijnverlenging``: the chair recorded that the College's response period was extended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .advies import Advies, Adviesaanvraag


class Ontvangersoort(models.TextChoices):
    COLLEGE = "college", _("college van B&W (bestuurssecretariaat)")
    GRIFFIE = "griffie", _("griffie van de gemeenteraad")


class Ontvangers(models.Model):
    soort = models.CharField(_("voor"), max_length=12, choices=Ontvangersoort.choices)
    adressen = models.TextField(
        _("e-mailadressen"), help_text=_("Eén e-mailadres per regel, bijvoorbeeld de postbus.")
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ontvangers van verzonden stukken")
        verbose_name_plural = _("ontvangers van verzonden stukken")
        ordering = ("soort", "-geldig_vanaf")
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "geldig_vanaf"], name="adviesraad_ontvangers_een_per_dag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.geldig_vanaf:%d-%m-%Y}"

    @property
    def lijst(self) -> list[str]:
        return [a.strip() for a in self.adressen.splitlines() if a.strip()]


class Stuk(models.TextChoices):
    ADVIES = "advies", _("advies aan het college")
    RAADSVOORLEGGER = "raadsvoorlegger", _("raadsvoorlegger aan de griffie")


class Bezorgstatus(models.TextChoices):
    WACHTEND = "wachtend", _("wacht op verzending")
    VERZENDEN = "verzenden", _("wordt nu verzonden")
    BEZORGD = "bezorgd", _("bezorgd")
    MISLUKT = "mislukt", _("niet gelukt")


class Bezorging(models.Model):
    aanvraag = models.ForeignKey(
        Adviesaanvraag, on_delete=models.CASCADE, related_name="bezorgingen"
    )
    advies = models.ForeignKey(Advies, on_delete=models.CASCADE, related_name="bezorgingen")
    stuk = models.CharField(_("stuk"), max_length=16, choices=Stuk.choices)
    #: The stored PDF: the attachment is always these bytes (``sha256`` on the file).
    bestand = models.ForeignKey("files.Bestand", on_delete=models.PROTECT, related_name="+")
    #: The addresses in force when the row was written (a later change of the setting does not
    #: redirect a delivery already on its way).
    ontvangers = models.TextField(_("ontvangers"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Bezorgstatus.choices, default=Bezorgstatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("aantal pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste foutmelding"), blank=True)
    claim = models.CharField(_("verzonden door (taak)"), max_length=64, blank=True)
    bezig_sinds = models.DateTimeField(_("verzenden begonnen op"), null=True, blank=True)
    volgende_poging_op = models.DateTimeField(_("volgende poging na"), null=True, blank=True)
    bezorgd_op = models.DateTimeField(_("bezorgd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Receipt: the account holder records when the secretariat registered it, and the case number.
    geregistreerd_op = models.DateField(
        _("geregistreerd door het college op"), null=True, blank=True
    )
    zaaknummer = models.CharField(_("zaaknummer van de gemeente"), max_length=50, blank=True)
    ontvangst_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["claim", "bezig_sinds"])

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ("-aangemaakt_op", "-pk")
        constraints = [
            # One delivery per document version: a second "send" (a retried request, a double
            # click) finds the row instead of writing another.
            models.UniqueConstraint(fields=["advies", "stuk"], name="adviesraad_bezorging_uniek")
        ]
        indexes = [models.Index(fields=["status", "volgende_poging_op"])]

    def __str__(self) -> str:
        return f"{self.aanvraag.kenmerk} {self.get_stuk_display()} ({self.get_status_display()})"

    @property
    def adressen(self) -> list[str]:
        return [a for a in self.ontvangers.split() if a]


class Bezorgpoging(models.Model):
    bezorging = models.ForeignKey(Bezorging, on_delete=models.CASCADE, related_name="pogingen_log")
    op = models.DateTimeField(_("op"))
    adressen = models.TextField(_("aan"))
    message_id = models.CharField(_("Message-ID"), max_length=200)
    sha256 = models.CharField(_("SHA-256 van de bijlage"), max_length=64)
    gelukt = models.BooleanField(_("gelukt"))
    resultaat = models.TextField(_("resultaat"))

    class Meta:
        verbose_name = _("bezorgpoging")
        verbose_name_plural = _("bezorgpogingen")
        ordering = ("op", "pk")

    def __str__(self) -> str:
        return f"{self.op:%d-%m-%Y %H:%M} {self.resultaat[:60]}"


class Termijnverlenging(models.Model):
    aanvraag = models.ForeignKey(
        Adviesaanvraag, on_delete=models.CASCADE, related_name="termijnverlengingen"
    )
    oude_datum = models.DateField(_("oude uiterste datum"))
    nieuwe_datum = models.DateField(_("nieuwe uiterste datum"))
    reden = models.TextField(_("reden"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verlenging van de reactietermijn")
        verbose_name_plural = _("verlengingen van de reactietermijn")
        ordering = ("vastgelegd_op", "pk")

    def __str__(self) -> str:
        return f"{self.aanvraag_id}: {self.oude_datum:%d-%m-%Y} → {self.nieuwe_datum:%d-%m-%Y}"
