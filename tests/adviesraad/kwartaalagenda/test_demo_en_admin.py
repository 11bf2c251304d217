"""The demo seed (idempotent, two versions, links) and the admin for the account holder."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from adviesraad.kwartaalagenda import selectors
from adviesraad.kwartaalagenda.models import (
    Agendapunt,
    Gezien,
    Kwartaalagenda,
    Versie,
    kwartaal_van,
)
from hengelo_participatie.accounts.models import User

from .conftest import agenda_met_punten

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(private_media: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())


def test_demo_is_idempotent_en_toont_een_wijziging(demo: None) -> None:
    jaar, kwartaal = kwartaal_van(timezone.localdate())
    agenda = Kwartaalagenda.objects.get(jaar=jaar, kwartaal=kwartaal)
    assert list(agenda.versies.order_by("nummer").values_list("nummer", flat=True)) == [1, 2]
    assert agenda.punten.filter(adviesaanvraag__isnull=False).count() == 2
    laatste = agenda.versies.get(nummer=2)
    concept = {p.titel for p in agenda.punten.all()}
    gepubliceerd = {p["titel"] for p in laatste.inhoud["punten"]}
    assert concept != gepubliceerd  # unpublished draft edits

    lid = User.objects.get(email="lid@demo.hengelo.example")
    wijzigingen = selectors.wijzigingen_voor(lid)
    assert [(w.agenda_id, w.verschil.van, w.versie) for w in wijzigingen] == [(agenda.pk, 1, 2)]
    assert wijzigingen[0].verschil.nieuw == ["Inclusieagenda: toegankelijke gemeente"]

    tellingen = (
        Kwartaalagenda.objects.count(),
        Agendapunt.objects.count(),
        Versie.objects.count(),
        Gezien.objects.count(),
    )
    uit = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=uit)
    assert "Kwartaalagenda: demogegevens bestaan al." in uit.getvalue()
    assert tellingen == (
        Kwartaalagenda.objects.count(),
        Agendapunt.objects.count(),
        Versie.objects.count(),
        Gezien.objects.count(),
    )


def test_admin_voor_de_accounthouder(mensen: dict[str, Any], client_van: Any) -> None:
    agenda = agenda_met_punten(1)
    c = client_van(mensen["accounthouder"])
    response = c.post(
        "/admin/kwartaalagenda/agendapunt/add/",
        {"agenda": agenda.pk, "titel": "Via de admin", "opmerking": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    p = Agendapunt.objects.get(titel="Via de admin")
    assert p.history.get().history_user == mensen["accounthouder"]
    response = c.post(
        f"/admin/kwartaalagenda/agendapunt/{p.pk}/change/",
        {"titel": "Via de admin", "adviesgesprek_op": "2026-05-20", "raad_op": "2026-05-01"},
    )
    assert response.status_code == 200  # the model rule: dates in process order
    assert "ligt vóór" in response.content.decode()
    p.refresh_from_db()
    assert p.raad_op is None
    assert c.get("/admin/kwartaalagenda/agendapunt/?gekoppeld=nee").status_code == 200
    assert c.get(f"/admin/kwartaalagenda/agendapunt/{p.pk}/history/").status_code == 200
    # The supporter reads published versions in the portal, never the draft in the admin.
    o = client_van(mensen["ondersteuner"])
    assert o.get("/admin/kwartaalagenda/agendapunt/").status_code == 403
    assert o.get(f"/admin/kwartaalagenda/agendapunt/{p.pk}/change/").status_code in (302, 403)
