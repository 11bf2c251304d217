"""The advice workflow (§4.2.1, Bijlage 3 and 4): requests, the report and its versions, the
approval round, the College's response per point.

* ``Adviesaanvraag``: one request of a kind (meedenken, gevraagd, ongevraagd), moving through the
  states of ``adviesraad/advies/transitions.py``. Confidential: members and staff reach it through
  object grants (``global_grants_objects=False``), assigned by the services.
* ``Advies``: one *version* of the report. Every save of the concept writes a new version; a sent
  version (``verzonden_op``) is frozen, its PDF stored once as a ``Bestand``.
* ``Goedkeuringsronde`` / ``Goedkeuring``: the approval round of one version, one row per member
  (a recusal is a row with ``oordeel=uitgesloten`` and the reason).
* ``Collegereactie`` / ``Puntreactie``: the College's written response, per point.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .leden import Lid
from .referentie import Kernwet


class Soort(models.TextChoices):
    MEEDENKEN = "meedenken", _("meedenken aan de voorkant")
    GEVRAAGD = "gevraagd", _("gevraagd advies")
    ONGEVRAAGD = "ongevraagd", _("ongevraagd advies")


class Status(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    GEHOUDEN = "gehouden", _("gehouden")
    AANGEKONDIGD = "aangekondigd", _("aangekondigd")
    DOCUMENTEN_ONTVANGEN = "documenten_ontvangen", _("documenten ontvangen")
    IN_VOORBEREIDING = "in_voorbereiding", _("in voorbereiding")
    ADVIESGESPREK_GEHOUDEN = "adviesgesprek_gehouden", _("adviesgesprek gehouden")
    CONCEPT = "concept", _("concept")
    TER_GOEDKEURING = "ter_goedkeuring", _("ter goedkeuring bij de leden")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    VERZONDEN = "verzonden", _("verzonden aan het college")
    REACTIE_ONTVANGEN = "reactie_ontvangen", _("reactie van het college ontvangen")
    TER_KENNISNAME_RAAD = "ter_kennisname_raad", _("ter kennisname naar de gemeenteraad")
    AFGEROND = "afgerond", _("afgerond")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


#: States in which the request is finished: not "open" in the portal.
EINDSTATUSSEN = (Status.AFGEROND, Status.INGETROKKEN)
#: States in which the council's work on a request is done: finished (``EINDSTATUSSEN``), or
#: only "Afronden" can still follow (the College answered, the council took note, an oral
#: contribution was given). Many requests are never formally finished, so these count as closed
#: for the nightly access re-sync (``advies.services.toegang.toegang_alle_open_bijwerken``): it
#: re-syncs open requests in full, and a closed one only when its grants no longer match the
#: council.
AFGESLOTEN = (
    *EINDSTATUSSEN,
    Status.REACTIE_ONTVANGEN,
    Status.TER_KENNISNAME_RAAD,
    Status.GEHOUDEN,
)
#: States in which the College owes a response (overdue is counted here).
WACHT_OP_COLLEGE = (Status.VERZONDEN,)
#: States in which the council still owes its advice ("advies uiterlijk" counts here).
WACHT_OP_ADVIES = (
    Status.AANGEKONDIGD,
    Status.DOCUMENTEN_ONTVANGEN,
    Status.IN_VOORBEREIDING,
    Status.ADVIESGESPREK_GEHOUDEN,
    Status.CONCEPT,
    Status.TER_GOEDKEURING,
    Status.VASTGESTELD,
)


class AdviesaanvraagQuerySet(models.QuerySet["Adviesaanvraag"]):
    def open(self) -> AdviesaanvraagQuerySet:
        return self.exclude(status__in=EINDSTATUSSEN)

    def reactie_te_laat(self, op: date) -> AdviesaanvraagQuerySet:
        return self.filter(status__in=WACHT_OP_COLLEGE, reactie_uiterlijk__lt=op)

    def advies_te_laat(self, op: date) -> AdviesaanvraagQuerySet:
        return self.filter(status__in=WACHT_OP_ADVIES, advies_uiterlijk__lt=op)

    def gepubliceerd(self) -> AdviesaanvraagQuerySet:
        return self.filter(gepubliceerd_op__isnull=False)


class Adviesaanvraag(models.Model):
    kenmerk = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    titel = models.CharField(_("onderwerp"), max_length=200)
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    kernwetten = models.ManyToManyField(
        Kernwet, verbose_name=_("wetten"), blank=True, related_name="+"
    )
    themas = models.CharField(_("thema's"), max_length=300, blank=True)
    beleidsmedewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beleidsmedewerker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    wethouder = models.CharField(_("verantwoordelijke wethouder"), max_length=150, blank=True)
    zaaknummer = models.CharField(_("zaaknummer"), max_length=50, blank=True)
    vervolg_op = models.ForeignKey(
        "self",
        verbose_name=_("vervolg op meedenken"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervolgen",
    )
    # Planned and actual dates.
    ontvangen_op = models.DateField(_("stukken ontvangen op"), null=True, blank=True)
    meedenken_op = models.DateField(_("meedenken op"), null=True, blank=True)
    toelichting_op = models.DateField(_("toelichting op"), null=True, blank=True)
    adviesgesprek_op = models.DateField(_("adviesgesprek op"), null=True, blank=True)
    advies_uiterlijk = models.DateField(_("advies uiterlijk"), null=True, blank=True)
    advies_uiterlijk_bron = models.CharField(
        _("bron van de adviestermijn"), max_length=300, blank=True, editable=False
    )
    kortere_termijn_akkoord = models.TextField(
        _("afspraak over een kortere termijn"),
        blank=True,
        help_text=_("Verplicht als het advies eerder klaar moet zijn dan de adviestermijn."),
    )
    kortere_termijn_akkoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kortere termijn akkoord door (voorzitter)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    collegebesluit_gepland = models.DateField(_("collegebesluit gepland"), null=True, blank=True)
    raad_gepland = models.DateField(_("behandeling in de raad gepland"), null=True, blank=True)
    reactie_uiterlijk = models.DateField(_("reactie college uiterlijk"), null=True, blank=True)
    reactie_uiterlijk_bron = models.CharField(
        _("bron van de reactietermijn"), max_length=300, blank=True, editable=False
    )
    mondelinge_inbreng = models.TextField(_("verslag van de mondelinge inbreng"), blank=True)
    ingetrokken_reden = models.TextField(_("reden van intrekken"), blank=True)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[kernwetten])
    objects = AdviesaanvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("adviesaanvraag")
        verbose_name_plural = _("adviesaanvragen")
        ordering = ("-aangemaakt_op", "-pk")
        permissions = [("publiceren_adviesaanvraag", _("Mag een verzonden advies publiceren"))]
        indexes = [models.Index(fields=["status", "reactie_uiterlijk"])]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.titel}"

    @property
    def status_label(self) -> str:
        if self.status == Status.CONCEPT and self.soort == Soort.GEVRAAGD:
            return str(_("conceptverslag"))
        if self.status == Status.AANGEKONDIGD and self.soort == Soort.ONGEVRAAGD:
            return str(_("aangekondigd bij de accounthouder"))
        # Not get_status_display(): Django hashes every (lazy) choice label for that, one
        # translation per choice per call, which a list page pays for every row.
        return str(Status(self.status).label) if self.status in Status.values else self.status

    @property
    def soort_label(self) -> str:
        """``get_soort_display()`` with one translation per call (see ``status_label``)."""
        return str(Soort(self.soort).label) if self.soort in Soort.values else self.soort

    def advies_te_laat_op(self, op: date) -> bool:
        return bool(
            self.status in WACHT_OP_ADVIES
            and self.advies_uiterlijk is not None
            and self.advies_uiterlijk < op
        )

    def reactie_te_laat_op(self, op: date) -> bool:
        return bool(
            self.status in WACHT_OP_COLLEGE
            and self.reactie_uiterlijk is not None
            and self.reactie_uiterlijk < op
        )


class AdviesaanvraagUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Adviesaanvraag, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op adviesaanvraag (gebruiker)")


class AdviesaanvraagGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Adviesaanvraag, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op adviesaanvraag (groep)")


class Statuswijziging(models.Model):
    """One executed transition: who, when, from, to, and the reason where one is asked."""

    aanvraag = models.ForeignKey(
        Adviesaanvraag, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(_("van"), max_length=24, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=24, choices=Status.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ("op", "pk")

    def __str__(self) -> str:
        return f"{self.aanvraag_id}: {self.van} → {self.naar}"


class Vraag(models.Model):
    """A targeted question of the policy officer, shared before the conversation (Bijlage 4)."""

    aanvraag = models.ForeignKey(Adviesaanvraag, on_delete=models.CASCADE, related_name="vragen")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    tekst = models.TextField(_("vraag"))

    class Meta:
        verbose_name = _("gerichte vraag")
        verbose_name_plural = _("gerichte vragen")
        ordering = ("nummer",)
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "nummer"], name="advies_vraag_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.tekst[:60]}"


class Document(models.Model):
    aanvraag = models.ForeignKey(
        Adviesaanvraag, on_delete=models.CASCADE, related_name="documenten"
    )
    bestand = models.ForeignKey("files.Bestand", on_delete=models.PROTECT, related_name="+")
    titel = models.CharField(_("titel"), max_length=200)
    vertrouwelijk = models.BooleanField(
        _("vertrouwelijk"),
        default=True,
        help_text=_("Alleen de adviesraad en de betrokken medewerkers kunnen het lezen."),
    )
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("document bij een adviesaanvraag")
        verbose_name_plural = _("documenten bij adviesaanvragen")
        ordering = ("toegevoegd_op", "pk")

    def __str__(self) -> str:
        return self.titel


class Belangmelding(models.Model):
    """A member declares a conflict of interest on one request: excluded from its approval."""

    aanvraag = models.ForeignKey(
        Adviesaanvraag, on_delete=models.CASCADE, related_name="belangmeldingen"
    )
    lid = models.ForeignKey(Lid, on_delete=models.CASCADE, related_name="belangmeldingen")
    toelichting = models.TextField(_("toelichting"))
    gemeld_op = models.DateTimeField(_("gemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gemeld belang")
        verbose_name_plural = _("gemelde belangen")
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "lid"], name="advies_belang_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.lid} bij {self.aanvraag_id}"


class Advies(models.Model):
    """One version of the council's advice (report). Frozen once sent."""

    aanvraag = models.ForeignKey(Adviesaanvraag, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveSmallIntegerField(_("versie"))
    inleiding = models.TextField(_("inleiding"), blank=True)
    reden = models.CharField(_("reden van deze versie"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verzonden_op = models.DateField(_("verzonden op"), null=True, blank=True)
    pdf = models.ForeignKey(
        "files.Bestand", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    voorzitter_naam = models.CharField(_("voorzitter"), max_length=200, blank=True)
    ondersteuner_naam = models.CharField(_("ondersteuner"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("advies (versie)")
        verbose_name_plural = _("adviezen (versies)")
        ordering = ("aanvraag", "versie")
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "versie"], name="advies_versie_uniek"),
            models.CheckConstraint(
                condition=Q(verzonden_op__isnull=True) | Q(pdf__isnull=False),
                name="advies_verzonden_heeft_pdf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aanvraag.kenmerk} v{self.versie}"

    @property
    def bevroren(self) -> bool:
        return self.verzonden_op is not None


class Adviespunt(models.Model):
    advies = models.ForeignKey(Advies, on_delete=models.CASCADE, related_name="punten")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    tekst = models.TextField(_("tekst"), help_text=_("Opgeschoond: alleen eenvoudige opmaak."))

    class Meta:
        verbose_name = _("adviespunt")
        verbose_name_plural = _("adviespunten")
        ordering = ("advies", "nummer")
        constraints = [
            models.UniqueConstraint(fields=["advies", "nummer"], name="advies_punt_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.nummer}"


class Goedkeuringsronde(models.Model):
    advies = models.ForeignKey(Advies, on_delete=models.CASCADE, related_name="rondes")
    geopend_op = models.DateField(_("geopend op"))
    deadline = models.DateField(_("reageren uiterlijk"))
    deadline_bron = models.CharField(_("bron van de termijn"), max_length=300, blank=True)
    gesloten_op = models.DateField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("goedkeuringsronde")
        verbose_name_plural = _("goedkeuringsrondes")
        ordering = ("geopend_op", "pk")

    def __str__(self) -> str:
        return f"{self.advies} {self.geopend_op:%d-%m-%Y}"


class Oordeel(models.TextChoices):
    OPEN = "open", _("nog niet gereageerd")
    AKKOORD = "akkoord", _("akkoord")
    WIJZIGING = "wijziging", _("wijziging gevraagd")
    UITGESLOTEN = "uitgesloten", _("doet niet mee (belang gemeld)")


class Goedkeuring(models.Model):
    ronde = models.ForeignKey(
        Goedkeuringsronde, on_delete=models.CASCADE, related_name="goedkeuringen"
    )
    lid = models.ForeignKey(Lid, on_delete=models.CASCADE, related_name="goedkeuringen")
    oordeel = models.CharField(
        _("oordeel"), max_length=12, choices=Oordeel.choices, default=Oordeel.OPEN
    )
    opmerking = models.TextField(_("opmerking"), blank=True)
    gegeven_op = models.DateTimeField(_("gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("goedkeuring")
        verbose_name_plural = _("goedkeuringen")
        ordering = ("ronde", "lid")
        constraints = [
            models.UniqueConstraint(fields=["ronde", "lid"], name="advies_goedkeuring_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.lid}: {self.get_oordeel_display()}"


class Collegereactie(models.Model):
    advies = models.OneToOneField(Advies, on_delete=models.CASCADE, related_name="reactie")
    besluitdatum = models.DateField(_("datum collegebesluit"))
    ontvangen_op = models.DateField(_("ontvangen op"))
    brief = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("reactiebrief"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reactie van het college")
        verbose_name_plural = _("reacties van het college")

    def __str__(self) -> str:
        return f"{self.advies}: {self.besluitdatum:%d-%m-%Y}"


class Overname(models.TextChoices):
    OVERGENOMEN = "overgenomen", _("overgenomen")
    DEELS = "deels_overgenomen", _("deels overgenomen")
    NIET = "niet_overgenomen", _("niet overgenomen")


class Puntreactie(models.Model):
    reactie = models.ForeignKey(Collegereactie, on_delete=models.CASCADE, related_name="punten")
    punt = models.OneToOneField(Adviespunt, on_delete=models.CASCADE, related_name="reactie")
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Overname.choices)
    toelichting = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("reactie op een adviespunt")
        verbose_name_plural = _("reacties op adviespunten")
        ordering = ("punt__nummer",)
        constraints = [
            models.CheckConstraint(
                condition=Q(oordeel="overgenomen") | ~Q(toelichting=""),
                name="advies_puntreactie_reden_verplicht",
            )
        ]

    def __str__(self) -> str:
        return f"{self.punt}: {self.get_oordeel_display()}"

    def clean(self) -> None:
        if self.oordeel != Overname.OVERGENOMEN and not self.toelichting.strip():
            raise ValidationError(
                {"toelichting": _("Geef een reden als het punt niet helemaal is overgenomen.")}
            )
