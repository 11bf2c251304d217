"""Writes of the rules (``Regel``). The admin, commands and tasks all come through here.

A rule changes by adding a version from a date: ``regel_wijzigen`` closes the version that runs
on that date and adds the new one, in one transaction. The past is never edited: a version
whose period has started keeps its value and dates for good (``regel_versie_bijwerken`` refuses).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import datum_tekst, eis, opslaan, vandaag
from verordening import waarden
from verordening.models import Artikel, HuishoudelijkReglement, Regel
from verordening.policies import regel_policy
from verordening.selectors import aanwezigheidsregels, is_aanwezigheidsregel
from verordening.services.gedeeld import verwijderen

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

# Fields of a version that describe the past once its period has started.
VASTE_VELDEN_NA_START = frozenset(
    {"sleutel", "type", "waarde", "eenheid", "geldig_vanaf", "geldig_tot"}
)
# Fields ``regel_versie_bijwerken`` may touch at all (the period only changes through versions).
BIJWERKBARE_VELDEN = frozenset(
    {"naam", "type", "waarde", "eenheid", "bron", "bron_lid", "bron_toelichting"}
)


def _eis_permissie(door: User | None, actie: Actie, *acties: str, obj: Regel | None = None) -> None:
    """A person (never the system) who may do every model action of ``acties`` on rules."""
    eis(
        lambda: door is not None and all(regel_policy.user_has_perm(door, a) for a in acties),
        door,
        actie,
        obj,
        melding=_("U mag de regels van de verordening niet wijzigen."),
    )


def _eis_datum(waarde: Any, veld: str) -> date:
    if isinstance(waarde, datetime) or not isinstance(waarde, date):
        raise ValidationError({veld: _("Vul een geldige datum in.")})
    return waarde


def _eis_niet_in_verleden(datum: date, veld: str) -> None:
    if datum < vandaag():
        raise ValidationError(
            {
                veld: _(
                    "Een regel verandert vanaf vandaag (%(vandaag)s) of later. Wat al gold, blijft "
                    "zoals het was."
                )
                % {"vandaag": datum_tekst(vandaag())}
            },
            code="verleden",
        )


def _eis_artikel(bron: Any) -> Artikel | None:
    if bron is not None and not isinstance(bron, Artikel):
        raise ValidationError({"bron": _("Kies een artikel van de verordening.")})
    return bron


@contextmanager
def _twee_versies_tegelijk() -> Iterator[None]:
    """A savepoint (so PostgreSQL can go on after a refusal), and the database's refusal of two
    overlapping versions as a Dutch ``ValidationError``."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "De database weigert deze wijziging: twee versies van één regel zouden tegelijk "
                "gelden. Vernieuw de pagina en probeer het opnieuw."
            ),
            code="integriteit",
        ) from exc


def _opslaan_regel(regel: Regel, *, door: User | None, reden: str) -> None:
    with _twee_versies_tegelijk():
        opslaan(regel, door=door, reden=reden)


@transaction.atomic
def regel_aanmaken(
    *,
    sleutel: str,
    naam: str,
    type: str,
    waarde: Any,
    geldig_vanaf: date,
    door: User | None,
    eenheid: str = "",
    bron: Artikel | None = None,
    bron_lid: str = "",
    bron_toelichting: str = "",
) -> Regel:
    """Add a rule that has no versions yet, from ``geldig_vanaf`` (today or later)."""
    _eis_permissie(door, Actie.REGEL_AANMAKEN, "add")
    geldig_vanaf = _eis_datum(geldig_vanaf, "geldig_vanaf")
    _eis_niet_in_verleden(geldig_vanaf, "geldig_vanaf")
    if Regel.objects.filter(sleutel=sleutel).exists():
        raise ValidationError(
            {
                "sleutel": _(
                    "Deze regel bestaat al. Voeg bij de huidige versie een nieuwe versie toe."
                )
            }
        )
    regel = Regel(
        sleutel=sleutel,
        naam=naam,
        type=type,
        waarde=waarde,
        eenheid=eenheid,
        bron=_eis_artikel(bron),
        bron_lid=bron_lid,
        bron_toelichting=bron_toelichting,
        geldig_vanaf=geldig_vanaf,
    )
    _opslaan_regel(regel, door=door, reden="Regel aangemaakt")
    audit.vastleggen(door, Actie.REGEL_AANMAKEN, regel)
    return regel


