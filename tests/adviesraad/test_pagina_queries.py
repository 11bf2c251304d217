"""Member and composition pages keep a fixed number of queries at 10 and at 100 members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from adviesraad.models import (
    Functie,
    FunctieSoort,
    Kernwet,
    Lid,
    Portefeuille,
    Portefeuillehouder,
    TermijnStatus,
    Zittingstermijn,
)
from tests.adviesraad.factories import vandaag
from tests.conftest import count_queries, mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _raad(aantal: int) -> None:
    """A council of ``aantal`` built directly (reads are under test; 100 exceeds the maximum)."""
    begin = vandaag() - timedelta(days=100)
    kernwetten = list(Kernwet.objects.all())
    users = [UserFactory(roles=["lid"], email=f"q{aantal}-{i}@example.org") for i in range(aantal)]
    leden = Lid.objects.bulk_create(
        [
            Lid(user=u, postcode="7551 AB", diversiteit_toestemming=True, gender="vrouw")
            for u in users
        ]
    )
    Zittingstermijn.objects.bulk_create(
        [
            Zittingstermijn(
                lid=lid,
                status=TermijnStatus.BENOEMD,
                besluitdatum=begin,
                begindatum=begin,
                einddatum=begin + timedelta(days=100 + i * 5),
            )
            for i, lid in enumerate(leden)
        ]
    )
    Functie.objects.create(lid=leden[0], soort=FunctieSoort.VICEVOORZITTER, van=begin)
    for i in range(0, aantal, 2):
        pf = Portefeuille.objects.create(naam=f"Portefeuille {i}", van=begin)
        pf.kernwetten.set(kernwetten[i % 9 : i % 9 + 2])
        Portefeuillehouder.objects.bulk_create(
            [Portefeuillehouder(portefeuille=pf, lid=lid, van=begin) for lid in leden[i : i + 2]]
        )


@pytest.mark.parametrize(
    "url",
    [
        "/portaal/lidmaatschap/leden/",
        "/portaal/lidmaatschap/samenstelling/",
        "/adviesraad/",
        "/portaal/lidmaatschap/",
    ],
)
def test_vast_aantal_queries(url, django_assert_max_num_queries):
    kijker = UserFactory(roles=["ondersteuner"])
    client = Client()
    mfa_verify(client, kijker)
    aantallen = []
    for aantal in (10, 100):
        _raad(aantal)
        client.get(url)  # warm caches (content types, permissions)
        aantal_queries, response = count_queries(lambda: client.get(url))
        assert response.status_code == 200
        aantallen.append(aantal_queries)
    assert aantallen[0] == aantallen[1], aantallen
    with django_assert_max_num_queries(aantallen[0]):
        client.get(url)
