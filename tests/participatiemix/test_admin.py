"""The account holder's admin, through the real admin forms: the same services and rules."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from guardian.shortcuts import get_objects_for_user

from participatiemix.models import Activiteit, Spelregeltoets, Terugkoppeling
from tests.factories import UserFactory
from tests.participatiemix.factories import domein, instrument, maak_activiteit, thema, uitgevoerd

pytestmark = pytest.mark.django_db

BEHEER = "/admin/participatiemix"
MODELLEN = [
    "instrument",
    "thema",
    "domein",
    "doelgroep",
    "organisatie",
    "spelregel",
    "activiteit",
    "opbrengst",
    "terugkoppeling",
    "enqueteresultaat",
    "jaarplan",
]


def _inline(prefix: str, toetsen: list[Spelregeltoets] | None = None, **wijzig: tuple[str, str]):
    toetsen = toetsen or []
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(toetsen)),
        f"{prefix}-INITIAL_FORMS": str(len(toetsen)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, toets in enumerate(toetsen):
        antwoord, toelichting = wijzig.get(str(toets.spelregel.nummer), ("", ""))
        data.update(
            {
                f"{prefix}-{i}-id": str(toets.pk),
                f"{prefix}-{i}-activiteit": str(toets.activiteit_id),
                f"{prefix}-{i}-antwoord": antwoord,
                f"{prefix}-{i}-toelichting": toelichting,
            }
        )
    return data


def test_accounthouder_legt_een_groepsgesprek_vast_en_de_gespreksleider_krijgt_toegang(client_als):
    client, _ = client_als("accounthouder")
    gl = UserFactory(roles=["gespreksleider"])
    data = {
        "instrument": instrument(2).pk,
        "titel": "Gesprek via beheer",
        "omschrijving": "",
        "startdatum": "02-03-2026",
        "einddatum": "",
        "themas": [thema().pk],
        "domeinen": [domein().pk],
        "gespreksleider": gl.pk,
        "gespreksleider_organisatie": "Bureau",
        "werving": "Via Wijkracht",
        "aantal_deelnemers": "8",
        "beslisruimte": "",
        "verwachtingen": "",
        **_inline("spelregeltoetsen"),
    }
    response = client.post(f"{BEHEER}/activiteit/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]

    activiteit = Activiteit.objects.get(titel="Gesprek via beheer")
    assert activiteit.spelregeltoetsen.count() == 10
    assert Terugkoppeling.objects.get(activiteit=activiteit).uiterste_datum == date(2026, 4, 13)
    assert list(get_objects_for_user(gl, "participatiemix.change_activiteit", Activiteit)) == [
        activiteit
    ]


def test_afsluiten_via_beheer_volgt_dezelfde_regels(client_als):
    client, _ = client_als("accounthouder")
    activiteit = uitgevoerd(maak_activiteit(nummer=2, titel="Zonder gespreksleider"))
    response = client.post(
        f"{BEHEER}/activiteit/",
        {"action": "naar_afgesloten", "_selected_action": [activiteit.pk]},
        follow=True,
    )
    meldingen = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("gespreksleider verplicht" in m and "Zonder gespreksleider" in m for m in meldingen)
    assert Activiteit.objects.get(pk=activiteit.pk).status == "uitgevoerd"


def test_spelregels_invullen_via_beheer_gaat_door_de_service(client_als):
    client, user = client_als("accounthouder")
    activiteit = maak_activiteit(nummer=3, titel="Professionals")
    toetsen = list(
        activiteit.spelregeltoetsen.select_related("spelregel").order_by("spelregel__nummer")
    )
    data = {
        "instrument": instrument(3).pk,
        "titel": "Professionals",
        "startdatum": "02-03-2026",
        "themas": [thema().pk],
        "beslisruimte": "Uitvoering",
        "verwachtingen": "Brief",
        **_inline("spelregeltoetsen", toetsen, **{"4": ("deels", "Budget lag vast.")}),
    }
    response = client.post(f"{BEHEER}/activiteit/{activiteit.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    toets = Spelregeltoets.objects.get(activiteit=activiteit, spelregel__nummer=4)
    assert (toets.antwoord, toets.toelichting) == ("deels", "Budget lag vast.")
    laatste = toets.history.first()
    assert (laatste.history_change_reason, laatste.history_user) == ("spelregel beantwoord", user)


def test_terugkoppeling_in_het_beheer(client_als):
    client, _ = client_als("accounthouder")
    activiteit = uitgevoerd(maak_activiteit(nummer=1, startdatum=date(2026, 3, 2)))
    t = Terugkoppeling.objects.get(activiteit=activiteit)
    url = f"{BEHEER}/terugkoppeling/{t.pk}/change/"

    fout = client.post(
        url,
        {
            "gegeven_op": "20-03-2026",
            "wat_gedaan": "Gedaan",
            "hoe_geinformeerd": "Brief",
            "je_zei": "",
            "openbaar": "on",
        },
    )
    assert fout.status_code == 200
    assert "Vat voor de openbare pagina samen" in fout.content.decode()
    t.refresh_from_db()
    assert t.gegeven_op is None

    goed = client.post(
        url,
        {
            "gegeven_op": "20-03-2026",
            "wat_gedaan": "Gedaan",
            "hoe_geinformeerd": "Brief",
            "je_zei": "U zei iets.",
            "openbaar": "on",
            "uiterste_datum": "01-01-2030",
        },
    )
    assert goed.status_code == 302
    t.refresh_from_db()
    assert (t.gegeven_op, t.openbaar, t.uiterste_datum) == (
        date(2026, 3, 20),
        True,
        date(2026, 4, 13),
    )
    assert client.get(f"{BEHEER}/terugkoppeling/?termijn=te_laat").status_code == 200


@pytest.mark.parametrize(
    ("rol", "lijst", "toevoegen"),
    [
        ("accounthouder", 200, 200),
        ("ondersteuner", 200, 403),
        ("lid", 302, 302),
        ("superuser", 200, 200),
    ],
)
def test_beheerpaginas_per_rol(client_als, rol, lijst, toevoegen):
    client, _ = client_als(rol)
    for model in MODELLEN:
        status = client.get(f"{BEHEER}/{model}/").status_code
        verwacht = lijst
        if rol == "ondersteuner" and model in {
            "instrument",
            "thema",
            "domein",
            "doelgroep",
            "organisatie",
            "spelregel",
        }:
            verwacht = 403  # reference data: account holder only
        assert status == verwacht, (model, status)
    for model in ("activiteit", "opbrengst", "enqueteresultaat", "jaarplan"):
        assert client.get(f"{BEHEER}/{model}/add/").status_code == toevoegen, model
    # Feedback rows come with each activity; the Spelregels are fixed text.
    for model in ("terugkoppeling", "spelregel"):
        assert client.get(f"{BEHEER}/{model}/add/").status_code in {302, 403}
