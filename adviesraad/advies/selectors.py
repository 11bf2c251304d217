"""Reads of the advice workflow on behalf of a user, and the public register.

Every request a user reaches goes through ``aanvraag_policy`` (object grants only). List pages use
a fixed number of queries whatever the number of requests: see
tests/adviesraad/advies/test_queries.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from adviesraad.models import Kernwet
from adviesraad.models.advies import (
    EINDSTATUSSEN,
    Advies,
    Adviesaanvraag,
    AdviesaanvraagQuerySet,
    Adviespunt,
    Document,
    Goedkeuring,
    Oordeel,
    Overname,
    Soort,
    Status,
    Vraag,
)
from adviesraad.policies import verklaring_policy
from hengelo_participatie.core.queryparams import MAX_PAGINA
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.files.policy import bestand_policy

from . import panelen, transitions
from .documents import Raadsvoorlegger
from .opmaak import platte_tekst
from .policies import aanvraag_policy

GESCHIEDENIS_PER_PAGINA = 25
#: Running requests per page of the portal list (``?lopend=``); ten years of data hold hundreds.
LOPEND_PER_PAGINA = 25
REGISTER_PER_PAGINA = 25


# --- Portal --------------------------------------------------------------------------------------
def aanvragen_zichtbaar_voor(user: Any) -> AdviesaanvraagQuerySet:
    # Guardian filters the queryset it is given, so the class (and ``.open()``) stays.
    return cast(
        AdviesaanvraagQuerySet,
        aanvraag_policy.instances_user_has_perm_for(
            user, "view", Adviesaanvraag.objects.select_related("beleidsmedewerker")
        ),
    )


def aanvraag_voor(user: Any, pk: object) -> Adviesaanvraag:
    """The request if ``user`` may see it; a refused and a missing one are both 404."""
    return aanvraag_policy.get_object_for(user, "view", pk=pk)


def _wachtend(
    user: Any, zichtbaar: AdviesaanvraagQuerySet, *, op: date, aantal: int | None = None
) -> list[Goedkeuring]:
    if not getattr(user, "is_authenticated", False):
        return []
    qs = (
        Goedkeuring.objects.filter(
            lid__user=user,
            oordeel=Oordeel.OPEN,
            ronde__gesloten_op__isnull=True,
            ronde__deadline__gte=op,
            ronde__advies__aanvraag__status=Status.TER_GOEDKEURING,
            ronde__advies__aanvraag__in=zichtbaar,
        )
        .select_related("ronde__advies__aanvraag")
        .order_by("ronde__deadline", "pk")
    )
    return list(qs if aantal is None else qs[:aantal])


def wacht_op_mij(user: Any, *, op: date | None = None, aantal: int = 5) -> list[Goedkeuring]:
    """The first ``aantal`` approvals waiting for ``user``, soonest deadline first (dashboard)."""
    return _wachtend(user, aanvragen_zichtbaar_voor(user), op=op or vandaag(), aantal=aantal)


@dataclass
class Overzicht:
    open: list[Adviesaanvraag]
    wacht_op_mij: list[Goedkeuring]
    geschiedenis: list[Adviesaanvraag]
    meer_geschiedenis: bool
    pagina: int
    op: date
    meer_open: bool = False
    pagina_open: int = 1


def portaal_overzicht(
    user: Any, *, pagina: int = 1, op: date | None = None, pagina_open: int = 1
) -> Overzicht:
    """Running requests (``pagina_open``), approvals waiting for ``user`` and finished requests
    (``pagina``); both lists ``*_PER_PAGINA`` at a time, read one row ahead to know if there is
    a next page (no count query)."""
    op = op or vandaag()
    zichtbaar = aanvragen_zichtbaar_voor(user)
    pagina_open = min(max(1, pagina_open), MAX_PAGINA)
    begin_open = (pagina_open - 1) * LOPEND_PER_PAGINA
    open_ = list(
        zichtbaar.open().order_by("advies_uiterlijk", "reactie_uiterlijk", "pk")[
            begin_open : begin_open + LOPEND_PER_PAGINA + 1
        ]
    )
    wachtend = _wachtend(user, zichtbaar, op=op)
    pagina = min(max(1, pagina), MAX_PAGINA)
    start = (pagina - 1) * GESCHIEDENIS_PER_PAGINA
    geschiedenis = list(
        zichtbaar.filter(status__in=[Status.AFGEROND, Status.INGETROKKEN]).order_by(
            "-gewijzigd_op", "-pk"
        )[start : start + GESCHIEDENIS_PER_PAGINA + 1]
    )
    return Overzicht(
        open=open_[:LOPEND_PER_PAGINA],
        meer_open=len(open_) > LOPEND_PER_PAGINA,
        pagina_open=pagina_open,
        wacht_op_mij=wachtend,
        geschiedenis=geschiedenis[:GESCHIEDENIS_PER_PAGINA],
        meer_geschiedenis=len(geschiedenis) > GESCHIEDENIS_PER_PAGINA,
        pagina=pagina,
        op=op,
    )


@dataclass
class Knop:
    naar: str
    label: str
    reden_verplicht: bool
    probleem: str | None


def knoppen(aanvraag: Adviesaanvraag, user: Any, op: date | None = None) -> list[Knop]:
    """The buttons ``user`` sees: the rows of the transition table their roles may take."""
    op = op or vandaag()
    return [
        Knop(o.naar, o.label, o.reden_verplicht, o.blokkade(aanvraag, op))
        for o in transitions.WERKSTROOM.van(aanvraag.status, aanvraag.soort)
        if aanvraag_policy.user_has_perm(user, o.capability)
    ]


def _mag(user: Any, regel: transitions.Regel, aanvraag: Adviesaanvraag) -> bool:
    capability, statussen = regel
    return aanvraag_policy.user_has_perm(user, capability) and aanvraag.status in statussen


#: Who assigns the policy officer of a request (and so may be asked to, where one is missing).
TOEWIJZEN: transitions.Regel = (
    "advies.plannen",
    tuple(s for s in Status if s not in EINDSTATUSSEN),
)


def mag_beleidsmedewerker_toewijzen(user: Any, aanvraag: Adviesaanvraag) -> bool:
    return aanvraag.soort != Soort.MEEDENKEN and _mag(user, TOEWIJZEN, aanvraag)


def aan_zet(aanvraag: Adviesaanvraag) -> str:
    """Who must act before the municipality can answer: said plainly where nobody is assigned."""
    if (
        aanvraag.beleidsmedewerker_id is None
        and aanvraag.soort != Soort.MEEDENKEN
        and aanvraag.status not in EINDSTATUSSEN
    ):
        return str(
            _(
                "Er is nog geen beleidsmedewerker toegewezen. De accounthouder wijst er een toe. "
                "Pas daarna kan de gemeente op dit advies reageren."
            )
        )
    return ""


@dataclass(frozen=True)
class Stem:
    """One member's row of an approval round, as ``user`` may read it."""

    naam: str
    oordeel: str
    oordeel_label: str
    opmerking: str


