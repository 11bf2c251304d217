"""The register and the portal list keep a fixed number of queries at 10 and at 1,000 requests."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from adviesraad.models.advies import (
    Adviesaanvraag,
    AdviesaanvraagUserObjectPermission,
    Soort,
    Status,
)
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db

STATUSSEN = [Status.AANGEKONDIGD, Status.VERZONDEN, Status.AFGEROND, Status.TER_GOEDKEURING]


def _aanvragen(aantal: int, user: Any, kernwet: Any) -> None:
    nu = timezone.now()
    aanvragen = Adviesaanvraag.objects.bulk_create(
        [
            Adviesaanvraag(
                kenmerk=f"ASD-2026-{i:04d}", soort=Soort.GEVRAAGD, status=STATUSSEN[i % 4],
                titel=f"Aanvraag {i}", gepubliceerd_op=nu if i % 2 else None,
                advies_uiterlijk=timezone.localdate(), reactie_uiterlijk=timezone.localdate(),
            )
            for i in range(aantal)
        ]
    )
    Adviesaanvraag.kernwetten.through.objects.bulk_create(
        [Adviesaanvraag.kernwetten.through(adviesaanvraag=a, kernwet=kernwet) for a in aanvragen]
    )
    perm = Permission.objects.get(codename="view_adviesaanvraag")
    AdviesaanvraagUserObjectPermission.objects.bulk_create(
        [AdviesaanvraagUserObjectPermission(content_object=a, permission=perm, user=user)
         for a in aanvragen]
    )


@pytest.mark.parametrize("url", ["/adviezen/", "/portaal/advies/", "/adviezen/feed/"])
def test_lists_have_a_fixed_query_count(
    url: str, raad: dict[str, Any], client: Any, django_assert_max_num_queries: Any
) -> None:
    user = raad["leden"][0].user
    mfa_verify(client, user)
    _aanvragen(10, user, raad["kernwet"])
    client.get(url)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(20) as klein:
        assert client.get(url).status_code == 200
    _aanvragen_extra = 990
    Adviesaanvraag.objects.all().delete()
    _aanvragen(10 + _aanvragen_extra, user, raad["kernwet"])
    with django_assert_max_num_queries(len(klein.captured_queries)) as groot:
        assert client.get(url).status_code == 200
    assert len(groot.captured_queries) == len(klein.captured_queries)
