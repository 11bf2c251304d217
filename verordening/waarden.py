"""Typed values of a ``Regel``: how each type is stored (JSON), read (Python) and typed in (admin).

One table per concern, so adding a type means adding one line in each:

=================  ==========================  ====================================  ===============
type               stored in ``waarde`` (JSON)  Python value                          typed in as
=================  ==========================  ====================================  ===============
geheel_getal       ``2``                        ``int``                               ``2``
decimaal           ``"0.75"``                   ``Decimal``                           ``0,75``
bedrag             ``"2100.00"``                ``Decimal`` (two decimals, euro)      ``€ 2.100,00``
percentage         ``"50"``                     ``Decimal`` (50 means 50 %)           ``50 %``
fractie            ``"2/3"``                    ``fractions.Fraction``                ``2/3``
dagen/weken/...    ``6``                        ``Duur(6, "weken")``                  ``6``
postcodegebieden   ``[[7550, 7559]]``           ``tuple[tuple[int, int], ...]``       ``7550-7559``
rollen             ``["betrokkene", "lid"]``    ``tuple[str, ...]``                   ``betrokkene, lid``
=================  ==========================  ====================================  ===============

A list of roles (``rollen``) says who gets a reminder: the audience vocabulary of the reminder
engine (``hengelo_participatie.notifications.registry.doelgroep_codes``): role codes plus
``betrokkene``, the person the reminder is about.

Decimals are stored as strings so that no float ever touches money.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.notifications.registry import doelgroep_codes

MAX_GETAL = 10**9  # no rule needs more; keeps JSON and Decimal arithmetic sane
MAX_DECIMALEN = 6


class RegelType(models.TextChoices):
    GEHEEL_GETAL = "geheel_getal", _("geheel getal")
    DECIMAAL = "decimaal", _("decimaal getal")
    BEDRAG = "bedrag", _("bedrag in euro")
    PERCENTAGE = "percentage", _("percentage")
    FRACTIE = "fractie", _("breuk (bijvoorbeeld 2/3)")
    DAGEN = "dagen", _("duur in dagen")
    WEKEN = "weken", _("duur in weken")
    MAANDEN = "maanden", _("duur in maanden")
    JAREN = "jaren", _("duur in jaren")
    POSTCODEGEBIEDEN = "postcodegebieden", _("postcodegebieden (reeksen van vier cijfers)")
    ROLLEN = "rollen", _("lijst van rollen (wie een herinnering krijgt)")


DUUR_TYPES = frozenset({RegelType.DAGEN, RegelType.WEKEN, RegelType.MAANDEN, RegelType.JAREN})


def _add_months(datum: date, maanden: int) -> date:
    """Add calendar months; a day that does not exist becomes the month's last day."""
    index = datum.year * 12 + (datum.month - 1) + maanden
    jaar, maand = divmod(index, 12)
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return date(jaar, maand + 1, dag)


@dataclass(frozen=True)
class Duur:
    """A calendar duration: ``Duur(4, "jaren").na(date(2026, 1, 1)) == date(2030, 1, 1)``.

    Months and years are calendar units: 31 January plus one month is the last day of February.
    """

    aantal: int
    eenheid: str  # "dagen", "weken", "maanden" or "jaren"

    def __post_init__(self) -> None:
        if self.eenheid not in DUUR_TYPES:
            raise ValueError(f"Onbekende eenheid voor een duur: {self.eenheid!r}")
        if isinstance(self.aantal, bool) or not isinstance(self.aantal, int):
            raise TypeError("Het aantal van een duur is een geheel getal.")

    def na(self, datum: date) -> date:
        """The date this duration after ``datum``."""
        return self._verschuif(datum, self.aantal)

    def voor(self, datum: date) -> date:
        """The date this duration before ``datum`` (for lead times of reminders)."""
        return self._verschuif(datum, -self.aantal)

    def _verschuif(self, datum: date, aantal: int) -> date:
        if self.eenheid == RegelType.DAGEN:
            return datum + timedelta(days=aantal)
        if self.eenheid == RegelType.WEKEN:
            return datum + timedelta(weeks=aantal)
        if self.eenheid == RegelType.MAANDEN:
            return _add_months(datum, aantal)
        return _add_months(datum, 12 * aantal)

    def __str__(self) -> str:
        enkelvoud = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
        return f"{self.aantal} {enkelvoud[self.eenheid] if self.aantal == 1 else self.eenheid}"


def _fout(bericht: str) -> ValidationError:
    return ValidationError(bericht, code="ongeldige_waarde")


