"""A person's choice not to receive a non-mandatory kind of reminder.

Only switched-off kinds have a row; no row means "on". Mandatory kinds are sent regardless: the
scan ignores a row for them, and the form does not offer them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Herinneringsvoorkeur(models.Model):
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="herinneringsvoorkeuren",
    )
    soort = models.CharField(_("soort herinnering"), max_length=60)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("uitgezette herinnering")
        verbose_name_plural = _("uitgezette herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "soort"], name="notifications_voorkeur_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker}: {self.soort} uit"
