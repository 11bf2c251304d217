"""The people fields of an activity hold only people with the matching role.

* ``gespreksleider`` (object grants view and change on the activity): role gespreksleider;
* ``verantwoordelijke`` (gets the feedback reminders): beleidsmedewerker or accounthouder;
* ``luisterdelegatie``: council members and staff, never an external moderator.

The admin already limited its choices; the services took anyone, so a call from code (or a future
form) could hand a moderator's grants to any account. Now the services refuse, and a hand-made
admin POST gets a Dutch form error that says why.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import get_objects_for_user

from participatiemix.models import Activiteit
from participatiemix.services import activiteiten as activiteiten_services
from tests.factories import UserFactory
from tests.participatiemix.factories import domein, instrument, maak_activiteit, thema

from .test_admin import _inline

pytestmark = pytest.mark.django_db

BEHEER = "/admin/participatiemix/activiteit"


def _geen_grants(user: Any) -> bool:
    return not get_objects_for_user(
        user, "participatiemix.change_activiteit", Activiteit, accept_global_perms=False
    ).exists()


@pytest.mark.parametrize("rol", ["accounthouder", "beleidsmedewerker", "lid", None])
def test_gespreksleider_zonder_de_rol_wordt_geweigerd_bij_aanmaken(rol: str | None) -> None:
    kandidaat = UserFactory(roles=[rol] if rol else [])
    with pytest.raises(ValidationError) as fout:
        maak_activiteit(nummer=2, titel="Verkeerde gespreksleider", gespreksleider=kandidaat)
    assert "gespreksleider" in fout.value.message_dict
    assert not Activiteit.objects.filter(titel="Verkeerde gespreksleider").exists()
    assert _geen_grants(kandidaat)


def test_gespreksleider_wisselen_naar_iemand_zonder_de_rol_wordt_geweigerd() -> None:
    gl = UserFactory(roles=["gespreksleider"])
    activiteit = maak_activiteit(nummer=2, gespreksleider=gl)
    oud_lid = UserFactory(roles=[])
    activiteit.gespreksleider = oud_lid
    with pytest.raises(ValidationError):
        activiteiten_services.activiteit_opslaan(
            activiteit=activiteit,
            door=UserFactory(roles=["accounthouder"]),
            vorige_gespreksleider_id=gl.pk,
        )
    assert Activiteit.objects.get(pk=activiteit.pk).gespreksleider == gl
    assert _geen_grants(oud_lid)

    # Checked when chosen or changed: a moderator who later lost the role does not make every
    # later save of the activity fail (the admin form then shows the field empty).
    activiteit = Activiteit.objects.get(pk=activiteit.pk)
    gl.groups.clear()
    activiteit.titel = "Nieuwe titel"
    activiteiten_services.activiteit_opslaan(
        activiteit=activiteit, door=None, vorige_gespreksleider_id=gl.pk
    )
    assert Activiteit.objects.get(pk=activiteit.pk).titel == "Nieuwe titel"


@pytest.mark.parametrize("rol", ["gespreksleider", "lid", None])
def test_verantwoordelijke_zonder_de_rol_wordt_geweigerd(rol: str | None) -> None:
    with pytest.raises(ValidationError) as fout:
        maak_activiteit(
            nummer=1,
            titel="Verkeerde verantwoordelijke",
            verantwoordelijke=UserFactory(roles=[rol] if rol else []),
        )
    assert "verantwoordelijke" in fout.value.message_dict
    assert not Activiteit.objects.filter(titel="Verkeerde verantwoordelijke").exists()


@pytest.mark.parametrize("rol", ["gespreksleider", None])
def test_luisterdelegatie_alleen_raad_en_medewerkers(rol: str | None) -> None:
    lid = UserFactory(roles=["lid"])
    fout_persoon = UserFactory(roles=[rol] if rol else [], voornaam="Fout", achternaam="Persoon")
    activiteit = maak_activiteit(nummer=1, luisterdelegatie=[lid])
    with pytest.raises(ValidationError) as fout:
        activiteiten_services.luisterdelegatie_zetten(
            activiteit=activiteit,
            gebruikers=[lid, fout_persoon],
            door=UserFactory(roles=["accounthouder"]),
        )
    assert "Fout Persoon" in fout.value.message_dict["luisterdelegatie"][0]
    assert list(activiteit.luisterdelegatie.all()) == [lid]


def test_gespreksleider_kiest_zelf_geen_luisterdelegatie() -> None:
    from django.core.exceptions import PermissionDenied

    gl = UserFactory(roles=["gespreksleider"])
    activiteit = maak_activiteit(nummer=2, gespreksleider=gl)
    with pytest.raises(PermissionDenied):
        activiteiten_services.luisterdelegatie_zetten(
            activiteit=activiteit, gebruikers=[UserFactory(roles=["lid"])], door=gl
        )
    assert not activiteit.luisterdelegatie.exists()


# --- The admin, through the real views ------------------------------------------------------------
def _data(**wijzig: Any) -> dict[str, Any]:
    data = {
        "instrument": instrument(2).pk,
        "titel": "Gesprek via beheer",
        "omschrijving": "",
        "startdatum": "02-03-2026",
        "einddatum": "",
        "themas": [thema().pk],
        "domeinen": [domein().pk],
        "gespreksleider_organisatie": "Bureau",
        "werving": "",
        "aantal_deelnemers": "8",
        "beslisruimte": "",
        "verwachtingen": "",
        **_inline("spelregeltoetsen"),
    }
    data.update(wijzig)
    return data


@pytest.mark.parametrize(
    ("veld", "rol"),
    [
        ("gespreksleider", "accounthouder"),
        ("gespreksleider", "lid"),
        ("verantwoordelijke", "gespreksleider"),
        ("luisterdelegatie", "gespreksleider"),
        ("luisterdelegatie", None),
    ],
)
def test_admin_weigert_iemand_zonder_de_rol_met_een_formulierfout(
    client_als: Any, veld: str, rol: str | None
) -> None:
    client, accounthouder = client_als("accounthouder")
    kandidaat = accounthouder if rol == "accounthouder" else UserFactory(roles=[rol] if rol else [])
    waarde = [kandidaat.pk] if veld == "luisterdelegatie" else kandidaat.pk
    response = client.post(f"{BEHEER}/add/", _data(**{veld: waarde}))
    assert response.status_code == 200
    fouten = response.context["adminform"].form.errors
    assert "alleen mensen met de juiste rol" in fouten[veld][0]
    assert not Activiteit.objects.filter(titel="Gesprek via beheer").exists()
    assert _geen_grants(kandidaat)


def test_admin_slaat_de_luisterdelegatie_op_via_de_service(client_als: Any, caplog: Any) -> None:
    import logging

    client, accounthouder = client_als("accounthouder")
    lid, beleid = UserFactory(roles=["lid"]), UserFactory(roles=["beleidsmedewerker"])
    gl = UserFactory(roles=["gespreksleider"])
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    response = client.post(
        f"{BEHEER}/add/",
        _data(gespreksleider=gl.pk, verantwoordelijke=beleid.pk, luisterdelegatie=[lid.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activiteit = Activiteit.objects.get(titel="Gesprek via beheer")
    assert list(activiteit.luisterdelegatie.all()) == [lid]
    assert any(
        f"actor={accounthouder.pk} action=luisterdelegatie_zetten "
        f"object=activiteit:{activiteit.pk}" in r.getMessage()
        for r in caplog.records
    )
