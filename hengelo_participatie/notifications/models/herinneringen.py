"""The outbox.

A ``Herinnering`` is written in the same database transaction as the change (or the daily scan)
that causes it. A periodic Celery task bundles a person's pending reminders of a day into one
``Bericht`` (the daily digest) and sends it. Nothing here talks to the broker or to SMTP.

Uniqueness is enforced by the database, not by code paths:

* one ``Herinnering`` per (recipient, object, deadline date, kind): a second scan, a concurrent
  scan or a retried task cannot create a duplicate;
* one daily ``Bericht`` per (recipient, day): at most one reminder e-mail a day.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class BerichtStatus(models.TextChoices):
    WACHTEND = "wachtend", _("wacht op verzending")
    VERZENDEN = "verzenden", _("wordt nu verzonden")
    VERZONDEN = "verzonden", _("verzonden")
    MISLUKT = "mislukt", _("mislukt")


class Bericht(models.Model):
    """One e-mail: the daily digest of one person."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="herinneringsberichten",
    )
    #: The local (Europe/Amsterdam) day this digest belongs to.
    dag = models.DateField(_("dag"))
    status = models.CharField(
        _("status"), max_length=12, choices=BerichtStatus.choices, default=BerichtStatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("aantal pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste foutmelding"), blank=True)
    #: Who is sending it: the Celery task id (the same after a redelivery) or the command's id.
    claim = models.CharField(_("verzonden door (taak)"), max_length=64, blank=True)
    bezig_sinds = models.DateTimeField(_("verzenden begonnen op"), null=True, blank=True)
    #: After a failed attempt: not before this moment (exponential backoff, also for the beat).
    volgende_poging_op = models.DateTimeField(_("volgende poging na"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinneringsmail")
        verbose_name_plural = _("herinneringsmails")
        ordering = ("-dag", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "dag"], name="notifications_een_bericht_per_dag"
            ),
        ]
        indexes = [models.Index(fields=["status", "dag"], name="notifications_bericht_status")]

    def __str__(self) -> str:
        return f"{self.ontvanger}: {self.dag:%d-%m-%Y} ({self.get_status_display()})"


class Herinnering(models.Model):
    """One reminder about one deadline, for one person."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="herinneringen",
    )
    soort = models.CharField(_("soort"), max_length=60)
    onderwerp_type = models.ForeignKey(
        ContentType, verbose_name=_("soort onderwerp"), on_delete=models.CASCADE, related_name="+"
    )
    onderwerp_id = models.PositiveBigIntegerField(_("nummer onderwerp"))
    onderwerp_label = models.CharField(_("onderwerp"), max_length=200)
    deadline = models.DateField(_("deadline"))
    tekst = models.CharField(_("tekst"), max_length=300)
    #: A path inside the site (``/portaal/...``); the e-mail makes it absolute with SITE_URL.
    link = models.CharField(_("link"), max_length=500)
    verplicht = models.BooleanField(_("verplicht"), default=False)
    #: Confidential subject: e-mail and iCal show a neutral text, the portal shows the rest.
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    #: A neutral reference (an advice request's number), shown also for a confidential subject
    #: so the reader knows which one it is; never a title or a name.
    kenmerk = models.CharField(_("kenmerk"), max_length=40, blank=True, default="")
    #: The local day the reminder was planned for (the scan date).
    gepland_op = models.DateField(_("gepland op"))
    bericht = models.ForeignKey(
        Bericht,
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herinneringen",
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ("deadline", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "onderwerp_type", "onderwerp_id", "deadline", "soort"],
                name="notifications_herinnering_uniek",
            ),
        ]
        indexes = [
            models.Index(
                fields=["verzonden_op", "bericht", "gepland_op"],
                name="notifications_herinnering_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tekst} ({self.deadline:%d-%m-%Y})"
