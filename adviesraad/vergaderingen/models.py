"""Meetings (§4.2.2, Bijlage 8 and 9) and attendance.

* ``Vergadering``: one meeting of one of the seed's types, with date, time and place (or an
  online link). The agenda, documents, minutes, actions and decisions hang off it.
* ``Deelname``: one invited person at one meeting: what they said in advance (``aanmelding``)
  and what the supporter recorded afterwards (``aanwezigheid``). The allowance builds on the
  recorded attendance.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
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


#: Types that usually deal with a confidential advice request (a concept policy): a new meeting of
#: one of these types is confidential unless the keeper says otherwise
#: (``services.vergadering_aanmaken``).
VERTROUWELIJKE_SOORTEN = frozenset({Soort.MEEDENKSESSIE, Soort.TOELICHTING, Soort.ADVIESGESPREK})


def standaard_vertrouwelijk(soort: str) -> bool:
    """Is a new meeting of type ``soort`` confidential when nobody chose?"""
    return soort in VERTROUWELIJKE_SOORTEN


#: Meetings with the College side where agreements can change the samenwerkingsafspraken.
AFSPRAKEN_SOORTEN = ("wethoudersgesprek", "voorzittersoverleg")


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
    #: The title may reveal a confidential advice request: e-mails (reminders, the invitation) and
    #: the iCal feed then show a neutral text. The portal still shows the title to participants.
    vertrouwelijk = models.BooleanField(
        _("vertrouwelijk: titel niet tonen in e-mails en agenda-apps"), default=False
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
        # The local day (Europe/Amsterdam): a meeting just after midnight is on that day.
        return f"{self.titel} ({timezone.localtime(self.begin):%d-%m-%Y})"


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


# --- Agenda, documents, minutes, actions, decisions, recusal -------------------------------------
class Agendapunt(models.Model):
    """One item on a meeting's agenda, optionally about one advice request."""

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="agendapunten"
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    adviesaanvraag = models.ForeignKey(
        "adviesraad.Adviesaanvraag",
        verbose_name=_("adviesaanvraag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agendapunten",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["vergadering", "volgorde", "pk"]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.titel}"


class Vergaderstuk(models.Model):
    """A document for a meeting. The file lives in ``hengelo_participatie.files`` (object grants)."""

    vergadering = models.ForeignKey(Vergadering, on_delete=models.CASCADE, related_name="stukken")
    agendapunt = models.ForeignKey(
        Agendapunt,
        verbose_name=_("agendapunt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stukken",
    )
    titel = models.CharField(_("titel"), max_length=200)
    bestand = models.ForeignKey(
        "files.Bestand", verbose_name=_("bestand"), on_delete=models.PROTECT, related_name="+"
    )
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=True)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergaderstuk")
        verbose_name_plural = _("vergaderstukken")
        ordering = ["vergadering", "pk"]

    def __str__(self) -> str:
        return self.titel


class NotulenStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    VASTGESTELD = "vastgesteld", _("vastgesteld")


class Notulen(models.Model):
    """The minutes of one meeting: a concept until a later meeting approves them."""

    vergadering = models.OneToOneField(
        Vergadering, on_delete=models.CASCADE, related_name="notulen"
    )
    #: Sanitised HTML (``opmaak.opschonen``): a few tags, no attributes, no links.
    tekst = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=12, choices=NotulenStatus.choices, default=NotulenStatus.CONCEPT
    )
    vastgesteld_in = models.ForeignKey(
        Vergadering,
        verbose_name=_("vastgesteld in de vergadering"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vastgestelde_notulen",
    )
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    geschreven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notulen")
        verbose_name_plural = _("notulen")

    def __str__(self) -> str:
        return f"Notulen {self.vergadering}"


class Actiepunt(models.Model):
    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="actiepunten"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie pakt het op"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actiepunten",
    )
    uiterlijk = models.DateField(_("klaar op"), null=True, blank=True)
    afgerond = models.BooleanField(_("klaar"), default=False)
    afgerond_op = models.DateField(_("klaar sinds"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["afgerond", "uiterlijk", "pk"]

    def __str__(self) -> str:
        return self.omschrijving[:80]


class Besluit(models.Model):
    vergadering = models.ForeignKey(Vergadering, on_delete=models.CASCADE, related_name="besluiten")
    agendapunt = models.ForeignKey(
        Agendapunt,
        verbose_name=_("agendapunt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="besluiten",
    )
    tekst = models.TextField(_("besluit"))
    #: An agreement made with the aldermen (§4.2.1 f4) or at the chair's consultation can change
    #: the working agreements: the version it changes (jaarcyclus, issue 13).
    samenwerkingsafspraken = models.ForeignKey(
        "verordening.Samenwerkingsafspraken",
        verbose_name=_("wijzigt de samenwerkingsafspraken"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["vergadering", "pk"]

    def __str__(self) -> str:
        return self.tekst[:80]


class Verschoning(models.Model):
    """A participant does not take part in one agenda item (recusal), with the reason."""

    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.CASCADE, related_name="verschoningen"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verschoningen"
    )
    reden = models.CharField(_("reden"), max_length=300)
    #: The declared conflict it comes from (``adviesraad.Belangmelding``), if any.
    belangmelding = models.ForeignKey(
        "adviesraad.Belangmelding",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verschoning")
        verbose_name_plural = _("verschoningen")
        constraints = [
            models.UniqueConstraint(
                fields=["agendapunt", "gebruiker"], name="verschoning_een_per_punt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} bij {self.agendapunt}"
