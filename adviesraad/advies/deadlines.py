"""The advice workflow's deadlines, for the reminder engine (hengelo_participatie.notifications).

Discovered by the registry like every ``deadlines.py`` (also in a package of an app).

* ``advies_uiterlijk``: the advice on an open requested or unrequested request is due and it is not
  sent yet. To the supporter(s) and the chair, from ``herinnering_advies_uiterlijk`` before the date
  until the date itself.
* ``goedkeuringsronde_sluit`` (mandatory): an open approval round closes. To every member in the
  round who has not answered yet, from ``herinnering_goedkeuringsronde`` before the closing date.
* ``reactie_college``: the College's response to a sent advice is due or overdue. To the
  supporter(s) and the account holder, from ``herinnering_reactie_college`` before the date until
  the response is recorded (a ``Collegereactie`` exists) or the request leaves ``verzonden``;
  overdue ones only within the scan's catch-up window (``registry.INHAALTERMIJN``), so a response
  that stays overdue for years is not read again every day (it was sent once already).

Lead times are verordening rules (migration 0005); so are the audiences, ``doelgroep_<kind>``
(type ``rollen``, migration 0007): by default the supporter, who "signaleert deadlines en bewaakt
termijnen" (Bijlage 9), with the chair who signs the advice, or with the account holder, the
council's contact in the municipality for the College's answer. Requests are confidential until published, so
their reminders are marked ``vertrouwelijk``: e-mail and iCal then show a neutral line. Each
provider call costs a fixed number of queries, however many requests there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from adviesraad.models.advies import (
    WACHT_OP_COLLEGE,
    Adviesaanvraag,
    Collegereactie,
    Goedkeuring,
    Oordeel,
    Soort,
    Status,
)
from adviesraad.models.college import Bezorging, Bezorgstatus
from adviesraad.models.toezeggingen import OPEN_TOEZEGGING, Toezegging
from hengelo_participatie.core.schrijven import datum_tekst
from hengelo_participatie.notifications.registry import (
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    inhaalgrens,
    link_per_pk,
    rol_ontvangers,
)
from verordening.rules import Sleutel, rule, rules

ADVIES_UITERLIJK = "advies_uiterlijk"
GOEDKEURINGSRONDE_SLUIT = "goedkeuringsronde_sluit"
REACTIE_COLLEGE = "reactie_college"

# Lead times (rules added by verordening migration 0005).
HERINNERING_ADVIES_UITERLIJK = "herinnering_advies_uiterlijk"
HERINNERING_GOEDKEURINGSRONDE = "herinnering_goedkeuringsronde"
HERINNERING_REACTIE_COLLEGE = "herinnering_reactie_college"

#: States in which the advice is not sent yet.
NOG_NIET_VERZONDEN = (
    Status.GEPLAND,
    Status.AANGEKONDIGD,
    Status.DOCUMENTEN_ONTVANGEN,
    Status.IN_VOORBEREIDING,
    Status.ADVIESGESPREK_GEHOUDEN,
    Status.CONCEPT,
    Status.TER_GOEDKEURING,
    Status.VASTGESTELD,
)

ONDERWERP = "adviesraad.adviesaanvraag"


def _vertrouwelijk(aanvraag: Adviesaanvraag) -> bool:
    # The subject of a request is only public once the advice is published.
    return aanvraag.gepubliceerd_op is None


def aanvraag_label(aanvraag: Adviesaanvraag) -> str:
    """How a reminder names the request: "kenmerk titel" once published, before that only the
    reference number. The label is stored in the outbox and shown in e-mails and iCal feeds,
    which leave our control: an unpublished title or summary must never be in it."""
    if _vertrouwelijk(aanvraag):
        return f"Adviesaanvraag {aanvraag.kenmerk}"
    return str(aanvraag)[:200]


def _deadline(
    aanvraag: Adviesaanvraag, *, ontvanger_id: int, soort: str, datum: date, tekst: str
) -> Deadline:
    return next(
        _deadlines(
            aanvraag,
            ontvangers=[ontvanger_id],
            soort=soort,
            datum=datum,
            tekst=tekst,
            link_van=link_per_pk("advies:detail"),
        )
    )


def _deadlines(
    aanvraag: Adviesaanvraag,
    *,
    ontvangers: list[int],
    soort: str,
    datum: date,
    tekst: str,
    link_van: Callable[[int], str],
) -> Iterator[Deadline]:
    """One deadline per recipient; link and label are made once per request, the link from
    ``link_van`` (``registry.link_per_pk``, made once per scan): a scan over many requests spends
    its time here."""
    label = aanvraag_label(aanvraag)
    link = link_van(aanvraag.pk)
    vertrouwelijk = _vertrouwelijk(aanvraag)
    for ontvanger_id in ontvangers:
        yield Deadline(
            ontvanger_id=ontvanger_id,
            soort=soort,
            onderwerp=ONDERWERP,
            onderwerp_id=aanvraag.pk,
            onderwerp_label=label,
            datum=datum,
            link=link,
            tekst=tekst,
            vertrouwelijk=vertrouwelijk,
            kenmerk=aanvraag.kenmerk,
        )


class AdviesUiterlijk(DeadlineProvider):
    kind = ADVIES_UITERLIJK
    label = gettext_noop("Uiterste datum van een advies")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_ADVIES_UITERLIJK, doelgroep_sleutel(self.kind), on=on)
        lead = regels[HERINNERING_ADVIES_UITERLIJK].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        aanvragen = Adviesaanvraag.objects.filter(
            soort__in=[Soort.GEVRAAGD, Soort.ONGEVRAAGD],
            status__in=NOG_NIET_VERZONDEN,
            advies_uiterlijk__gte=on,
            # A generous SQL range; the exact calendar window is checked per request below.
            advies_uiterlijk__lte=lead.na(on) + timedelta(days=3),
        ).order_by("advies_uiterlijk", "pk")
        ontvangers: list[int] | None = None
        link_van = link_per_pk("advies:detail")
        for aanvraag in aanvragen:
            uiterlijk = aanvraag.advies_uiterlijk
            if not lead.voor(uiterlijk) <= on:
                continue
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            yield from _deadlines(
                aanvraag,
                ontvangers=ontvangers,
                soort=self.kind,
                datum=uiterlijk,
                tekst=f"Het advies moet uiterlijk {datum_tekst(uiterlijk)} naar het college.",
                link_van=link_van,
            )


class GoedkeuringsrondeSluit(DeadlineProvider):
    kind = GOEDKEURINGSRONDE_SLUIT
    label = gettext_noop("Einde van een goedkeuringsronde")
    mandatory = True

    def deadlines(self, on: date) -> Iterator[Deadline]:
        lead = rule(HERINNERING_GOEDKEURINGSRONDE, on=on).waarde
        open_goedkeuringen = (
            Goedkeuring.objects.filter(
                oordeel=Oordeel.OPEN,
                lid__user__is_active=True,
                ronde__gesloten_op__isnull=True,
                ronde__advies__aanvraag__status=Status.TER_GOEDKEURING,
                ronde__deadline__gte=on,
                ronde__deadline__lte=lead.na(on) + timedelta(days=3),
            )
            .select_related("lid", "ronde__advies__aanvraag")
            .order_by("ronde__deadline", "ronde_id", "lid__user_id")
        )
        for goedkeuring in open_goedkeuringen:
            ronde = goedkeuring.ronde
            if not lead.voor(ronde.deadline) <= on:
                continue
            yield _deadline(
                ronde.advies.aanvraag,
                ontvanger_id=goedkeuring.lid.user_id,
                soort=self.kind,
                datum=ronde.deadline,
                tekst=(
                    "Geef uiterlijk "
                    f"{datum_tekst(ronde.deadline)} aan of u akkoord bent met het conceptadvies."
                ),
            )


def _reactie_tekst(uiterlijk: date, on: date) -> str:
    if uiterlijk < on:
        return (
            f"Het college had uiterlijk {datum_tekst(uiterlijk)} moeten reageren op het advies. "
            "Er is nog geen reactie."
        )
    return f"Het college moet uiterlijk {datum_tekst(uiterlijk)} reageren op het advies."


class ReactieCollege(DeadlineProvider):
    kind = REACTIE_COLLEGE
    label = gettext_noop("Reactie van het college op een advies")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_REACTIE_COLLEGE, doelgroep_sleutel(self.kind), on=on)
        lead = regels[HERINNERING_REACTIE_COLLEGE].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        # Due within the lead time, or overdue (within the catch-up window): the outbox sends each
        # one once. A recorded response does not change the status by itself, so it is checked
        # separately.
        beantwoord = Collegereactie.objects.filter(advies__aanvraag=OuterRef("pk"))
        aanvragen = (
            Adviesaanvraag.objects.filter(
                status__in=WACHT_OP_COLLEGE,
                reactie_uiterlijk__gte=inhaalgrens(on),
                reactie_uiterlijk__lte=lead.na(on) + timedelta(days=3),
            )
            .exclude(Exists(beantwoord))
            .order_by("reactie_uiterlijk", "pk")
            # Only what a reminder shows (label, confidentiality, date): no long texts per row.
            .only("pk", "kenmerk", "titel", "gepubliceerd_op", "reactie_uiterlijk")
        )
        ontvangers: list[int] | None = None
        link_van = link_per_pk("advies:detail")
        teksten: dict[date, str] = {}  # one formatted date per day, not per request
        for aanvraag in aanvragen.iterator(chunk_size=2000):
            uiterlijk = aanvraag.reactie_uiterlijk
            if not lead.voor(uiterlijk) <= on:
                continue
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            if uiterlijk not in teksten:
                teksten[uiterlijk] = _reactie_tekst(uiterlijk, on)
            yield from _deadlines(
                aanvraag,
                ontvangers=ontvangers,
                soort=self.kind,
                datum=uiterlijk,
                tekst=teksten[uiterlijk],
                link_van=link_van,
            )


# --- Issue 14: an overdue response, its escalation, a delivery that did not arrive ----------------
REACTIE_COLLEGE_TE_LAAT = "reactie_college_te_laat"
REACTIE_COLLEGE_ESCALATIE = "reactie_college_escalatie"
BEZORGING_MISLUKT = "bezorging_mislukt"


def _wacht_op_reactie() -> QuerySet[Adviesaanvraag]:
    beantwoord = Collegereactie.objects.filter(advies__aanvraag=OuterRef("pk"))
    return (
        Adviesaanvraag.objects.filter(status__in=WACHT_OP_COLLEGE, reactie_uiterlijk__isnull=False)
        .exclude(Exists(beantwoord))
        .order_by("reactie_uiterlijk", "pk")
    )


class ReactieCollegeTeLaat(DeadlineProvider):
    """The College's response is overdue: to the account holder (``doelgroep_<kind>``), once per
    response date (an extension gives a new date, so a new reminder when that one passes)."""

    kind = REACTIE_COLLEGE_TE_LAAT
    label = gettext_noop("De reactie van het college is te laat")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        doelgroep = rule(doelgroep_sleutel(self.kind), on=on).waarde
        ontvangers: list[int] | None = None
        te_laat = _wacht_op_reactie().filter(
            reactie_uiterlijk__lt=on, reactie_uiterlijk__gte=inhaalgrens(on)
        )
        for aanvraag in te_laat:
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            uiterlijk = aanvraag.reactie_uiterlijk
            for ontvanger_id in ontvangers:
                yield _deadline(
                    aanvraag,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=uiterlijk,
                    tekst=(
                        f"De reactie van het college is te laat: die moest er uiterlijk "
                        f"{datum_tekst(uiterlijk)} zijn. Vraag het college om de reactie."
                    ),
                )


class ReactieCollegeEscalatie(DeadlineProvider):
    """Still no response ``escalatie_reactie_college`` after the date: to the chair as well."""

    kind = REACTIE_COLLEGE_ESCALATIE
    label = gettext_noop("De reactie van het college blijft lang uit")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(Sleutel.ESCALATIE_REACTIE_COLLEGE, doelgroep_sleutel(self.kind), on=on)
        wachttijd = regels[Sleutel.ESCALATIE_REACTIE_COLLEGE].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        ontvangers: list[int] | None = None
        # Only escalations that fall due within the scan's catch-up window (each is sent once).
        grens = inhaalgrens(on)
        kandidaten = _wacht_op_reactie().filter(
            reactie_uiterlijk__lt=on,
            reactie_uiterlijk__gte=wachttijd.voor(grens) - timedelta(days=1),
        )
        for aanvraag in kandidaten:
            uiterlijk = aanvraag.reactie_uiterlijk
            if not grens <= wachttijd.na(uiterlijk) <= on:
                continue
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            for ontvanger_id in ontvangers:
                yield _deadline(
                    aanvraag,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=uiterlijk,
                    tekst=(
                        f"Het college heeft nog steeds niet gereageerd (uiterlijk "
                        f"{datum_tekst(uiterlijk)}). Bespreek dit met de accounthouder of "
                        "verleng de termijn."
                    ),
                )


class BezorgingMislukt(DeadlineProvider):
    """An advice or raadsvoorlegger that could not be delivered: to the supporter, who sends it
    again from the advice page. Also what the dashboard shows (it reads the providers)."""

    kind = BEZORGING_MISLUKT
    label = gettext_noop("Een advies is niet aangekomen bij het college of de griffie")
    mandatory = True

    def deadlines(self, on: date) -> Iterator[Deadline]:
        doelgroep = rule(doelgroep_sleutel(self.kind), on=on).waarde
        mislukt = (
            Bezorging.objects.filter(status=Bezorgstatus.MISLUKT)
            .select_related("aanvraag")
            .order_by("aangemaakt_op", "pk")
        )
        ontvangers: list[int] | None = None
        for bezorging in mislukt:
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            for ontvanger_id in ontvangers:
                yield _deadline(
                    bezorging.aanvraag,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=timezone.localdate(bezorging.aangemaakt_op),
                    tekst=(
                        f"Het versturen is niet gelukt ({bezorging.get_stuk_display()}). "
                        "Stuur het opnieuw vanaf de pagina van het advies."
                    ),
                )


# --- Issue 14: follow-up of adopted points ---------------------------------------------------------
TOEZEGGING_VERLOPEN = "toezegging_verlopen"
TOEZEGGING_STAND_GEVRAAGD = "toezegging_stand_gevraagd"


def _toezegging_deadline(
    t: Toezegging, *, ontvanger_id: int, soort: str, datum: date, tekst: str
) -> Deadline:
    aanvraag = t.aanvraag
    return Deadline(
        ontvanger_id=ontvanger_id,
        soort=soort,
        onderwerp="adviesraad.toezegging",
        onderwerp_id=t.pk,
        onderwerp_label=f"{aanvraag_label(aanvraag)}, punt {t.punt.nummer}"[:200],
        datum=datum,
        link=reverse("advies:toezegging", args=[t.pk]),
        tekst=tekst,
        vertrouwelijk=_vertrouwelijk(aanvraag),
        kenmerk=aanvraag.kenmerk,
    )


class ToezeggingVerlopen(DeadlineProvider):
    """An adopted point's expected date passed without "uitgevoerd": to the account holder."""

    kind = TOEZEGGING_VERLOPEN
    label = gettext_noop("Een toezegging van het college is over de verwachte datum")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        doelgroep = rule(doelgroep_sleutel(self.kind), on=on).waarde
        verlopen = (
            Toezegging.objects.filter(
                status__in=OPEN_TOEZEGGING, verwacht_op__lt=on, verwacht_op__gte=inhaalgrens(on)
            )
            .select_related("aanvraag", "punt")
            .order_by("verwacht_op", "pk")
        )
        ontvangers: list[int] | None = None
        for t in verlopen:
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            for ontvanger_id in ontvangers:
                yield _toezegging_deadline(
                    t,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=t.verwacht_op,  # type: ignore[arg-type]
                    tekst=(
                        f"Een toezegging had uiterlijk {datum_tekst(t.verwacht_op)} klaar moeten "
                        "zijn. Leg de stand vast."
                    ),
                )


