"""Conflict-of-interest declarations (Bijlage 6) and the log of every read.

A declaration is visible only to the member who made it (an object permission granted by the
service), the chair and the supporter (role-wide permission, see ``hengelo_participatie/accounts/roles.py``).
Every read is logged in ``VerklaringInzage`` by the selector that hands the declaration out.

Object permissions use direct foreign keys, so they disappear with the declaration (purge).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .leden import Lid


class Aanleiding(models.TextChoices):
    BENOEMING = "benoeming", _("bij benoeming")
    JAARLIJKS = "jaarlijks", _("jaarlijkse verklaring")
    WIJZIGING = "wijziging", _("wijziging in de situatie")


class Beoordeling(models.TextChoices):
    OPEN = "open", _("nog niet beoordeeld")
    GEEN_STRIJDIGHEID = "geen_strijdigheid", _("geen strijdigheid")
    AFSPRAAK = "afspraak", _("toegestaan met vastgelegde afspraak")
    ONVERENIGBAAR = "onverenigbaar", _("onverenigbaar met het lidmaatschap")


#: The five categories of Bijlage 6: field name -> question (B1).
CATEGORIEEN: dict[str, str] = {
    "politieke_functie": _(
        "Heeft u een politieke functie (gemeenteraad, steunfractie, raadscommissie, bestuur van "
        "een partij) of treedt u in Hengelo in het openbaar op namens een partij?"
    ),
    "belangenbehartiging": _(
        "Zit u in het bestuur van een lokale belangenorganisatie, of komt u op voor "
        "persoonlijke belangen van anderen?"
    ),
    "vrijwilligerswerk": _(
        "Doet u vrijwilligerswerk bij een maatschappelijke organisatie? Dat mag, op persoonlijke "
        "titel en zonder rol als bestuurder of woordvoerder."
    ),
    "professionele_betrokkenheid": _(
        "Werkt u als bestuurder, beleidsmedewerker, manager of toezichthouder bij een zorg- of "
        "welzijnsinstelling in Hengelo, of als ondernemer of professional in het sociaal domein?"
    ),
    "conflict_of_omstandigheden": _(
        "Heeft u een (juridisch) conflict met de gemeente of een aanbieder, of persoonlijke "
        "omstandigheden die uw rol kunnen beïnvloeden?"
    ),
}

#: Categories whose "yes" is a finding the chair must assess (category 3 is allowed as such).
BEVINDING_CATEGORIEEN = (
    "politieke_functie",
    "belangenbehartiging",
    "professionele_betrokkenheid",
    "conflict_of_omstandigheden",
)


class Nevenfunctieverklaring(models.Model):
    lid = models.ForeignKey(
        Lid, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="verklaringen"
    )
    aanleiding = models.CharField(_("aanleiding"), max_length=12, choices=Aanleiding.choices)
    ingediend_op = models.DateField(_("ingediend op"))
    politieke_functie = models.BooleanField(_("1. politieke functie"), default=False)
    politieke_functie_toelichting = models.TextField(_("toelichting 1"), blank=True)
    belangenbehartiging = models.BooleanField(_("2. belangenbehartiging"), default=False)
    belangenbehartiging_toelichting = models.TextField(_("toelichting 2"), blank=True)
    vrijwilligerswerk = models.BooleanField(_("3. vrijwilligerswerk"), default=False)
    vrijwilligerswerk_toelichting = models.TextField(_("toelichting 3"), blank=True)
    professionele_betrokkenheid = models.BooleanField(
        _("4. professionele of zakelijke betrokkenheid"), default=False
    )
    professionele_betrokkenheid_toelichting = models.TextField(_("toelichting 4"), blank=True)
    conflict_of_omstandigheden = models.BooleanField(
        _("5. conflict of persoonlijke omstandigheden"), default=False
    )
    conflict_of_omstandigheden_toelichting = models.TextField(_("toelichting 5"), blank=True)
    overige_toelichting = models.TextField(_("overige toelichting"), blank=True)
    # The chair's assessment and the agreement they record (Bijlage 6, item 5).
    beoordeling = models.CharField(
        _("beoordeling door de voorzitter"),
        max_length=20,
        choices=Beoordeling.choices,
        default=Beoordeling.OPEN,
    )
    afspraak = models.TextField(_("vastgelegde afspraak"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateField(_("beoordeeld op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nevenfunctieverklaring")
        verbose_name_plural = _("nevenfunctieverklaringen")
        ordering = ("-ingediend_op", "-pk")
        permissions = [
            ("beoordelen_nevenfunctieverklaring", _("Mag nevenfunctieverklaringen beoordelen")),
        ]

    def __str__(self) -> str:
        return f"{self.lid}: {self.get_aanleiding_display()} ({self.ingediend_op:%d-%m-%Y})"

    @property
    def heeft_bevinding(self) -> bool:
        return any(getattr(self, naam) for naam in BEVINDING_CATEGORIEEN)

    @property
    def onopgelost(self) -> bool:
        """A finding the chair has not resolved: not yet assessed, or found incompatible."""
        if self.beoordeling == Beoordeling.ONVERENIGBAAR:
            return True
        return self.heeft_bevinding and self.beoordeling == Beoordeling.OPEN

    def antwoorden(self) -> list[tuple[str, bool, str]]:
        return [
            (str(vraag), getattr(self, naam), getattr(self, f"{naam}_toelichting"))
            for naam, vraag in CATEGORIEEN.items()
        ]


class NevenfunctieverklaringUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Nevenfunctieverklaring, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op verklaring (gebruiker)")


class NevenfunctieverklaringGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Nevenfunctieverklaring, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op verklaring (groep)")


class VerklaringInzage(models.Model):
    """One read of a declaration: who, when, through which channel (AVG: reads are logged)."""

    verklaring = models.ForeignKey(
        Nevenfunctieverklaring,
        verbose_name=_("verklaring"),
        on_delete=models.CASCADE,
        related_name="inzages",
    )
    gelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelezen door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    gelezen_op = models.DateTimeField(_("gelezen op"), auto_now_add=True)
    via = models.CharField(_("via"), max_length=20)

    class Meta:
        verbose_name = _("inzage van een verklaring")
        verbose_name_plural = _("inzages van verklaringen")
        ordering = ("-gelezen_op", "-pk")

    def __str__(self) -> str:
        return f"{self.verklaring_id} {self.gelezen_door_id} {self.gelezen_op:%Y-%m-%d %H:%M}"