def stemmen_voor(user: Any, goedkeuringen: list[Goedkeuring]) -> list[Stem]:
    """The per-member rows of a round for ``user``: none for who may not see the round
    (``aanvraag_policy.ronde_inzien``); and the reason on a left-out member's row, which repeats
    or derives from what that member declared, only for who may read it
    (``verklaring_policy.mag_tekst_lezen``): others read "belang gemeld"."""
    if not aanvraag_policy.ronde_inzien(user, deelnemers=[g.lid.user_id for g in goedkeuringen]):
        return []
    stemmen = []
    for g in goedkeuringen:
        opmerking = g.opmerking
        if g.oordeel == Oordeel.UITGESLOTEN and not verklaring_policy.mag_tekst_lezen(
            user, van=g.lid.user_id
        ):
            opmerking = ""
        stemmen.append(
            Stem(
                naam=g.lid.naam,
                oordeel=g.oordeel,
                oordeel_label=str(g.get_oordeel_display()),
                opmerking=opmerking,
            )
        )
    return stemmen


@dataclass
class Detail:
    aanvraag: Adviesaanvraag
    documenten: list[Document]
    versies: list[Advies]
    huidige: Advies | None
    verzonden: Advies | None
    punten: list[Adviespunt]
    #: The round's rows as ``user`` may see them (``stemmen_voor``): empty for policy staff and
    #: the account holder, who see only the round's deadline and, later, the approval date.
    stemmen: list[Stem]
    ronde: Any
    mijn_goedkeuring: Goedkeuring | None
    knoppen: list[Knop]
    acties: dict[str, bool] = field(default_factory=dict)
    te_laat: bool = False
    #: Who must act where the work is stuck (no policy officer yet), or "".
    aan_zet: str = ""
    #: "Wat inwoners zeiden": the uses of residents' findings linked to this request, each with
    #: its finding, theme and activity (``panelen.inwoners``).
    inwoners: list[Any] = field(default_factory=list)
    #: The documents' files ``user`` may download: the others are listed without a link, so
    #: the page never links to a refusal (a confidential file without an object grant).
    te_downloaden: set[int] = field(default_factory=set)


