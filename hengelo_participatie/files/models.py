"""Private uploads. Stored outside static files under generated names, served only through the
permission-checked download view (see views.py)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


def generated_name(instance: Bestand, filename: str) -> str:
    # The user's file name is never used as a path: only a random name plus a safe extension.
    suffix = PurePath(filename).suffix.lower()
    if not suffix[1:].isalnum() or len(suffix) > 6:
        suffix = ""
    now = timezone.now()
    return f"{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Bestand(models.Model):
    bestand = models.FileField(_("bestand"), upload_to=generated_name, max_length=255)
    oorspronkelijke_naam = models.CharField(_("oorspronkelijke naam"), max_length=255)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=True)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    geupload_op = models.DateTimeField(_("geüpload op"), default=timezone.now)

    class Meta:
        verbose_name = _("bestand")
        verbose_name_plural = _("bestanden")
        ordering = ("-geupload_op",)

    def __str__(self) -> str:
        return self.oorspronkelijke_naam


class BestandDownload(models.Model):
    """One row per successful download (AVG: reads of sensitive personal data are logged).

    Deleted together with the file or the user (CASCADE): the retention purge of either takes
    these rows, which hold an IP address, along. The audit log line of each download stays in the
    log store under its own retention.
    """

    bestand = models.ForeignKey(
        Bestand, verbose_name=_("bestand"), on_delete=models.CASCADE, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    op = models.DateTimeField(_("gedownload op"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("download van een bestand")
        verbose_name_plural = _("downloads van bestanden")
        ordering = ("-op",)

    def __str__(self) -> str:
        return f"{self.bestand_id} door {self.user_id} op {self.op:%Y-%m-%d %H:%M}"


# Direct foreign-key object permissions (django-guardian performance guide): joins instead of a
# generic (content type, text pk) lookup, and deleting a Bestand deletes its grants (CASCADE).
class BestandUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Bestand, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("objectrecht van een gebruiker op een bestand")
        verbose_name_plural = _("objectrechten van gebruikers op bestanden")


class BestandGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Bestand, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("objectrecht van een rol op een bestand")
        verbose_name_plural = _("objectrechten van rollen op bestanden")
