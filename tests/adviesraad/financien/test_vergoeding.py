"""The allowance rules, exact to the cent, on the seeded rule versions (migration 0002 and
verordening 0003: 2025 € 2.100 / € 210, 2026 € 2.200 / € 220; chair 100 %, member 50 %, 20
meetings a year)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from adviesraad.financien import vergoeding
from adviesraad.financien.models import Verzuim, VerzuimSoort
from adviesraad.financien.regels import Regelset, weging_sleutel
from adviesraad.models import FunctieSoort
from adviesraad.vergaderingen.models import Aanwezigheid, Soort
from verordening.models import Regel

from .helpers import aanwezig, functie, lid_met_termijn

pytestmark = pytest.mark.django_db

D = Decimal


def overzicht(lid, begin: date, einde: date) -> vergoeding.Overzicht:
    geladen = vergoeding.lid_geladen(lid.pk)
    return vergoeding.bereken([geladen], begin, einde)[0]


def test_jaarvergoeding_voorzitter_100_en_lid_50_procent_van_het_fiscale_maximum() -> None:
    regels = Regelset()
    assert vergoeding.jaarvergoeding(regels, vergoeding.VOORZITTER, 2025) == D("2100.00")
    assert vergoeding.jaarvergoeding(regels, vergoeding.LID, 2025) == D("1050.00")
    assert vergoeding.jaarvergoeding(regels, vergoeding.VOORZITTER, 2026) == D("2200.00")
    assert vergoeding.jaarvergoeding(regels, vergoeding.LID, 2026) == D("1100.00")
    assert vergoeding.jaarvergoeding(regels, vergoeding.VICEVOORZITTER, 2026) == D("1100.00")


def test_per_bijeenkomst_voorzitter_en_lid_van_2100_in_2025() -> None:
    lid = lid_met_termijn(date(2025, 12, 30))
    voorzitter = lid_met_termijn(date(2025, 12, 30))
    functie(voorzitter, FunctieSoort.VOORZITTER_VAST, date(2025, 12, 30))
    aanwezig(lid, date(2025, 12, 30))
    aanwezig(voorzitter, date(2025, 12, 30))
    o_lid = overzicht(lid, date(2025, 10, 1), date(2025, 12, 31))
    o_vz = overzicht(voorzitter, date(2025, 10, 1), date(2025, 12, 31))
    # 2.100 / 20 bijeenkomsten = 105,00 (voorzitter) en 52,50 (lid) per bijeenkomst ...
    assert [b.bedrag for b in o_vz.bijeenkomsten] == [D("105.00")]
    assert [b.bedrag for b in o_lid.bijeenkomsten] == [D("52.50")]
    # ... but the regulation only started on 30-12-2025: 2 of 365 days of the yearly maximum.
    assert o_vz.jaarplafond == D("11.51")  # 2100 * 2 / 365 = 11.5068...
    assert o_lid.jaarplafond == D("5.75")  # 1050 * 2 / 365 = 5.7534...
    assert o_vz.bedrag == D("11.51")
    assert o_lid.bedrag == D("5.75")


def test_jaargrens_2025_naar_2026_geldt_het_nieuwe_maximum() -> None:
    voorzitter = lid_met_termijn(date(2025, 12, 30))
    functie(voorzitter, FunctieSoort.VOORZITTER_VAST, date(2025, 12, 30))
    aanwezig(voorzitter, date(2025, 12, 31), date(2026, 1, 13))
    december = overzicht(voorzitter, date(2025, 12, 1), date(2025, 12, 31))
    januari = overzicht(voorzitter, date(2026, 1, 1), date(2026, 1, 31))
    assert [b.bedrag for b in december.bijeenkomsten] == [D("105.00")]
    assert [b.bedrag for b in januari.bijeenkomsten] == [D("110.00")]  # 2.200 / 20
    assert januari.jaarplafond == D("2200.00")
    assert januari.maanden[0].plafond == D("220.00")
    assert januari.bedrag == D("110.00")
    assert januari.eerder_dit_jaar == D("0.00")  # December 2025 does not count against 2026


def test_maandplafond() -> None:
    lid = lid_met_termijn(date(2026, 1, 1))
    aanwezig(lid, date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 24))
    o = overzicht(lid, date(2026, 3, 1), date(2026, 3, 31))
    assert [b.bedrag for b in o.bijeenkomsten] == [D("55.00")] * 3
    assert o.maanden[0].berekend == D("165.00")
    assert o.maanden[0].plafond == D("110.00")  # 50 % of € 220
    assert o.bedrag == D("110.00")


def test_start_midden_in_het_jaar_pro_rata() -> None:
    lid = lid_met_termijn(date(2026, 7, 1))
    dagen = [date(2026, m, d) for m in range(7, 13) for d in (7, 21)]
    aanwezig(lid, *dagen)
    o = overzicht(lid, date(2026, 7, 1), date(2026, 12, 31))
    assert o.jaarplafond == D("554.52")  # 1100 * 184 / 365 = 554.5205...
    assert [m.bedrag for m in o.maanden] == [D("110.00")] * 5 + [D("4.52")]
    assert o.bedrag == D("554.52")
    assert o.eerder_dit_jaar == D("0.00")


def test_functiewisseling_midden_in_de_periode_gesplitst_op_datum() -> None:
    lid = lid_met_termijn(date(2026, 1, 1))
    functie(lid, FunctieSoort.VOORZITTER_VAST, date(2026, 3, 16))
    aanwezig(lid, date(2026, 3, 10), date(2026, 3, 20))
    o = overzicht(lid, date(2026, 1, 1), date(2026, 3, 31))
    assert [(d.van, d.tot, d.positie) for d in o.delen] == [
        (date(2026, 1, 1), date(2026, 3, 15), vergoeding.LID),
        (date(2026, 3, 16), date(2026, 3, 31), vergoeding.VOORZITTER),
    ]
    assert [b.bedrag for b in o.bijeenkomsten] == [D("55.00"), D("110.00")]
    assert o.maanden[2].plafond == D("220.00")
    assert o.bedrag == D("165.00")
    # Yearly cap: 74 days as a member (50 %) and 291 days as chair (100 %) of € 2.200.
    assert o.jaarplafond == D("1976.99")  # (1100 * 74 + 2200 * 291) / 365 = 1976.986...


def test_wat_niet_telt_zegt_waarom() -> None:
    lid = lid_met_termijn(date(2026, 1, 1))
    aanwezig(lid, date(2026, 2, 3), aanwezigheid=Aanwezigheid.AFGEMELD)
    aanwezig(lid, date(2026, 2, 10), aanwezigheid=Aanwezigheid.AFWEZIG)
    aanwezig(lid, date(2026, 2, 17), aanwezigheid=Aanwezigheid.ONBEKEND)
    Regel.objects.filter(sleutel=weging_sleutel(Soort.POLITIEKE_MARKT)).update(waarde="0")
    aanwezig(lid, date(2026, 2, 24), soort=Soort.POLITIEKE_MARKT)
    ad_interim = lid_met_termijn(date(2026, 1, 1))
    functie(ad_interim, FunctieSoort.VOORZITTER_AD_INTERIM, date(2026, 1, 1))
    aanwezig(ad_interim, date(2026, 2, 3))

    o = overzicht(lid, date(2026, 2, 1), date(2026, 2, 28))
    assert [b.telt for b in o.bijeenkomsten] == [False] * 4
    assert [b.reden for b in o.bijeenkomsten] == [
        "Afgemeld: telt niet mee.",
        "Afwezig zonder afmelding: telt niet mee.",
        "De aanwezigheid is nog niet vastgelegd.",
        "Deze soort vergadering telt niet mee voor de vergoeding.",
    ]
    assert o.bedrag == D("0.00")
    o_ai = overzicht(ad_interim, date(2026, 2, 1), date(2026, 2, 28))
    assert o_ai.bedrag == D("0.00")
    assert o_ai.bijeenkomsten[0].reden == "Een voorzitter ad interim wordt per uur betaald."


def test_langdurig_verzuim_wordt_doorbetaald_tot_de_regel_het_zegt() -> None:
    lid = lid_met_termijn(date(2026, 1, 1))
    Verzuim.objects.create(lid=lid, soort=VerzuimSoort.ZIEKTE, van=date(2026, 2, 1))
    # 3 months (rule): February to April paid, May not.
    aanwezig(lid, date(2026, 4, 28), date(2026, 5, 5), aanwezigheid=Aanwezigheid.AFGEMELD)
    o = overzicht(lid, date(2026, 4, 1), date(2026, 6, 30))
    assert [(b.telt, b.bedrag) for b in o.bijeenkomsten] == [(True, D("55.00")), (False, D("0"))]
    assert o.bijeenkomsten[0].reden == "Doorbetaald tijdens langdurig verzuim."
    assert o.bedrag == D("55.00")


def test_periode_van_maand_en_kwartaal() -> None:
    assert vergoeding.periode_van(date(2026, 5, 17), 3) == (date(2026, 4, 1), date(2026, 6, 30))
    assert vergoeding.periode_van(date(2026, 2, 17), 1) == (date(2026, 2, 1), date(2026, 2, 28))
