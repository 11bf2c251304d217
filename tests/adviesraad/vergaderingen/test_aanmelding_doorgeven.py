"""The reminder "say whether you come" (``aanmelding_doorgeven``): to each participant who has
not answered, from seven days before a planned meeting until the day before; on the dashboard's
list of what to do this week as well."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from adviesraad.vergaderingen import deadlines as vg
from adviesraad.vergaderingen.models import Aanmelding, Deelname, Soort, Vergadering
from adviesraad.vergaderingen.services.deelnemers import aanmelden
from hengelo_participatie.notifications import overzicht, registry, services
from hengelo_participatie.notifications.models import Herinnering
from tests.conftest import count_queries
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _vergadering(begin: datetime) -> Vergadering:
    return Vergadering.objects.create(
        soort=Soort.RAADSVERGADERING, titel="Vergadering adviesraad", begin=begin
    )


def _van(op: date) -> list[registry.Deadline]:
    provider = registry.provider(vg.AANMELDING_DOORGEVEN)
    assert provider is not None
    return list(provider.deadlines(op))


def test_only_who_has_not_answered_from_seven_days_before():
    vergadering = _vergadering(datetime(2027, 3, 30, 19, 30, tzinfo=AMSTERDAM))
    mensen = {a: UserFactory(roles=["lid"]) for a in Aanmelding.values}
    for aanmelding, user in mensen.items():
        Deelname.objects.create(vergadering=vergadering, gebruiker=user, aanmelding=aanmelding)
    assert _van(date(2027, 3, 22)) == []
    gevonden = _van(date(2027, 3, 23))
    assert [d.ontvanger_id for d in gevonden] == [mensen[Aanmelding.ONBEKEND].pk]
    assert gevonden[0].datum == date(2027, 3, 30)
    assert gevonden[0].tekst == (
        "Geef uiterlijk 30 maart 2027 door of u naar „Vergadering adviesraad” komt."
    )
    assert gevonden[0].link.endswith("#aanmelden")
    assert [d.ontvanger_id for d in _van(date(2027, 3, 29))] == [mensen[Aanmelding.ONBEKEND].pk]
    assert _van(date(2027, 3, 30)) == []


def test_a_fixed_number_of_queries():
    def _veel(n: int) -> None:
        for i in range(n):
            v = _vergadering(datetime(2027, 3, 30, 9 + i % 10, tzinfo=AMSTERDAM))
            for _ in range(3):
                Deelname.objects.create(vergadering=v, gebruiker=UserFactory(roles=["lid"]))

    _veel(1)
    een, gevonden = count_queries(lambda: _van(date(2027, 3, 25)))
    _veel(9)
    tien, meer = count_queries(lambda: _van(date(2027, 3, 25)))
    assert len(meer) > len(gevonden) > 0
    assert een == tien <= 2  # the rule, the open answers with their meetings


def test_answering_takes_it_off_the_dashboard_list_and_out_of_the_scan():
    lid = UserFactory(roles=["lid"])
    vergadering = _vergadering(timezone.now() + timedelta(days=4))
    Deelname.objects.create(vergadering=vergadering, gebruiker=lid)
    vandaag = timezone.localdate()

    def soorten() -> set[str]:
        return {r.soort for r in overzicht.openstaand_voor(lid, op=vandaag)}

    assert soorten() == {vg.AANMELDING_DOORGEVEN, vg.VERGADERING_MORGEN}
    aanmelden(vergadering=vergadering, door=lid, aanmelding=Aanmelding.KOMT)
    assert soorten() == {vg.VERGADERING_MORGEN}
    services.herinneringen_plannen(op=vandaag)
    assert not Herinnering.objects.filter(soort=vg.AANMELDING_DOORGEVEN).exists()
