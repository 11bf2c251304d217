"""Automatic recusal from the approval round, based on a member's declaration of other roles.

A member who declared a conflict on a request themselves is left out of its approval round
(``services.belang_melden``). This module adds the case where the *Nevenfunctieverklaring*
(Bijlage 6) already says so. The rule, applied when a round opens (``services._ronde_openen``):

1. Only a member's **latest** declaration counts: a newer one replaces the older.
2. **Onverenigbaar** (the chair found the role incompatible with membership): the member is left
   out of every round until that is resolved.
3. A declaration with a **finding** (categories 1, 2, 4 or 5) that is **still open** (not yet
   assessed by the chair) or **allowed with an agreement** is left out when it is *relevant to
   this request*: the text the member wrote with a finding (and, for an agreement, the agreement
   itself) names one of the request's laws (name or code, e.g. "Wmo" or "Jeugdwet") or one of its
   themes. Themes are where a request names the organisation it concerns (for example
   "Stichting Welzijn Hengelo"), so a board seat there matches too. Whole words only, not
   case-sensitive, terms of at least three letters.
4. **Geen strijdigheid**, or a finding that does not touch the request: the member takes part.

The recusal is recorded on the member's row of the round (``Goedkeuring``, ``oordeel=
uitgesloten``) with a reason that names the kind of finding and the matching law or theme, never
the text of the declaration itself: the round is visible to the whole council, the declaration
only to the member, the chair and the supporter.

Every declaration the check reads is logged as a read (``VerklaringInzage``, ``via="automatisch"``,
no person), like every other read of a declaration.

The check runs when a round opens. A declaration filed or assessed while a round is open applies
from the next round (after "terug naar concept" or a correction).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from adviesraad.models import Lid
from adviesraad.models.advies import Adviesaanvraag
from adviesraad.models.verklaringen import (
    BEVINDING_CATEGORIEEN,
    Beoordeling,
    Nevenfunctieverklaring,
    VerklaringInzage,
)

logger = logging.getLogger("hengelo_participatie.adviesraad")

MIN_LENGTE = 3


def termen_van(aanvraag: Adviesaanvraag) -> dict[str, list[str]]:
    """The laws and themes of ``aanvraag`` a declaration can touch: name → ways to write it."""
    termen: dict[str, list[str]] = {}
    for wet in aanvraag.kernwetten.all():
        termen[wet.naam] = [wet.naam, wet.code.replace("-", " ")]
    for thema in re.split(r"[,;\n]", aanvraag.themas):
        thema = " ".join(thema.split())
        termen.setdefault(thema, [thema])
    return {
        naam: [v for v in varianten if len(v) >= MIN_LENGTE]
        for naam, varianten in termen.items()
        if len(naam) >= MIN_LENGTE
    }


def _tekst_van_bevindingen(verklaring: Nevenfunctieverklaring) -> str:
    delen = [
        getattr(verklaring, f"{naam}_toelichting")
        for naam in BEVINDING_CATEGORIEEN
        if getattr(verklaring, naam)
    ]
    delen.append(verklaring.overige_toelichting)
    if verklaring.beoordeling == Beoordeling.AFSPRAAK:
        delen.append(verklaring.afspraak)
    return "\n".join(d for d in delen if d)


def _noemt(tekst: str, term: str) -> bool:
    woorden = r"\s+".join(re.escape(w) for w in term.split())
    return re.search(rf"(?<!\w){woorden}(?!\w)", tekst, flags=re.IGNORECASE) is not None


def reden(verklaring: Nevenfunctieverklaring | None, termen: dict[str, list[str]]) -> str | None:
    """Why the declaration excludes its member from this request's round, or ``None``."""
    if verklaring is None:
        return None
    datum = f"{verklaring.ingediend_op:%d-%m-%Y}"
    if verklaring.beoordeling == Beoordeling.ONVERENIGBAAR:
        return _(
            "Automatisch uitgesloten: de nevenfunctieverklaring van %(datum)s is beoordeeld als "
            "onverenigbaar met het lidmaatschap."
        ) % {"datum": datum}
    if not verklaring.heeft_bevinding or verklaring.beoordeling not in (
        Beoordeling.OPEN,
        Beoordeling.AFSPRAAK,
    ):
        return None
    tekst = _tekst_van_bevindingen(verklaring)
    geraakt = [
        naam for naam, varianten in termen.items() if any(_noemt(tekst, v) for v in varianten)
    ]
    if not geraakt:
        return None
    staat = (
        _("nog niet beoordeeld")
        if verklaring.beoordeling == Beoordeling.OPEN
        else _("toegestaan met een afspraak")
    )
    return _(
        "Automatisch uitgesloten: de nevenfunctieverklaring van %(datum)s (%(staat)s) raakt "
        "aan %(termen)s."
    ) % {"datum": datum, "staat": staat, "termen": ", ".join(geraakt)}


def laatste_verklaringen(leden: Iterable[Lid]) -> dict[int, Nevenfunctieverklaring]:
    """The latest declaration of each member, in one query."""
    laatste: dict[int, Nevenfunctieverklaring] = {}
    for verklaring in Nevenfunctieverklaring.objects.filter(
        lid__in=[lid.pk for lid in leden]
    ).order_by("lid_id", "-ingediend_op", "-pk"):
        laatste.setdefault(verklaring.lid_id, verklaring)
    return laatste


def automatische_uitsluitingen(aanvraag: Adviesaanvraag, leden: Iterable[Lid]) -> dict[int, str]:
    """Member pk → reason, for every member in ``leden`` the rule above leaves out."""
    leden = list(leden)
    termen = termen_van(aanvraag)
    verklaringen = laatste_verklaringen(leden)
    _lezen_vastleggen(verklaringen.values(), aanvraag)
    uitkomst: dict[int, str] = {}
    for lid in leden:
        waarom = reden(verklaringen.get(lid.pk), termen)
        if waarom:
            uitkomst[lid.pk] = waarom
    return uitkomst


def _lezen_vastleggen(
    verklaringen: Iterable[Nevenfunctieverklaring], aanvraag: Adviesaanvraag
) -> None:
    """Log the system's read of each declaration (AVG: every read of a declaration is logged)."""
    inzages = VerklaringInzage.objects.bulk_create(
        VerklaringInzage(verklaring=v, gelezen_door=None, via="automatisch") for v in verklaringen
    )
    for inzage in inzages:
        logger.info(
            "actor=systeem action=verklaring_lezen object=nevenfunctieverklaring:%s result=ok "
            "via=automatisch reden=goedkeuringsronde:adviesaanvraag:%s",
            inzage.verklaring_id,
            aanvraag.pk,
        )
