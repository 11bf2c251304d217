"""The quarterly agenda (§4.2.2, Bijlage 8): which advice requests are coming, and when.

* ``Kwartaalagenda``: one per quarter (year + quarter, unique). Its ``punten`` are the *draft*:
  the account holder and policy staff edit them freely.
* ``Agendapunt``: one expected advice request with its planned dates; linked to the
  ``Adviesaanvraag`` once that arrives.
* ``Versie``: a published, numbered, immutable snapshot (JSON) of the items. Members and the
  supporter only ever see the latest version, never the draft.
* ``Gezien``: per user per quarter, the version they last saw, so the portal can show what
  changed since.

Writes go through ``services.py``; reads on behalf of a user through ``selectors.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

KWARTALEN = [
    (1, _("1e kwartaal")),
    (2, _("2e kwartaal")),
    (3, _("3e kwartaal")),
    (4, _("4e kwartaal")),
]

#: The planned dates of an item, in the order of the process, with their Dutch labels.
DATUMVELDEN: tuple[tuple[str, str], ...] = (
    ("meedenken_op", "Meedenken"),
    ("toelichting_op", "Toelichting"),
    ("adviesgesprek_op", "Adviesgesprek"),
    ("collegebesluit_op", "Collegebesluit"),
    ("raad_op", "Raad"),
)


def kwartaal_van(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


class Kwartaalagenda(models.Model):
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"), choices=KWARTALEN)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kwartaalagenda")
        verbose_name_plural = _("kwartaalagenda's")
        ordering = ("-jaar", "-kwartaal")
        constraints = [
            models.UniqueConstraint(fields=("jaar", "kwartaal"), name="kwartaalagenda_uniek"),
            models.CheckConstraint(
                condition=models.Q(kwartaal__gte=1, kwartaal__lte=4),
                name="kwartaalagenda_kwartaal_1_tot_4",
            ),
        ]
        permissions = [("publiceren_kwartaalagenda", _("Kan een kwartaalagenda publiceren"))]

    def __str__(self) -> str:
        return f"Kwartaalagenda {self.jaar} Q{self.kwartaal}"

    @property
    def naam(self) -> str:
        return f"{self.get_kwartaal_display()} {self.jaar}"


class Agendapunt(models.Model):
    agenda = models.ForeignKey(
        Kwartaalagenda,
        verbose_name=_("kwartaalagenda"),
        on_delete=models.PROTECT,
        related_name="punten",
    )
    titel = models.CharField(_("onderwerp"), max_length=200)
    beleidsmedewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beleidsmedewerker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    meedenken_op = models.DateField(_("meedenken gepland"), null=True, blank=True)
    toelichting_op = models.DateField(_("toelichting gepland"), null=True, blank=True)
    adviesgesprek_op = models.DateField(_("adviesgesprek gepland"), null=True, blank=True)
    collegebesluit_op = models.DateField(_("collegebesluit gepland"), null=True, blank=True)
    raad_op = models.DateField(_("behandeling in de raad gepland"), null=True, blank=True)
    opmerking = models.TextField(_("opmerking"), blank=True, max_length=2000)
    adviesaanvraag = models.ForeignKey(
        "adviesraad.Adviesaanvraag",
        verbose_name=_("adviesaanvraag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onderwerp op de kwartaalagenda")
        verbose_name_plural = _("onderwerpen op de kwartaalagenda")
        ordering = ("agenda", "titel", "pk")

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        datums = [(label, getattr(self, veld)) for veld, label in DATUMVELDEN]
        gevuld = [(label, d) for label, d in datums if d is not None]
        for (label_a, a), (label_b, b) in zip(gevuld, gevuld[1:], strict=False):
            if b < a:
                raise ValidationError(
                    _("De datum van „%(b)s” ligt vóór de datum van „%(a)s”. Controleer de data.")
                    % {"a": label_a, "b": label_b}
                )


class Versie(models.Model):
    """A published version: frozen. ``inhoud`` holds the items as they were (``services``)."""

    agenda = models.ForeignKey(
        Kwartaalagenda,
        verbose_name=_("kwartaalagenda"),
        on_delete=models.PROTECT,
        related_name="versies",
    )
    nummer = models.PositiveIntegerField(_("versie"))
    inhoud = models.JSONField(_("inhoud"), default=dict)
    toelichting = models.TextField(_("wat is er veranderd (toelichting)"), blank=True)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"))
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("gepubliceerde versie")
        verbose_name_plural = _("gepubliceerde versies")
        ordering = ("agenda", "-nummer")
        constraints = [
            models.UniqueConstraint(fields=("agenda", "nummer"), name="kwartaalagenda_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.agenda} versie {self.nummer}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(_("Een gepubliceerde versie kan niet meer veranderen."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("Een gepubliceerde versie kan niet worden verwijderd."))


class Gezien(models.Model):
    """The version of a quarter's agenda that a user last saw (viewing the page records it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agenda = models.ForeignKey(Kwartaalagenda, on_delete=models.CASCADE, related_name="+")
    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="+")
    gezien_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gezien")
        verbose_name_plural = _("gezien")
        constraints = [
            models.UniqueConstraint(fields=("user", "agenda"), name="kwartaalagenda_gezien_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} zag {self.versie_id}"
