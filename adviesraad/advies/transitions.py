"""The workflow of an advice request as one explicit table (as OpenSlides' ``State.next_states``).

Each row is an ``Overgang``: for one kind, *from* a state *to* a state, *which roles* may do it,
*what must be true* (``eis``: returns the reason it is not allowed yet, or ``None``) and *what
happens after* (``na``: names of effects the service runs: open the approval round, render the PDF,
notify members...). Withdrawal (any kind, before sending, with a reason) is generated per state.

The table drives both sides: ``mogelijke_overgangen(aanvraag, user)`` gives the buttons a user
sees, and ``services.overgang_uitvoeren`` refuses anything not in it with a clear message. Who is
*related* to a request (a sitting member, the assigned policy officer) is checked in the service
through the object policy; the table holds the role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from adviesraad.models.advies import Adviesaanvraag, Oordeel, Soort, Status
from hengelo_participatie.accounts.roles import Rol

S = Status
V, VV, L, OS, A, B = (
    Rol.VOORZITTER,
    Rol.VICEVOORZITTER,
    Rol.LID,
    Rol.ONDERSTEUNER,
    Rol.ACCOUNTHOUDER,
    Rol.BELEIDSMEDEWERKER,
)
VOORZITTERS = frozenset({V, VV})

Eis = Callable[[Adviesaanvraag, date], "str | None"]


# --- Guards: "what must be true" -------------------------------------------------------------
def altijd(aanvraag: Adviesaanvraag, op: date) -> str | None:
    return None


def heeft_documenten(aanvraag: Adviesaanvraag, op: date) -> str | None:
    if not aanvraag.documenten.exists():
        return str(_("Voeg eerst het conceptdocument toe."))
    return None


def adviesgesprek_geweest(aanvraag: Adviesaanvraag, op: date) -> str | None:
    if aanvraag.adviesgesprek_op is None or aanvraag.adviesgesprek_op > op:
        return str(
            _("Vul eerst de datum van het adviesgesprek in; die mag niet in de toekomst liggen.")
        )
    return None


def _huidige(aanvraag: Adviesaanvraag):  # noqa: ANN202 - Advies | None, imported lazily
    return aanvraag.versies.order_by("-versie").first()


def heeft_punten(aanvraag: Adviesaanvraag, op: date) -> str | None:
    advies = _huidige(aanvraag)
    if advies is None or not advies.punten.exists():
        return str(_("Schrijf eerst minstens één adviespunt."))
    if advies.bevroren:
        return str(_("Deze versie is al verzonden. Maak een correctie."))
    return None


def ronde_akkoord(aanvraag: Adviesaanvraag, op: date) -> str | None:
    advies = _huidige(aanvraag)
    ronde = advies.rondes.filter(gesloten_op__isnull=True).first() if advies else None
    if ronde is None:
        return str(_("Er loopt geen goedkeuringsronde."))
    oordelen = list(ronde.goedkeuringen.values_list("oordeel", flat=True))
    if Oordeel.WIJZIGING in oordelen:
        return str(_("Een lid vraagt om een wijziging. Zet het advies eerst terug naar concept."))
    if Oordeel.AKKOORD not in oordelen:
        return str(_("Nog geen enkel lid heeft het concept goedgekeurd."))
    if Oordeel.OPEN in oordelen and op <= ronde.deadline:
        return str(
            _("Nog niet alle leden hebben gereageerd. Wacht tot na %(datum)s.")
            % {"datum": f"{ronde.deadline:%d-%m-%Y}"}
        )
    return None


def reactie_compleet(aanvraag: Adviesaanvraag, op: date) -> str | None:
    advies = aanvraag.versies.filter(verzonden_op__isnull=False).order_by("-versie").first()
    reactie = getattr(advies, "reactie", None) if advies else None
    if reactie is None:
        return str(_("Leg eerst de reactie van het college vast."))
    if advies.punten.filter(reactie__isnull=True).exists():
        return str(_("Het college heeft nog niet op elk adviespunt gereageerd."))
    return None


def inbreng_vastgelegd(aanvraag: Adviesaanvraag, op: date) -> str | None:
    if not aanvraag.mondelinge_inbreng.strip():
        return str(_("Schrijf eerst kort op wat de adviesraad heeft ingebracht."))
    return None


@dataclass(frozen=True)
class Overgang:
    soort: str
    van: str
    naar: str
    rollen: frozenset[Rol]
    label: str
    eis: Eis = altijd
    na: tuple[str, ...] = ()
    #: The user must give a reason (withdrawal, correction).
    reden_verplicht: bool = False

    @property
    def naam(self) -> str:
        return f"{self.van}__{self.naar}"


def _rij(soort: str, van: str, naar: str, rollen: set[Rol], label: str, **kw: object) -> Overgang:
    return Overgang(soort, van, naar, frozenset(rollen), str(label), **kw)  # type: ignore[arg-type]


G, U, M = Soort.GEVRAAGD, Soort.ONGEVRAAGD, Soort.MEEDENKEN

#: The advice workflow. (soort, van, naar, rollen, knop, eis, na)
_RIJEN: list[Overgang] = [
    # Gevraagd advies (§4.2.1 punt 2, Bijlage 4).
    _rij(
        G,
        S.AANGEKONDIGD,
        S.DOCUMENTEN_ONTVANGEN,
        {A, B, OS},
        _("Documenten zijn ontvangen"),
        eis=heeft_documenten,
        na=("ontvangst", "leden_melden"),
    ),
    _rij(G, S.DOCUMENTEN_ONTVANGEN, S.IN_VOORBEREIDING, {OS, V, VV}, _("Voorbereiding starten")),
    _rij(
        G,
        S.IN_VOORBEREIDING,
        S.ADVIESGESPREK_GEHOUDEN,
        {OS},
        _("Adviesgesprek is gehouden"),
        eis=adviesgesprek_geweest,
    ),
    _rij(
        G, S.ADVIESGESPREK_GEHOUDEN, S.CONCEPT, {OS}, _("Conceptverslag is klaar"), eis=heeft_punten
    ),
    _rij(
        G,
        S.CONCEPT,
        S.TER_GOEDKEURING,
        {OS},
        _("Ter goedkeuring aan de leden"),
        eis=heeft_punten,
        na=("ronde_openen",),
    ),
    _rij(
        G, S.TER_GOEDKEURING, S.CONCEPT, {OS, V, VV}, _("Terug naar concept"), na=("ronde_sluiten",)
    ),
    _rij(
        G,
        S.TER_GOEDKEURING,
        S.VASTGESTELD,
        VOORZITTERS,
        _("Advies vaststellen"),
        eis=ronde_akkoord,
        na=("ronde_sluiten", "vaststellen"),
    ),
    _rij(G, S.VASTGESTELD, S.VERZONDEN, {OS}, _("Verzenden aan het college"), na=("verzenden",)),
    _rij(
        G,
        S.VERZONDEN,
        S.CONCEPT,
        {OS, V, VV},
        _("Correctie maken (nieuwe versie)"),
        reden_verplicht=True,
        na=("correctie",),
    ),
    _rij(
        G,
        S.VERZONDEN,
        S.REACTIE_ONTVANGEN,
        {A, B, OS},
        _("Reactie van het college is binnen"),
        eis=reactie_compleet,
        na=("reactie_melden",),
    ),
    _rij(G, S.REACTIE_ONTVANGEN, S.AFGEROND, {A, OS}, _("Afronden")),
    # Ongevraagd advies (§4.2.1 punt 3): announced to the account holder, given in writing.
    _rij(U, S.AANGEKONDIGD, S.IN_VOORBEREIDING, {OS, V, VV}, _("Voorbereiding starten")),
    _rij(U, S.IN_VOORBEREIDING, S.CONCEPT, {OS}, _("Concept is klaar"), eis=heeft_punten),
    _rij(
        U,
        S.CONCEPT,
        S.TER_GOEDKEURING,
        {OS},
        _("Ter goedkeuring aan de leden"),
        eis=heeft_punten,
        na=("ronde_openen",),
    ),
    _rij(
        U, S.TER_GOEDKEURING, S.CONCEPT, {OS, V, VV}, _("Terug naar concept"), na=("ronde_sluiten",)
    ),
    _rij(
        U,
        S.TER_GOEDKEURING,
        S.VASTGESTELD,
        VOORZITTERS,
        _("Advies vaststellen"),
        eis=ronde_akkoord,
        na=("ronde_sluiten", "vaststellen"),
    ),
    _rij(U, S.VASTGESTELD, S.VERZONDEN, {OS}, _("Verzenden aan het college"), na=("verzenden",)),
    _rij(
        U,
        S.VERZONDEN,
        S.CONCEPT,
        {OS, V, VV},
        _("Correctie maken (nieuwe versie)"),
        reden_verplicht=True,
        na=("correctie",),
    ),
    _rij(
        U,
        S.VERZONDEN,
        S.REACTIE_ONTVANGEN,
        {A, B, OS},
        _("Reactie van het college is binnen"),
        eis=reactie_compleet,
        na=("reactie_melden",),
    ),
    _rij(
        U,
        S.REACTIE_ONTVANGEN,
        S.TER_KENNISNAME_RAAD,
        {A, OS},
        _("Ter kennisname naar de gemeenteraad"),
    ),
    _rij(U, S.TER_KENNISNAME_RAAD, S.AFGEROND, {A, OS}, _("Afronden")),
    # Meedenken aan de voorkant (§4.2.1 punt 1): oral input, a short record.
    _rij(M, S.GEPLAND, S.GEHOUDEN, {OS, B}, _("Meedenken is gehouden"), eis=inbreng_vastgelegd),
    _rij(M, S.GEHOUDEN, S.AFGEROND, {OS, A}, _("Afronden")),
]

#: Who may withdraw a request of a kind (the party that started it), and until when.
INTREKKEN_ROLLEN = {G: {A, B, OS}, M: {A, B, OS}, U: {V, VV, OS}}
INTREKBAAR = {
    G: [
        S.AANGEKONDIGD,
        S.DOCUMENTEN_ONTVANGEN,
        S.IN_VOORBEREIDING,
        S.ADVIESGESPREK_GEHOUDEN,
        S.CONCEPT,
        S.TER_GOEDKEURING,
        S.VASTGESTELD,
    ],
    U: [S.AANGEKONDIGD, S.IN_VOORBEREIDING, S.CONCEPT, S.TER_GOEDKEURING, S.VASTGESTELD],
    M: [S.GEPLAND, S.GEHOUDEN],
}
_RIJEN.extend(
    _rij(
        _soort,
        _van,
        S.INGETROKKEN,
        INTREKKEN_ROLLEN[_soort],
        _("Intrekken"),
        reden_verplicht=True,
        na=("intrekken",),
    )
    for _soort, _staten in INTREKBAAR.items()
    for _van in _staten
)

OVERGANGEN: tuple[Overgang, ...] = tuple(_RIJEN)

#: The first state of each kind, and who may start one.
BEGINSTATUS = {G: S.AANGEKONDIGD, U: S.AANGEKONDIGD, M: S.GEPLAND}
AANMAKEN_ROLLEN = {G: {A, B, OS}, M: {A, B, OS}, U: {V, VV, OS}}

#: Outside the state table, the same shape: who may edit what, in which states.
CONCEPT_BEWERKEN = (frozenset({OS}), (S.IN_VOORBEREIDING, S.ADVIESGESPREK_GEHOUDEN, S.CONCEPT))
DOCUMENT_TOEVOEGEN = (
    frozenset({A, B, OS}),
    tuple(s for s in S if s not in (S.AFGEROND, S.INGETROKKEN)),
)
REACTIE_VASTLEGGEN = (frozenset({A, B, OS}), (S.VERZONDEN,))
PUBLICEREN = (
    frozenset({OS, V, VV}),
    (S.VERZONDEN, S.REACTIE_ONTVANGEN, S.TER_KENNISNAME_RAAD, S.AFGEROND),
)
BELANG_MELDEN = (
    frozenset({L, V, VV}),
    (
        S.AANGEKONDIGD,
        S.DOCUMENTEN_ONTVANGEN,
        S.IN_VOORBEREIDING,
        S.ADVIESGESPREK_GEHOUDEN,
        S.CONCEPT,
        S.TER_GOEDKEURING,
        S.GEPLAND,
    ),
)
MEEDENKEN_VASTLEGGEN = (frozenset({OS, B}), (S.GEPLAND, S.GEHOUDEN))
KORTERE_TERMIJN = (VOORZITTERS, (S.AANGEKONDIGD, S.DOCUMENTEN_ONTVANGEN, S.IN_VOORBEREIDING))


def overgangen_van(soort: str, van: str) -> list[Overgang]:
    return [o for o in OVERGANGEN if o.soort == soort and o.van == van]


def zoek(soort: str, van: str, naar: str) -> Overgang | None:
    for o in OVERGANGEN:
        if (o.soort, o.van, o.naar) == (soort, van, naar):
            return o
    return None


def bereikbare_statussen(soort: str) -> set[str]:
    """Every state reachable from the kind's first state (a test that the table is connected)."""
    gezien = {BEGINSTATUS[soort]}
    rand = [BEGINSTATUS[soort]]
    while rand:
        van = rand.pop()
        for o in overgangen_van(soort, van):
            if o.naar not in gezien:
                gezien.add(o.naar)
                rand.append(o.naar)
    return gezien
