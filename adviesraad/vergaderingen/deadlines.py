"""The deadlines of meetings, for the reminder engine (hengelo_participatie.notifications).

Every lead time, cycle and audience is a verordening rule asked on the scan date (migration 0007
of verordening, plus ``stukken_voor_vergadering`` of migration 0003). Days are local days in
Europe/Amsterdam: a meeting at 00:30 on 1 April is on 1 April, also across a DST change.

* ``stukken_versturen``: the invitation with the documents of a planned meeting must go out
  ``stukken_voor_vergadering`` (7 days) before the meeting day. To ``doelgroep_stukken_versturen``
  (the supporter, who sends it), from ``herinnering_stukken_versturen`` before that date until the
  day before the meeting, as long as ``uitnodiging_verzonden_op`` is empty.
* ``vergadering_morgen``: to each participant (``Deelname``) who did not say "ik kom niet", on
  the day ``herinnering_vergadering_morgen`` (1 day) before a planned meeting. ``betrokkene`` in
  ``doelgroep_vergadering_morgen`` means these participants; roles added to that rule get it too.
* ``aanmelding_doorgeven``: to each participant who has not said yet whether they come, from
  ``herinnering_aanmelding_doorgeven`` (7 days) before a planned meeting until the day before.
  Only that participant can answer, so there is no audience rule.
* ``stukken_lezen``: once the invitation with the documents is sent, to each participant who did
  not say "ik kom niet", from ``herinnering_stukken_lezen`` (7 days) before the meeting until the
  day before: read the documents. The reminder names no document (some are confidential).
* ``voorzittersoverleg_plannen``, ``collegepresentatie_plannen``, ``politieke_markt_plannen``:
  the half-yearly chair consultation, the yearly College presentation and the politieke markt
  (advice §4.2: "minimaal 1 keer per half jaar", "Eén keer per jaar", "1 keer per jaar"). The next
  one is due one ``cyclus_<soort>`` after the last one held (the latest non-cancelled meeting of
  that type before today; before any was held: after the verordening came into force). From
  ``herinnering_<soort>`` before that date, as long as none is planned (a non-cancelled meeting of
  that type today or later), the chair and the account holder are reminded to plan it.
* ``wethoudersgesprek_plannen``: the same for the council's conversation with the aldermen
  (§4.2.1 f4: "1 à 2 keer per jaar"; rule ``cyclus_wethoudersgesprek``, default 12 months).

Each provider call costs a fixed number of queries, however many meetings there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from hengelo_participatie.core.schrijven import datum_tekst
from hengelo_participatie.notifications.registry import (
    BETROKKENE,
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    portaal_link,
    rol_ontvangers,
    rol_ontvangers_met_beheer,
)
from verordening.deadlines import cyclus_van
from verordening.rules import Sleutel, rules
from verordening.selectors import verordening_op

from .models import Aanmelding, Deelname, Soort, Status, Vergadering, Vergaderstuk
from .policies import vergadering_policy

STUKKEN_VERSTUREN = "stukken_versturen"
VERGADERING_MORGEN = "vergadering_morgen"
AANMELDING_DOORGEVEN = "aanmelding_doorgeven"
STUKKEN_LEZEN = "stukken_lezen"
VOORZITTERSOVERLEG_PLANNEN = "voorzittersoverleg_plannen"
COLLEGEPRESENTATIE_PLANNEN = "collegepresentatie_plannen"
POLITIEKE_MARKT_PLANNEN = "politieke_markt_plannen"
WETHOUDERSGESPREK_PLANNEN = "wethoudersgesprek_plannen"

HERINNERING_STUKKEN_VERSTUREN = "herinnering_stukken_versturen"
HERINNERING_VERGADERING_MORGEN = "herinnering_vergadering_morgen"
HERINNERING_AANMELDING_DOORGEVEN = "herinnering_aanmelding_doorgeven"
HERINNERING_STUKKEN_LEZEN = "herinnering_stukken_lezen"

ONDERWERP = "vergaderingen.vergadering"
#: Slack on SQL date ranges; the exact calendar window is checked per meeting.
MARGE = timedelta(days=3)


def _dag_begin(d: date) -> datetime:
    """Midnight at the start of the local day ``d``, as an aware datetime."""
    return timezone.make_aware(datetime.combine(d, time.min))


def lokale_dag(moment: datetime) -> date:
    return timezone.localdate(moment)


def vergadering_link(vergadering: Vergadering, *, beheer: bool = False) -> str:
    """The meeting's page in the portal, else (for admin roles) in the admin, else the portal.

    The meetings app is being built alongside; this takes whichever page exists.
    """
    namen = ["vergaderingen:detail"]
    if beheer:
        namen.append("admin:vergaderingen_vergadering_change")
    for naam in namen:
        try:
            return reverse(naam, args=[vergadering.pk])
        except NoReverseMatch:
            continue
    return portaal_link()


def plan_link() -> str:
    """Where a meeting is planned (the portal's "new meeting" page), else the portal."""
    try:
        return reverse("vergaderingen:nieuw")
    except NoReverseMatch:
        return portaal_link()


#: How a confidential meeting is named in a reminder (the title may reveal a concept policy).
VERTROUWELIJKE_NAAM = "een vertrouwelijke vergadering"


def vergadering_label(vergadering: Vergadering) -> str:
    """Title and local day: "Vergadering adviesraad (01-04-2027)"; without the title when the
    meeting is confidential: "Vertrouwelijke vergadering (01-04-2027)"."""
    naam = "Vertrouwelijke vergadering" if vergadering.vertrouwelijk else vergadering.titel
    return f"{naam} ({lokale_dag(vergadering.begin):%d-%m-%Y})"[:200]


def vergadering_naam(vergadering: Vergadering) -> str:
    """The meeting in a reminder's sentence: „title”, or a neutral name when confidential."""
    return VERTROUWELIJKE_NAAM if vergadering.vertrouwelijk else f"„{vergadering.titel}”"


def _geplande(van: date, tot: date) -> Q:
    """Planned meetings that start on a local day in ``[van, tot)``."""
    return Q(status=Status.GEPLAND, begin__gte=_dag_begin(van), begin__lt=_dag_begin(tot))


class StukkenVersturen(DeadlineProvider):
    kind = STUKKEN_VERSTUREN
    label = gettext_noop("Uitnodiging en stukken voor een vergadering versturen")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(
            Sleutel.STUKKEN_VOOR_VERGADERING,
            HERINNERING_STUKKEN_VERSTUREN,
            doelgroep_sleutel(self.kind),
            on=on,
        )
        stukken = regels[Sleutel.STUKKEN_VOOR_VERGADERING].waarde
        lead = regels[HERINNERING_STUKKEN_VERSTUREN].waarde
        horizon = stukken.na(lead.na(on)) + MARGE
        vergaderingen = Vergadering.objects.filter(
            _geplande(on + timedelta(days=1), horizon), uitnodiging_verzonden_op__isnull=True
        ).order_by("begin", "pk")
        ontvangers: dict[int, bool] | None = None
        for vergadering in vergaderingen:
            dag = lokale_dag(vergadering.begin)
            uiterlijk = stukken.voor(dag)
            if not lead.voor(uiterlijk) <= on < dag:
                continue
            if ontvangers is None:
                ontvangers = rol_ontvangers_met_beheer(
                    regels[doelgroep_sleutel(self.kind)].waarde, RolOntvangers()
                )
            if uiterlijk < on:
                tekst = (
                    f"De uitnodiging en stukken voor {vergadering_naam(vergadering)} op "
                    f"{datum_tekst(dag)} hadden uiterlijk {datum_tekst(uiterlijk)} verstuurd moeten worden. Verstuur ze nu."
                )
            else:
                tekst = (
                    f"Verstuur de uitnodiging en stukken voor {vergadering_naam(vergadering)} op "
                    f"{datum_tekst(dag)} uiterlijk {datum_tekst(uiterlijk)}."
                )
            for ontvanger_id, beheer in ontvangers.items():
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp=ONDERWERP,
                    onderwerp_id=vergadering.pk,
                    onderwerp_label=vergadering_label(vergadering),
                    datum=uiterlijk,
                    link=vergadering_link(vergadering, beheer=beheer),
                    tekst=tekst,
                    vertrouwelijk=vergadering.vertrouwelijk,
                )


