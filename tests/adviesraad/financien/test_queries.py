"""Query budgets: the statement, the period overview and detail, the budget page and the
declaration list keep the same number of queries at 1x and 10x data (and at most 10 where the
page allows)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from adviesraad.financien.models import (
    Begroting,
    Begrotingspost,
    BegrotingStatus,
    Categorie,
    Declaratie,
    PeriodeStatus,
    RegelSoort,
    Vergoedingsperiode,
    Vergoedingsregel,
    lid_referentie,
)
from hengelo_participatie.files.models import Bestand
from tests.conftest import count_queries, mfa_verify
from tests.factories import UserFactory

from .helpers import aanwezig, lid_met_termijn

pytestmark = pytest.mark.django_db
JAAR = 2026


def _data(schaal: int, eigen: Any) -> None:
    """``schaal`` x: members, meetings of the viewer's own member, periods, lines, declarations."""
    aanwezig(eigen, *[date(JAAR, 2, 1) + timedelta(days=i) for i in range(3 * schaal)])
    leden = [lid_met_termijn(date(JAAR, 1, 1)) for _ in range(2 * schaal)]
    start = Vergoedingsperiode.objects.count()
    for i in range(schaal):
        maand = start + i + 1
        periode = Vergoedingsperiode.objects.create(
            begin=date(2030 + maand // 12, maand % 12 + 1, 1),
            einde=date(2030 + maand // 12, maand % 12 + 1, 28),
            status=PeriodeStatus.GOEDGEKEURD,
        )
        Vergoedingsregel.objects.bulk_create(
            [
                Vergoedingsregel(
                    periode=periode,
                    lid=lid,
                    lid_referentie=lid_referentie(lid.pk),
                    soort=RegelSoort.VERGOEDING,
                    bedrag=Decimal("55.00"),
                )
                for lid in leden
            ]
        )
    bon = Bestand.objects.create(
        oorspronkelijke_naam="bon.pdf", content_type="application/pdf", grootte=1, sha256="0" * 64
    )
    Declaratie.objects.bulk_create(
        [
            Declaratie(
                indiener=lid.user,
                indiener_referentie=lid_referentie(lid.pk),
                datum=date(JAAR, 3, 1),
                categorie=Categorie.SCHOLING,
                bedrag=Decimal("10.00"),
                omschrijving="Boek",
                bon=bon,
                ingediend_op=date(JAAR, 3, 1),
                status_sinds=date(JAAR, 3, 1),
                status="betaald",
            )
            for lid in leden
        ]
    )


def _pagina_s(eigen: Any) -> dict[str, str]:
    periode = Vergoedingsperiode.objects.order_by("pk").first()
    return {
        "verklaring": reverse("financien:vergoeding_lid", args=[eigen.pk])
        + f"?periode={JAAR}-02-01",
        "perioden": reverse("financien:perioden"),
        "periode": reverse("financien:periode", args=[periode.pk]),
        "begroting": reverse("financien:begroting", args=[JAAR]),
        "declaraties": reverse("financien:declaraties"),
    }


@pytest.mark.parametrize(
    "pagina", ["verklaring", "perioden", "periode", "begroting", "declaraties"]
)
def test_vast_aantal_queries(pagina: str, django_assert_max_num_queries: Any) -> None:
    kijker = UserFactory(roles=["voorzitter"])
    client = Client()
    mfa_verify(client, kijker)
    eigen = lid_met_termijn(date(JAAR, 1, 1))
    begroting = Begroting.objects.create(jaar=JAAR, status=BegrotingStatus.VASTGESTELD)
    Begrotingspost.objects.bulk_create(
        [Begrotingspost(begroting=begroting, categorie=c, bedrag=Decimal(3000)) for c in Categorie]
    )
    aantallen = []
    for schaal in (1, 10):
        _data(schaal, eigen)
        url = _pagina_s(eigen)[pagina]
        client.get(url)  # warm caches (content types, permissions)
        aantal, response = count_queries(lambda url=url: client.get(url))
        assert response.status_code == 200
        aantallen.append(aantal)
    assert aantallen[0] == aantallen[1], aantallen
    # Every signed-in page reads the session, user, second factor and roles, and saves the
    # session (3 statements). The statement then reads the member, terms, functions, absence,
    # attendance and the rules (one query); the budget page the versions, lines, sums, rules.
    budget = {"verklaring": 13, "begroting": 11}.get(pagina, 10)
    with django_assert_max_num_queries(budget):
        client.get(url)
