"""The membership deadlines of the council, for the reminder engine (hengelo_participatie.notifications).

Three kinds:

* ``termijn_einde_6_maanden`` and ``termijn_einde_3_maanden``: an appointed term ends. The windows
  start at the lead times of the rules ``herinnering_termijn_einde_eerste`` and
  ``herinnering_termijn_einde_tweede`` before the last day; the first window closes where the
  second opens. Not sent when a next term of the same kind is already nominated or appointed.
* ``herbenoemingsevaluatie`` (mandatory): the evaluation that precedes re-appointment (§4.2.3) is
  due ``evaluatie_voor_herbenoeming`` before the end of the term. Reminded from
  ``herinnering_evaluatie_vooraf`` before that date until the term ends, as long as no evaluation
  of the term is recorded and the member may still serve another term (``max_terms``).
* ``inwerken``: the onboarding programme (§4.2.3 "Randvoorwaarden": the municipal organisation,
  the municipality's tasks in the social domain, the regional cooperation) is due
  ``inwerken_binnen`` after the start of the member's first appointed term. Reminded from that
  start while a part is not ticked and the member has a running term, until at most
  ``INHAALTERMIJN`` past the date. Audience ``doelgroep_inwerken`` (default: the member and the
  supporter, who organises the onboarding); rules in adviesraad migration 0007.

The advice workflow's deadlines live in ``advies/deadlines.py`` (the registry discovers it too).

Every number comes from a verordening rule asked on the scan date, and so does the audience of each
kind: rule ``doelgroep_<kind>`` (type ``rollen``, verordening migration 0007), a list of roles plus
``betrokkene``, the member whose term it is. The defaults: the member, the supporter (who
"signaleert deadlines en bewaakt termijnen", Bijlage 9) and the account holder (who keeps the
membership records) for a term ending; the member, the chair (who holds the evaluation) and the
account holder for the evaluation before re-appointment.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_noop

from hengelo_participatie.accounts.roles import beheer_rollen
from hengelo_participatie.core.schrijven import datum_tekst
from hengelo_participatie.notifications.registry import (
    BETROKKENE,
    Deadline,
    DeadlineProvider,
    RolOntvangers,
    doelgroep_sleutel,
    inhaalgrens,
)
from verordening.rules import Sleutel, rules

from .models import Herbenoemingsevaluatie, TermijnSoort, TermijnStatus, Zittingstermijn

TERMIJN_EINDE_6 = "termijn_einde_6_maanden"
TERMIJN_EINDE_3 = "termijn_einde_3_maanden"
HERBENOEMINGSEVALUATIE = "herbenoemingsevaluatie"
INWERKEN = "inwerken"
#: How long after the start of the first term the onboarding is due (adviesraad migration 0007).
INWERKEN_BINNEN = "inwerken_binnen"

# Lead times (rules added by verordening migration 0004).
HERINNERING_TERMIJN_EINDE_EERSTE = "herinnering_termijn_einde_eerste"
HERINNERING_TERMIJN_EINDE_TWEEDE = "herinnering_termijn_einde_tweede"
HERINNERING_EVALUATIE_VOORAF = "herinnering_evaluatie_vooraf"

ZELF = BETROKKENE  # in an audience rule: the member whose term it is

#: Roles that work in the admin (the role table's ``beheer``) get a link to the term there;
#: everyone else to their portal page.
BEHEER_LINK_ROLLEN = beheer_rollen()


def _termijn_omschrijving(termijn: Zittingstermijn) -> str:
    if termijn.soort == TermijnSoort.VOORZITTER:
        return "zittingstermijn als voorzitter"
    return "zittingstermijn"


@dataclass(frozen=True)
class _Ontvanger:
    user_id: int
    zelf: bool
    beheer: bool


def _ontvangers(
    termijn: Zittingstermijn, doelgroep: tuple[str, ...], rollen: RolOntvangers
) -> list[_Ontvanger]:
    gevonden: dict[int, _Ontvanger] = {}
    eigen = termijn.lid.user_id
    if ZELF in doelgroep and termijn.lid.user.is_active:
        gevonden[eigen] = _Ontvanger(eigen, zelf=True, beheer=False)
    for rol in doelgroep:
        if rol == ZELF:
            continue
        for user_id in rollen(rol):
            if user_id == eigen:
                continue  # a person is never reminded "about" themself in the third person
            vorige = gevonden.get(user_id)
            beheer = rol in BEHEER_LINK_ROLLEN or bool(vorige and vorige.beheer)
            gevonden[user_id] = _Ontvanger(user_id, zelf=False, beheer=beheer)
    return sorted(gevonden.values(), key=lambda o: o.user_id)


def _link(termijn: Zittingstermijn, ontvanger: _Ontvanger) -> str:
    if ontvanger.beheer:
        return reverse("admin:adviesraad_zittingstermijn_change", args=[termijn.pk])
    return reverse("lidmaatschap:mijn")


def _lopende_termijnen():
    opvolger = Zittingstermijn.objects.filter(
        lid=OuterRef("lid"),
        soort=OuterRef("soort"),
        begindatum__gt=OuterRef("begindatum"),
        status__in=[TermijnStatus.VOORGEDRAGEN, TermijnStatus.BENOEMD],
    )
    return (
        Zittingstermijn.objects.filter(status=TermijnStatus.BENOEMD, beeindigd_op__isnull=True)
        .annotate(heeft_opvolger=Exists(opvolger))
        .select_related("lid__user")
        .order_by("einddatum", "pk")
    )


class TermijnEinde(DeadlineProvider):
    """A term ends: one provider per reminder moment (first and second lead time)."""

    mandatory = False

    def __init__(self, *, kind: str, label: str, lead: str, volgende_lead: str | None) -> None:
        self.kind = kind
        self.label = label
        self.lead = lead
        self.volgende_lead = volgende_lead

    def deadlines(self, on: date) -> Iterator[Deadline]:
        doelgroep_regel = doelgroep_sleutel(self.kind)
        sleutels = [self.lead, doelgroep_regel]
        sleutels += [self.volgende_lead] if self.volgende_lead else []
        regels = rules(*sleutels, on=on)
        lead = regels[self.lead].waarde
        doelgroep = regels[doelgroep_regel].waarde
        volgende = regels[self.volgende_lead].waarde if self.volgende_lead else None
        # A generous SQL range; the exact calendar window is checked per term below.
        termijnen = _lopende_termijnen().filter(
            einddatum__gte=on, einddatum__lte=lead.na(on) + timedelta(days=3)
        )
        ontvangers_van_rol = RolOntvangers()
        for termijn in termijnen:
            if termijn.heeft_opvolger:
                continue
            eind = termijn.einddatum
            if not lead.voor(eind) <= on:
                continue
            if volgende is not None and on >= volgende.voor(eind):
                continue  # the next reminder moment has started
            wat = _termijn_omschrijving(termijn)
            for ontvanger in _ontvangers(termijn, doelgroep, ontvangers_van_rol):
                if ontvanger.zelf:
                    tekst = f"Uw {wat} eindigt op {datum_tekst(eind)}."
                else:
                    tekst = f"De {wat} van {termijn.lid.naam} eindigt op {datum_tekst(eind)}."
                yield Deadline(
                    ontvanger_id=ontvanger.user_id,
                    soort=self.kind,
                    onderwerp="adviesraad.zittingstermijn",
                    onderwerp_id=termijn.pk,
                    onderwerp_label=f"Zittingstermijn van {termijn.lid.naam}"[:200],
                    datum=eind,
                    link=_link(termijn, ontvanger),
                    tekst=tekst,
                )


def _gediende_termijnen(lid_ids: list[int]) -> dict[tuple[int, str], int]:
    """Terms actually served per (member, kind), for all ``lid_ids`` in one query."""
    rijen = (
        Zittingstermijn.objects.filter(lid_id__in=lid_ids)
        .benoemd_ooit()
        .values("lid_id", "soort")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    return {(r["lid_id"], r["soort"]): r["aantal"] for r in rijen}


class EvaluatieVoorHerbenoeming(DeadlineProvider):
    """The evaluation before re-appointment is due (and not yet recorded)."""

    kind = HERBENOEMINGSEVALUATIE
    label = gettext_noop("Evaluatie vóór herbenoeming")
    mandatory = True

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(
            Sleutel.EVALUATIE_VOOR_HERBENOEMING,
            HERINNERING_EVALUATIE_VOORAF,
            Sleutel.MAX_TERMS,
            doelgroep_sleutel(self.kind),
            on=on,
        )
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        voor_einde = regels[Sleutel.EVALUATIE_VOOR_HERBENOEMING].waarde
        vooraf = regels[HERINNERING_EVALUATIE_VOORAF].waarde
        max_termijnen = regels[Sleutel.MAX_TERMS].waarde
        horizon = voor_einde.na(vooraf.na(on)) + timedelta(days=3)
        termijnen = list(
            _lopende_termijnen()
            .filter(einddatum__gte=on, einddatum__lte=horizon)
            .annotate(
                geevalueerd=Exists(Herbenoemingsevaluatie.objects.filter(termijn=OuterRef("pk")))
            )
        )
        gediend = _gediende_termijnen([t.lid_id for t in termijnen])
        ontvangers_van_rol = RolOntvangers()
        for termijn in termijnen:
            if termijn.heeft_opvolger or termijn.geevalueerd:
                continue
            if gediend.get((termijn.lid_id, termijn.soort), 0) >= max_termijnen:
                continue  # no re-appointment possible: nothing to evaluate for
            uiterlijk = voor_einde.voor(termijn.einddatum)
            if not vooraf.voor(uiterlijk) <= on:
                continue
            for ontvanger in _ontvangers(termijn, doelgroep, ontvangers_van_rol):
                if ontvanger.zelf:
                    tekst = (
                        "Het gesprek over uw functioneren (evaluatie voor herbenoeming) moet "
                        f"uiterlijk {datum_tekst(uiterlijk)} plaatsvinden."
                    )
                else:
                    tekst = (
                        f"De evaluatie voor herbenoeming van {termijn.lid.naam} moet uiterlijk "
                        f"{datum_tekst(uiterlijk)} plaatsvinden."
                    )
                yield Deadline(
                    ontvanger_id=ontvanger.user_id,
                    soort=self.kind,
                    onderwerp="adviesraad.zittingstermijn",
                    onderwerp_id=termijn.pk,
                    onderwerp_label=f"Zittingstermijn van {termijn.lid.naam}"[:200],
                    datum=uiterlijk,
                    link=_link(termijn, ontvanger),
                    tekst=tekst,
                )


#: The parts of the onboarding (``Lid`` fields), as a member reads them.
INWERK_ONDERDELEN = (
    ("inwerken_organisatie_op", "de gemeentelijke organisatie"),
    ("inwerken_sociaal_domein_op", "de taken van de gemeente in het sociaal domein"),
    ("inwerken_regio_op", "de samenwerking in de regio"),
)


class Inwerken(DeadlineProvider):
    """A member's onboarding is not complete yet: a task for them and the supporter."""

    kind = INWERKEN
    label = gettext_noop("Inwerkprogramma van een nieuw lid")
    mandatory = False

    def deadlines(self, on: date) -> Iterator[Deadline]:
        regels = rules(INWERKEN_BINNEN, doelgroep_sleutel(self.kind), on=on)
        binnen = regels[INWERKEN_BINNEN].waarde
        doelgroep = regels[doelgroep_sleutel(self.kind)].waarde
        onaf = Q()
        for veld, _naam in INWERK_ONDERDELEN:
            onaf |= Q(**{f"lid__{veld}__isnull": True})
        eerste_begin = (
            Zittingstermijn.objects.filter(lid=OuterRef("lid"))
            .benoemd_ooit()
            .order_by("begindatum")
            .values("begindatum")[:1]
        )
        termijnen = (
            _lopende_termijnen()
            .filter(onaf, begindatum__lte=on)
            .annotate(eerste_begin=Subquery(eerste_begin))
            # A generous SQL bound; the exact date is checked per member below.
            .filter(eerste_begin__gte=binnen.voor(inhaalgrens(on)) - timedelta(days=3))
        )
        gezien: set[int] = set()
        ontvangers_van_rol = RolOntvangers()
        for termijn in termijnen:
            if termijn.lid_id in gezien:
                continue  # a member and chair term at once: one onboarding
            gezien.add(termijn.lid_id)
            lid = termijn.lid
            uiterlijk = binnen.na(termijn.eerste_begin)
            if uiterlijk < inhaalgrens(on):
                continue
            nog = ", ".join(naam for veld, naam in INWERK_ONDERDELEN if not getattr(lid, veld))
            for ontvanger in _ontvangers(termijn, doelgroep, ontvangers_van_rol):
                if ontvanger.zelf:
                    tekst = f"Rond uw inwerkprogramma af uiterlijk {datum_tekst(uiterlijk)}: {nog}."
                else:
                    tekst = (
                        f"Het inwerkprogramma van {lid.naam} moet af zijn uiterlijk "
                        f"{datum_tekst(uiterlijk)}: {nog}."
                    )
                yield Deadline(
                    ontvanger_id=ontvanger.user_id,
                    soort=self.kind,
                    onderwerp="adviesraad.lid",
                    onderwerp_id=lid.pk,
                    onderwerp_label=f"Inwerkprogramma van {lid.naam}"[:200],
                    datum=uiterlijk,
                    link=(
                        reverse("admin:adviesraad_lid_change", args=[lid.pk])
                        if ontvanger.beheer
                        else reverse("lidmaatschap:mijn")
                    ),
                    tekst=tekst[:300],
                )


PROVIDERS = [
    TermijnEinde(
        kind=TERMIJN_EINDE_6,
        label=gettext_noop("Einde van een zittingstermijn: eerste herinnering"),
        lead=HERINNERING_TERMIJN_EINDE_EERSTE,
        volgende_lead=HERINNERING_TERMIJN_EINDE_TWEEDE,
    ),
    TermijnEinde(
        kind=TERMIJN_EINDE_3,
        label=gettext_noop("Einde van een zittingstermijn: tweede herinnering"),
        lead=HERINNERING_TERMIJN_EINDE_TWEEDE,
        volgende_lead=None,
    ),
    EvaluatieVoorHerbenoeming(),
    Inwerken(),
]