@transaction.atomic
def regel_wijzigen(
    *,
    sleutel: str,
    waarde: Any,
    geldig_vanaf: date,
    bron: Artikel | None,
    door: User | None,
    bron_lid: str | None = None,
    bron_toelichting: str | None = None,
) -> Regel:
    """Give rule ``sleutel`` a new value from ``geldig_vanaf`` on; answers before it stay the same.

    The version that runs on ``geldig_vanaf`` is closed on that date; the new version runs until
    the next planned version starts (or open-ended). ``bron_lid`` and ``bron_toelichting`` are
    taken over from the running version unless given. Refused: a date in the past, a date on
    which a version already starts, an unknown rule, a value that does not fit the rule's type.
    """
    _eis_permissie(door, Actie.REGEL_WIJZIGEN, "add", "change")
    geldig_vanaf = _eis_datum(geldig_vanaf, "geldig_vanaf")
    _eis_niet_in_verleden(geldig_vanaf, "geldig_vanaf")
    nieuw = _versie_toevoegen(
        sleutel=sleutel,
        waarde=waarde,
        geldig_vanaf=geldig_vanaf,
        bron=_eis_artikel(bron),
        door=door,
        bron_lid=bron_lid,
        bron_toelichting=bron_toelichting,
    )
    audit.vastleggen(door, Actie.REGEL_WIJZIGEN, nieuw)
    return nieuw


def _versie_toevoegen(
    *,
    sleutel: str,
    waarde: Any,
    geldig_vanaf: date,
    bron: Artikel | None,
    door: User | None,
    bron_lid: str | None,
    bron_toelichting: str | None,
) -> Regel:
    """The write of :func:`regel_wijzigen`, once the caller has checked who and when."""
    versies = list(
        Regel.objects.select_for_update().filter(sleutel=sleutel).order_by("geldig_vanaf")
    )
    if not versies:
        raise ValidationError(
            {"sleutel": _("Er is geen regel met de sleutel „%(sleutel)s”.") % {"sleutel": sleutel}}
        )
    if any(v.geldig_vanaf == geldig_vanaf for v in versies):
        raise ValidationError(
            {
                "geldig_vanaf": _(
                    "Op deze datum begint al een versie van deze regel. Kies een andere datum, of "
                    "pas die versie aan zolang ze nog niet geldt."
                )
            }
        )
    eerder = [v for v in versies if v.geldig_vanaf < geldig_vanaf]
    later = [v for v in versies if v.geldig_vanaf > geldig_vanaf]
    lopend = next((v for v in eerder if v.geldig_tot is None or v.geldig_tot > geldig_vanaf), None)
    basis = lopend or (eerder[-1] if eerder else later[0])

    try:
        schoon = waarden.normaliseer(basis.type, waarde)
    except ValidationError as exc:
        raise ValidationError({"waarde": exc.messages}) from None

    if lopend is not None:
        lopend.geldig_tot = geldig_vanaf
        _opslaan_regel(
            lopend, door=door, reden=f"Afgesloten: nieuwe versie vanaf {geldig_vanaf:%d-%m-%Y}"
        )

    if bron_lid is None:
        bron_lid = basis.bron_lid if bron is not None and bron.pk == basis.bron_id else ""
    nieuw = Regel(
        sleutel=sleutel,
        naam=basis.naam,
        type=basis.type,
        eenheid=basis.eenheid,
        waarde=schoon,
        bron=bron,
        bron_lid=bron_lid,
        bron_toelichting=basis.bron_toelichting if bron_toelichting is None else bron_toelichting,
        geldig_vanaf=geldig_vanaf,
        geldig_tot=later[0].geldig_vanaf if later else None,
    )
    _opslaan_regel(nieuw, door=door, reden=f"Nieuwe versie vanaf {geldig_vanaf:%d-%m-%Y}")
    return nieuw


@transaction.atomic
def regel_versie_bijwerken(*, regel: Regel, door: User | None, **wijzigingen: Any) -> Regel:
    """Correct a version. Name and source may always change (a correction of the citation);
    value, type and unit only while the version has not started. The period never changes here.
    """
    _eis_permissie(door, Actie.REGEL_VERSIE_BIJWERKEN, "change", obj=regel)
    onbekend = set(wijzigingen) - BIJWERKBARE_VELDEN
    if onbekend:
        raise ValidationError(
            _("De periode van een versie verandert alleen door een nieuwe versie toe te voegen.")
        )
    huidig: Regel = Regel.objects.select_for_update().get(pk=regel.pk)
    gewijzigd = {veld for veld, waarde in wijzigingen.items() if getattr(huidig, veld) != waarde}
    if huidig.is_begonnen() and gewijzigd & VASTE_VELDEN_NA_START:
        raise ValidationError(
            _(
                "Deze versie geldt al sinds %(datum)s. Haar waarde verandert niet meer; voeg een "
                "nieuwe versie toe vanaf een datum."
            )
            % {"datum": datum_tekst(huidig.geldig_vanaf)},
            code="begonnen",
        )
    if "bron" in wijzigingen:
        _eis_artikel(wijzigingen["bron"])
    for veld in gewijzigd:
        setattr(huidig, veld, wijzigingen[veld])
    if gewijzigd:
        _opslaan_regel(
            huidig, door=door, reden="Versie bijgewerkt: " + ", ".join(sorted(gewijzigd))
        )
        audit.vastleggen(door, Actie.REGEL_VERSIE_BIJWERKEN, huidig)
    return huidig