def _wanneer(dag: date, on: date, begin: datetime) -> str:
    tijd = timezone.localtime(begin).strftime("%H:%M")
    if dag == on + timedelta(days=1):
        return f"Morgen om {tijd} uur"
    return f"Op {date_format(dag, 'l j F')} om {tijd} uur"


class VergaderingMorgen(DeadlineProvider):
    kind = VERGADERING_MORGEN
    label = gettext_noop("Vergadering morgen")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(HERINNERING_VERGADERING_MORGEN, doelgroep_sleutel(self.kind), on=on)
        lead = regels[HERINNERING_VERGADERING_MORGEN].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        vergaderingen = Vergadering.objects.filter(
            _geplande(on + timedelta(days=1), lead.na(on) + MARGE)
        ).order_by("begin", "pk")
        if BETROKKENE in doelgroep:  # else the participants are not needed: no query for them
            # Only participants who may still see meetings (not a member whose term ended).
            deelnemers = (
                Deelname.objects.exclude(aanmelding=Aanmelding.KOMT_NIET)
                .filter(gebruiker__in=vergadering_policy.gebruikers_met_toegang().values("pk"))
                .order_by("gebruiker_id")
            )
            vergaderingen = vergaderingen.prefetch_related(
                Prefetch("deelnames", queryset=deelnemers, to_attr="komende")
            )
        rollen: dict[int, bool] | None = None
        for vergadering in vergaderingen:
            dag = lokale_dag(vergadering.begin)
            if not lead.voor(dag) <= on < dag:
                continue
            ontvangers: dict[int, bool] = {}
            if BETROKKENE in doelgroep:
                komende: list[Deelname] = getattr(vergadering, "komende", [])
                ontvangers.update((d.gebruiker_id, False) for d in komende)
            if rollen is None:
                rollen = rol_ontvangers_met_beheer(doelgroep, RolOntvangers())
            for user_id, beheer in rollen.items():
                ontvangers[user_id] = ontvangers.get(user_id, False) or beheer
            plaats = vergadering.locatie or ("online" if vergadering.online_link else "")
            naam = VERTROUWELIJKE_NAAM if vergadering.vertrouwelijk else vergadering.titel
            tekst = f"{_wanneer(dag, on, vergadering.begin)}: {naam}"
            tekst += f", {plaats}." if plaats else "."
            for ontvanger_id in sorted(ontvangers):
                yield Deadline(
                    ontvanger_id=ontvanger_id,
                    soort=self.kind,
                    onderwerp=ONDERWERP,
                    onderwerp_id=vergadering.pk,
                    onderwerp_label=vergadering_label(vergadering),
                    datum=dag,
                    link=vergadering_link(vergadering, beheer=ontvangers[ontvanger_id]),
                    tekst=tekst,
                    vertrouwelijk=vergadering.vertrouwelijk,
                )


