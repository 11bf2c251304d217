"""``Regel``: one version of a named, typed, effective-dated parameter of the verordening.

All versions of one rule share a ``sleutel``. A version applies from ``geldig_vanaf`` (that day
included) until ``geldig_tot`` (that day *not* included; empty: open-ended). Periods are half-open so
that closing a version and starting its successor use the same date. The database refuses
overlapping versions (see ``verordening.database``); ``clean()`` says so first, in Dutch.

Changing a rule means adding a version from a date (``services.regels.regel_wijzigen``); a
version whose period has started is never edited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verordening import waarden
from verordening.database import geen_overlap_constraint
from verordening.waarden import RegelType

from .verordening import Artikel

OPEN_EINDE = date.max


def periode_tekst(vanaf: date, tot: date | None) -> str:
    begin = date_format(vanaf, "j F Y")
    if tot is None:
        return f"vanaf {begin}"
    return f"{begin} tot {date_format(tot, 'j F Y')}"


class RegelQuerySet(models.QuerySet):
    def van(self, sleutel: str) -> RegelQuerySet:
        return self.filter(sleutel=sleutel)

    def geldig_op(self, datum: date) -> RegelQuerySet:
        return self.filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=datum), geldig_vanaf__lte=datum
        )

    def overlappend(self, *, sleutel: str, vanaf: date, tot: date | None) -> RegelQuerySet:
        """Versions of ``sleutel`` whose period overlaps ``[vanaf, tot)``."""
        qs = self.filter(sleutel=sleutel).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=vanaf)
        )
        return qs if tot is None else qs.filter(geldig_vanaf__lt=tot)


class Regel(models.Model):
    Type = RegelType

    sleutel = models.CharField(
        _("sleutel"),
        max_length=60,
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]{1,59}$",
                _("Gebruik kleine letters, cijfers en liggende streepjes, bijvoorbeeld max_leden."),
            )
        ],
        help_text=_(
            "De vaste code waarmee de software de regel opvraagt. Alle versies van één "
            "regel hebben dezelfde sleutel."
        ),
    )
    naam = models.CharField(_("naam"), max_length=200)
    type = models.CharField(_("soort waarde"), max_length=20, choices=RegelType.choices)
    waarde = models.JSONField(_("waarde"))
    eenheid = models.CharField(
        _("eenheid"), max_length=50, blank=True, help_text=_("Bijvoorbeeld „per maand” of „leden”.")
    )
    bron = models.ForeignKey(
        Artikel,
        verbose_name=_("artikel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regels",
        help_text=_("Het artikel van de verordening waar deze regel uit komt."),
    )
    bron_lid = models.CharField(
        _("lid"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{1,2}[a-z]?$", _("Gebruik een nummer zoals 2 of 2a."))],
    )
    bron_toelichting = models.CharField(
        _("andere bron of toelichting"),
        max_length=300,
        blank=True,
        help_text=_(
            "Voor een bron buiten de verordening, bijvoorbeeld „Wet LB 1964 art. 2 lid 6”."
        ),
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(
        _("geldig tot"),
        null=True,
        blank=True,
        help_text=_(
            "De eerste dag waarop deze versie niet meer geldt. Leeg: geldt tot er een "
            "nieuwe versie begint."
        ),
    )
    history = HistoricalRecords()

    objects = RegelQuerySet.as_manager()

    class Meta:
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        ordering = ("sleutel", "-geldig_vanaf")
        indexes = [models.Index(fields=["sleutel", "geldig_vanaf"], name="regel_sleutel_vanaf")]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=F("geldig_vanaf")),
                name="regel_periode_niet_leeg",
                violation_error_message=_("„Geldig tot” moet na „geldig vanaf” liggen."),
            ),
            geen_overlap_constraint(),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.periode})"

    # --- Reading -------------------------------------------------------------------------------
    @property
    def periode(self) -> str:
        if not self.geldig_vanaf:
            return ""
        return periode_tekst(self.geldig_vanaf, self.geldig_tot)

    @property
    def python_waarde(self) -> Any:
        return waarden.naar_python(self.type, self.waarde)

    @property
    def waarde_weergave(self) -> str:
        return waarden.weergave(self.type, self.waarde, self.eenheid)

    def is_begonnen(self, op: date | None = None) -> bool:
        """Has this version's period started (on ``op``, default today)? Then it is history."""
        op = op or timezone.localdate()
        return self.geldig_vanaf is not None and self.geldig_vanaf <= op

    def citaat(self) -> str:
        """``art. 4 lid 2 van de Verordening Adviesraad sociaal domein Hengelo (CVDR753530)``.

        Plus ``bron_toelichting`` for sources outside the verordening; empty without a source.
        """
        delen = []
        if self.bron_id:
            verordening = self.bron.verordening
            tekst = f"{self.bron.verwijzing(self.bron_lid)} van de {verordening.citeertitel}"
            if verordening.cvdr:
                tekst += f" ({verordening.cvdr})"
            delen.append(tekst)
        if self.bron_toelichting:
            delen.append(self.bron_toelichting)
        return " en ".join(delen)

    # --- Validation ----------------------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.type in RegelType.values:
            try:
                self.waarde = waarden.normaliseer(self.type, self.waarde)
            except ValidationError as exc:
                errors.setdefault("waarde", []).extend(exc.messages)
        if self.bron_lid and not self.bron_id:
            errors.setdefault("bron_lid", []).append(_("Een lid hoort bij een artikel."))
        if self.geldig_vanaf and self.geldig_tot and self.geldig_tot <= self.geldig_vanaf:
            errors.setdefault("geldig_tot", []).append(
                _("„Geldig tot” moet na „geldig vanaf” liggen.")
            )
        elif self.sleutel and self.geldig_vanaf:
            ander = (
                Regel.objects.overlappend(
                    sleutel=self.sleutel, vanaf=self.geldig_vanaf, tot=self.geldig_tot
                )
                .exclude(pk=self.pk)
                .order_by("geldig_vanaf")
                .first()
            )
            if ander is not None:
                errors.setdefault("geldig_vanaf", []).append(
                    ValidationError(
                        _(
                            "Deze periode overlapt met een andere versie van deze regel (%(periode)s). "
                            "Twee versies van één regel mogen niet tegelijk gelden."
                        ),
                        code="overlap",
                        params={"periode": ander.periode},
                    )
                )
        if errors:
            raise ValidationError(errors)
