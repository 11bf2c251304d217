"""The rules of a date are read once per request (``rules.regels_per_verzoek``), and a change is
seen at once, also later in the same request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import count_queries
from tests.factories import UserFactory
from verordening.models import Regel
from verordening.rules import RegelOntbreekt, Sleutel, regels_per_verzoek, rule, rules
from verordening.services import regels as regel_services

pytestmark = pytest.mark.django_db


def test_one_query_for_every_rule_of_a_date():
    op = timezone.localdate()
    with regels_per_verzoek():
        eerste, waarde = count_queries(lambda: rule(Sleutel.MAX_TERMS, on=op))
        daarna, _ = count_queries(
            lambda: (
                rule(Sleutel.MAX_TERMS, on=op),
                rules(Sleutel.ZITTINGSTERMIJN, Sleutel.MIN_LEDEN, on=op),
                rule(Sleutel.ADVIESTERMIJN, on=op),
            )
        )
        with pytest.raises(RegelOntbreekt):
            rule("bestaat_niet", on=op)
    assert (eerste, daarna) == (1, 0)
    assert waarde.waarde == Regel.objects.geldig_op(op).get(sleutel=Sleutel.MAX_TERMS).python_waarde
    # Outside a scope every call asks the database, as before.
    assert count_queries(lambda: rule(Sleutel.MAX_TERMS, on=op))[0] == 1


def test_a_saved_change_is_seen_in_the_same_scope():
    vanaf = timezone.localdate() + timedelta(days=10)
    with regels_per_verzoek():
        oud = rule(Sleutel.MAX_TERMS, on=vanaf).waarde
        regel_services.regel_wijzigen(
            sleutel=Sleutel.MAX_TERMS,
            waarde=str(oud + 1),
            geldig_vanaf=vanaf,
            bron=None,
            door=UserFactory(is_superuser=True, is_staff=True),
        )
        assert rule(Sleutel.MAX_TERMS, on=vanaf).waarde == oud + 1
        assert rule(Sleutel.MAX_TERMS, on=vanaf - timedelta(days=1)).waarde == oud


def test_each_scope_reads_afresh():
    """The middleware opens a new scope per request: nothing is kept from one to the next, not
    even a change made past the services (a bulk update sends no signal)."""
    op = timezone.localdate()
    with regels_per_verzoek():
        rule(Sleutel.MAX_TERMS, on=op)
    regel = Regel.objects.geldig_op(op).get(sleutel=Sleutel.MAX_TERMS)
    Regel.objects.filter(pk=regel.pk).update(naam="Gewijzigd buiten de services om")
    with regels_per_verzoek():
        assert rule(Sleutel.MAX_TERMS, on=op).naam == "Gewijzigd buiten de services om"
