"""The public register and its feed slice before they count (issue 16): the aggregates over
versions and points run only for the rows of the page, in a query whose IN-subquery holds the
LIMIT. The query counts at two data sizes are in test_queries.py."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from adviesraad.advies import selectors

pytestmark = pytest.mark.django_db


def _telquery(func) -> str:
    with CaptureQueriesContext(connection) as ctx:
        func()
    [sql] = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    return sql.upper()


@pytest.mark.parametrize(
    "lezen",
    [
        lambda: selectors.register(pagina=2, soort="gevraagd"),
        lambda: selectors.register_feed(),
    ],
    ids=["register", "feed"],
)
def test_de_cijfers_worden_alleen_voor_de_getoonde_rijen_geteld(lezen):
    sql = _telquery(lezen)
    # The page is chosen in the subquery (ORDER BY ... LIMIT inside IN (...)); the outer,
    # grouped query has no LIMIT of its own.
    binnen = sql[sql.index(" IN (SELECT") :]
    assert re.search(r"ORDER BY .* LIMIT \d+", binnen)
    assert "LIMIT" not in sql[: sql.index(" IN (SELECT")]
