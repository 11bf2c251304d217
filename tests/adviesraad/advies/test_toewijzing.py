"""The policy officer of an advice request is someone with that role.

The field gives object grants on the request and its confidential files. Before, the admin
offered every account and the service took anyone: the account holder could make itself (or a
moderator) the policy officer of any request and then download its confidential documents.
Now the admin offers only users holding the role ``beleidsmedewerker`` (another id posted by hand
is a form error), and ``aanvraag_aanmaken`` / ``planning_wijzigen`` refuse anyone else.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    document_toevoegen,
    planning_wijzigen,
)
from adviesraad.advies.services.toegang import toegang_alle_open_bijwerken
from adviesraad.models.advies import Adviesaanvraag, Soort
from hengelo_participatie.files.policy import bestand_policy
from tests.factories import UserFactory

from .helpers import gevraagd, pdf_upload

pytestmark = pytest.mark.django_db

BASIS = "/admin/adviesraad/adviesaanvraag/"


def _planning(aanvraag: Adviesaanvraag, **wijzig: Any) -> dict[str, Any]:
    """The admin's change form as the browser posts it, with ``wijzig`` on top."""
    data = {
        "titel": aanvraag.titel,
        "samenvatting": aanvraag.samenvatting,
        "themas": aanvraag.themas,
        "zaaknummer": aanvraag.zaaknummer,
        "wethouder": aanvraag.wethouder,
        "beleidsmedewerker": aanvraag.beleidsmedewerker_id or "",
        "meedenken_op": "",
        "toelichting_op": "",
        "adviesgesprek_op": "",
        "collegebesluit_gepland": "",
        "raad_gepland": "",
        "statuswijzigingen-TOTAL_FORMS": "0",
        "statuswijzigingen-INITIAL_FORMS": "0",
    }
    data.update(wijzig)
    return data


def _zonder_rol(raad: dict[str, Any], wie: str) -> Any:
    """Someone who must never be the policy officer."""
    if wie == "accounthouder":
        return raad["accounthouder"]
    if wie == "ondersteuner":
        return raad["ondersteuner"]
    if wie == "lid":
        return raad["leden"][0].user
    if wie == "inactief":
        return UserFactory(roles=["beleidsmedewerker"], is_active=False)
    if wie == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return UserFactory(roles=[wie] if wie != "zonder_rol" else [])


ZONDER_ROL = [
    "accounthouder",
    "gespreksleider",
    "ondersteuner",
    "lid",
    "zonder_rol",
    "inactief",
    "superuser",
]


