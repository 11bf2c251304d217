"""The read side of money, on behalf of a user, with a fixed number of queries per page.

Every lookup asks ``policies``: a member reaches only their own statement and declarations;
anything else is a 404, like a missing object.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from adviesraad.models import Lid
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.workflow import Transition
from verordening import selectors as verordening_selectors
from verordening.models import HuishoudelijkReglement, Regel

from . import transitions, vergoeding
from .models import (
    IN_BEHANDELING,
    VERPLICHT,
    Begroting,
    BegrotingStatus,
    Categorie,
    Declaratie,
    DeclaratieStatus,
    Vergoedingsperiode,
)
from .policies import declaratie_policy, mag, mag_alles_zien, mag_vergoeding_zien, periode_policy
from .regels import ALLE_VERGOEDING, Regelset, Sleutel, begroting_waarschuwingen

NUL = Decimal("0.00")


# --- Statement ("Mijn vergoeding") -------------------------------------------------------------
@dataclass(frozen=True)
class Verklaring:
    overzicht: vergoeding.Overzicht
    perioden: list[tuple[date, date]]
    eigen: bool


def _perioden_van_jaar(jaar: int, maanden: int) -> list[tuple[date, date]]:
    return [vergoeding.periode_van(date(jaar, m, 1), maanden) for m in range(1, 13, maanden)]


def vergoeding_verklaring(*, user: Any, lid_pk: int | None, dag: date, vandaag: date) -> Verklaring:
    """The statement of the period holding ``dag``: the user's own (``lid_pk=None``) or, for
    ``alles_zien``, any member's. 404 for anyone else."""
    if lid_pk is None:
        if not getattr(user, "is_authenticated", False):
            raise Http404
        eigen = Lid.objects.filter(user_id=user.pk).values_list("pk", flat=True)
        lid_pk = next(iter(eigen), None)
        if lid_pk is None:
            raise Http404
    lid = vergoeding.lid_geladen(lid_pk)
    if lid is None or not mag_vergoeding_zien(user, lid):
        raise Http404
    # One query for every rule the statement needs, the period rule included.
    regels = Regelset((*ALLE_VERGOEDING, Sleutel.VERGOEDING_PERIODE))
    maanden = regels.duur(Sleutel.VERGOEDING_PERIODE, vandaag).aantal
    maanden = maanden if maanden in (1, 3) else 1
    begin, einde = vergoeding.periode_van(dag, maanden)
    overzicht = vergoeding.bereken([lid], begin, einde, regels)[0]
    if lid.user_id != user.pk:
        audit.vastleggen(user, Actie.VERGOEDING_INZIEN, lid)
    return Verklaring(
        overzicht=overzicht,
        perioden=[p for p in _perioden_van_jaar(dag.year, maanden) if p[0] <= vandaag],
        eigen=lid.user_id == user.pk,
    )


# --- Periods -------------------------------------------------------------------------------------
def perioden(user: Any) -> QuerySet[Vergoedingsperiode]:
    return periode_policy.instances_user_has_perm_for(user).annotate(
        totaal=Sum("regels__bedrag"), aantal=Count("regels")
    )


def knoppen(workflow: Any, obj: Any, user: Any) -> list[Transition[Any]]:
    return [r for r in workflow.van(obj.status) if mag(user, r.capability)]


@dataclass(frozen=True)
class PeriodeDetail:
    periode: Vergoedingsperiode
    regels: list[Any]
    totaal: Decimal
    knoppen: list[Transition[Any]]


def periode_detail(user: Any, pk: int) -> PeriodeDetail:
    periode = periode_policy.get_object_for(user, pk=pk)
    regels = list(
        periode.regels.select_related("lid__user", "correctie_van").order_by(
            "lid_referentie", "soort", "pk"
        )
    )
    return PeriodeDetail(
        periode=periode,
        regels=regels,
        totaal=sum((r.bedrag for r in regels), NUL),
        knoppen=knoppen(transitions.PERIODE, periode, user),
    )


# --- Budget ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Post:
    categorie: str
    label: str
    begroot: Decimal
    in_behandeling: Decimal
    verplicht: Decimal
    betaald: Decimal
    waarschuwing: str

    @property
    def resterend(self) -> Decimal:
        return self.begroot - self.verplicht - self.betaald


@dataclass(frozen=True)
class BegrotingPagina:
    jaar: int
    begroting: Begroting | None
    geldend: Begroting | None
    posten: list[Post]
    knoppen: list[Transition[Any]]
    versies: list[Begroting]

    @property
    def totaal(self) -> Post:
        return Post(
            "",
            "Totaal",
            sum((p.begroot for p in self.posten), NUL),
            sum((p.in_behandeling for p in self.posten), NUL),
            sum((p.verplicht for p in self.posten), NUL),
            sum((p.betaald for p in self.posten), NUL),
            "",
        )


def begroting_pagina(user: Any, jaar: int) -> BegrotingPagina:
    """The latest version (to work on) and the adopted one (to monitor against) of ``jaar``."""
    if not mag_alles_zien(user):
        raise Http404
    versies, geldend, posten = besteding_per_categorie(jaar)
    laatste = versies[0] if versies else None
    return BegrotingPagina(
        jaar=jaar,
        begroting=laatste,
        geldend=geldend,
        posten=posten,
        knoppen=knoppen(transitions.BEGROTING, laatste, user) if laatste else [],
        versies=versies,
    )