@transaction.atomic
def regel_versie_intrekken(*, regel: Regel, door: User | None) -> None:
    """Withdraw a version that has not started; the version before it runs on in its place."""
    _eis_permissie(door, Actie.REGEL_VERSIE_INTREKKEN, "delete", obj=regel)
    huidig = Regel.objects.select_for_update().get(pk=regel.pk)
    if huidig.is_begonnen():
        raise ValidationError(
            _(
                "Deze versie geldt al en blijft bewaard. Voeg een nieuwe versie toe vanaf een datum."
            ),
            code="begonnen",
        )
    voorganger = (
        Regel.objects.select_for_update()
        .filter(sleutel=huidig.sleutel, geldig_tot=huidig.geldig_vanaf)
        .first()
    )
    verwijderen(huidig, door=door, reden="Versie ingetrokken voordat ze begon")
    if voorganger is not None:
        voorganger.geldig_tot = huidig.geldig_tot
        _opslaan_regel(voorganger, door=door, reden="Loopt door: de volgende versie is ingetrokken")
    audit.vastleggen(door, Actie.REGEL_VERSIE_INTREKKEN, regel)


# --- Attendance rules, set by the house rules (issue 12 §1) --------------------------------------
def aanwezigheidsregels_controleren(
    regels: Mapping[str, Any], *, op: date | None = None
) -> dict[str, Any]:
    """``{key: value}`` checked against the rules that run on ``op`` (default today): only
    attendance rules that exist, each value fitting its rule's type. Returns the values to store;
    raises ``ValidationError`` keyed by rule with a Dutch message for anything that does not fit.
    """
    op = op or vandaag()
    if not regels:
        raise ValidationError(_("Geef ten minste één regel voor aanwezigheid een waarde."))
    lopend = aanwezigheidsregels(op)
    fouten: dict[str, list[str]] = {}
    schoon: dict[str, Any] = {}
    for sleutel, waarde in regels.items():
        if not is_aanwezigheidsregel(sleutel) or sleutel not in lopend:
            fouten[sleutel] = [_("Dit is geen regel voor aanwezigheid.")]
            continue
        try:
            schoon[sleutel] = waarden.normaliseer(lopend[sleutel].type, waarde)
        except ValidationError as exc:
            fouten[sleutel] = exc.messages
            continue
        if lopend[sleutel].type == Regel.Type.PERCENTAGE and Decimal(schoon[sleutel]) > 100:
            fouten[sleutel] = [_("Vul een percentage van 0 tot en met 100 in.")]
    if fouten:
        raise ValidationError(fouten)
    return schoon


def aanwezigheidsregels_vastleggen(
    *, reglement: HuishoudelijkReglement, op: date, door: User | None
) -> list[Regel]:
    """The adopted house rules' attendance values as new rule versions from ``op`` (its
    adoption date), each citing the house rules; a value equal to the running one is skipped.

    Called by the house rules' approval (the College's decision is the authority, so no rule
    permission is asked here); the caller holds the transaction.
    """
    schoon = aanwezigheidsregels_controleren(reglement.aanwezigheidsregels, op=op)
    lopend = aanwezigheidsregels(op)
    bron_toelichting = _(
        "Huishoudelijk reglement „%(titel)s” (versie %(versie)s), goedgekeurd op %(datum)s"
    ) % {"titel": reglement.titel, "versie": reglement.pk, "datum": datum_tekst(op)}
    nieuw = [
        _versie_toevoegen(
            sleutel=sleutel,
            waarde=waarde,
            geldig_vanaf=op,
            bron=lopend[sleutel].bron,
            door=door,
            bron_lid=None,
            bron_toelichting=bron_toelichting,
        )
        for sleutel, waarde in sorted(schoon.items())
        if lopend[sleutel].waarde != waarde
    ]
    for regel in nieuw:
        audit.vastleggen(door, Actie.AANWEZIGHEIDSREGELS_VASTLEGGEN, regel)
    return nieuw
