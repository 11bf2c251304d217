"""What became of each adopted point (issue 14, Decidim's "accountability" for the College).

Every point the College answered "overgenomen" or "deels overgenomen" gets a ``Toezegging``: what
was promised, by which department, when it is expected, and its state (gepland, in uitvoering,
uitgevoerd, vervallen with a reason). The account holder and policy staff keep it up to date with
dated ``Voortgang`` notes; the chair can ask for an update (``stand_gevraagd_op``, a reminder to
the account holder until a note answers it). The public register shows the state and the notes,
never who wrote them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .advies import Adviesaanvraag, Adviespunt


class ToezeggingStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    IN_UITVOERING = "in_uitvoering", _("in uitvoering")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    VERVALLEN = "vervallen", _("vervallen")


#: States in which the promise is still open (an expected date that passes counts as overdue).
OPEN_TOEZEGGING = (ToezeggingStatus.GEPLAND, ToezeggingStatus.IN_UITVOERING)


class Toezegging(models.Model):
    punt = models.OneToOneField(Adviespunt, on_delete=models.CASCADE, related_name="toezegging")
    aanvraag = models.ForeignKey(
        Adviesaanvraag, on_delete=models.CASCADE, related_name="toezeggingen"
    )
    belofte = models.TextField(_("wat het college toezegt"), blank=True)
    afdeling = models.CharField(_("verantwoordelijke afdeling"), max_length=200, blank=True)
    verwacht_op = models.DateField(_("verwacht klaar op"), null=True, blank=True)
    status = models.CharField(
        _("stand"),
        max_length=16,
        choices=ToezeggingStatus.choices,
        default=ToezeggingStatus.GEPLAND,
    )
    vervallen_reden = models.TextField(_("reden van vervallen"), blank=True)
    stand_gevraagd_op = models.DateField(_("stand gevraagd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ("aanvraag", "punt__nummer")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="vervallen") | ~Q(vervallen_reden=""),
                name="adviesraad_toezegging_vervallen_reden",
            )
        ]
        indexes = [models.Index(fields=["status", "verwacht_op"])]

    def __str__(self) -> str:
        return f"{self.aanvraag_id} punt {self.punt_id}: {self.get_status_display()}"


class Voortgang(models.Model):
    """A dated progress note. ``door`` is for the portal and the admin, never the register."""

    toezegging = models.ForeignKey(Toezegging, on_delete=models.CASCADE, related_name="voortgang")
    datum = models.DateField(_("datum"))
    status = models.CharField(_("stand"), max_length=16, choices=ToezeggingStatus.choices)
    tekst = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgang van een toezegging")
        verbose_name_plural = _("voortgang van toezeggingen")
        ordering = ("datum", "pk")

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.get_status_display()}"
