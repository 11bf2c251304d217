"""The reminders to each participant of a planned meeting, from seven days before it until the
day before: "say whether you come" (``aanmelding_doorgeven``) to who has not answered, and "read
the documents" (``stukken_lezen``) once the invitation with documents is sent, to who did not
say no. On the dashboard's list of what to do this week as well."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviesraad.vergaderingen import deadlines as vg
from adviesraad.vergaderingen.models import Aanmelding, Deelname, Soort, Vergadering
from adviesraad.vergaderingen.services.deelnemers import aanmelden
from adviesraad.vergaderingen.services.stukken import stuk_toevoegen
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


def _van(op: date, kind: str = vg.AANMELDING_DOORGEVEN) -> list[registry.Deadline]:
    provider = registry.provider(kind)
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


def test_read_the_documents_once_they_are_sent(private_media, pdf_bytes):
    vergadering = _vergadering(datetime(2027, 3, 30, 19, 30, tzinfo=AMSTERDAM))
    mensen = {a: UserFactory(roles=["lid"]) for a in Aanmelding.values}
    for aanmelding, user in mensen.items():
        Deelname.objects.create(vergadering=vergadering, gebruiker=user, aanmelding=aanmelding)
    op = date(2027, 3, 25)
    Vergadering.objects.filter(pk=vergadering.pk).update(uitnodiging_verzonden_op=timezone.now())
    assert _van(op, vg.STUKKEN_LEZEN) == []  # sent, but without documents
    stuk_toevoegen(
        vergadering=vergadering,
        upload=SimpleUploadedFile("agenda.pdf", pdf_bytes),
        titel="Agenda",
        door=UserFactory(roles=["ondersteuner"]),
    )
    Vergadering.objects.filter(pk=vergadering.pk).update(uitnodiging_verzonden_op=None)
    assert _van(op, vg.STUKKEN_LEZEN) == []  # documents, but the invitation is not sent
    Vergadering.objects.filter(pk=vergadering.pk).update(uitnodiging_verzonden_op=timezone.now())
    gevonden = _van(op, vg.STUKKEN_LEZEN)
    assert {d.ontvanger_id for d in gevonden} == {
        mensen[Aanmelding.KOMT].pk,
        mensen[Aanmelding.ONBEKEND].pk,
    }
    assert gevonden[0].tekst == (
        "Lees de stukken voor „Vergadering adviesraad” uiterlijk 30 maart 2027."
    )
    assert _van(date(2027, 3, 22), vg.STUKKEN_LEZEN) == []
    assert _van(date(2027, 3, 30), vg.STUKKEN_LEZEN) == []
