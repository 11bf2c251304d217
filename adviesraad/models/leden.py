"""A person on the council (``Lid``), their terms of office, re-appointment evaluations and
functions (chair, vice-chair).

Dates are inclusive: a term ``begindatum``–``einddatum`` runs to and including its last day, the
way an appointment decision reads ("van 1 januari 2026 tot en met 31 december 2029"). A term that
ends early keeps its planned ``einddatum`` and records ``beeindigd_op`` as its real last day.

The ad-interim chair is not a member (§4.2.4): they have a ``Lid`` record (a person on the
council) with a ``Functie`` but no member term, and they do not count towards the size.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .referentie import Kernwet


class Leeftijdscategorie(models.TextChoices):
    TOT_30 = "tot_30", _("jonger dan 30")
    VAN_30_TOT_50 = "30_50", _("30 tot 50")
    VAN_50_TOT_67 = "50_67", _("50 tot 67")
    VANAF_67 = "67_plus", _("67 of ouder")


class Gender(models.TextChoices):
    VROUW = "vrouw", _("vrouw")
    MAN = "man", _("man")
    ANDERS = "anders", _("anders")


class Opleidingsniveau(models.TextChoices):
    LAAG = "laag", _("basisonderwijs, vmbo, mbo 1")
    MIDDEN = "midden", _("havo, vwo, mbo 2-4")
    HOOG = "hoog", _("hbo, wo")


class Lid(models.Model):
    """A person who sits or sat on the council, linked to their account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="adviesraad_lid",
    )
    adres = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=7,
        help_text=_("Bijvoorbeeld 7551 AB. Wordt getoetst aan de woonplaatsregel."),
    )
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    themas = models.ManyToManyField(
        Kernwet, verbose_name=_("thema's met interesse of ervaring"), blank=True
    )
    thema_toelichting = models.TextField(_("toelichting op thema's en ervaring"), blank=True)
    beschikbaarheid_uren_per_maand = models.PositiveSmallIntegerField(
        _("beschikbaarheid (uren per maand)"), null=True, blank=True
    )
    # Onboarding checklist (§4.2.3 "Randvoorwaarden"): the date each part was covered.
    inwerken_organisatie_op = models.DateField(
        _("ingewerkt: gemeentelijke organisatie"), null=True, blank=True
    )
    inwerken_sociaal_domein_op = models.DateField(
        _("ingewerkt: taken van de gemeente in het sociaal domein"), null=True, blank=True
    )
    inwerken_regio_op = models.DateField(
        _("ingewerkt: samenwerking in de regio"), null=True, blank=True
    )
    foto = models.ForeignKey(
        "files.Bestand",
        verbose_name=_("foto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    foto_toestemming = models.BooleanField(
        _("toestemming voor foto op de openbare pagina"), default=False
    )
    # Diversity (§4.2.3): voluntary, only with consent, only ever reported as aggregate counts.
    diversiteit_toestemming = models.BooleanField(
        _("toestemming om diversiteitsgegevens (geanonimiseerd) te tellen"), default=False
    )
    leeftijdscategorie = models.CharField(
        _("leeftijd"), max_length=10, choices=Leeftijdscategorie.choices, blank=True
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    opleidingsniveau = models.CharField(
        _("opleidingsniveau"), max_length=10, choices=Opleidingsniveau.choices, blank=True
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[themas])

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ("user__achternaam", "user__voornaam", "pk")
        permissions = [
            ("view_samenstelling", _("Mag het samenstellingsoverzicht zien")),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def naam(self) -> str:
        return self.user.get_full_name() or self.user.email

    @property
    def inwerken_compleet(self) -> bool:
        return all(
            (self.inwerken_organisatie_op, self.inwerken_sociaal_domein_op, self.inwerken_regio_op)
        )


class TermijnSoort(models.TextChoices):
    LID = "lid", _("lid")
    VOORZITTER = "voorzitter", _("vaste voorzitter")


class TermijnStatus(models.TextChoices):
    KANDIDAAT = "kandidaat", _("kandidaat")
    VOORGEDRAGEN = "voorgedragen", _("voorgedragen door de adviesraad")
    BENOEMD = "benoemd", _("benoemd door het college")
    BEEINDIGD = "beeindigd", _("beëindigd")


class EindeReden(models.TextChoices):
    REGULIER = "regulier", _("einde van de termijn")
    AFTREDEN = "aftreden", _("op eigen verzoek (aftreden)")
    ONTHEFFING = "ontheffing", _("ontheffing door het college")
    NIET_BENOEMD = "niet_benoemd", _("niet benoemd")


class ZittingstermijnQuerySet(models.QuerySet["Zittingstermijn"]):
    def met_laatste_dag(self) -> ZittingstermijnQuerySet:
        return self.annotate(_laatste_dag=Coalesce("beeindigd_op", "einddatum"))

    def actief_op(self, op: date) -> ZittingstermijnQuerySet:
        """Appointed terms that include day ``op`` (ended early ones up to their real last day)."""
        return self.filter(
            Q(status=TermijnStatus.BENOEMD, begindatum__lte=op, einddatum__gte=op)
            | Q(status=TermijnStatus.BEEINDIGD, begindatum__lte=op, beeindigd_op__gte=op)
        )

    def benoemd_ooit(self) -> ZittingstermijnQuerySet:
        """Terms that were actually served (appointed), whether running or ended."""
        return self.filter(
            Q(status=TermijnStatus.BENOEMD)
            | Q(status=TermijnStatus.BEEINDIGD, besluitdatum__isnull=False)
        )


class Zittingstermijn(models.Model):
    """A term of office: candidate → nominated → appointed → ended."""

    lid = models.ForeignKey(
        Lid, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="termijnen"
    )
    soort = models.CharField(
        _("soort"), max_length=12, choices=TermijnSoort.choices, default=TermijnSoort.LID
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TermijnStatus.choices, default=TermijnStatus.KANDIDAAT
    )
    voorgedragen_op = models.DateField(_("voorgedragen op"), null=True, blank=True)
    besluitdatum = models.DateField(_("datum collegebesluit"), null=True, blank=True)
    besluit_kenmerk = models.CharField(_("kenmerk collegebesluit"), max_length=100, blank=True)
    begindatum = models.DateField(_("begindatum"), null=True, blank=True)
    einddatum = models.DateField(
        _("einddatum (t/m)"),
        null=True,
        blank=True,
        help_text=_("Volgt uit de regel voor de duur van een zittingstermijn."),
    )
    einddatum_bron = models.CharField(
        _("bron van de einddatum"), max_length=300, blank=True, editable=False
    )
    herbenoemingsevaluatie = models.ForeignKey(
        "Herbenoemingsevaluatie",
        verbose_name=_("evaluatie voor herbenoeming"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beeindigd_op = models.DateField(_("laatste dag"), null=True, blank=True)
    einde_reden = models.CharField(
        _("reden einde"), max_length=14, choices=EindeReden.choices, blank=True
    )
    einde_toelichting = models.TextField(_("toelichting op het einde"), blank=True)
    einde_besluitdatum = models.DateField(_("datum besluit einde"), null=True, blank=True)
    einde_besluit_kenmerk = models.CharField(_("kenmerk besluit einde"), max_length=100, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ZittingstermijnQuerySet.as_manager()

    class Meta:
        verbose_name = _("zittingstermijn")
        verbose_name_plural = _("zittingstermijnen")
        ordering = ("lid", "begindatum", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(begindatum__isnull=True)
                | Q(einddatum__isnull=True)
                | Q(begindatum__lte=models.F("einddatum")),
                name="adviesraad_termijn_begin_voor_eind",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[TermijnStatus.BENOEMD])
                | Q(begindatum__isnull=False, einddatum__isnull=False, besluitdatum__isnull=False),
                name="adviesraad_termijn_benoemd_heeft_datums",
            ),
            models.UniqueConstraint(
                fields=["lid", "soort"],
                condition=Q(status__in=[TermijnStatus.KANDIDAAT, TermijnStatus.VOORGEDRAGEN]),
                name="adviesraad_een_lopende_voordracht_per_soort",
            ),
        ]

    def __str__(self) -> str:
        if self.begindatum and self.einddatum:
            return f"{self.lid}: {self.get_soort_display()} {self.begindatum:%d-%m-%Y} t/m {self.laatste_dag:%d-%m-%Y}"
        return f"{self.lid}: {self.get_soort_display()} ({self.get_status_display()})"

    @property
    def laatste_dag(self) -> date | None:
        return self.beeindigd_op or self.einddatum

    def is_actief_op(self, op: date) -> bool:
        laatste = self.laatste_dag
        return (
            self.status in (TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD)
            and self.begindatum is not None
            and laatste is not None
            and self.begindatum <= op <= laatste
        )


class Conclusie(models.TextChoices):
    AANBEVOLEN = "aanbevolen", _("herbenoeming aanbevolen")
    NIET_AANBEVOLEN = "niet_aanbevolen", _("herbenoeming niet aanbevolen")


class Herbenoemingsevaluatie(models.Model):
    """The evaluation of a member's functioning that precedes re-appointment (§4.2.3)."""

    termijn = models.ForeignKey(
        Zittingstermijn,
        verbose_name=_("geëvalueerde termijn"),
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    datum = models.DateField(_("datum gesprek"))
    conclusie = models.CharField(_("conclusie"), max_length=16, choices=Conclusie.choices)
    verslag = models.TextField(_("verslag"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("herbenoemingsevaluatie")
        verbose_name_plural = _("herbenoemingsevaluaties")
        ordering = ("-datum", "-pk")

    def __str__(self) -> str:
        return f"{self.termijn.lid}: {self.get_conclusie_display()} ({self.datum:%d-%m-%Y})"


class FunctieSoort(models.TextChoices):
    VOORZITTER_AD_INTERIM = "voorzitter_ad_interim", _("voorzitter ad interim")
    VOORZITTER_VAST = "voorzitter_vast", _("vaste voorzitter")
    VICEVOORZITTER = "vicevoorzitter", _("vicevoorzitter")


VOORZITTER_SOORTEN = (FunctieSoort.VOORZITTER_AD_INTERIM, FunctieSoort.VOORZITTER_VAST)


class FunctieQuerySet(models.QuerySet["Functie"]):
    def actief_op(self, op: date) -> FunctieQuerySet:
        return self.filter(Q(tot__isnull=True) | Q(tot__gte=op), van__lte=op)


class Functie(models.Model):
    """A dated function on the council: (ad-interim or fixed) chair, or vice-chair."""

    lid = models.ForeignKey(
        Lid, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="functies"
    )
    soort = models.CharField(_("functie"), max_length=24, choices=FunctieSoort.choices)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    uurtarief = models.DecimalField(
        _("uurtarief (ad interim)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    termijn = models.ForeignKey(
        Zittingstermijn,
        verbose_name=_("zittingstermijn (vaste voorzitter)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="functies",
    )
    besluit_kenmerk = models.CharField(
        _("kenmerk besluit of verkiezing"), max_length=100, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()
    objects = FunctieQuerySet.as_manager()

    class Meta:
        verbose_name = _("functie")
        verbose_name_plural = _("functies")
        ordering = ("-van", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(van__lte=models.F("tot")),
                name="adviesraad_functie_van_voor_tot",
            ),
            models.CheckConstraint(
                condition=Q(soort=FunctieSoort.VOORZITTER_AD_INTERIM, uurtarief__isnull=False)
                | (~Q(soort=FunctieSoort.VOORZITTER_AD_INTERIM) & Q(uurtarief__isnull=True)),
                name="adviesraad_functie_uurtarief_alleen_ad_interim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.lid}"

    def is_actief_op(self, op: date) -> bool:
        return self.van <= op and (self.tot is None or op <= self.tot)
