"""The nightly access re-sync touches only open requests and closed ones whose grants no longer
match the council (issue 16), and which states count as closed (``AFGESLOTEN``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from adviesraad.advies.services import toegang
from adviesraad.advies.transitions import WERKSTROOM
from adviesraad.models.advies import (
    AFGESLOTEN,
    EINDSTATUSSEN,
    Adviesaanvraag,
    AdviesaanvraagUserObjectPermission,
    Status,
)
from hengelo_participatie.files.models import BestandUserObjectPermission
from tests.adviesraad.factories import benoemde_termijn
from tests.conftest import count_queries
from tests.factories import UserFactory

from .helpers import gevraagd

pytestmark = pytest.mark.django_db


def test_afgesloten_statussen_zijn_de_eindstatussen_plus_wat_alleen_nog_afgerond_wordt():
    assert set(EINDSTATUSSEN) <= set(AFGESLOTEN)
    assert set(AFGESLOTEN) == {
        Status.AFGEROND,
        Status.INGETROKKEN,
        Status.REACTIE_ONTVANGEN,
        Status.TER_KENNISNAME_RAAD,
        Status.GEHOUDEN,
    }
    # Closed under the workflow: from a closed state no step leads back to an open one, so a
    # request treated as closed never needs the full nightly re-sync again.
    for rij in WERKSTROOM.rijen:
        if rij.van in AFGESLOTEN:
            assert rij.naar in AFGESLOTEN, rij
    # And every open state can still move on (it is not left "open" by the table itself).
    for status in set(Status) - set(AFGESLOTEN):
        if any(status in WERKSTROOM.bereikbaar(soort) for soort in WERKSTROOM.begin):
            assert any(r.van == status for r in WERKSTROOM.rijen), status


def _aanvragen(raad: dict[str, Any], pdf_bytes: bytes, status: str, aantal: int) -> list[int]:
    pks = [gevraagd(raad, pdf_bytes, zaaknummer=f"Z-{status}-{i}").pk for i in range(aantal)]
    Adviesaanvraag.objects.filter(pk__in=pks).update(status=status)
    return pks


def _grants(pks: list[int]) -> set[tuple[int, int, int]]:
    return set(
        AdviesaanvraagUserObjectPermission.objects.filter(content_object_id__in=pks).values_list(
            "pk", "content_object_id", "user_id"
        )
    )


@pytest.mark.parametrize("status", [Status.AFGEROND, Status.REACTIE_ONTVANGEN])
def test_nachtelijke_hersync_slaat_ongewijzigde_gesloten_aanvragen_over(raad, pdf_bytes, status):
    [open_pk] = _aanvragen(raad, pdf_bytes, Status.AANGEKONDIGD, 1)
    gesloten = _aanvragen(raad, pdf_bytes, status, 2)
    voor = _grants(gesloten)
    assert voor  # the members and staff got their grants when the requests were made
    klein, aantal = count_queries(toegang.toegang_alle_open_bijwerken)
    # Only the open request; the closed ones are checked, not re-synced, and left as they were
    # (the same grant rows, not deleted and made again).
    assert aantal == 1
    assert _grants(gesloten) == voor
    # Five times as many closed requests: the same number of queries.
    meer = _aanvragen(raad, pdf_bytes, status, 8)
    groot, aantal = count_queries(toegang.toegang_alle_open_bijwerken)
    assert aantal == 1
    assert groot == klein
    assert _grants(gesloten + meer) == voor | _grants(meer)
    assert Adviesaanvraag.objects.get(pk=open_pk).status == Status.AANGEKONDIGD


def test_gesloten_aanvraag_volgt_de_raad_wel_als_die_veranderde(raad, pdf_bytes):
    [pk] = _aanvragen(raad, pdf_bytes, Status.AFGEROND, 1)
    [ongemoeid] = _aanvragen(raad, pdf_bytes, Status.AFGEROND, 1)
    oud_lid = raad["leden"][0].user
    aanvraag = Adviesaanvraag.objects.get(pk=pk)
    bestand_ids = [d.bestand_id for d in aanvraag.documenten.all()]

    def heeft(user: Any, aanvraag_pk: int) -> bool:
        return AdviesaanvraagUserObjectPermission.objects.filter(
            content_object_id=aanvraag_pk, user=user
        ).exists()

    assert heeft(oud_lid, pk)
    # The member left the council some other way than the services (no hook ran).
    oud_lid.groups.clear()
    raad["leden"][0].termijnen.update(einddatum=toegang.vandaag() - timedelta(days=1))
    assert toegang.gesloten_met_afwijkende_toegang(toegang.toegangsgegevens()) == {pk, ongemoeid}
    # A sitting member lacks the grant on one request (a sync that never ran).
    blijft = raad["leden"][1].user
    AdviesaanvraagUserObjectPermission.objects.filter(content_object_id=pk, user=blijft).delete()
    toegang.toegang_alle_open_bijwerken()
    for aanvraag_pk in (pk, ongemoeid):
        assert not heeft(oud_lid, aanvraag_pk)
        assert heeft(blijft, aanvraag_pk)
    assert not BestandUserObjectPermission.objects.filter(
        content_object_id__in=bestand_ids, user=oud_lid
    ).exists()
    # A new member joins through the services: the hook gives them the closed requests too.
    nieuw = benoemde_termijn(
        besluitdatum=toegang.vandaag() - timedelta(days=10),
        user=UserFactory(email="nieuw@raad.nl"),
    ).lid.user
    assert heeft(nieuw, pk) and heeft(nieuw, ongemoeid)
    # The next night nothing is stale any more.
    assert toegang.gesloten_met_afwijkende_toegang(toegang.toegangsgegevens()) == set()
    assert toegang.toegang_alle_open_bijwerken() == 0
