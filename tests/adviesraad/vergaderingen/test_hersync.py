"""The nightly re-sync of meeting documents touches only recent meetings and older ones whose
grants no longer match (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from adviesraad.vergaderingen.models import Vergadering, Vergaderstuk
from adviesraad.vergaderingen.services import stukken as stukken_services
from hengelo_participatie.files.models import BestandUserObjectPermission
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db


def _met_stuk(maak: Callable[..., Vergadering], raad: dict[str, Any], pdf: bytes, dagen: int):
    vergadering = maak(dagen=dagen)
    return stukken_services.stuk_toevoegen(
        vergadering=vergadering,
        upload=SimpleUploadedFile("stuk.pdf", pdf),
        titel="Stuk",
        door=raad["ondersteuner"],
    )


def _grants(stukken: list[Vergaderstuk]) -> set[tuple[int, int, int]]:
    return set(
        BestandUserObjectPermission.objects.filter(
            content_object_id__in=[s.bestand_id for s in stukken]
        ).values_list("pk", "content_object_id", "user_id")
    )


def test_oude_vergaderingen_alleen_als_de_toegang_afwijkt(raad, maak_vergadering, pdf_bytes):
    _met_stuk(maak_vergadering, raad, pdf_bytes, dagen=7)
    oud = [_met_stuk(maak_vergadering, raad, pdf_bytes, dagen=-60)]
    voor = _grants(oud)
    assert voor
    klein, aantal = count_queries(stukken_services.toegang_alle_bijwerken)
    assert aantal == 1  # only the coming meeting
    assert _grants(oud) == voor  # untouched: the same rows
    oud += [_met_stuk(maak_vergadering, raad, pdf_bytes, dagen=-60 - i) for i in range(1, 4)]
    groot, aantal = count_queries(stukken_services.toegang_alle_bijwerken)
    assert aantal == 1
    assert groot == klein

    # A member lost the role some other way than the services: the old meetings follow.
    oud_lid = raad["leden"][0]
    assert any(u == oud_lid.pk for _pk, _b, u in _grants(oud))
    oud_lid.groups.clear()
    assert stukken_services.toegang_alle_bijwerken() == 1 + len(oud)
    assert not any(u == oud_lid.pk for _pk, _b, u in _grants(oud))
    assert any(u == raad["leden"][1].pk for _pk, _b, u in _grants(oud))
    # The next night they match again.
    assert stukken_services.toegang_alle_bijwerken() == 1
