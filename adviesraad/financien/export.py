"""The payment export of an approved period for the municipality's financial administration.

One row per member: the member's reference and the amounts (allowance, corrections, total).
No name, no bank account, no BSN: those stay in the municipality's own systems. CSV (``;``,
UTF-8 with BOM so spreadsheet programs read it) and XLSX (openpyxl). Text cells are neutralised
against formula injection (OWASP "CSV injection"): a cell that starts with ``= + - @`` or a tab
or carriage return gets a leading apostrophe; amounts are written as numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from .models import RegelSoort, Vergoedingsperiode

KOPPEN = ["referentie", "periode_begin", "periode_einde", "vergoeding", "correctie", "totaal"]
_GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def neutraliseer(tekst: str) -> str:
    return f"'{tekst}" if tekst.startswith(_GEVAARLIJK) else tekst


@dataclass(frozen=True)
class Rij:
    referentie: str
    vergoeding: Decimal
    correctie: Decimal

    @property
    def totaal(self) -> Decimal:
        return self.vergoeding + self.correctie


def rijen(periode: Vergoedingsperiode) -> list[Rij]:
    per_lid: dict[str, dict[str, Decimal]] = {}
    for referentie, soort, bedrag in periode.regels.values_list(
        "lid_referentie", "soort", "bedrag"
    ):
        bedragen = per_lid.setdefault(
            referentie,
            {RegelSoort.VERGOEDING: Decimal("0.00"), RegelSoort.CORRECTIE: Decimal("0.00")},
        )
        bedragen[soort] += bedrag
    return [
        Rij(ref, b[RegelSoort.VERGOEDING], b[RegelSoort.CORRECTIE])
        for ref, b in sorted(per_lid.items())
    ]


def naar_csv(periode: Vergoedingsperiode) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOPPEN)
    for rij in rijen(periode):
        schrijver.writerow(
            [
                neutraliseer(rij.referentie),
                periode.begin.isoformat(),
                periode.einde.isoformat(),
                f"{rij.vergoeding:.2f}",
                f"{rij.correctie:.2f}",
                f"{rij.totaal:.2f}",
            ]
        )
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def naar_xlsx(periode: Vergoedingsperiode) -> bytes:
    boek = Workbook()
    blad = boek.active
    assert blad is not None  # noqa: S101 - a new workbook always has one sheet
    blad.title = f"Vergoeding {periode.begin:%Y-%m}"
    blad.append(KOPPEN)
    for rij in rijen(periode):
        blad.append(
            [
                neutraliseer(rij.referentie),
                periode.begin,
                periode.einde,
                rij.vergoeding,
                rij.correctie,
                rij.totaal,
            ]
        )
    for kolom in ("D", "E", "F"):
        for cel in blad[kolom][1:]:
            cel.number_format = "#,##0.00"
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
