"""People fields of a meeting hold only people who may see meetings.

Participants were already checked (``deelnemers_uitnodigen`` refuses anyone without a council or
staff role). The owner of an action was only checked against the list of participants, and a
former member (or a moderator) can stay on an old meeting's list: they could still be chosen and
get reminders about the meeting. Now the portal form does not offer them and the service refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from adviesraad.vergaderingen.models import Actiepunt, Vergadering
from adviesraad.vergaderingen.services import besluiten as besluiten_services

pytestmark = pytest.mark.django_db


def _oud_lid_op_de_lijst(raad: dict[str, Any], vergadering: Vergadering) -> Any:
    oud = raad["leden"][0]
    assert vergadering.deelnames.filter(gebruiker=oud).exists()
    oud.groups.clear()  # the term ended: the role goes, the participant row stays
    return oud


def test_actiepunt_voor_een_oud_lid_wordt_geweigerd_door_de_service(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    vergadering = maak_vergadering()
    oud = _oud_lid_op_de_lijst(raad, vergadering)
    with pytest.raises(ValidationError) as fout:
        besluiten_services.actiepunt_toevoegen(
            vergadering=vergadering, omschrijving="Brief", eigenaar=oud, door=raad["ondersteuner"]
        )
    assert "eigenaar" in fout.value.message_dict
    assert not Actiepunt.objects.exists()

    actie = besluiten_services.actiepunt_toevoegen(
        vergadering=vergadering, omschrijving="Brief", door=raad["ondersteuner"]
    )
    with pytest.raises(ValidationError):
        besluiten_services.actiepunt_bijwerken(
            actiepunt=actie, door=raad["ondersteuner"], afgerond=False, eigenaar=oud
        )
    actie.refresh_from_db()
    assert actie.eigenaar is None


def test_actiepunt_formulier_biedt_een_oud_lid_niet_aan(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering], client_van: Any
) -> None:
    vergadering = maak_vergadering()
    oud = _oud_lid_op_de_lijst(raad, vergadering)
    client = client_van(raad["ondersteuner"])
    url = f"/portaal/vergaderingen/{vergadering.pk}/acties/"
    keuzes = set(client.get(url).context["form"].fields["eigenaar"].queryset)
    assert oud not in keuzes and raad["leden"][1] in keuzes

    response = client.post(url, {"omschrijving": "Brief", "eigenaar": str(oud.pk)})
    assert response.status_code == 200
    assert "eigenaar" in response.context["form"].errors
    assert not Actiepunt.objects.exists()
