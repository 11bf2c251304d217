"""The rules of §4.1 that the services enforce, whatever the caller (portal, admin, demo)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from participatiemix import rules
from participatiemix.models import Activiteit, Terugkoppeling
from participatiemix.services import activiteiten as activiteiten_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.factories import UserFactory
from tests.participatiemix.factories import maak_activiteit, spelregels_invullen, uitgevoerd
from verordening.waarden import Duur

pytestmark = pytest.mark.django_db


def _volledig(activiteit: Activiteit) -> Activiteit:
    activiteit.beslisruimte = "Over de uitvoering, niet over het budget."
    activiteit.verwachtingen = "Binnen zes weken horen deelnemers wat er is gedaan."
    activiteiten_services.activiteit_opslaan(
        activiteit=activiteit, door=None, vorige_gespreksleider_id=activiteit.gespreksleider_id
    )
    spelregels_invullen(activiteit)
    return activiteit


def _status(activiteit: Activiteit) -> str:
    return Activiteit.objects.get(pk=activiteit.pk).status


# --- A group conversation cannot be closed without a moderator ----------------------------------
def test_groepsgesprek_zonder_gespreksleider_kan_niet_worden_afgesloten():
    activiteit = uitgevoerd(_volledig(maak_activiteit(nummer=2)))

    with pytest.raises(ValidationError) as exc:
        activiteiten_services.activiteit_afsluiten(activiteit=activiteit, door=None)

    assert "gespreksleider verplicht" in " ".join(exc.value.messages)
    assert _status(activiteit) == "uitgevoerd"


def test_groepsgesprek_met_gespreksleider_kan_worden_afgesloten():
    activiteit = uitgevoerd(_volledig(maak_activiteit(nummer=2)))
    activiteit.gespreksleider = UserFactory(roles=["gespreksleider"])
    activiteiten_services.activiteit_opslaan(
        activiteit=activiteit, door=None, vorige_gespreksleider_id=None
    )

    activiteiten_services.activiteit_afsluiten(activiteit=activiteit, door=None)

    gesloten = Activiteit.objects.get(pk=activiteit.pk)
    assert gesloten.status == "afgesloten"
    assert gesloten.afgesloten_op is not None
    assert gesloten.history.first().history_change_reason == "status: uitgevoerd → afgesloten"


@pytest.mark.parametrize("nummer", [1, 3, 4, 5])
def test_andere_instrumenten_hebben_geen_gespreksleider_nodig(nummer):
    activiteit = uitgevoerd(_volledig(maak_activiteit(nummer=nummer)))
    activiteiten_services.activiteit_afsluiten(activiteit=activiteit, door=None)
    assert _status(activiteit) == "afgesloten"


# --- The checklist is mandatory for instruments 2–4 ---------------------------------------------
@pytest.mark.parametrize("nummer", [2, 3, 4])
def test_spelregels_zijn_verplicht_voor_instrument_2_3_en_4(nummer):
    gespreksleider = UserFactory(roles=["gespreksleider"])
    activiteit = uitgevoerd(maak_activiteit(nummer=nummer, gespreksleider=gespreksleider))
    activiteiten_services.spelregel_beantwoorden(
        activiteit=activiteit, nummer=1, antwoord="ja", toelichting="Avond en dag.", door=None
    )

    with pytest.raises(ValidationError) as exc:
        activiteiten_services.activiteit_afsluiten(activiteit=activiteit, door=None)

    tekst = " ".join(exc.value.messages)
    assert "Nog open: spelregel 2, 3, 4, 5, 6, 7, 8, 9, 10." in tekst
    assert "spelregels 3 en 4" in tekst  # promised room and expectations are missing too
    assert _status(activiteit) == "uitgevoerd"


@pytest.mark.parametrize("nummer", [1, 5])
def test_spelregels_niet_verplicht_voor_instrument_1_en_5(nummer):
    activiteit = uitgevoerd(maak_activiteit(nummer=nummer))
    activiteiten_services.activiteit_afsluiten(activiteit=activiteit, door=None)
    assert _status(activiteit) == "afgesloten"


def test_elke_spelregel_heeft_een_toelichting_nodig():
    gespreksleider = UserFactory(roles=["gespreksleider"])
    activiteit = _volledig(maak_activiteit(nummer=3, gespreksleider=gespreksleider))
    activiteiten_services.spelregel_beantwoorden(
        activiteit=activiteit, nummer=7, antwoord="deels", toelichting="  ", door=None
    )
    uitgevoerd(activiteit)

    with pytest.raises(ValidationError, match="ontbreekt bij spelregel 7"):
        activiteiten_services.activiteit_afsluiten(activiteit=activiteit, door=None)


def test_spelregelantwoord_moet_ja_deels_of_nee_zijn():
    activiteit = maak_activiteit(nummer=2)
    with pytest.raises(ValidationError):
        activiteiten_services.spelregel_beantwoorden(
            activiteit=activiteit, nummer=1, antwoord="misschien", toelichting="x", door=None
        )


def test_elke_activiteit_krijgt_tien_lege_spelregelregels():
    activiteit = maak_activiteit(nummer=4)
    assert sorted(activiteit.spelregeltoetsen.values_list("spelregel__nummer", flat=True)) == list(
        range(1, 11)
    )
    assert not activiteit.spelregeltoetsen.exclude(antwoord="").exists()


def test_de_statusovergangen_volgen_de_tabel():
    activiteit = maak_activiteit(nummer=1)
    with pytest.raises(ValidationError, match="kan niet naar"):
        activiteiten_services.activiteit_status_wijzigen(
            activiteit=activiteit, naar="afgesloten", door=None
        )
    toekomst = maak_activiteit(nummer=1, startdatum=timezone.localdate() + timedelta(days=10))
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        activiteiten_services.activiteit_status_wijzigen(
            activiteit=toekomst, naar="uitgevoerd", door=None
        )


def test_alleen_de_accounthouder_wijzigt_de_status():
    gespreksleider = UserFactory(roles=["gespreksleider"])
    activiteit = maak_activiteit(nummer=1, gespreksleider=gespreksleider)
    for user in (gespreksleider, UserFactory(roles=["lid"])):
        with pytest.raises(PermissionDenied):
            activiteiten_services.activiteit_status_wijzigen(
                activiteit=activiteit, naar="uitgevoerd", door=user
            )
    activiteiten_services.activiteit_status_wijzigen(
        activiteit=activiteit, naar="uitgevoerd", door=UserFactory(roles=["accounthouder"])
    )
    assert _status(activiteit) == "uitgevoerd"


# --- The feedback due date follows the rule ------------------------------------------------------
@pytest.fixture
def regel_per_datum(monkeypatch):
    """A verordening whose feedback period changes on 1 July 2026: 4 weeks, then 8 weeks."""
    gevraagd = []

    def rule(sleutel, *, on):
        gevraagd.append((sleutel, on))
        weken = 4 if on < date(2026, 7, 1) else 8
        return SimpleNamespace(waarde=Duur(weken, "weken"))

    monkeypatch.setattr("participatiemix.rules.rule", rule)
    return gevraagd


def test_uiterste_datum_volgt_de_regel_op_de_datum_van_de_activiteit(regel_per_datum):
    voor = maak_activiteit(nummer=1, startdatum=date(2026, 3, 2))
    na = maak_activiteit(nummer=1, startdatum=date(2026, 9, 1), einddatum=date(2026, 9, 3))

    assert voor.terugkoppeling.uiterste_datum == date(2026, 3, 30)  # + 4 weeks
    assert na.terugkoppeling.uiterste_datum == date(2026, 10, 29)  # end date + 8 weeks
    assert ("terugkoppeling_termijn", date(2026, 9, 3)) in regel_per_datum


def test_uiterste_datum_schuift_mee_tot_er_is_teruggekoppeld(regel_per_datum):
    activiteit = maak_activiteit(nummer=1, startdatum=date(2026, 3, 2))
    activiteit.startdatum = date(2026, 3, 9)
    activiteiten_services.activiteit_opslaan(activiteit=activiteit, door=None)
    assert Terugkoppeling.objects.get(activiteit=activiteit).uiterste_datum == date(2026, 4, 6)

    uitgevoerd(activiteit)
    terugkoppelingen_services.terugkoppeling_vastleggen(
        terugkoppeling=Terugkoppeling.objects.get(activiteit=activiteit),
        door=None,
        gegeven_op=date(2026, 4, 1),
        wat_gedaan="Folder aangepast.",
        hoe_geinformeerd="Per brief.",
    )
    activiteit.startdatum = date(2026, 3, 16)
    activiteiten_services.activiteit_opslaan(activiteit=activiteit, door=None)
    assert Terugkoppeling.objects.get(activiteit=activiteit).uiterste_datum == date(2026, 4, 6)


def test_zonder_aanpassing_geldt_de_standaardtermijn_van_zes_weken():
    assert rules.terugkoppeling_uiterste_datum(date(2026, 3, 2)) == date(2026, 4, 13)


def test_een_ontbrekende_regel_geeft_een_nette_fout(monkeypatch):
    from verordening.rules import RegelOntbreekt

    def ontbreekt(sleutel, *, on):
        raise RegelOntbreekt(sleutel, on)

    monkeypatch.setattr("participatiemix.rules.rule", ontbreekt)
    with pytest.raises(ValidationError, match="terugkoppeling_termijn"):
        maak_activiteit(nummer=1)
    assert not Activiteit.objects.exists()


def test_terugkoppeling_regels():
    activiteit = uitgevoerd(maak_activiteit(nummer=1, startdatum=date(2026, 3, 2)))
    t = activiteit.terugkoppeling
    with pytest.raises(ValidationError) as exc:
        terugkoppelingen_services.terugkoppeling_vastleggen(
            terugkoppeling=t,
            door=None,
            gegeven_op=date(2026, 2, 1),
            wat_gedaan="",
            hoe_geinformeerd="",
            openbaar=True,
        )
    assert set(exc.value.message_dict) == {"gegeven_op", "wat_gedaan", "hoe_geinformeerd", "je_zei"}
    t.refresh_from_db()
    assert t.gegeven_op is None and not t.openbaar
