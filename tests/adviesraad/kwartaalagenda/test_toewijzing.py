"""The policy officer of an agenda item is someone with that role.

The portal form and the admin already offered only policy officers; the service took anyone. The
item announces an advice request, whose policy officer follows the same rule, so the service now
refuses anyone else too (the name is published in the quarterly agenda).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from adviesraad.kwartaalagenda import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("wie", ["accounthouder", "gespreksleider", "lid", "oud_lid"])
def test_punt_met_een_beleidsmedewerker_zonder_de_rol_wordt_geweigerd(
    mensen: dict[str, Any], wie: str
) -> None:
    agenda = services.agenda_aanmaken(jaar=2026, kwartaal=3, door=mensen["accounthouder"])
    with pytest.raises(ValidationError) as fout:
        services.punt_toevoegen(
            agenda=agenda,
            door=mensen["accounthouder"],
            titel="Wmo-beleid",
            beleidsmedewerker=mensen[wie],
        )
    assert "beleidsmedewerker" in fout.value.message_dict
    assert not agenda.punten.exists()

    punt = services.punt_toevoegen(
        agenda=agenda,
        door=mensen["accounthouder"],
        titel="Wmo-beleid",
        beleidsmedewerker=mensen["beleidsmedewerker"],
    )
    with pytest.raises(ValidationError):
        services.punt_wijzigen(
            punt=punt, door=mensen["accounthouder"], beleidsmedewerker=mensen[wie]
        )
    punt.refresh_from_db()
    assert punt.beleidsmedewerker == mensen["beleidsmedewerker"]

    # Checked when chosen or changed: a name that lost the role does not block other edits.
    mensen["beleidsmedewerker"].groups.clear()
    services.punt_wijzigen(
        punt=punt, door=None, titel="Jeugdhulp", beleidsmedewerker=mensen["beleidsmedewerker"]
    )
    punt.refresh_from_db()
    assert punt.titel == "Jeugdhulp"