def _te_downloaden(user: Any, documenten: list[Document], versies: list[Advies]) -> set[int]:
    ids = {doc.bestand_id for doc in documenten} | {v.pdf_id for v in versies if v.pdf_id}
    if not ids:
        return set()
    return set(
        bestand_policy.instances_user_has_perm_for(
            user, "view", Bestand.objects.filter(pk__in=ids)
        ).values_list("pk", flat=True)
    )


def aanvraag_detail(user: Any, pk: object, op: date | None = None) -> Detail:
    op = op or vandaag()
    # The page's related rows in the same queries: the policy officer with the request, the
    # College's response with each version, the questions once (the template reads them twice).
    aanvraag = aanvraag_policy.get_object_for(
        user,
        "view",
        queryset=Adviesaanvraag.objects.select_related("beleidsmedewerker").prefetch_related(
            Prefetch("vragen", queryset=Vraag.objects.order_by("nummer"))
        ),
        pk=pk,
    )
    versies = list(aanvraag.versies.select_related("pdf", "reactie").order_by("-versie"))
    huidige = versies[0] if versies else None
    verzonden = next((v for v in versies if v.verzonden_op), None)
    punten = list(huidige.punten.select_related("reactie").order_by("nummer")) if huidige else []
    ronde = huidige.rondes.filter(gesloten_op__isnull=True).first() if huidige else None
    goedkeuringen = (
        list(ronde.goedkeuringen.select_related("lid__user").order_by("lid__user__achternaam"))
        if ronde
        else []
    )
    mijn = next((g for g in goedkeuringen if g.lid.user_id == user.pk), None)
    documenten = list(aanvraag.documenten.select_related("bestand"))
    return Detail(
        aanvraag=aanvraag,
        documenten=documenten,
        te_downloaden=_te_downloaden(user, documenten, versies),
        versies=versies,
        huidige=huidige,
        verzonden=verzonden,
        punten=punten,
        stemmen=stemmen_voor(user, goedkeuringen),
        ronde=ronde,
        mijn_goedkeuring=mijn,
        knoppen=knoppen(aanvraag, user, op),
        acties={
            "concept": _mag(user, transitions.CONCEPT_BEWERKEN, aanvraag),
            "document": _mag(user, transitions.DOCUMENT_TOEVOEGEN, aanvraag),
            "reactie": _mag(user, transitions.REACTIE_VASTLEGGEN, aanvraag),
            "publiceren": _mag(user, transitions.PUBLICEREN, aanvraag)
            and aanvraag.soort != Soort.MEEDENKEN,
            "belang": _mag(user, transitions.BELANG_MELDEN, aanvraag),
            "inbreng": _mag(user, transitions.MEEDENKEN_VASTLEGGEN, aanvraag)
            and aanvraag.soort == Soort.MEEDENKEN,
            "kortere_termijn": _mag(user, transitions.KORTERE_TERMIJN, aanvraag),
            "raadsvoorlegger": verzonden is not None and hasattr(verzonden, "reactie"),
            "beleidsmedewerker": mag_beleidsmedewerker_toewijzen(user, aanvraag),
        },
        aan_zet=aan_zet(aanvraag),
        te_laat=aanvraag.reactie_te_laat_op(op),
        inwoners=panelen.inwoners(user, aanvraag),
    )


