"""The agenda page keeps a fixed number of queries at 1x and 10x the items."""

from __future__ import annotations

from typing import Any

import pytest

from adviesraad.kwartaalagenda import services
from adviesraad.kwartaalagenda.models import Kwartaalagenda

from .conftest import aanvraag, agenda_met_punten

pytestmark = pytest.mark.django_db

#: Session, user, OTP device, permissions, the user's roles (the menu), the agenda, latest
#: version, seen version, items or their live links, visible requests, recording "seen": 15 at 5
#: and at 50 items.
MAX_QUERIES = 15


def _agenda(aantal: int, beleid: Any, kwartaal: int) -> Kwartaalagenda:
    agenda = agenda_met_punten(aantal, kwartaal=kwartaal)
    punten = list(agenda.punten.order_by("pk"))
    services.punt_koppelen(
        punt=punten[0], aanvraag=aanvraag(beleid, f"Aanvraag {kwartaal}"), door=None
    )
    services.publiceren(agenda=agenda, door=None)
    for p in punten:
        services.punt_wijzigen(punt=p, door=None, titel=f"{p.titel} (gewijzigd)")
    services.publiceren(agenda=agenda, door=None)
    return agenda


@pytest.mark.parametrize("rol", ["lid", "accounthouder", "beleidsmedewerker"])
def test_agendapagina_vast_aantal_queries(
    rol: str, mensen: dict[str, Any], client_van: Any, django_assert_max_num_queries: Any
) -> None:
    beleid = mensen["beleidsmedewerker"]
    c = client_van(mensen[rol])
    klein, groot = _agenda(5, beleid, 1), _agenda(50, beleid, 2)
    for agenda in (klein, groot):
        v1 = agenda.versies.get(nummer=1)
        services.gezien_markeren(user=mensen[rol], versie=v1)  # so the page shows a diff
    c.get("/portaal/kwartaalagenda/")  # warm caches (content types, session)
    aantallen = []
    for agenda in (klein, groot):
        with django_assert_max_num_queries(MAX_QUERIES) as ctx:
            response = c.get(f"/portaal/kwartaalagenda/{agenda.pk}/")
        assert response.status_code == 200
        assert "(gewijzigd)" in response.content.decode()
        aantallen.append(len(ctx.captured_queries))
    assert aantallen[0] == aantallen[1], aantallen
