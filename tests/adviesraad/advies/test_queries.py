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
                kenmerk=f"ASD-2026-{i:04d}",
                soort=Soort.GEVRAAGD,
                status=STATUSSEN[i % 4],
                titel=f"Aanvraag {i}",
                gepubliceerd_op=nu if i % 2 else None,
                advies_uiterlijk=timezone.localdate(),
                reactie_uiterlijk=timezone.localdate(),
            )
            for i in range(aantal)
        ]
    )
    Adviesaanvraag.kernwetten.through.objects.bulk_create(
        [Adviesaanvraag.kernwetten.through(adviesaanvraag=a, kernwet=kernwet) for a in aanvragen]
    )
    perm = Permission.objects.get(codename="view_adviesaanvraag")
    AdviesaanvraagUserObjectPermission.objects.bulk_create(
        [
            AdviesaanvraagUserObjectPermission(content_object=a, permission=perm, user=user)
            for a in aanvragen
        ]
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


def _koppelingen(aanvraag: Any, aantal: int) -> None:
    """``aantal`` findings, each from its own activity, used in ``aanvraag``."""
    from datetime import date

    from participatiemix.services import inbreng as inbreng_services
    from tests.participatiemix.factories import maak_activiteit, thema

    for i in range(aantal):
        activiteit = maak_activiteit(titel=f"Gesprek {Adviesaanvraag.objects.count()}-{i}")
        opbrengst = inbreng_services.opbrengst_toevoegen(
            activiteit=activiteit,
            door=None,
            soort="ervaring",
            thema=thema(),
            omschrijving=f"Opbrengst {i}",
            citaat=f"Citaat {i}",
        )
        inbreng_services.benutting_vastleggen(
            opbrengst=opbrengst,
            door=None,
            soort="beleid",
            omschrijving="Gebruikt.",
            datum=date(2026, 5, 1),
            adviesaanvraag=aanvraag,
        )


def test_detail_with_findings_has_a_fixed_query_count(
    raad: dict[str, Any], pdf_bytes: bytes, client: Any, django_assert_max_num_queries: Any
) -> None:
    """ "Wat inwoners zeiden" on the portal page: the same queries at 1 and at 10 linked uses."""
    from .helpers import gevraagd

    aanvraag = gevraagd(raad, pdf_bytes)
    mfa_verify(client, raad["leden"][0].user)
    url = f"/portaal/advies/{aanvraag.pk}/"
    _koppelingen(aanvraag, 1)
    client.get(url)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(40) as klein:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Citaat ") == 1
    _koppelingen(aanvraag, 9)
    with django_assert_max_num_queries(len(klein.captured_queries)) as groot:
        response = client.get(url)
    assert response.content.decode().count("Citaat ") == 10
    assert len(groot.captured_queries) == len(klein.captured_queries)
