"""The defaults loaded by migration 0003 answer the questions the other apps will ask."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db.migrations.recorder import MigrationRecorder

from verordening.models import Artikel, Regel, Verordening
from verordening.rules import Sleutel, rule
from verordening.waarden import Duur

pytestmark = pytest.mark.django_db

OP = date(2026, 1, 1)


def test_migration_0003_is_applied_and_loaded_the_verordening():
    assert MigrationRecorder.Migration.objects.filter(
        app="verordening", name="0003_standaardwaarden"
    ).exists()
    verordening = Verordening.objects.get(cvdr="CVDR753530")
    assert verordening.citeertitel == "Verordening Adviesraad sociaal domein Hengelo"
    assert verordening.in_werking_vanaf == date(2025, 12, 30)
    assert verordening.artikelen.count() >= 10


def test_articles_are_marked_as_summaries():
    artikelen = Artikel.objects.filter(verordening__cvdr="CVDR753530")
    assert all(a.samenvatting for a in artikelen)
    assert all(a.tekst.startswith("Samenvatting, niet de letterlijke tekst") for a in artikelen)


def test_every_default_has_history():
    assert Regel.history.filter(history_type="+").count() == Regel.objects.count()


@pytest.mark.parametrize(
    ("sleutel", "verwacht"),
    [
        (Sleutel.MAX_TERMS, 2),
        (Sleutel.ZITTINGSTERMIJN, Duur(4, "jaren")),
        (Sleutel.MIN_LEDEN, 8),
        (Sleutel.MAX_LEDEN, 12),
        (Sleutel.STARTDREMPEL, Fraction(2, 3)),
        (Sleutel.VERGOEDING_VOORZITTER, Decimal(100)),
        (Sleutel.VERGOEDING_LID, Decimal(50)),
        (Sleutel.ADVIESTERMIJN, Duur(6, "weken")),
        (Sleutel.REACTIETERMIJN_COLLEGE, Duur(6, "weken")),
        (Sleutel.STUKKEN_VOOR_VERGADERING, Duur(7, "dagen")),
        (Sleutel.GOEDKEURINGSTERMIJN_VERSLAG, Duur(7, "dagen")),
        (Sleutel.BUDGET_PER_JAAR, Decimal("15000.00")),
        (Sleutel.BEWAARTERMIJN_KANDIDATEN, Duur(6, "maanden")),
        (Sleutel.BEWAARTERMIJN_OUD_LEDEN, Duur(2, "jaren")),
        (Sleutel.POSTCODES_HENGELO, ((7550, 7559),)),
        (Sleutel.TERUGKOPPELING_TERMIJN, Duur(6, "weken")),
        (Sleutel.EVALUATIE_VOOR_HERBENOEMING, Duur(3, "maanden")),
        (Sleutel.GEZAMENLIJKE_EVALUATIE_NA_START, Duur(18, "maanden")),
    ],
)
def test_default_values(sleutel, verwacht):
    assert rule(sleutel, on=OP).waarde == verwacht


def test_term_length_is_four_calendar_years():
    termijn = rule("zittingstermijn", on=OP).waarde
    assert termijn.na(date(2026, 2, 1)) == date(2030, 2, 1)
    assert termijn.na(date(2028, 2, 29)) == date(2032, 2, 29)


def test_fiscal_maximum_is_picked_by_date():
    assert rule("vrijwilligersvergoeding_max_maand", on=date(2025, 6, 1)).waarde == Decimal(
        "210.00"
    )
    assert rule("vrijwilligersvergoeding_max_jaar", on=date(2025, 12, 31)).waarde == Decimal("2100")
    assert rule("vrijwilligersvergoeding_max_maand", on=date(2026, 1, 1)).waarde == Decimal(
        "220.00"
    )
    assert rule("vrijwilligersvergoeding_max_jaar", on=date(2026, 7, 1)).waarde == Decimal("2200")
    fiscaal = rule("vrijwilligersvergoeding_max_jaar", on=date(2026, 7, 1))
    assert fiscaal.bron == "Wet LB 1964 art. 2 lid 6 (fiscaal vrijgestelde vrijwilligersvergoeding)"
    assert fiscaal.geldig_vanaf == date(2026, 1, 1)
    assert fiscaal.geldig_tot is None
