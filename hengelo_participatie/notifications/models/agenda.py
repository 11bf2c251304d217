"""The secret of a personal iCal feed.

Only a SHA-256 hash of the token is stored: a copy of the database does not give access to
anyone's feed. The user sees the link once, right after making it. A user has at most one active
token; making a new one revokes the old one, and a revoked token answers 404.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Agendatoken(models.Model):
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="agendatokens",
    )
    sleutel_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("agendalink")
        verbose_name_plural = _("agendalinks")
        ordering = ("-aangemaakt_op",)
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker"],
                condition=Q(ingetrokken_op__isnull=True),
                name="notifications_een_actieve_agendalink",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({'ingetrokken' if self.ingetrokken_op else 'actief'})"

    @property
    def actief(self) -> bool:
        return self.ingetrokken_op is None
