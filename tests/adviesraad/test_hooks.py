"""The sub-apps register their follow-ups of role changes with the membership core."""

from __future__ import annotations

from adviesraad import hooks
from adviesraad.advies.services.toegang import toegang_alle_open_bijwerken
from adviesraad.models.werving import FASE_WORKFLOW, KandidaatFase
from adviesraad.vergaderingen.services.stukken import (
    toegang_alle_bijwerken,
    toegang_van_gebruiker_bijwerken,
)
from hengelo_participatie.accounts.roles import rollen_met


def test_subapps_registreren_hun_vervolgstappen() -> None:
    assert list(hooks.raad_gewijzigd) == [toegang_alle_open_bijwerken]
    assert list(hooks.rollen_gewijzigd) == [toegang_van_gebruiker_bijwerken]
    assert list(hooks.dagelijks) == [toegang_alle_open_bijwerken, toegang_alle_bijwerken]


def test_tweemaal_registreren_voegt_niets_toe() -> None:
    lijst = hooks.HookLijst("proef")
    aanroepen: list[int] = []
    lijst.registreer(lambda: aanroepen.append(1))
    hook = next(iter(lijst))
    lijst.registreer(hook)
    lijst.uitvoeren()
    assert aanroepen == [1]


def test_wervingsfasen_zijn_verbonden_en_hun_capability_heeft_een_rol() -> None:
    assert FASE_WORKFLOW.bereikbaar() == set(KandidaatFase.values)
    for capability in FASE_WORKFLOW.capabilities():
        assert rollen_met(capability), capability