# --- The service, called directly ----------------------------------------------------------------
@pytest.mark.parametrize("wie", ZONDER_ROL)
def test_planning_wijzigen_weigert_een_beleidsmedewerker_zonder_de_rol(
    raad: dict[str, Any], pdf_bytes: bytes, wie: str
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    kandidaat = _zonder_rol(raad, wie)
    with pytest.raises(ValidationError) as fout:
        planning_wijzigen(
            aanvraag=aanvraag, door=raad["accounthouder"], beleidsmedewerker=kandidaat
        )
    assert "beleidsmedewerker" in fout.value.message_dict
    assert "heeft niet de rol beleidsmedewerker" in fout.value.message_dict["beleidsmedewerker"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.beleidsmedewerker == raad["beleidsmedewerker"]
    bestand = aanvraag.documenten.get().bestand
    if kandidaat.is_active and not kandidaat.is_superuser and wie not in {"ondersteuner", "lid"}:
        assert not bestand_policy.user_has_perm_for_object(kandidaat, "view", bestand)


def test_aanvraag_aanmaken_weigert_een_beleidsmedewerker_zonder_de_rol(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    gespreksleider = UserFactory(roles=["gespreksleider"])
    with pytest.raises(ValidationError) as fout:
        aanvraag_aanmaken(
            soort=Soort.GEVRAAGD,
            titel="Via een gespreksleider",
            door=raad["accounthouder"],
            beleidsmedewerker=gespreksleider,
        )
    assert "beleidsmedewerker" in fout.value.message_dict
    assert not Adviesaanvraag.objects.filter(titel="Via een gespreksleider").exists()

    # Someone with the role is fine, and gets the files.
    aanvraag = gevraagd(raad, pdf_bytes)
    collega = UserFactory(roles=["beleidsmedewerker"])
    planning_wijzigen(aanvraag=aanvraag, door=raad["accounthouder"], beleidsmedewerker=collega)
    aanvraag.refresh_from_db()
    assert aanvraag.beleidsmedewerker == collega
    assert bestand_policy.user_has_perm_for_object(
        collega, "view", aanvraag.documenten.get().bestand
    )


# --- The admin, through the real views ------------------------------------------------------------
def test_admin_biedt_alleen_beleidsmedewerkers_aan(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    gespreksleider = UserFactory(roles=["gespreksleider"], email="gl@extern.nl")
    response = client_van(raad["accounthouder"]).get(f"{BASIS}{aanvraag.pk}/change/")
    assert response.status_code == 200
    veld = response.context["adminform"].form.fields["beleidsmedewerker"]
    keuzes = set(veld.queryset)
    assert raad["beleidsmedewerker"] in keuzes
    assert raad["accounthouder"] not in keuzes
    assert gespreksleider not in keuzes
    assert raad["leden"][0].user not in keuzes

    # Choosing someone with the role works, with the history of who changed it.
    collega = UserFactory(roles=["beleidsmedewerker"])
    response = client_van(raad["accounthouder"]).post(
        f"{BASIS}{aanvraag.pk}/change/", _planning(aanvraag, beleidsmedewerker=collega.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    aanvraag.refresh_from_db()
    assert aanvraag.beleidsmedewerker == collega
    laatste = aanvraag.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (
        raad["accounthouder"],
        "planning gewijzigd",
    )


@pytest.mark.parametrize("wie", ["accounthouder", "gespreksleider"])
def test_exploit_accounthouder_maakt_zichzelf_of_gespreksleider_beleidsmedewerker(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any, wie: str
) -> None:
    """The exploit of the issue, end to end: set the field by hand in the admin, then download a
    confidential document of the request. Both must fail; nothing is written."""
    aanvraag = gevraagd(raad, pdf_bytes)
    document_url = f"/bestanden/{aanvraag.documenten.get().bestand_id}/download/"
    doel = raad["accounthouder"] if wie == "accounthouder" else UserFactory(roles=[wie])
    accounthouder = client_van(raad["accounthouder"])
    historie = aanvraag.history.count()

    response = accounthouder.post(
        f"{BASIS}{aanvraag.pk}/change/", _planning(aanvraag, beleidsmedewerker=doel.pk)
    )

    assert response.status_code == 200  # the form again, not a 403 and not a redirect
    fouten = response.context["adminform"].form.errors
    assert "alleen mensen met de juiste rol" in fouten["beleidsmedewerker"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.beleidsmedewerker == raad["beleidsmedewerker"]
    assert aanvraag.history.count() == historie
    assert client_van(doel).get(document_url).status_code == 404


def test_admin_nieuwe_aanvraag_met_gespreksleider_wordt_niet_opgeslagen(
    raad: dict[str, Any], client_van: Any
) -> None:
    gespreksleider = UserFactory(roles=["gespreksleider"])
    response = client_van(raad["accounthouder"]).post(
        f"{BASIS}add/",
        {
            "soort": Soort.GEVRAAGD,
            "kernwetten": [raad["kernwet"].pk],
            "titel": "Aanvraag met verkeerde medewerker",
            "samenvatting": "",
            "themas": "",
            "zaaknummer": "",
            "wethouder": "",
            "beleidsmedewerker": gespreksleider.pk,
            "meedenken_op": "",
            "toelichting_op": "",
            "adviesgesprek_op": "",
            "collegebesluit_gepland": "",
            "raad_gepland": "",
            "statuswijzigingen-TOTAL_FORMS": "0",
            "statuswijzigingen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "beleidsmedewerker" in response.context["adminform"].form.errors
    assert not Adviesaanvraag.objects.filter(titel="Aanvraag met verkeerde medewerker").exists()


# --- Losing the role ------------------------------------------------------------------------------
def test_wie_de_rol_verliest_is_niet_meer_te_kiezen_en_verliest_de_stukken(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    beleid = raad["beleidsmedewerker"]
    # Started and filled by the supporter: the uploader keeps a grant on their own file by design.
    aanvraag = aanvraag_aanmaken(
        soort=Soort.GEVRAAGD, titel="Jeugdhulp", door=raad["ondersteuner"], beleidsmedewerker=beleid
    )
    document_toevoegen(
        aanvraag=aanvraag,
        upload=pdf_upload(pdf_bytes),
        titel="Geheim concept",
        vertrouwelijk=True,
        door=raad["ondersteuner"],
    )
    document_url = f"/bestanden/{aanvraag.documenten.get().bestand_id}/download/"
    assert client_van(beleid).get(document_url).status_code == 200

    beleid.groups.remove(Group.objects.get(name="beleidsmedewerker"))
    beleid.groups.add(Group.objects.get(name="gespreksleider"))

    response = client_van(raad["accounthouder"]).get(f"{BASIS}{aanvraag.pk}/change/")
    assert beleid not in set(
        response.context["adminform"].form.fields["beleidsmedewerker"].queryset
    )
    with pytest.raises(ValidationError):
        planning_wijzigen(aanvraag=aanvraag, door=raad["accounthouder"], beleidsmedewerker=beleid)
    # The nightly re-sync (and every change of the request) takes the grant away.
    toegang_alle_open_bijwerken()
    assert client_van(beleid).get(document_url).status_code == 404