class _PerDeelnemer(DeadlineProvider):
    """A reminder to each participant of a planned meeting (``deelnames``), from the lead time
    ``lead_regel`` before the meeting until the day before it."""

    lead_regel: str

    def deelnames(self) -> QuerySet[Deelname]:
        raise NotImplementedError

    def tekst(self, vergadering: Vergadering, dag: date) -> str:
        raise NotImplementedError

    def anker(self) -> str:
        return ""

    def deadlines(self, on: date) -> Iterator[Deadline]:
        lead = rules(self.lead_regel, on=on)[self.lead_regel].waarde
        deelnames = (
            self.deelnames()
            .filter(
                # Only participants who may still see meetings (not a member whose term ended).
                gebruiker__in=vergadering_policy.gebruikers_met_toegang().values("pk"),
                vergadering__in=Vergadering.objects.filter(
                    _geplande(on + timedelta(days=1), lead.na(on) + MARGE)
                ),
            )
            .select_related("vergadering")
            .order_by("vergadering__begin", "vergadering_id", "gebruiker_id")
        )
        for deelname in deelnames:
            vergadering = deelname.vergadering
            dag = lokale_dag(vergadering.begin)
            if not lead.voor(dag) <= on < dag:
                continue
            yield Deadline(
                ontvanger_id=deelname.gebruiker_id,
                soort=self.kind,
                onderwerp=ONDERWERP,
                onderwerp_id=vergadering.pk,
                onderwerp_label=vergadering_label(vergadering),
                datum=dag,
                link=f"{vergadering_link(vergadering)}{self.anker()}",
                tekst=self.tekst(vergadering, dag),
                vertrouwelijk=vergadering.vertrouwelijk,
            )


class AanmeldingDoorgeven(_PerDeelnemer):
    kind = AANMELDING_DOORGEVEN
    label = gettext_noop("Doorgeven of u naar een vergadering komt")
    mandatory = False
    lead_regel = HERINNERING_AANMELDING_DOORGEVEN

    def deelnames(self) -> QuerySet[Deelname]:
        return Deelname.objects.filter(aanmelding=Aanmelding.ONBEKEND)

    def tekst(self, vergadering: Vergadering, dag: date) -> str:
        return f"Geef uiterlijk {datum_tekst(dag)} door of u naar {vergadering_naam(vergadering)} komt."

    def anker(self) -> str:
        return "#aanmelden"