# --- Raadsvoorlegger -----------------------------------------------------------------------------
def raadsvoorlegger(aanvraag: Adviesaanvraag) -> Raadsvoorlegger:
    """The cover note for the raad (Bijlage 3): involvement, main points, what was adopted."""
    advies = (
        aanvraag.versies.filter(verzonden_op__isnull=False, reactie__isnull=False)
        .select_related("reactie")
        .order_by("-versie")
        .first()
    )
    if advies is None:
        raise Http404
    punten = list(advies.punten.select_related("reactie").order_by("nummer"))
    over = sum(1 for p in punten if p.reactie.oordeel == Overname.OVERGENOMEN)
    deels = sum(1 for p in punten if p.reactie.oordeel == Overname.DEELS)
    betrokken = []
    if aanvraag.soort == Soort.ONGEVRAAGD:
        betrokken.append(
            f"De adviesraad sociaal domein heeft op eigen initiatief (ongevraagd) advies gegeven "
            f"over „{aanvraag.titel}”. Het advies en de reactie van het college gaan ter "
            f"kennisname naar de gemeenteraad."
        )
    else:
        stappen = []
        meedenken = aanvraag.meedenken_op or (
            aanvraag.vervolg_op.meedenken_op if aanvraag.vervolg_op else None
        )
        if meedenken:
            stappen.append(f"dacht op {meedenken:%d-%m-%Y} mee aan de voorkant")
        if aanvraag.adviesgesprek_op:
            stappen.append(
                f"gaf op {aanvraag.adviesgesprek_op:%d-%m-%Y} mondeling advies in een adviesgesprek"
            )
        stappen.append(
            f"stuurde het vastgestelde advies op {advies.verzonden_op:%d-%m-%Y} naar het college"
        )
        betrokken.append(
            f"Het college heeft de adviesraad sociaal domein om advies gevraagd over "
            f"„{aanvraag.titel}”. De adviesraad " + ", ".join(stappen) + "."
        )
    betrokken.append(
        f"Het college reageerde op {advies.reactie.besluitdatum:%d-%m-%Y}: van de {len(punten)} "
        f"adviespunten zijn er {over} overgenomen, {deels} deels overgenomen en "
        f"{len(punten) - over - deels} niet overgenomen."
    )
    return Raadsvoorlegger(
        aanvraag=aanvraag,
        advies=advies,
        alineas=betrokken,
        punten=[
            (
                p.nummer,
                platte_tekst(p.tekst),
                p.reactie.get_oordeel_display(),
                p.reactie.toelichting,
            )
            for p in punten
        ],
    )


# --- Public register -----------------------------------------------------------------------------
REGISTER_VOLGORDE = ("-gepubliceerd_op", "-pk")


def _register_basis() -> QuerySet[Adviesaanvraag]:
    """Every published request of the register, without figures: filter and slice this."""
    return Adviesaanvraag.objects.gepubliceerd().exclude(soort=Soort.MEEDENKEN)


def _met_cijfers(pagina: QuerySet[Adviesaanvraag]) -> list[Adviesaanvraag]:
    """The requests of ``pagina`` (filtered, ordered and sliced) with their figures.

    Slice first, count after: the sliced page is a subquery, so the aggregates over versions
    and points (and their GROUP BY) only run for the rows shown, not for every published request
    before the LIMIT. One query, plus one for the laws.
    """
    return list(
        Adviesaanvraag.objects.filter(pk__in=pagina.values("pk"))
        .annotate(
            verzonden_op=Max("versies__verzonden_op"),
            punten_totaal=Count("versies__reactie__punten", distinct=True),
            punten_over=Count(
                "versies__reactie__punten",
                filter=Q(versies__reactie__punten__oordeel=Overname.OVERGENOMEN),
                distinct=True,
            ),
            punten_deels=Count(
                "versies__reactie__punten",
                filter=Q(versies__reactie__punten__oordeel=Overname.DEELS),
                distinct=True,
            ),
        )
        .prefetch_related(Prefetch("kernwetten", queryset=Kernwet.objects.order_by("volgorde")))
        .order_by(*REGISTER_VOLGORDE)
    )


