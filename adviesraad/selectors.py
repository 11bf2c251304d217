"""Reads on behalf of a user. Confidentiality rules live here and in ``policies.py``.

List pages fetch a fixed number of queries whatever the size of the council (prefetches, no
per-row lookups): see tests/adviesraad/test_pagina_queries.py.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import vandaag
from verordening.rules import RegelOntbreekt
from verordening.waarden import Duur

from . import hooks, regels
from .models import (
    Functie,
    FunctieSoort,
    Kernwet,
    Lid,
    Nevenfunctieverklaring,
    Portefeuille,
    Portefeuillehouder,
    TermijnSoort,
    VerklaringInzage,
    Zittingstermijn,
)
from .models.leden import VOORZITTER_SOORTEN, Gender, Leeftijdscategorie, Opleidingsniveau
from .models.portefeuilles import DUO
from .policies import SAMENSTELLING, lid_policy, verklaring_policy

logger = logging.getLogger("hengelo_participatie.adviesraad")

#: Horizons of the overview ("terms ending within 6 and 12 months"): display, not a rule.
HORIZON_KORT = Duur(6, "maanden")
HORIZON_LANG = Duur(12, "maanden")


# --- The council on a date ----------------------------------------------------------------------
def _zittende_leden(op: date, *, met_portefeuilles: bool = True) -> QuerySet[Lid]:
    """Everyone on the council on ``op`` (members with a running term, chair, vice-chair), with
    their running terms, functions and (unless not needed) portfolios prefetched: four queries
    in all, three without the portfolios."""
    actieve_termijnen = Zittingstermijn.objects.actief_op(op)
    actieve_functies = Functie.objects.actief_op(op)
    vooraf: list[Prefetch[Any]] = [
        Prefetch("termijnen", queryset=actieve_termijnen, to_attr="actieve_termijnen"),
        Prefetch("functies", queryset=actieve_functies, to_attr="actieve_functies"),
    ]
    if met_portefeuilles:
        vooraf.append(
            Prefetch(
                "portefeuilles",
                queryset=Portefeuillehouder.objects.actief_op(op)
                .select_related("portefeuille")
                .order_by("portefeuille__naam"),
                to_attr="actieve_portefeuilles",
            )
        )
    return (
        Lid.objects.filter(
            Exists(actieve_termijnen.filter(lid=OuterRef("pk")))
            | Exists(actieve_functies.filter(lid=OuterRef("pk")))
        )
        .select_related("user")
        .prefetch_related(*vooraf)
    )


@dataclass
class Zetel:
    """One person on the council as shown on the public page and the member list."""

    lid: Lid
    naam: str
    functies: list[str]
    is_lid: bool
    is_voorzitter: bool
    portefeuilles: list[str]
    einddatum: date | None
    heeft_foto: bool


def _vooraf(lid: Lid, naam: str) -> list[Any]:
    """The rows prefetched onto ``lid`` with ``Prefetch(..., to_attr=naam)``."""
    rijen: list[Any] = getattr(lid, naam)
    return rijen


def _zetel(lid: Lid) -> Zetel:
    lid_termijnen = [t for t in _vooraf(lid, "actieve_termijnen") if t.soort == TermijnSoort.LID]
    functies = sorted(
        _vooraf(lid, "actieve_functies"), key=lambda f: list(FunctieSoort.values).index(f.soort)
    )
    einddata = [t.laatste_dag for t in _vooraf(lid, "actieve_termijnen") if t.laatste_dag]
    return Zetel(
        lid=lid,
        naam=lid.naam,
        functies=[f.get_soort_display() for f in functies],
        is_lid=bool(lid_termijnen),
        is_voorzitter=any(f.soort in VOORZITTER_SOORTEN for f in functies),
        portefeuilles=[h.portefeuille.naam for h in _vooraf(lid, "actieve_portefeuilles")],
        einddatum=min(einddata) if einddata else None,
        heeft_foto=bool(lid.foto_toestemming and lid.foto_id),
    )


def zetels_op(op: date | None = None) -> list[Zetel]:
    """The council on ``op``: chair first, then vice-chair, then members by name."""
    zetels = [_zetel(lid) for lid in _zittende_leden(op or vandaag())]
    return sorted(
        zetels,
        key=lambda z: (
            not z.is_voorzitter,
            str(FunctieSoort.VICEVOORZITTER.label) not in z.functies,
            z.lid.user.achternaam,
            z.lid.user.voornaam,
        ),
    )


def leden_zichtbaar_voor(user: Any, op: date | None = None) -> list[Zetel]:
    """The member list in the portal: only for roles that may see members (else 404)."""
    if not lid_policy.user_has_perm(user, "view"):
        raise Http404
    return zetels_op(op)


def openbare_foto(*, pk: int) -> Any:
    """The photo of a sitting council member who gave consent, else 404."""
    lid = _zittende_leden(vandaag()).filter(pk=pk, foto_toestemming=True, foto__isnull=False)
    gevonden = lid.select_related("foto").first()
    if gevonden is None:
        raise Http404
    return gevonden.foto


# --- Composition overview -----------------------------------------------------------------------
@dataclass
class PortefeuilleRegel:
    portefeuille: Portefeuille
    houders: list[str]
    kernwetten: list[str]

    @property
    def compleet(self) -> bool:
        return len(self.houders) >= DUO

    @property
    def open_plaatsen(self) -> int:
        return max(0, DUO - len(self.houders))


@dataclass
class Samenstelling:
    """The composition on ``op``. The size rules are ``None`` on a day no size rule applies
    (before the verordening took effect, or a gap in the rule versions): the overview still shows
    the council, without minimum, maximum and start threshold (``omvang_bekend`` is False)."""

    op: date
    bezet: int
    min_leden: regels.RegelWaarde | None
    max_leden: regels.RegelWaarde | None
    startdrempel: regels.RegelWaarde | None
    startdrempel_aantal: int | None
    voorzitter: str | None
    vicevoorzitter: str | None
    portefeuilles: list[PortefeuilleRegel]
    kernwetten_gedekt: list[tuple[str, bool]]
    einde_binnen_kort: list[tuple[str, date]]
    einde_binnen_lang: list[tuple[str, date]]
    diversiteit: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    diversiteit_aantal: int = 0

    @property
    def omvang_bekend(self) -> bool:
        return self.min_leden is not None and self.max_leden is not None

    @property
    def boven_minimum(self) -> bool | None:
        return None if self.min_leden is None else self.bezet >= self.min_leden.waarde

    @property
    def vrije_zetels(self) -> int | None:
        return None if self.max_leden is None else max(0, self.max_leden.waarde - self.bezet)

    @property
    def startdrempel_bereikt(self) -> bool | None:
        if self.startdrempel_aantal is None:
            return None
        return self.bezet >= self.startdrempel_aantal

    @property
    def incomplete_portefeuilles(self) -> list[PortefeuilleRegel]:
        return [p for p in self.portefeuilles if not p.compleet]


def _omvang(op: date) -> dict[str, regels.RegelWaarde] | None:
    """The size rules on ``op``, or None when (one of) them does not apply on that day."""
    try:
        return regels.omvang(op)
    except RegelOntbreekt as exc:
        logger.info(
            "action=samenstelling result=geen_omvangregel sleutel=%s op=%s", exc.sleutel, op
        )
        return None


def _diversiteit(leden: list[Lid]) -> tuple[dict[str, list[tuple[str, int]]], int]:
    """Aggregate counts of voluntarily given answers; never a person's answer."""
    met_toestemming = [lid for lid in leden if lid.diversiteit_toestemming]
    resultaat = {}
    for veld, keuzes, titel in (
        ("leeftijdscategorie", Leeftijdscategorie, "Leeftijd"),
        ("gender", Gender, "Gender"),
        ("opleidingsniveau", Opleidingsniveau, "Opleiding"),
    ):
        tellingen = Counter(getattr(lid, veld) for lid in met_toestemming if getattr(lid, veld))
        resultaat[titel] = [(str(keuze.label), tellingen.get(keuze.value, 0)) for keuze in keuzes]
    return resultaat, len(met_toestemming)


