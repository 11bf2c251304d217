"""CSV import of survey indicators (CEO, KBO). All or nothing: a file with any bad row imports
nothing, and every bad row is named with its line number and what to fix.

The expected columns (first line, in any order; separator ``;`` or ``,``)::

    onderzoek;wet;indicator_code;indicator_tekst;jaar;percentage_positief;n;bron;publicatiedatum
    ceo;wmo;WMO-01;Ik voel me serieus genomen;2025;78,5;412;CEO Wmo 2025;2026-05-30

``onderzoek`` is ``ceo``, ``kbo`` or ``tevredenheid``; ``wet`` is the code or name of a law or
domain (``wmo``, ``jeugdwet``, ``participatiewet``, ``minimabeleid`` ...). A row that matches an
existing (onderzoek, wet, code, jaar) updates it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis

from .models import Domein, Enqueteresultaat, Onderzoek
from .policies import enquete_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

KOLOMMEN = (
    "onderzoek",
    "wet",
    "indicator_code",
    "indicator_tekst",
    "jaar",
    "percentage_positief",
    "n",
    "bron",
    "publicatiedatum",
)
MAX_BYTES = 1024 * 1024
MAX_RIJEN = 5000


class ImportFout(ValidationError):
    """The file was refused; ``fouten`` lists the problems, each naming its line."""

    def __init__(self, fouten: list[str]) -> None:
        self.fouten = fouten
        super().__init__(fouten, code="csv")


@dataclass(frozen=True)
class ImportResultaat:
    aangemaakt: int
    bijgewerkt: int


def _tekst(inhoud: bytes) -> str:
    if len(inhoud) > MAX_BYTES:
        raise ImportFout([_("Het bestand is te groot. Het mag maximaal 1 MB zijn.")])
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFout(
            [_("Het bestand is geen tekstbestand in UTF-8. Sla het op als „CSV UTF-8”.")]
        ) from exc
    if "\x00" in tekst:
        raise ImportFout([_("Het bestand bevat ongeldige tekens. Is het wel een CSV-bestand?")])
    return tekst


def _datum(waarde: str) -> date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(waarde, formaat).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise ValueError(waarde)


def _lees_rij(rij: dict[str, str], domeinen: dict[str, Domein]) -> tuple[dict[str, Any], list[str]]:
    fouten: list[str] = []
    w = {k: (rij.get(k) or "").strip() for k in KOLOMMEN}
    velden: dict[str, Any] = {
        "indicator_code": w["indicator_code"],
        "indicator_tekst": w["indicator_tekst"],
        "bron": w["bron"],
    }
    onderzoek = w["onderzoek"].lower()
    if onderzoek not in Onderzoek.values:
        fouten.append(
            _("onderzoek „%(w)s” bestaat niet (kies ceo, kbo of tevredenheid)")
            % {"w": w["onderzoek"]}
        )
    velden["onderzoek"] = onderzoek
    domein = domeinen.get(w["wet"].lower())
    if domein is None:
        fouten.append(_("wet „%(w)s” is onbekend (bijvoorbeeld wmo of jeugdwet)") % {"w": w["wet"]})
    velden["domein"] = domein
    try:
        velden["jaar"] = int(w["jaar"])
    except ValueError:
        fouten.append(_("jaar „%(w)s” is geen jaartal") % {"w": w["jaar"]})
    try:
        pct = Decimal(w["percentage_positief"].replace("%", "").replace(",", ".").strip())
        if not pct.is_finite():
            raise InvalidOperation
        velden["percentage_positief"] = pct
    except InvalidOperation:
        fouten.append(
            _("percentage_positief „%(w)s” is geen getal") % {"w": w["percentage_positief"]}
        )
    try:
        velden["n"] = int(w["n"])
    except ValueError:
        fouten.append(_("n „%(w)s” is geen heel getal") % {"w": w["n"]})
    try:
        velden["publicatiedatum"] = _datum(w["publicatiedatum"])
    except ValueError:
        fouten.append(
            _("publicatiedatum „%(w)s” is geen datum (gebruik 2026-05-30 of 30-05-2026)")
            % {"w": w["publicatiedatum"]}
        )
    return velden, fouten


def _valideer(velden: dict[str, Any]) -> tuple[Enqueteresultaat, bool, list[str]]:
    bestaand = Enqueteresultaat.objects.filter(
        onderzoek=velden["onderzoek"],
        domein=velden["domein"],
        indicator_code=velden["indicator_code"],
        jaar=velden["jaar"],
    ).first()
    obj = bestaand or Enqueteresultaat()
    for naam, waarde in velden.items():
        setattr(obj, naam, waarde)
    try:
        obj.full_clean()
    except ValidationError as exc:
        meldingen = [
            f"{Enqueteresultaat._meta.get_field(veld).verbose_name}: {melding}"
            if veld != "__all__"
            else melding
            for veld, lijst in exc.message_dict.items()
            for melding in lijst
        ]
        return obj, bestaand is None, meldingen
    return obj, bestaand is None, []


def lees_csv(inhoud: bytes) -> tuple[list[tuple[Enqueteresultaat, bool]], list[str]]:
    """Parse and validate every row; return (rows to save, errors). Writes nothing."""
    tekst = _tekst(inhoud)
    if not tekst.strip():
        return [], [_("Het bestand is leeg.")]
    eerste = tekst.splitlines()[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    reader = csv.DictReader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    kop = [(k or "").strip().lower() for k in (reader.fieldnames or [])]
    ontbreekt = [k for k in KOLOMMEN if k not in kop]
    if ontbreekt:
        return [], [
            _("Regel 1: deze kolommen ontbreken: %(kolommen)s.")
            % {"kolommen": ", ".join(ontbreekt)}
        ]
    reader.fieldnames = kop
    domeinen: dict[str, Domein] = {}
    for d in Domein.objects.all():
        domeinen[d.code.lower()] = d
        domeinen[d.naam.lower()] = d
    rijen: list[tuple[Enqueteresultaat, bool]] = []
    fouten: list[str] = []
    gezien: dict[tuple[Any, ...], int] = {}
    try:
        for rij in reader:
            regel = reader.line_num
            if len(rijen) + len(fouten) >= MAX_RIJEN:
                fouten.append(_("Het bestand heeft meer dan %(max)s regels.") % {"max": MAX_RIJEN})
                break
            if None in rij:
                fouten.append(_("Regel %(r)s: te veel kolommen.") % {"r": regel})
                continue
            if not any((v or "").strip() for v in rij.values()):
                continue  # an empty line
            velden, rijfouten = _lees_rij(rij, domeinen)
            if not rijfouten:
                sleutel = (
                    velden["onderzoek"],
                    velden["domein"].pk,
                    velden["indicator_code"],
                    velden["jaar"],
                )
                if sleutel in gezien:
                    rijfouten.append(
                        _("dezelfde indicator en hetzelfde jaar staan ook op regel %(r)s")
                        % {"r": gezien[sleutel]}
                    )
                else:
                    gezien[sleutel] = regel
            if not rijfouten:
                obj, nieuw, rijfouten = _valideer(velden)
                if not rijfouten:
                    rijen.append((obj, nieuw))
            if rijfouten:
                fouten.append(
                    _("Regel %(r)s: %(fouten)s.") % {"r": regel, "fouten": "; ".join(rijfouten)}
                )
    except csv.Error:
        fouten.append(_("Regel %(r)s: het bestand is geen geldige CSV.") % {"r": reader.line_num})
    if not rijen and not fouten:
        fouten.append(_("Het bestand bevat geen gegevens onder de kolomnamen."))
    return rijen, fouten


@transaction.atomic
def enqueteresultaten_importeren(*, inhoud: bytes, door: User | None) -> ImportResultaat:
    """Import the CSV ``inhoud``: all rows, or (on any error) nothing, raising ``ImportFout``."""
    eis(
        door is None
        or (
            enquete_policy.user_has_perm(door, "add")
            and enquete_policy.user_has_perm(door, "change")
        ),
        door,
        Actie.ENQUETERESULTATEN_IMPORTEREN,
        melding=_("U mag geen enquêteresultaten importeren."),
    )
    rijen, fouten = lees_csv(inhoud)
    if fouten:
        audit.vastleggen(
            door, Actie.ENQUETERESULTATEN_IMPORTEREN, None, f"{audit.GEWEIGERD}:ongeldig"
        )
        raise ImportFout(fouten)
    for obj, _nieuw in rijen:
        # Each row was validated (full_clean) by ``lees_csv``.
        obj._change_reason = "CSV-import"  # type: ignore[attr-defined]
        obj._history_user = door  # type: ignore[attr-defined]
        obj.save()
    aangemaakt = sum(1 for _obj, nieuw in rijen if nieuw)
    audit.vastleggen(
        door,
        Actie.ENQUETERESULTATEN_IMPORTEREN,
        None,
        f"{audit.OK} nieuw={aangemaakt} bijgewerkt={len(rijen) - aangemaakt}",
    )
    return ImportResultaat(aangemaakt=aangemaakt, bijgewerkt=len(rijen) - aangemaakt)