# --- Stored JSON -> checked canonical JSON ---------------------------------------------------
def _canoniek_decimaal(waarde: Any, *, plaatsen: int | None = None) -> str:
    if isinstance(waarde, bool) or not isinstance(waarde, (int, str, Decimal)):
        raise _fout(gettext("Vul een getal in."))
    try:
        getal = Decimal(str(waarde).strip())
    except (InvalidOperation, ValueError):
        raise _fout(gettext("Vul een getal in, bijvoorbeeld 12,50.")) from None
    if not getal.is_finite():
        raise _fout(gettext("Vul een gewoon getal in."))
    if abs(getal) >= MAX_GETAL:
        raise _fout(gettext("Dit getal is te groot."))
    exponent = int(getal.as_tuple().exponent)  # an int, as the number is finite
    if plaatsen is not None:
        if -exponent > plaatsen:
            raise _fout(gettext("Een bedrag heeft hoogstens twee cijfers achter de komma."))
        getal = getal.quantize(Decimal(1).scaleb(-plaatsen))
    elif -exponent > MAX_DECIMALEN:
        raise _fout(
            gettext("Gebruik hoogstens %(aantal)s cijfers achter de komma.")
            % {"aantal": MAX_DECIMALEN}
        )
    return str(getal)


def _canoniek_geheel(waarde: Any, *, minimum: int = 0) -> int:
    if isinstance(waarde, bool):
        raise _fout(gettext("Vul een geheel getal in."))
    if isinstance(waarde, str) and re.fullmatch(r"\s*-?\d{1,10}\s*", waarde):
        waarde = int(waarde)
    if isinstance(waarde, Decimal) and waarde == waarde.to_integral_value():
        waarde = int(waarde)
    if not isinstance(waarde, int):
        raise _fout(gettext("Vul een geheel getal in."))
    if waarde < minimum:
        raise _fout(gettext("Vul een getal van %(minimum)s of hoger in.") % {"minimum": minimum})
    if waarde >= MAX_GETAL:
        raise _fout(gettext("Dit getal is te groot."))
    return waarde


def _canoniek_fractie(waarde: Any) -> str:
    if isinstance(waarde, Fraction):
        breuk = waarde
    elif isinstance(waarde, str) and (
        m := re.fullmatch(r"\s*(\d{1,6})\s*/\s*(\d{1,6})\s*", waarde)
    ):
        if int(m.group(2)) == 0:
            raise _fout(gettext("Delen door nul kan niet."))
        breuk = Fraction(int(m.group(1)), int(m.group(2)))
    else:
        raise _fout(gettext("Vul een breuk in zoals 2/3."))
    if not 0 <= breuk <= 1:
        raise _fout(gettext("Een breuk ligt tussen 0 en 1."))
    return f"{breuk.numerator}/{breuk.denominator}"


def _canoniek_postcodes(waarde: Any) -> list[list[int]]:
    if not isinstance(waarde, (list, tuple)) or not waarde:
        raise _fout(gettext("Vul ten minste één postcodegebied in, bijvoorbeeld 7550-7559."))
    if len(waarde) > 100:
        raise _fout(gettext("Gebruik hoogstens 100 postcodegebieden."))
    gebieden: list[list[int]] = []
    for gebied in waarde:
        if not isinstance(gebied, (list, tuple)) or len(gebied) != 2:
            raise _fout(gettext("Elk postcodegebied heeft een begin en een eind, zoals 7550-7559."))
        van, tot = gebied
        if any(isinstance(x, bool) or not isinstance(x, int) for x in (van, tot)):
            raise _fout(gettext("Een postcodegebied bestaat uit cijfers, zoals 7550-7559."))
        if not (1000 <= van <= 9999 and 1000 <= tot <= 9999):
            raise _fout(gettext("Een postcode begint met vier cijfers, van 1000 tot en met 9999."))
        if van > tot:
            raise _fout(
                gettext("In het gebied %(van)s-%(tot)s komt het begin na het eind.")
                % {"van": van, "tot": tot}
            )
        gebieden.append([van, tot])
    return sorted(gebieden)


def _canoniek_rollen(waarde: Any) -> list[str]:
    if not isinstance(waarde, (list, tuple)) or not waarde:
        raise _fout(gettext("Vul ten minste één rol in, bijvoorbeeld ondersteuner."))
    if len(waarde) > 20:
        raise _fout(gettext("Gebruik hoogstens 20 rollen."))
    codes = doelgroep_codes()
    rollen: list[str] = []
    for rol in waarde:
        if not isinstance(rol, str) or rol not in codes:
            tekst = str(rol)[:30] if isinstance(rol, (str, int)) else "?"
            raise _fout(
                gettext("„%(tekst)s” is geen rol. Kies uit: %(codes)s.")
                % {"tekst": tekst, "codes": ", ".join(codes)}
            )
        if rol not in rollen:
            rollen.append(rol)
    return rollen


def normaliseer(type: str, waarde: Any) -> Any:
    """Check ``waarde`` (JSON or the Python value) for ``type``; return the JSON to store.

    Raises ``ValidationError`` with a Dutch message for anything that does not fit.
    """
    if type == RegelType.GEHEEL_GETAL:
        return _canoniek_geheel(waarde)
    if type == RegelType.DECIMAAL:
        return _canoniek_decimaal(waarde)
    if type == RegelType.BEDRAG:
        bedrag = _canoniek_decimaal(waarde, plaatsen=2)
        if Decimal(bedrag) < 0:
            raise _fout(gettext("Een bedrag is niet negatief."))
        return bedrag
    if type == RegelType.PERCENTAGE:
        percentage = _canoniek_decimaal(waarde)
        if not 0 <= Decimal(percentage) <= 1000:
            raise _fout(gettext("Een percentage ligt tussen 0 en 1000."))
        return percentage
    if type == RegelType.FRACTIE:
        return _canoniek_fractie(waarde)
    if type in DUUR_TYPES:
        if isinstance(waarde, Duur):
            if waarde.eenheid != type:
                raise _fout(
                    gettext("Deze regel is een duur in %(type)s, niet in %(eenheid)s.")
                    % {"type": type, "eenheid": waarde.eenheid}
                )
            waarde = waarde.aantal
        return _canoniek_geheel(waarde)
    if type == RegelType.POSTCODEGEBIEDEN:
        return _canoniek_postcodes(waarde)
    if type == RegelType.ROLLEN:
        return _canoniek_rollen(waarde)
    raise _fout(gettext("Kies een geldig type."))