def samenstelling(*, user: Any, op: date | None = None) -> Samenstelling:
    """The composition overview (portal and admin). 404 for roles without the permission."""
    if not lid_policy.user_has_perm(user, SAMENSTELLING):
        raise Http404
    op = op or vandaag()
    omvang = _omvang(op)
    leden = list(_zittende_leden(op, met_portefeuilles=False))  # the portfolios come below
    zittend = [
        lid
        for lid in leden
        if any(t.soort == TermijnSoort.LID for t in _vooraf(lid, "actieve_termijnen"))
    ]
    functies = {f.soort: lid.naam for lid in leden for f in _vooraf(lid, "actieve_functies")}
    voorzitter = functies.get(FunctieSoort.VOORZITTER_VAST) or functies.get(
        FunctieSoort.VOORZITTER_AD_INTERIM
    )

    portefeuilles = list(
        Portefeuille.objects.filter(
            Q(tot__isnull=True) | Q(tot__gte=op), van__lte=op
        ).prefetch_related(
            "kernwetten",
            Prefetch(
                "houders",
                queryset=Portefeuillehouder.objects.actief_op(op).select_related("lid__user"),
                to_attr="actieve_houders",
            ),
        )
    )
    regels_pf = [
        PortefeuilleRegel(
            portefeuille=p,
            houders=[h.lid.naam for h in p.actieve_houders],
            kernwetten=[k.naam for k in p.kernwetten.all()],
        )
        for p in portefeuilles
    ]
    gedekt = {k.pk for p in portefeuilles if p.actieve_houders for k in p.kernwetten.all()}
    kernwetten = [(k.naam, k.pk in gedekt) for k in Kernwet.objects.all()]

    kort, lang = HORIZON_KORT.na(op), HORIZON_LANG.na(op)
    einden = sorted(
        (t.laatste_dag, lid.naam)
        for lid in leden
        for t in _vooraf(lid, "actieve_termijnen")
        if t.laatste_dag and t.laatste_dag <= lang
    )
    diversiteit, aantal = _diversiteit(zittend)
    return Samenstelling(
        op=op,
        bezet=len(zittend),
        min_leden=omvang["min"] if omvang else None,
        max_leden=omvang["max"] if omvang else None,
        startdrempel=omvang["startdrempel"] if omvang else None,
        startdrempel_aantal=regels.startdrempel_aantal(
            drempel=omvang["startdrempel"], beoogd=omvang["max"].waarde
        )
        if omvang
        else None,
        voorzitter=voorzitter,
        vicevoorzitter=functies.get(FunctieSoort.VICEVOORZITTER),
        portefeuilles=regels_pf,
        kernwetten_gedekt=kernwetten,
        einde_binnen_kort=[(naam, d) for d, naam in einden if d <= kort],
        einde_binnen_lang=[(naam, d) for d, naam in einden if kort < d <= lang],
        diversiteit=diversiteit,
        diversiteit_aantal=aantal,
    )


