"""The workflow of an advice request as one explicit table (as OpenSlides' ``State.next_states``).

Each row is a :class:`~hengelo_participatie.core.workflow.Transition`: for one kind, *from* a
state *to* a state, *which capability* it needs (the role table says which roles hold it), *what
must be true* (``eisen``: each returns the reason it is not allowed yet, or ``None``) and *what
happens after* (``effecten``: functions in ``services/effecten.py``: open the approval round,
render the PDF, notify members...). The rows gevraagd and ongevraagd advice share are written once
(``voor_soorten``); withdrawal (any kind, before sending, with a reason) is generated per state.

The table drives both sides: ``selectors.mogelijke_overgangen(aanvraag, user)`` gives the buttons
a user sees, and ``services.aanvraag.overgang_uitvoeren`` refuses anything not in it with a clear
message. Who is *related* to a request (a sitting member, the assigned policy officer) is checked
through the object policy (``policies.aanvraag_policy``), together with the capability.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from adviesraad.models.advies import Advies, Adviesaanvraag, Oordeel, Soort, Status
from hengelo_participatie.core.workflow import Transition, Workflow, voor_soorten

from .services import effecten as na

S = Status


# --- Guards: "what must be true" -------------------------------------------------------------
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


def _huidige(aanvraag: Adviesaanvraag) -> Advies | None:
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
    if advies is None or advies.punten.filter(reactie__isnull=True).exists():
        return str(_("Het college heeft nog niet op elk adviespunt gereageerd."))
    return None


def meedenken_geweest(aanvraag: Adviesaanvraag, op: date) -> str | None:
    if aanvraag.meedenken_op is None or aanvraag.meedenken_op > op:
        return str(
            _("Vul eerst de datum van de meedenksessie in; die mag niet in de toekomst liggen.")
        )
    return None


def inbreng_vastgelegd(aanvraag: Adviesaanvraag, op: date) -> str | None:
    if not aanvraag.mondelinge_inbreng.strip():
        return str(_("Schrijf eerst kort op wat de adviesraad heeft ingebracht."))
    return None


Rij = Transition[Adviesaanvraag]
G, U, M = Soort.GEVRAAGD, Soort.ONGEVRAAGD, Soort.MEEDENKEN

#: From the concept on, gevraagd and ongevraagd advice take the same steps.
_SAMEN: list[Rij] = [
    Rij(
        S.CONCEPT,
        S.TER_GOEDKEURING,
        str(_("Ter goedkeuring aan de leden")),
        "advies.verslag_maken",
        eisen=(heeft_punten,),
        effecten=(na.ronde_openen,),
    ),
    Rij(
        S.TER_GOEDKEURING,
        S.CONCEPT,
        str(_("Terug naar concept")),
        "advies.corrigeren",
        effecten=(na.ronde_sluiten,),
    ),
    Rij(
        S.TER_GOEDKEURING,
        S.VASTGESTELD,
        str(_("Advies vaststellen")),
        "advies.vaststellen",
        eisen=(ronde_akkoord,),
        effecten=(na.ronde_sluiten, na.vaststellen),
    ),
    Rij(
        S.VASTGESTELD,
        S.VERZONDEN,
        str(_("Verzenden aan het college")),
        "advies.verzenden",
        effecten=(na.verzenden,),
    ),
    Rij(
        S.VERZONDEN,
        S.CONCEPT,
        str(_("Correctie maken (nieuwe versie)")),
        "advies.corrigeren",
        reden_verplicht=True,
        effecten=(na.correctie,),
    ),
    Rij(
        S.VERZONDEN,
        S.REACTIE_ONTVANGEN,
        str(_("Reactie van het college is binnen")),
        "advies.reactie_vastleggen",
        eisen=(reactie_compleet,),
        effecten=(na.reactie_melden,),
    ),
]

_RIJEN: list[Rij] = [
    # Gevraagd advies (§4.2.1 punt 2, Bijlage 4).
    Rij(
        S.AANGEKONDIGD,
        S.DOCUMENTEN_ONTVANGEN,
        str(_("Documenten zijn ontvangen")),
        "advies.documenten_ontvangen",
        eisen=(heeft_documenten,),
        effecten=(na.ontvangst, na.leden_melden),
        soort=G,
    ),
    Rij(
        S.DOCUMENTEN_ONTVANGEN,
        S.IN_VOORBEREIDING,
        str(_("Voorbereiding starten")),
        "advies.voorbereiden",
        soort=G,
    ),
    Rij(
        S.IN_VOORBEREIDING,
        S.ADVIESGESPREK_GEHOUDEN,
        str(_("Adviesgesprek is gehouden")),
        "advies.verslag_maken",
        eisen=(adviesgesprek_geweest,),
        soort=G,
    ),
    Rij(
        S.ADVIESGESPREK_GEHOUDEN,
        S.CONCEPT,
        str(_("Conceptverslag is klaar")),
        "advies.verslag_maken",
        eisen=(heeft_punten,),
        soort=G,
    ),
    Rij(S.REACTIE_ONTVANGEN, S.AFGEROND, str(_("Afronden")), "advies.afronden", soort=G),
    # Ongevraagd advies (§4.2.1 punt 3): announced to the account holder, given in writing.
    Rij(
        S.AANGEKONDIGD,
        S.IN_VOORBEREIDING,
        str(_("Voorbereiding starten")),
        "advies.voorbereiden",
        soort=U,
    ),
    Rij(
        S.IN_VOORBEREIDING,
        S.CONCEPT,
        str(_("Concept is klaar")),
        "advies.verslag_maken",
        eisen=(heeft_punten,),
        soort=U,
    ),
    Rij(
        S.REACTIE_ONTVANGEN,
        S.TER_KENNISNAME_RAAD,
        str(_("Ter kennisname naar de gemeenteraad")),
        "advies.afronden",
        soort=U,
    ),
    Rij(S.TER_KENNISNAME_RAAD, S.AFGEROND, str(_("Afronden")), "advies.afronden", soort=U),
    *voor_soorten((G, U), _SAMEN),
    # Meedenken aan de voorkant (§4.2.1 punt 1): oral input, a short record.
    Rij(
        S.GEPLAND,
        S.GEHOUDEN,
        str(_("Meedenken is gehouden")),
        "advies.meedenken_vastleggen",
        eisen=(meedenken_geweest, inbreng_vastgelegd),
        soort=M,
    ),
    Rij(S.GEHOUDEN, S.AFGEROND, str(_("Afronden")), "advies.afronden", soort=M),
]

#: Who may withdraw a request of a kind (the party that started it), and until when.
INTREKKEN: dict[str, str] = {
    G: "advies.aanvraag_intrekken",
    M: "advies.aanvraag_intrekken",
    U: "advies.ongevraagd_intrekken",
}
INTREKBAAR: dict[str, list[str]] = {
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
    Rij(
        _van,
        S.INGETROKKEN,
        str(_("Intrekken")),
        INTREKKEN[_soort],
        reden_verplicht=True,
        effecten=(na.intrekken,),
        soort=_soort,
    )
    for _soort, _staten in INTREKBAAR.items()
    for _van in _staten
)

#: The first state of each kind, and who may start one.
BEGINSTATUS: dict[str, str] = {G: S.AANGEKONDIGD, U: S.AANGEKONDIGD, M: S.GEPLAND}
WERKSTROOM: Workflow[Adviesaanvraag] = Workflow(_RIJEN, begin=BEGINSTATUS)
AANMAKEN: dict[str, str] = {
    G: "advies.aanvraag_aanmaken",
    M: "advies.aanvraag_aanmaken",
    U: "advies.ongevraagd_aanmaken",
}

#: Outside the state table, the same shape: which capability edits what, in which states.
Regel = tuple[str, tuple[str, ...]]
CONCEPT_BEWERKEN: Regel = (
    "advies.verslag_maken",
    (S.IN_VOORBEREIDING, S.ADVIESGESPREK_GEHOUDEN, S.CONCEPT),
)
DOCUMENT_TOEVOEGEN: Regel = (
    "advies.documenten_toevoegen",
    tuple(s for s in S if s not in (S.AFGEROND, S.INGETROKKEN)),
)
REACTIE_VASTLEGGEN: Regel = ("advies.reactie_vastleggen", (S.VERZONDEN,))
PUBLICEREN: Regel = (
    "advies.publiceren",
    (S.VERZONDEN, S.REACTIE_ONTVANGEN, S.TER_KENNISNAME_RAAD, S.AFGEROND),
)
BELANG_MELDEN: Regel = (
    "advies.belang_melden",
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
MEEDENKEN_VASTLEGGEN: Regel = ("advies.meedenken_vastleggen", (S.GEPLAND, S.GEHOUDEN))
KORTERE_TERMIJN: Regel = (
    "advies.kortere_termijn",
    (S.AANGEKONDIGD, S.DOCUMENTEN_ONTVANGEN, S.IN_VOORBEREIDING),
)