class StukkenLezen(_PerDeelnemer):
    kind = STUKKEN_LEZEN
    label = gettext_noop("De stukken lezen voor een vergadering")
    mandatory = False
    lead_regel = HERINNERING_STUKKEN_LEZEN

    def deelnames(self) -> QuerySet[Deelname]:
        return Deelname.objects.exclude(aanmelding=Aanmelding.KOMT_NIET).filter(
            Exists(Vergaderstuk.objects.filter(vergadering=OuterRef("vergadering_id"))),
            vergadering__uitnodiging_verzonden_op__isnull=False,
        )

    def tekst(self, vergadering: Vergadering, dag: date) -> str:
        return f"Lees de stukken voor {vergadering_naam(vergadering)} uiterlijk {datum_tekst(dag)}."


class PeriodiekOverleg(DeadlineProvider):
    """A meeting that must come round every cycle: remind to plan the next one in time."""

    mandatory = False

    def __init__(self, *, kind: str, label: str, soort: Soort, wat: str) -> None:
        self.kind = kind
        self.label = label
        self.soort = soort
        self.wat = wat
        self.cyclus = f"cyclus_{soort.value}"
        self.lead = f"herinnering_{soort.value}"

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(self.cyclus, self.lead, doelgroep_sleutel(self.kind), on=on)
        cyclus = cyclus_van(regels[self.cyclus])
        laatste = (
            Vergadering.objects.filter(soort=self.soort)
            .exclude(status=Status.GEANNULEERD)
            .order_by("-begin", "-pk")
            .first()
        )
        if laatste is not None and laatste.begin >= _dag_begin(on):
            return  # the next one is planned
        if laatste is not None:
            onderwerp, onderwerp_id = ONDERWERP, laatste.pk
            vertrouwelijk = laatste.vertrouwelijk
            basis = lokale_dag(laatste.begin)
        else:
            verordening = verordening_op(on)
            if verordening is None:
                return
            onderwerp, onderwerp_id = "verordening.verordening", verordening.pk
            vertrouwelijk = False
            basis = verordening.in_werking_vanaf
        uiterlijk = cyclus.na(basis)
        if regels[self.lead].waarde.voor(uiterlijk) > on:
            return
        if uiterlijk < on:
            tekst = (
                f"{self.wat} had uiterlijk {datum_tekst(uiterlijk)} plaats moeten vinden. Plan het zo "
                "snel mogelijk."
            )
        else:
            tekst = f"{self.wat} moet uiterlijk {datum_tekst(uiterlijk)} plaatsvinden. Plan het op tijd."
        tekst += " Er is nog niets gepland."
        for ontvanger_id in rol_ontvangers(
            regels[doelgroep_sleutel(self.kind)].waarde, RolOntvangers()
        ):
            yield Deadline(
                ontvanger_id=ontvanger_id,
                soort=self.kind,
                onderwerp=onderwerp,
                onderwerp_id=onderwerp_id,
                onderwerp_label=f"{self.label} (uiterlijk {uiterlijk:%d-%m-%Y})"[:200],
                datum=uiterlijk,
                link=plan_link(),
                tekst=tekst,
                vertrouwelijk=vertrouwelijk,
            )


PROVIDERS = [
    StukkenVersturen(),
    VergaderingMorgen(),
    AanmeldingDoorgeven(),
    StukkenLezen(),
    PeriodiekOverleg(
        kind=VOORZITTERSOVERLEG_PLANNEN,
        label=gettext_noop(
            "Halfjaarlijks overleg van voorzitter, wethouders en accounthouder plannen"
        ),
        soort=Soort.VOORZITTERSOVERLEG,
        wat="Het halfjaarlijkse overleg van de voorzitter met de wethouders en de accounthouder",
    ),
    PeriodiekOverleg(
        kind=COLLEGEPRESENTATIE_PLANNEN,
        label=gettext_noop("Jaarlijkse presentatie aan het college plannen"),
        soort=Soort.COLLEGEPRESENTATIE,
        wat="De jaarlijkse presentatie van de adviesraad aan het college",
    ),
    PeriodiekOverleg(
        kind=POLITIEKE_MARKT_PLANNEN,
        label=gettext_noop("Politieke markt plannen"),
        soort=Soort.POLITIEKE_MARKT,
        wat="De jaarlijkse bijdrage van de adviesraad aan de politieke markt",
    ),
    PeriodiekOverleg(
        kind=WETHOUDERSGESPREK_PLANNEN,
        label="Gesprek van de adviesraad met de wethouders plannen",
        soort=Soort.WETHOUDERSGESPREK,
        wat="Het gesprek van de adviesraad met de wethouders",
    ),
]