def besteding_per_categorie(jaar: int) -> tuple[list[Begroting], Begroting | None, list[Post]]:
    """The budget versions of ``jaar``, the adopted one, and per category what was budgeted,
    committed and paid: figures without names, also for the annual report (``jaarcyclus``).
    Three queries, whatever the number of declarations."""
    versies = list(Begroting.objects.filter(jaar=jaar).prefetch_related("posten"))
    geldend = next(
        (
            v
            for v in versies
            if v.status in (BegrotingStatus.VASTGESTELD, BegrotingStatus.AFGESLOTEN)
        ),
        None,
    )
    begroot = {p.categorie: p.bedrag for p in geldend.posten.all()} if geldend else {}
    sommen = Declaratie.objects.filter(datum__year=jaar).aggregate(
        **{
            f"{c.value}__{naam}": Sum("bedrag", filter=Q(categorie=c.value, status__in=statussen))
            for c in Categorie
            for naam, statussen in (
                ("in_behandeling", IN_BEHANDELING),
                ("verplicht", VERPLICHT),
                ("betaald", (DeclaratieStatus.BETAALD,)),
            )
        }
    )
    waarschuwing, overschrijding = begroting_waarschuwingen(date(jaar, 12, 31))
    posten = []
    for c in Categorie:
        bedrag = begroot.get(c.value, NUL)
        verplicht = sommen[f"{c.value}__verplicht"] or NUL
        betaald = sommen[f"{c.value}__betaald"] or NUL
        besteed = verplicht + betaald
        tekst = ""
        if bedrag > 0 and besteed * 100 >= bedrag * overschrijding:
            tekst = f"Overschreden: {besteed * 100 / bedrag:.0f}% van het budget"
        elif bedrag > 0 and besteed * 100 >= bedrag * waarschuwing:
            tekst = f"Let op: {besteed * 100 / bedrag:.0f}% van het budget is besteed"
        elif bedrag == 0 and besteed > 0:
            tekst = "Uitgaven zonder budget"
        posten.append(
            Post(
                c.value,
                str(c.label),
                bedrag,
                sommen[f"{c.value}__in_behandeling"] or NUL,
                verplicht,
                betaald,
                tekst,
            )
        )
    return versies, geldend, posten


# --- Declarations -----------------------------------------------------------------------------------
def declaraties(user: Any) -> QuerySet[Declaratie]:
    return declaratie_policy.instances_user_has_perm_for(user).select_related("indiener")


@dataclass(frozen=True)
class DeclaratieDetail:
    declaratie: Declaratie
    knoppen: list[Transition[Any]]


def declaratie_detail(user: Any, pk: int) -> DeclaratieDetail:
    declaratie = declaratie_policy.get_object_for(
        user, pk=pk, queryset=Declaratie.objects.select_related("indiener", "bon")
    )
    eigen = declaratie.indiener_id == user.pk
    return DeclaratieDetail(
        declaratie=declaratie,
        knoppen=[]
        if eigen and declaratie.status != DeclaratieStatus.GOEDGEKEURD
        else knoppen(transitions.DECLARATIE, declaratie, user),
    )


def persoonsgegevens(user: Any) -> dict[str, Any]:
    """The AVG export's part: the member's allowance lines and declarations."""
    lid = Lid.objects.filter(user_id=user.pk).first()
    regels = (
        list(
            lid.vergoedingsregels.select_related("periode").values(
                "periode__begin", "periode__einde", "soort", "bedrag", "toelichting"
            )
        )
        if lid
        else []
    )
    return {
        "vergoedingen": [
            {
                "periode_begin": r["periode__begin"].isoformat(),
                "periode_einde": r["periode__einde"].isoformat(),
                "soort": r["soort"],
                "bedrag": str(r["bedrag"]),
                "toelichting": r["toelichting"],
            }
            for r in regels
        ],
        "declaraties": [
            {
                "datum": d.datum.isoformat(),
                "categorie": d.categorie,
                "bedrag": str(d.bedrag),
                "omschrijving": d.omschrijving,
                "status": d.status,
                "reden_afwijzing": d.reden_afwijzing,
            }
            for d in Declaratie.objects.filter(indiener_id=user.pk)
        ],
    }


# --- Attendance rules (issue 12 §1) -----------------------------------------------------------
@dataclass(frozen=True)
class Aanwezigheidsregel:
    sleutel: str
    naam: str
    type: str
    waarde: Decimal | int
    bron: str


@dataclass(frozen=True)
class AanwezigheidsregelsPagina:
    regels: list[Aanwezigheidsregel]
    #: Versions of the house rules with attendance rules the College has not approved yet.
    voorstellen: list[HuishoudelijkReglement]


def aanwezigheidsregels(op: date) -> AanwezigheidsregelsPagina:
    """The attendance rules running on ``op`` and the open proposals; two queries."""
    regels = [
        Aanwezigheidsregel(
            sleutel=r.sleutel,
            naam=r.naam,
            type=r.type,
            waarde=r.python_waarde if r.type == Regel.Type.PERCENTAGE else r.python_waarde.aantal,
            bron=r.bron_toelichting,
        )
        for r in verordening_selectors.aanwezigheidsregels(op).values()
    ]
    voorstellen = list(
        HuishoudelijkReglement.objects.exclude(aanwezigheidsregels={})
        .exclude(status=HuishoudelijkReglement.Status.GOEDGEKEURD)
        .order_by("-pk")[:10]
    )
    return AanwezigheidsregelsPagina(regels=regels, voorstellen=voorstellen)
