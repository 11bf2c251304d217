"""The advice workflow's deadlines, for the reminder engine (hengelo_participatie.notifications).

Discovered by the registry like every ``deadlines.py`` (also in a package of an app).

* ``advies_uiterlijk``: the advice on an open requested or unrequested request is due and it is not
  sent yet. To the supporter(s) and the chair, from ``herinnering_advies_uiterlijk`` before the date
  until the date itself.
* ``goedkeuringsronde_sluit`` (mandatory): an open approval round closes. To every member in the
  round who has not answered yet, from ``herinnering_goedkeuringsronde`` before the closing date.
* ``reactie_college``: the College's response to a sent advice is due or overdue. To the
  supporter(s) and the account holder, from ``herinnering_reactie_college`` before the date until
  the response is recorded (a ``Collegereactie`` exists) or the request leaves ``verzonden``.

Lead times are verordening rules (migration 0005); so are the audiences, ``doelgroep_<kind>``
(type ``rollen``, migration 0007): by default the supporter, who "signaleert deadlines en bewaakt
termijnen" (Bijlage 9), with the chair who signs the advice, or with the account holder, the
council's contact in the municipality for the College's answer. Requests are confidential until published, so
their reminders are marked ``vertrouwelijk``: e-mail and iCal then show a neutral line. Each
provider call costs a fixed number of queries, however many requests there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
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
from hengelo_participatie.core.schrijven import datum_tekst
from hengelo_participatie.notifications.registry import (
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    rol_ontvangers,
)
from verordening.rules import rule, rules

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
    return Deadline(
        ontvanger_id=ontvanger_id,
        soort=soort,
        onderwerp=ONDERWERP,
        onderwerp_id=aanvraag.pk,
        onderwerp_label=aanvraag_label(aanvraag),
        datum=datum,
        link=reverse("advies:detail", args=[aanvraag.pk]),
        tekst=tekst,
        vertrouwelijk=_vertrouwelijk(aanvraag),
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
        for aanvraag in aanvragen:
            uiterlijk = aanvraag.advies_uiterlijk
            if not lead.voor(uiterlijk) <= on:
                continue
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            for ontvanger_id in ontvangers:
                yield _deadline(
                    aanvraag,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=uiterlijk,
                    tekst=f"Het advies moet uiterlijk {datum_tekst(uiterlijk)} naar het college.",
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


class ReactieCollege(DeadlineProvider):
    kind = REACTIE_COLLEGE
    label = gettext_noop("Reactie van het college op een advies")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_REACTIE_COLLEGE, doelgroep_sleutel(self.kind), on=on)
        lead = regels[HERINNERING_REACTIE_COLLEGE].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        # Due within the lead time, or overdue: the outbox sends each one once. A recorded
        # response does not change the status by itself, so it is checked separately.
        beantwoord = Collegereactie.objects.filter(advies__aanvraag=OuterRef("pk"))
        aanvragen = (
            Adviesaanvraag.objects.filter(
                status__in=WACHT_OP_COLLEGE,
                reactie_uiterlijk__lte=lead.na(on) + timedelta(days=3),
            )
            .exclude(Exists(beantwoord))
            .order_by("reactie_uiterlijk", "pk")
        )
        ontvangers: list[int] | None = None
        for aanvraag in aanvragen:
            uiterlijk = aanvraag.reactie_uiterlijk
            if not lead.voor(uiterlijk) <= on:
                continue
            if ontvangers is None:
                ontvangers = rol_ontvangers(doelgroep, RolOntvangers())
            if uiterlijk < on:
                tekst = (
                    f"Het college had uiterlijk {datum_tekst(uiterlijk)} moeten reageren op het advies. "
                    "Er is nog geen reactie."
                )
            else:
                tekst = (
                    f"Het college moet uiterlijk {datum_tekst(uiterlijk)} reageren op het advies."
                )
            for ontvanger_id in ontvangers:
                yield _deadline(
                    aanvraag,
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    datum=uiterlijk,
                    tekst=tekst,
                )


PROVIDERS = [AdviesUiterlijk(), GoedkeuringsrondeSluit(), ReactieCollege()]