# --- A member's current portfolios --------------------------------------------------------------
@dataclass(frozen=True)
class HuidigePortefeuilles:
    """The portfolios ``user`` holds on a date, and the core-domain laws they cover."""

    namen: tuple[str, ...] = ()
    #: ``Kernwet.code`` of every law the portfolios cover.
    kernwetten: frozenset[str] = frozenset()
    #: Their names, in the order of the core domain, for display.
    kernwet_namen: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.namen)


def huidige_portefeuilles_van(user: Any, *, op: date) -> HuidigePortefeuilles:
    """The portfolios ``user`` holds on ``op`` (one query; none for an anonymous user).

    Both the holder's period and the portfolio's own period must include ``op``: a pair member
    who stopped, or a portfolio that was closed, no longer counts.
    """
    if not getattr(user, "is_authenticated", False):
        return HuidigePortefeuilles()
    houders = Portefeuillehouder.objects.actief_op(op).filter(
        portefeuille=OuterRef("portefeuille"), lid__user=user
    )
    rijen = (
        Portefeuille.kernwetten.through.objects.filter(
            Q(portefeuille__tot__isnull=True) | Q(portefeuille__tot__gte=op),
            Exists(houders),
            portefeuille__van__lte=op,
        )
        .values_list("portefeuille__naam", "kernwet__code", "kernwet__naam", "kernwet__volgorde")
        .order_by("portefeuille__naam", "kernwet__volgorde")
    )
    namen: dict[str, None] = {}
    kernwetten: dict[str, tuple[int, str]] = {}
    for naam, code, wet, volgorde in rijen:
        namen[naam] = None
        kernwetten[code] = (volgorde, wet)
    return HuidigePortefeuilles(
        namen=tuple(namen),
        kernwetten=frozenset(kernwetten),
        kernwet_namen=tuple(wet for _, wet in sorted(kernwetten.values())),
    )


# --- Declarations -------------------------------------------------------------------------------
def verklaringen_zichtbaar_voor(user: Any) -> QuerySet[Nevenfunctieverklaring]:
    """Metadata lists only; reading one goes through ``verklaring_lezen`` (logged)."""
    return verklaring_policy.instances_user_has_perm_for(
        user, "view", Nevenfunctieverklaring.objects.select_related("lid__user")
    )


def verklaring_lezen(*, user: Any, pk: object, via: str) -> Nevenfunctieverklaring:
    """Hand out one declaration to ``user`` and log the read; 404 if they may not see it."""
    verklaring = verklaring_policy.get_object_for(
        user, "view", pk=pk
    )  # Http404 for a refused and a missing one alike
    verklaring_inzage_loggen(verklaring=verklaring, user=user, via=via)
    return verklaring


def verklaring_inzage_loggen(*, verklaring: Nevenfunctieverklaring, user: Any, via: str) -> None:
    VerklaringInzage.objects.create(verklaring=verklaring, gelezen_door=user, via=via)
    audit.vastleggen(user, Actie.VERKLARING_LEZEN, verklaring, f"{audit.OK} via={via}")


