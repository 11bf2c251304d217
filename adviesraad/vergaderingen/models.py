"""Meetings (§4.2.2, Bijlage 8 and 9) and attendance.

* ``Vergadering``: one meeting of one of the seed's types, with date, time and place (or an
  online link). The agenda, documents, minutes, actions and decisions hang off it.
* ``Deelname``: one invited person at one meeting: what they said in advance (``aanmelding``)
  and what the supporter recorded afterwards (``aanwezigheid``). The allowance (a later wave)
  builds on the recorded attendance.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Soort(models.TextChoices):
    RAADSVERGADERING = "raadsvergadering", _("vergadering van de adviesraad")
    MEEDENKSESSIE = "meedenksessie", _("meedenksessie")
    TOELICHTING = "toelichting", _("toelichting op een beleidsstuk")
    ADVIESGESPREK = "adviesgesprek", _("adviesgesprek")
    AGENDAOVERLEG = "agendaoverleg", _("agendaoverleg")
    WETHOUDERSGESPREK = "wethoudersgesprek", _("gesprek met wethouders")
    VOORZITTERSOVERLEG = (
        "voorzittersoverleg",
        _("halfjaarlijks overleg voorzitter, wethouder en accounthouder"),
    )
    COLLEGEPRESENTATIE = "collegepresentatie", _("jaarlijkse presentatie aan het college")
    POLITIEKE_MARKT = "politieke_markt", _("politieke markt")
    LUISTERDELEGATIE = "luisterdelegatie", _("luisterdelegatie bij een participatieactiviteit")


class Status(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    GEHOUDEN = "gehouden", _("gehouden")
    GEANNULEERD = "geannuleerd", _("geannuleerd")


class Vergadering(models.Model):
    soort = models.CharField(_("soort"), max_length=24, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"), null=True, blank=True)
    locatie = models.CharField(_("plaats"), max_length=200, blank=True)
    online_link = models.URLField(_("link voor online deelnemen"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.GEPLAND
    )
    #: When the invitation with the documents went out (the "documents before a meeting" rule).
    uitnodiging_verzonden_op = models.DateTimeField(
        _("uitnodiging verzonden op"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["begin"]
        indexes = [models.Index(fields=["status", "begin"])]

    def __str__(self) -> str:
        return f"{self.titel} ({self.begin:%d-%m-%Y})"


class Aanmelding(models.TextChoices):
    ONBEKEND = "onbekend", _("nog niet doorgegeven")
    KOMT = "komt", _("ik kom")
    KOMT_NIET = "komt_niet", _("ik kom niet")


class Aanwezigheid(models.TextChoices):
    ONBEKEND = "", _("nog niet vastgelegd")
    AANWEZIG = "aanwezig", _("aanwezig")
    AFGEMELD = "afgemeld", _("afgemeld")
    AFWEZIG = "afwezig", _("afwezig zonder afmelding")


class Deelname(models.Model):
    vergadering = models.ForeignKey(Vergadering, on_delete=models.CASCADE, related_name="deelnames")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deelnames"
    )
    aanmelding = models.CharField(
        _("komt u?"), max_length=10, choices=Aanmelding.choices, default=Aanmelding.ONBEKEND
    )
    aanmelding_toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    aanwezigheid = models.CharField(
        _("aanwezigheid"), max_length=10, choices=Aanwezigheid.choices, blank=True, default=""
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "gebruiker"], name="deelname_een_per_persoon"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} bij {self.vergadering}"
