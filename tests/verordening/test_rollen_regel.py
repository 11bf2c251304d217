"""Rule type ``rollen`` (a list of roles): validation, admin forms, and the audience defaults."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.notifications.registry import BETROKKENE
from verordening import waarden
from verordening.models import Regel
from verordening.rules import rule
from verordening.waarden import RegelType

pytestmark = pytest.mark.django_db

MIGRATIE = importlib.import_module("verordening.migrations.0007_herinneringen_planning")

#: The audiences that were constants (DOELGROEPEN) before migration 0007: behaviour kept.
OUDE_DOELGROEPEN = {
    "doelgroep_termijn_einde_6_maanden": ("betrokkene", "ondersteuner", "accounthouder"),
    "doelgroep_termijn_einde_3_maanden": ("betrokkene", "ondersteuner", "accounthouder"),
    "doelgroep_herbenoemingsevaluatie": ("betrokkene", "voorzitter", "accounthouder"),
    "doelgroep_advies_uiterlijk": ("ondersteuner", "voorzitter"),
    "doelgroep_reactie_college": ("ondersteuner", "accounthouder"),
    "doelgroep_terugkoppeling_verwacht": ("betrokkene", "accounthouder"),
    "doelgroep_terugkoppeling_te_laat": ("betrokkene", "accounthouder"),
}


def test_normaliseer_accepteert_rollen_en_betrokkene_en_ontdubbelt():
    assert waarden.normaliseer(RegelType.ROLLEN, ["betrokkene", "lid", "lid", "voorzitter"]) == [
        "betrokkene",
        "lid",
        "voorzitter",
    ]
    assert waarden.naar_python(RegelType.ROLLEN, ["lid"]) == ("lid",)


@pytest.mark.parametrize(
    "waarde",
    [
        [],
        ["burgemeester"],
        ["Lid"],
        "lid",
        [1],
        None,
        [["lid"]],
        ["lid"] * 10 + [str(i) for i in range(11)],
    ],
)
def test_normaliseer_weigert_wat_geen_lijst_van_rollen_is(waarde):
    with pytest.raises(ValidationError):
        waarden.normaliseer(RegelType.ROLLEN, waarde)


def test_onbekende_rol_wordt_genoemd_met_de_keuzes():
    with pytest.raises(ValidationError) as exc:
        waarden.lees_invoer(RegelType.ROLLEN, "voorzitter, wethouder")
    tekst = " ".join(exc.value.messages)
    assert "„wethouder” is geen rol" in tekst
    assert all(str(r) in tekst for r in Rol) and BETROKKENE in tekst


def test_invoer_weergave_en_terug():
    opgeslagen = waarden.lees_invoer(RegelType.ROLLEN, " Voorzitter; ondersteuner  betrokkene,")
    assert opgeslagen == ["voorzitter", "ondersteuner", "betrokkene"]
    assert (
        waarden.als_invoer(RegelType.ROLLEN, opgeslagen) == "voorzitter, ondersteuner, betrokkene"
    )
    assert waarden.weergave(RegelType.ROLLEN, opgeslagen) == (
        "voorzitter, ondersteuner, de betrokkene zelf"
    )


def test_model_clean_weigert_een_onbekende_rol():
    regel = Regel(
        sleutel="doelgroep_x",
        naam="x",
        type=RegelType.ROLLEN,
        waarde=["koning"],
        geldig_vanaf=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as exc:
        regel.full_clean()
    assert "waarde" in exc.value.message_dict


def test_regel_met_rollen_toevoegen_via_het_beheer(beheer_client):
    vanaf = timezone.localdate() + timedelta(days=3)
    gegevens = {
        "sleutel": "doelgroep_proef",
        "naam": "Proef",
        "type": "rollen",
        "waarde": "voorzitter, kassier",
        "geldig_vanaf": vanaf.isoformat(),
    }
    response = beheer_client.post(reverse("admin:verordening_regel_add"), gegevens)
    assert response.status_code == 200
    assert "„kassier” is geen rol" in response.content.decode()
    assert not Regel.objects.filter(sleutel="doelgroep_proef").exists()

    gegevens["waarde"] = "Voorzitter, betrokkene"
    response = beheer_client.post(reverse("admin:verordening_regel_add"), gegevens)
    assert response.status_code == 302
    assert rule("doelgroep_proef", on=vanaf).waarde == ("voorzitter", "betrokkene")


def test_nieuwe_versie_van_een_doelgroep_via_het_beheer(beheer_client):
    regel = Regel.objects.get(sleutel="doelgroep_advies_uiterlijk")
    url = reverse("admin:verordening_regel_nieuwe_versie", args=[regel.pk])
    pagina = beheer_client.get(url)
    assert pagina.status_code == 200
    assert 'value="ondersteuner, voorzitter"' in pagina.content.decode()
    vanaf = timezone.localdate() + timedelta(days=10)
    response = beheer_client.post(url, {"waarde": "lid", "geldig_vanaf": vanaf.isoformat()})
    assert response.status_code == 302
    assert rule("doelgroep_advies_uiterlijk", on=vanaf).waarde == ("lid",)
    eerder = rule("doelgroep_advies_uiterlijk", on=vanaf - timedelta(days=1))
    assert eerder.waarde == ("ondersteuner", "voorzitter")
    # A value that is not a list of roles comes back with what to fix, and writes nothing.
    aantal = Regel.objects.count()
    response = beheer_client.post(
        url, {"waarde": "iedereen", "geldig_vanaf": (vanaf + timedelta(days=5)).isoformat()}
    )
    assert response.status_code == 200
    assert "„iedereen” is geen rol" in response.content.decode()
    assert Regel.objects.count() == aantal


def test_de_oude_doelgroepen_staan_ongewijzigd_in_de_regels():
    op = timezone.localdate()
    for sleutel, verwacht in OUDE_DOELGROEPEN.items():
        assert rule(sleutel, on=op).waarde == verwacht, sleutel


def test_migratie_regels_zijn_geldig_met_bron_en_geschiedenis():
    for sleutel, _naam, soort, waarde, _artikel, _lid, toelichting in MIGRATIE.REGELS:
        regel = Regel.objects.get(sleutel=sleutel)
        assert regel.type == soort
        assert waarden.normaliseer(soort, waarde) == regel.waarde
        assert regel.bron_toelichting == toelichting
        assert regel.history.filter(history_type="+").exists(), sleutel
        if sleutel.startswith("doelgroep_"):
            assert soort == RegelType.ROLLEN
            assert "Standaardwaarde van de gemeente" in regel.bron_toelichting
        if sleutel.startswith("cyclus_"):
            assert (
                regel.bron_id
                or "Advies" in regel.bron_toelichting
                or ("Standaardwaarde" in regel.bron_toelichting)
            )
    # The cycles that the verordening states cite its article.
    assert Regel.objects.get(sleutel="cyclus_jaarlijkse_evaluatie").citaat().startswith("art. 12")
    assert Regel.objects.get(sleutel="cyclus_samenwerkingsafspraken").citaat().startswith("art. 11")
    assert "half jaar" in Regel.objects.get(sleutel="cyclus_voorzittersoverleg").bron_toelichting


def test_migratie_is_idempotent():
    aantal = Regel.objects.count()
    MIGRATIE.laad(apps, None)
    assert Regel.objects.count() == aantal
