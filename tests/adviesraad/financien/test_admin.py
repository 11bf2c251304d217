"""The money admin: records are read only; long absence is recorded through the service."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from adviesraad.financien.models import Verzuim
from tests.conftest import mfa_verify
from tests.factories import UserFactory

from .helpers import lid_met_termijn

pytestmark = pytest.mark.django_db


def test_verzuim_vastleggen_in_het_beheer() -> None:
    lid = lid_met_termijn(date(2026, 1, 1))
    client = Client()
    ondersteuner = UserFactory(roles=["ondersteuner"])
    mfa_verify(client, ondersteuner)
    antwoord = client.post(
        "/admin/financien/verzuim/add/",
        {"lid": lid.pk, "soort": "ziekte", "van": "2026-02-01", "tot": ""},
    )
    assert antwoord.status_code == 302, antwoord.content[:500]
    verzuim = Verzuim.objects.get()
    assert verzuim.history.get().history_user == ondersteuner
    assert LogEntry.objects.get(object_id=str(verzuim.pk)).user == ondersteuner
    # Periods, lines, budgets and declarations cannot be added in the admin.
    for model in ("vergoedingsperiode", "vergoedingsregel", "begroting", "declaratie"):
        assert client.get(f"/admin/financien/{model}/add/").status_code == 403
        assert client.get(f"/admin/financien/{model}/").status_code == 200
    # Policy staff see none of it.
    beleid = Client()
    mfa_verify(beleid, UserFactory(roles=["beleidsmedewerker"]))
    assert beleid.get("/admin/financien/declaratie/").status_code == 302
