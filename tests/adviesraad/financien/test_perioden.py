"""Four-eyes approval of an allowance period, locking, corrections in the next period, export."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from adviesraad.financien import export
from adviesraad.financien.models import PeriodeStatus, RegelSoort, Vergoedingsregel
from adviesraad.financien.services.perioden import (
    correctie_toevoegen,
    periode_aanmaken,
    periode_overgang,
)
from adviesraad.models import FunctieSoort
from tests.factories import UserFactory

from .helpers import aanwezig, functie, lid_met_termijn

pytestmark = pytest.mark.django_db
D = Decimal
PS = PeriodeStatus


@pytest.fixture
def mensen() -> dict[str, object]:
    return {
        "ondersteuner": UserFactory(roles=["ondersteuner"]),
        "voorzitter": UserFactory(roles=["voorzitter"]),
        "accounthouder": UserFactory(roles=["accounthouder"]),
        "beleid": UserFactory(roles=["beleidsmedewerker"]),
        "lid": UserFactory(roles=["lid"]),
    }


@pytest.fixture
def kwartaal(mensen):
    lid = lid_met_termijn(date(2026, 1, 1))
    voorzitter = lid_met_termijn(date(2026, 1, 1))
    functie(voorzitter, FunctieSoort.VOORZITTER_VAST, date(2026, 1, 1))
    aanwezig(lid, date(2026, 1, 13), date(2026, 2, 10))
    aanwezig(voorzitter, date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10))
    periode = periode_aanmaken(dag=date(2026, 2, 1), door=mensen["ondersteuner"])
    return periode, lid, voorzitter


def _goedkeuren(periode, mensen):
    op = date(2026, 4, 2)
    periode = periode_overgang(
        periode=periode, naar=PS.VOORBEREID, door=mensen["ondersteuner"], op=op
    )
    periode = periode_overgang(
        periode=periode, naar=PS.GECONTROLEERD, door=mensen["voorzitter"], op=op
    )
    return periode_overgang(
        periode=periode, naar=PS.GOEDGEKEURD, door=mensen["accounthouder"], op=op
    )


def test_vier_ogen_en_bedragen(kwartaal, mensen) -> None:
    periode, lid, voorzitter = kwartaal
    assert (periode.begin, periode.einde) == (date(2026, 1, 1), date(2026, 3, 31))  # quarter rule
    with pytest.raises(ValidationError, match="nog niet voorbij"):
        periode_overgang(
            periode=periode, naar=PS.VOORBEREID, door=mensen["ondersteuner"], op=date(2026, 3, 31)
        )
    # Only the table's capability: the chair cannot prepare, policy staff nothing.
    with pytest.raises(PermissionDenied):
        periode_overgang(
            periode=periode, naar=PS.VOORBEREID, door=mensen["voorzitter"], op=date(2026, 4, 2)
        )
    with pytest.raises(PermissionDenied):
        periode_overgang(
            periode=periode, naar=PS.VOORBEREID, door=mensen["beleid"], op=date(2026, 4, 2)
        )
    periode = _goedkeuren(periode, mensen)
    assert periode.status == PS.GOEDGEKEURD
    assert periode.goedgekeurd_op == date(2026, 4, 2)
    bedragen = {r.lid_id: r.bedrag for r in periode.regels.all()}
    assert bedragen == {lid.pk: D("110.00"), voorzitter.pk: D("330.00")}
    # History: every step is a history row with the actor.
    stappen = list(
        periode.history.order_by("history_date").values_list("status", "history_user_id")
    )
    assert stappen[-3:] == [
        (PS.VOORBEREID, mensen["ondersteuner"].pk),
        (PS.GECONTROLEERD, mensen["voorzitter"].pk),
        (PS.GOEDGEKEURD, mensen["accounthouder"].pk),
    ]


def test_vier_ogen_dezelfde_persoon_mag_niet_twee_stappen(kwartaal) -> None:
    periode, _lid, _vz = kwartaal
    baas = UserFactory(is_superuser=True, is_staff=True)
    periode = periode_overgang(periode=periode, naar=PS.VOORBEREID, door=baas, op=date(2026, 4, 2))
    with pytest.raises(ValidationError, match="Vier ogen"):
        periode_overgang(periode=periode, naar=PS.GECONTROLEERD, door=baas, op=date(2026, 4, 2))


def test_vastgezette_periode_weigert_wijzigingen(kwartaal, mensen) -> None:
    periode, lid, _vz = kwartaal
    periode = _goedkeuren(periode, mensen)
    for naar in (PS.CONCEPT, PS.VOORBEREID, PS.GECONTROLEERD):
        with pytest.raises(ValidationError):
            periode_overgang(periode=periode, naar=naar, door=mensen["accounthouder"])
    regel = periode.regels.get(lid=lid)
    regel.bedrag = D("999.00")
    with pytest.raises(ValidationError, match="staat vast"):
        regel.full_clean()
    with pytest.raises(ValidationError, match="staat vast"):
        Vergoedingsregel(
            periode=periode, lid=lid, lid_referentie="x", soort=RegelSoort.CORRECTIE, bedrag=D(1)
        ).full_clean()
    assert periode.regels.get(lid=lid).bedrag == D("110.00")


def test_correctie_komt_in_de_volgende_periode(kwartaal, mensen) -> None:
    periode, lid, _vz = kwartaal
    periode = _goedkeuren(periode, mensen)
    with pytest.raises(PermissionDenied):
        correctie_toevoegen(
            periode=periode, lid=lid, bedrag=D("-5.00"), toelichting="x", door=mensen["voorzitter"]
        )
    regel = correctie_toevoegen(
        periode=periode,
        lid=lid,
        bedrag=D("-12.50"),
        toelichting="Bijeenkomst 10-02 stond dubbel",
        door=mensen["ondersteuner"],
    )
    assert regel.periode.begin == date(2026, 4, 1)
    assert regel.periode.status == PS.CONCEPT
    assert regel.correctie_van == periode
    assert periode.regels.get(lid=lid).bedrag == D("110.00")  # the locked line is unchanged
    # The next period, prepared, keeps the correction next to the computed allowance.
    volgende = periode_overgang(
        periode=regel.periode, naar=PS.VOORBEREID, door=mensen["ondersteuner"], op=date(2026, 7, 1)
    )
    rijen = {r.referentie: r for r in export.rijen(volgende)}
    assert rijen[regel.lid_referentie].correctie == D("-12.50")
    assert rijen[regel.lid_referentie].totaal == D("-12.50")


def test_export_csv_en_xlsx_totalen(kwartaal, mensen) -> None:
    periode, lid, voorzitter = kwartaal
    periode = _goedkeuren(periode, mensen)
    tekst = export.naar_csv(periode).decode("utf-8-sig")
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert sum(D(r["totaal"]) for r in rijen) == D("440.00")
    assert set(rijen[0]) == set(export.KOPPEN)  # reference and amounts only
    assert lid.user.email not in tekst and lid.user.achternaam not in tekst
    boek = load_workbook(io.BytesIO(export.naar_xlsx(periode)))
    blad = boek.active
    waarden = list(blad.iter_rows(min_row=2, values_only=True))
    assert sum(D(str(r[5])) for r in waarden) == D("440.00")
    assert [c.value for c in blad[1]] == export.KOPPEN


def test_formule_injectie_geneutraliseerd() -> None:
    assert export.neutraliseer('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert export.neutraliseer("@SUM(A1)") == "'@SUM(A1)"
    assert export.neutraliseer("ASD-00001") == "ASD-00001"