@dataclass
class Register:
    adviezen: list[Adviesaanvraag]
    jaren: list[int]
    kernwetten: list[Kernwet]
    filters: dict[str, str]
    pagina: int
    meer: bool


def register(
    *, jaar: int | None = None, wet: str = "", soort: str = "", status: str = "", pagina: int = 1
) -> Register:
    """The public register, filtered. The view reads the query string with
    ``core.queryparams``; a filter value that is not one of the choices is ignored here too,
    so no typed value reaches the database unchecked (a NUL byte breaks a PostgreSQL query)."""
    qs = _register_basis()
    filters = {"jaar": "", "wet": "", "soort": "", "status": ""}
    kernwetten = list(Kernwet.objects.order_by("volgorde"))
    if jaar is not None and 1 <= jaar <= 9999:
        qs = qs.filter(gepubliceerd_op__year=jaar)
        filters["jaar"] = str(jaar)
    if wet and wet in {k.code for k in kernwetten}:
        qs = qs.filter(kernwetten__code=wet)
        filters["wet"] = wet
    if soort in (Soort.GEVRAAGD, Soort.ONGEVRAAGD):
        qs = qs.filter(soort=soort)
        filters["soort"] = soort
    if status in Status.values:
        qs = qs.filter(status=status)
        filters["status"] = status
    pagina = min(max(1, pagina), MAX_PAGINA)
    start = (pagina - 1) * REGISTER_PER_PAGINA
    adviezen = _met_cijfers(
        qs.order_by(*REGISTER_VOLGORDE)[start : start + REGISTER_PER_PAGINA + 1]
    )
    jaren = sorted(
        {d.year for d in Adviesaanvraag.objects.gepubliceerd().dates("gepubliceerd_op", "year")},
        reverse=True,
    )
    return Register(
        adviezen=adviezen[:REGISTER_PER_PAGINA],
        jaren=jaren,
        kernwetten=kernwetten,
        filters=filters,
        pagina=pagina,
        meer=len(adviezen) > REGISTER_PER_PAGINA,
    )


def register_feed(aantal: int = 50) -> list[Adviesaanvraag]:
    return _met_cijfers(_register_basis().order_by(*REGISTER_VOLGORDE)[:aantal])


@dataclass
class OpenbaarAdvies:
    aanvraag: Adviesaanvraag
    advies: Advies
    punten: list[Adviespunt]
    documenten: list[Document]
    #: Linked findings of residents, only as (kind label, number): never their text or quotes,
    #: which may come from activities whose feedback is not public.
    opbrengsten_per_soort: list[tuple[str, int]] = field(default_factory=list)

    @property
    def aantal_opbrengsten(self) -> int:
        return sum(aantal for _, aantal in self.opbrengsten_per_soort)


def openbaar_advies(kenmerk: str) -> OpenbaarAdvies:
    """A published advice: the last sent version, its points and the College's response, and
    only the *public* documents (a confidential document and its title never appear)."""
    aanvraag = (
        Adviesaanvraag.objects.gepubliceerd()
        .exclude(soort=Soort.MEEDENKEN)
        .prefetch_related("kernwetten")
        .filter(kenmerk=kenmerk)
        .first()
    )
    if aanvraag is None:
        raise Http404
    advies = (
        aanvraag.versies.filter(verzonden_op__isnull=False)
        .select_related("pdf", "reactie")
        .order_by("-versie")
        .first()
    )
    if advies is None:  # pragma: no cover - publishing requires a sent version
        raise Http404
    return OpenbaarAdvies(
        aanvraag=aanvraag,
        advies=advies,
        punten=list(advies.punten.select_related("reactie").order_by("nummer")),
        documenten=list(aanvraag.documenten.filter(vertrouwelijk=False).select_related("bestand")),
        opbrengsten_per_soort=panelen.opbrengsten_per_soort(aanvraag),
    )


def openbaar_document(kenmerk: str, pk: int) -> Document:
    document = (
        Document.objects.filter(
            pk=pk,
            vertrouwelijk=False,
            aanvraag__kenmerk=kenmerk,
            aanvraag__gepubliceerd_op__isnull=False,
        )
        .select_related("bestand")
        .first()
    )
    if document is None:
        raise Http404
    return document