# --- My membership ------------------------------------------------------------------------------
def lid_van(user: Any) -> Lid | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Lid.objects.filter(user=user)
        .select_related("user")
        .prefetch_related(
            "themas",
            Prefetch("termijnen", queryset=Zittingstermijn.objects.order_by("begindatum", "pk")),
            Prefetch("functies", queryset=Functie.objects.order_by("van", "pk")),
            Prefetch(
                "portefeuilles",
                queryset=Portefeuillehouder.objects.select_related("portefeuille").order_by("van"),
            ),
            Prefetch(
                "verklaringen",
                queryset=Nevenfunctieverklaring.objects.order_by("-ingediend_op", "-pk"),
            ),
        )
        .first()
    )


def persoonsgegevens_export(user: Any) -> dict[str, Any]:
    """Everything this app holds about ``user`` (AVG art. 15), as JSON-ready data."""
    lid = lid_van(user)
    data: dict[str, Any] = {
        "gegenereerd_op": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "voornaam": user.voornaam,
            "achternaam": user.achternaam,
            "rollen": sorted(user.groups.values_list("name", flat=True)),
        },
        "lid": None,
    }
    for onderdeel in hooks.export_onderdelen:
        data.update(cast("dict[str, Any]", onderdeel(user=user)))
    if lid is None:
        return data
    verklaringen = list(lid.verklaringen.all())
    for verklaring in verklaringen:
        verklaring_inzage_loggen(verklaring=verklaring, user=user, via="export")
    data["lid"] = {
        "adres": lid.adres,
        "postcode": lid.postcode,
        "woonplaats": lid.woonplaats,
        "themas": [k.naam for k in lid.themas.all()],
        "thema_toelichting": lid.thema_toelichting,
        "beschikbaarheid_uren_per_maand": lid.beschikbaarheid_uren_per_maand,
        "inwerken": {
            "gemeentelijke_organisatie": _iso(lid.inwerken_organisatie_op),
            "sociaal_domein": _iso(lid.inwerken_sociaal_domein_op),
            "regionale_samenwerking": _iso(lid.inwerken_regio_op),
        },
        "foto_toestemming": lid.foto_toestemming,
        "heeft_foto": bool(lid.foto_id),
        "diversiteit": {
            "toestemming": lid.diversiteit_toestemming,
            "leeftijdscategorie": lid.leeftijdscategorie,
            "gender": lid.gender,
            "opleidingsniveau": lid.opleidingsniveau,
        },
        "zittingstermijnen": [
            {
                "soort": t.soort,
                "status": t.status,
                "voorgedragen_op": _iso(t.voorgedragen_op),
                "besluitdatum": _iso(t.besluitdatum),
                "besluit_kenmerk": t.besluit_kenmerk,
                "begindatum": _iso(t.begindatum),
                "einddatum": _iso(t.einddatum),
                "einddatum_bron": t.einddatum_bron,
                "beeindigd_op": _iso(t.beeindigd_op),
                "einde_reden": t.einde_reden,
                "einde_toelichting": t.einde_toelichting,
                "evaluaties": [
                    {"datum": _iso(e.datum), "conclusie": e.conclusie, "verslag": e.verslag}
                    for e in t.evaluaties.all()
                ],
            }
            for t in lid.termijnen.all()
        ],
        "functies": [
            {
                "soort": f.soort,
                "van": _iso(f.van),
                "tot": _iso(f.tot),
                "uurtarief": str(f.uurtarief) if f.uurtarief is not None else None,
            }
            for f in lid.functies.all()
        ],
        "portefeuilles": [
            {"portefeuille": h.portefeuille.naam, "van": _iso(h.van), "tot": _iso(h.tot)}
            for h in lid.portefeuilles.all()
        ],
        "nevenfunctieverklaringen": [
            {
                "aanleiding": v.aanleiding,
                "ingediend_op": _iso(v.ingediend_op),
                **{naam: getattr(v, naam) for naam in _VERKLARING_VELDEN},
                "overige_toelichting": v.overige_toelichting,
                "beoordeling": v.beoordeling,
                "afspraak": v.afspraak,
                "beoordeeld_op": _iso(v.beoordeeld_op),
                "inzages": [
                    {"gelezen_op": i.gelezen_op.isoformat(), "via": i.via} for i in v.inzages.all()
                ],
            }
            for v in verklaringen
        ],
    }
    return data


_VERKLARING_VELDEN = [
    f.name
    for f in Nevenfunctieverklaring._meta.fields
    if f.name.startswith(
        (
            "politieke_functie",
            "belangenbehartiging",
            "vrijwilligerswerk",
            "professionele_betrokkenheid",
            "conflict_of_omstandigheden",
        )
    )
]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