def naar_python(type: str, opgeslagen: Any) -> Any:
    """The typed Python value of a stored (already valid) JSON value."""
    if type == RegelType.GEHEEL_GETAL:
        return int(opgeslagen)
    if type in {RegelType.DECIMAAL, RegelType.BEDRAG, RegelType.PERCENTAGE}:
        return Decimal(opgeslagen)
    if type == RegelType.FRACTIE:
        return Fraction(opgeslagen)
    if type in DUUR_TYPES:
        return Duur(int(opgeslagen), str(type))
    if type == RegelType.POSTCODEGEBIEDEN:
        return tuple((int(van), int(tot)) for van, tot in opgeslagen)
    if type == RegelType.ROLLEN:
        return tuple(str(rol) for rol in opgeslagen)
    raise ValueError(f"Onbekend regeltype {type!r}")


# --- Typed in by a person (Dutch notation) -> JSON ------------------------------------------
_DUIZENDTALLEN = re.compile(r"-?\d{1,3}(\.\d{3})+")


def _lees_getal(tekst: str) -> str:
    tekst = tekst.replace("€", "").replace("%", "").replace("\u00a0", "").replace(" ", "")
    if "," in tekst:  # Dutch: 2.100,50
        return tekst.replace(".", "").replace(",", ".")
    if _DUIZENDTALLEN.fullmatch(tekst):  # 2.100 is two thousand one hundred
        return tekst.replace(".", "")
    return tekst


def lees_invoer(type: str, tekst: str) -> Any:
    """Parse what a person typed in the admin into the JSON to store (or ValidationError)."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError(_("Vul een waarde in."), code="required")
    if len(tekst) > 2000:
        raise _fout(gettext("Deze waarde is te lang."))
    if type == RegelType.POSTCODEGEBIEDEN:
        gebieden = []
        for deel in re.split(r"[,;\n]+", tekst):
            deel = deel.strip()
            if not deel:
                continue
            m = re.fullmatch(r"(\d{4})(?:\s*(?:-|–|t/m)\s*(\d{4}))?", deel)
            if not m:
                raise _fout(
                    gettext("„%(deel)s” is geen postcodegebied. Schrijf bijvoorbeeld 7550-7559.")
                    % {"deel": deel[:20]}
                )
            gebieden.append([int(m.group(1)), int(m.group(2) or m.group(1))])
        return normaliseer(type, gebieden)
    if type == RegelType.FRACTIE:
        return normaliseer(type, tekst)
    if type == RegelType.ROLLEN:
        return normaliseer(type, [d.lower() for d in re.split(r"[\s,;]+", tekst) if d])
    return normaliseer(type, _lees_getal(tekst))


def als_invoer(type: str, opgeslagen: Any) -> str:
    """The stored value written the way ``lees_invoer`` reads it (to prefill a form)."""
    if type == RegelType.POSTCODEGEBIEDEN:
        return ", ".join(f"{van}-{tot}" for van, tot in opgeslagen)
    if type == RegelType.ROLLEN:
        return ", ".join(opgeslagen)
    if type in {RegelType.DECIMAAL, RegelType.BEDRAG, RegelType.PERCENTAGE}:
        return str(opgeslagen).replace(".", ",")
    return str(opgeslagen)


def weergave(type: str, opgeslagen: Any, eenheid: str = "") -> str:
    """Human-readable Dutch text of a stored value, e.g. "€ 2.100,00 per jaar" or "4 jaar"."""
    try:
        waarde = naar_python(type, opgeslagen)
    except (ValueError, TypeError, ArithmeticError):
        return "?"
    if type == RegelType.BEDRAG:
        heel, _punt, cent = f"{waarde:,.2f}".partition(".")
        tekst = f"€ {heel.replace(',', '.')},{cent}"
    elif type in {RegelType.DECIMAAL, RegelType.PERCENTAGE}:
        tekst = str(waarde).replace(".", ",") + (" %" if type == RegelType.PERCENTAGE else "")
    elif type == RegelType.POSTCODEGEBIEDEN:
        tekst = als_invoer(type, opgeslagen)
    elif type == RegelType.ROLLEN:
        codes = doelgroep_codes()
        tekst = ", ".join(codes.get(rol, rol) for rol in waarde)
    else:
        tekst = str(waarde)
    if eenheid:
        tekst = f"{tekst} {eenheid}"
    return tekst
