"""The query API: typed values, citations, missing rules, one query, postcodes, Duur."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from verordening.rules import RegelOntbreekt, normaliseer_postcode, rule, rules, woont_in_hengelo
from verordening.waarden import Duur

OP = date(2026, 1, 1)


@pytest.mark.django_db
def test_citation_names_article_member_and_cvdr():
    regel = rule("max_terms", on=OP)
    assert (
        regel.bron
        == "art. 4 lid 2 van de Verordening Adviesraad sociaal domein Hengelo (CVDR753530)"
    )
    assert regel.citeer() == (
        "volgens art. 4 lid 2 van de Verordening Adviesraad sociaal domein Hengelo (CVDR753530)"
    )
    assert "art. 3" in rule("max_leden", on=OP).citeer()


@pytest.mark.django_db
def test_article_str_is_a_citation():
    regel = rule("max_leden", on=OP)
    from verordening.models import Regel

    assert str(Regel.objects.get(pk=regel.versie_id).bron) == (
        "art. 3 Verordening Adviesraad sociaal domein Hengelo"
    )


@pytest.mark.django_db
def test_missing_rule_and_date_before_the_first_version():
    with pytest.raises(RegelOntbreekt, match="onbekend"):
        rule("onbekend", on=OP)
    with pytest.raises(RegelOntbreekt):
        rule("max_terms", on=date(2025, 12, 29))  # the verordening starts on 30 December 2025
    assert rule("max_terms", on=date(2025, 12, 30)).waarde == 2


@pytest.mark.django_db
def test_one_query_per_call():
    with CaptureQueriesContext(connection) as queries:
        rule("max_terms", on=OP).citeer()
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        antwoorden = rules("min_leden", "max_leden", "startdrempel", on=OP)
    assert len(queries) == 1
    assert antwoorden["max_leden"].waarde == 12
    with pytest.raises(RegelOntbreekt):
        rules("min_leden", "bestaat_niet", on=OP)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "verwacht"),
    [
        ("7549 ZZ", False),
        ("7550", True),
        ("7550AA", True),
        ("7551 ab", True),
        ("7551ab", True),
        (" 7559 zz ", True),
        ("7559", True),
        ("7560 AA", False),
        ("", False),
        ("ABCD EF", False),
        ("755", False),
        ("75512AB", False),
        ("0755 AB", False),
        (None, False),
        (7551, False),
        ("7551 A", False),
        ("7551-AB", False),
        ("7551\x00AB", False),
        ("7" * 10_000, False),
    ],
)
def test_woont_in_hengelo_boundaries(postcode, verwacht):
    assert woont_in_hengelo(postcode, on=OP) is verwacht


def test_normaliseer_postcode():
    assert normaliseer_postcode("7551 ab") == "7551AB"
    assert normaliseer_postcode("7551ab") == "7551AB"
    assert normaliseer_postcode("nonsense") is None


@pytest.mark.parametrize(
    ("duur", "van", "tot"),
    [
        (Duur(1, "maanden"), date(2026, 1, 31), date(2026, 2, 28)),
        (Duur(1, "maanden"), date(2028, 1, 31), date(2028, 2, 29)),
        (Duur(1, "jaren"), date(2028, 2, 29), date(2029, 2, 28)),
        (Duur(6, "weken"), date(2026, 1, 1), date(2026, 2, 12)),
        (Duur(7, "dagen"), date(2026, 12, 28), date(2027, 1, 4)),
        (Duur(13, "maanden"), date(2026, 12, 15), date(2028, 1, 15)),
    ],
)
def test_duur_adds_calendar_units(duur, van, tot):
    assert duur.na(van) == tot


def test_duur_voor_and_str():
    assert Duur(1, "maanden").voor(date(2026, 3, 31)) == date(2026, 2, 28)
    assert str(Duur(1, "jaren")) == "1 jaar"
    assert str(Duur(6, "weken")) == "6 weken"
    with pytest.raises(ValueError):
        Duur(1, "eeuwen")
