"""Helpers for the yearly-cycle tests: people per role and a ready evaluation."""

from __future__ import annotations

from typing import Any

from jaarcyclus.models import Evaluatie, VraagSoort
from jaarcyclus.services.evaluaties import evaluatie_aanmaken, vragen_toevoegen
from tests.factories import UserFactory


def mensen() -> dict[str, Any]:
    return {
        "voorzitter": UserFactory(roles=["voorzitter"], voornaam="Vera", achternaam="Voorzitter"),
        "ondersteuner": UserFactory(roles=["ondersteuner"]),
        "accounthouder": UserFactory(roles=["accounthouder"]),
        "beleidsmedewerker": UserFactory(roles=["beleidsmedewerker"]),
        "leden": [
            UserFactory(roles=["lid"], voornaam=f"Lid{i}", achternaam=f"Achternaam{i}")
            for i in range(4)
        ],
    }


def evaluatie_met_vragen(
    m: dict[str, Any], *, soort: str = "zelfevaluatie", jaar: int = 2026
) -> Evaluatie:
    evaluatie = evaluatie_aanmaken(
        soort=soort,
        jaar=jaar,
        door=m["ondersteuner"] if soort != "voorzitter" else m["accounthouder"],
        deelnemers=m["leden"],
    )
    vragen_toevoegen(
        evaluatie=evaluatie,
        vragen=[
            (VraagSoort.STELLING, "We bereiden adviezen goed voor."),
            (VraagSoort.OPEN, "Wat kan beter?"),
        ],
        door=None,
    )
    return evaluatie
