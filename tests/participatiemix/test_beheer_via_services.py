"""Findings, their uses, the yearly plan and the reference lists: the admin saves them through
the services, which write an audit line."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from participatiemix.models import Benutting, GeplandeInzet, Jaarplan, Thema
from participatiemix.services import activiteiten as activiteiten_services
from participatiemix.services import inbreng as inbreng_services
from tests.factories import UserFactory
from tests.participatiemix.factories import instrument, maak_activiteit, thema

pytestmark = pytest.mark.django_db

BEHEER = "/admin/participatiemix"


def _beheer(prefix: str, rijen: list[dict[str, Any]], initieel: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rijen)),
        f"{prefix}-INITIAL_FORMS": str(initieel),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, rij in enumerate(rijen):
        data.update({f"{prefix}-{i}-{k}": v for k, v in rij.items()})
    return data


def _acties(caplog: Any) -> list[str]:
    return [
        r.getMessage().split(" action=")[1].split(" ")[0]
        for r in caplog.records
        if r.name == "hengelo_participatie.audit"
    ]


def test_opbrengst_en_benutting_wijzigen_en_verwijderen_via_beheer(client_als, caplog):
    client, _ = client_als("accounthouder")
    opbrengst = inbreng_services.opbrengst_toevoegen(
        activiteit=maak_activiteit(), door=None, soort="knelpunt", thema=thema(), omschrijving="a"
    )
    houden = inbreng_services.benutting_vastleggen(
        opbrengst=opbrengst, door=None, soort="beleid", omschrijving="b", datum=date(2026, 5, 1)
    )
    weg = inbreng_services.benutting_vastleggen(
        opbrengst=opbrengst, door=None, soort="beleid", omschrijving="c", datum=date(2026, 5, 2)
    )
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    data = {
        "activiteit": opbrengst.activiteit_id,
        "soort": "knelpunt",
        "thema": opbrengst.thema_id,
        "domein": "",
        "omschrijving": "gewijzigd",
        "citaat": "",
        "frequentie": "2",
        **_beheer(
            "benuttingen",
            [
                {
                    "id": houden.pk,
                    "opbrengst": opbrengst.pk,
                    "soort": "beleid",
                    "omschrijving": "b2",
                    "adviesaanvraag": "",
                    "beleidsdocument": "",
                    "datum": "2026-05-01",
                },
                {
                    "id": weg.pk,
                    "opbrengst": opbrengst.pk,
                    "soort": "beleid",
                    "omschrijving": "c",
                    "adviesaanvraag": "",
                    "beleidsdocument": "",
                    "datum": "2026-05-02",
                    "DELETE": "on",
                },
            ],
            2,
        ),
    }
    response = client.post(f"{BEHEER}/opbrengst/{opbrengst.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    opbrengst.refresh_from_db()
    houden.refresh_from_db()
    assert (opbrengst.omschrijving, opbrengst.frequentie) == ("gewijzigd", 2)
    assert houden.omschrijving == "b2"
    assert not Benutting.objects.filter(pk=weg.pk).exists()
    acties = _acties(caplog)
    assert {"opbrengst_wijzigen", "benutting_wijzigen", "benutting_verwijderen"} <= set(acties)


def test_jaarplan_en_referentie_via_beheer(client_als, caplog):
    client, _ = client_als("accounthouder")
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    data = {
        "jaar": "2027",
        "toelichting": "",
        "vastgesteld_op": "",
        **_beheer("inzet", [{"instrument": instrument(1).pk, "kwartaal": "2", "aantal": "3"}], 0),
    }
    response = client.post(f"{BEHEER}/jaarplan/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = Jaarplan.objects.get(jaar=2027)
    assert list(GeplandeInzet.objects.filter(jaarplan=plan).values_list("aantal", flat=True)) == [3]
    response = client.post(f"{BEHEER}/thema/add/", {"naam": "Nieuw thema", "actief": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Thema.objects.filter(naam="Nieuw thema").exists()
    acties = _acties(caplog)
    assert {"jaarplan_opslaan", "geplande_inzet_opslaan", "referentie_opslaan"} <= set(acties)


def test_een_weigering_staat_in_het_auditspoor(caplog):
    gl = UserFactory(roles=["gespreksleider"])
    activiteit = maak_activiteit(nummer=2, gespreksleider=gl)
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    with pytest.raises(PermissionDenied):
        activiteiten_services.activiteit_status_wijzigen(
            activiteit=activiteit, naar="uitgevoerd", door=gl
        )
    assert any(
        f"actor={gl.pk} action=activiteit_overgang:uitgevoerd "
        f"object=activiteit:{activiteit.pk} result=geweigerd" in r.getMessage()
        for r in caplog.records
    )