class ToezeggingStandGevraagd(DeadlineProvider):
    """The chair asked for an update of a follow-up: to the account holder until a note answers."""

    kind = TOEZEGGING_STAND_GEVRAAGD
    label = gettext_noop("De voorzitter vraagt de stand van een toezegging")
    mandatory = True

    def deadlines(self, on: date) -> Iterator[Deadline]:
        doelgroep = rule(doelgroep_sleutel(self.kind), on=on).waarde
        gevraagd = (
            Toezegging.objects.filter(stand_gevraagd_op__isnull=False, stand_gevraagd_op__lte=on)
            .select_related("aanvraag", "punt")
            .order_by("stand_gevraagd_op", "pk")
        )
        ontvangers: list[int] | None = None
        for t in gevraagd:
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            for ontvanger_id in ontvangers:
                yield _toezegging_deadline(
                    t,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=t.stand_gevraagd_op,  # type: ignore[arg-type]
                    tekst="De voorzitter vraagt hoe het staat met een toezegging van het college.",
                )


PROVIDERS = [
    AdviesUiterlijk(),
    GoedkeuringsrondeSluit(),
    ReactieCollege(),
    ReactieCollegeTeLaat(),
    ReactieCollegeEscalatie(),
    BezorgingMislukt(),
    ToezeggingVerlopen(),
    ToezeggingStandGevraagd(),
]
