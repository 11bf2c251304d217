"""The demo council: realistic, within the rules, and idempotent."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from adviesraad import demo
from adviesraad.models import Lid, Portefeuille, Vacature, Zittingstermijn
from adviesraad.selectors import samenstelling
from hengelo_participatie.accounts.demo import seed_demo_users
from hengelo_participatie.accounts.models import User
from tests.adviesraad.factories import vandaag

pytestmark = pytest.mark.django_db


def test_demo_raad_is_compleet_en_idempotent():
    seed_demo_users()
    demo.seed(stdout=io.StringIO())
    aantallen = (
        Lid.objects.count(),
        Zittingstermijn.objects.count(),
        Portefeuille.objects.count(),
        Vacature.objects.count(),
    )
    seed_demo_users()
    demo.seed(stdout=io.StringIO())
    assert (
        Lid.objects.count(),
        Zittingstermijn.objects.count(),
        Portefeuille.objects.count(),
        Vacature.objects.count(),
    ) == aantallen

    overzicht = samenstelling(user=User.objects.get(email="voorzitter@demo.hengelo.example"))
    assert overzicht.bezet == 10
    assert overzicht.voorzitter == "Anna de Vries"
    assert overzicht.vicevoorzitter == "Bram Jansen"
    assert len(overzicht.einde_binnen_kort) == 1
    assert len(overzicht.incomplete_portefeuilles) == 1
    assert all(gedekt for _naam, gedekt in overzicht.kernwetten_gedekt)
    # A member vacancy with two candidates, and the fixed chair the ad-interim chair recruits
    # (Bijlage 7): both open on the public "Lid worden" page.
    assert Vacature.objects.get(soort="lid").kandidaten.count() == 2
    assert Vacature.objects.get(soort="voorzitter").status == "gepubliceerd"
    groepen = lambda email: set(  # noqa: E731
        User.objects.get(email=email).groups.values_list("name", flat=True)
    )
    assert groepen("lid@demo.hengelo.example") == {"lid"}
    assert groepen("vicevoorzitter@demo.hengelo.example") == {"lid", "vicevoorzitter"}
    assert groepen("voorzitter@demo.hengelo.example") == {"voorzitter"}
    assert overzicht.einde_binnen_kort[0][1] <= vandaag() + timedelta(days=183)
