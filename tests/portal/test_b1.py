"""Members meet no jargon (issue 15 §3): no article citations, "Standaardwaarde, niet
letterlijk…", "Zaaknummer", demo case numbers, SHA-256 hashes or "JSON" in the text of the pages
they reach, except inside a "Meer details" / "Waarom?" disclosure (``<details>``), which keeps
that detail for staff and the curious.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.portal.test_navigatie import wandel
from tests.test_access_matrix import (  # noqa: F401 (the fixtures ``context`` and ``demo_momentopname``)
    _client_for,
    context,
    demo_momentopname,
)

LEDEN = ["lid", "vicevoorzitter", "voorzitter"]
JARGON = re.compile(
    r"Standaardwaarde, niet letterlijk|Zaaknummer|DEMO-\d|SHA-256|\bJSON\b|\b[0-9a-f]{64}\b"
    r"|volgens art\.|\(CVDR\d+\)"
)
DETAILS = re.compile(r"<details\b.*?</details>", re.DOTALL)
#: Not page text: attributes, scripts and the head.
GEEN_TEKST = re.compile(r"<head>.*?</head>|<script\b.*?</script>|<[^>]+>", re.DOTALL)


def zichtbare_tekst(html: str) -> str:
    return GEEN_TEKST.sub(" ", DETAILS.sub(" ", html))


def test_text_outside_details_is_checked() -> None:
    html = "<p>Zaaknummer DEMO-1</p><details><summary>Meer</summary>SHA-256: ab</details>"
    assert JARGON.findall(zichtbare_tekst(html)) == ["Zaaknummer", "DEMO-1"]


@pytest.mark.django_db
def test_members_meet_no_jargon_outside_a_disclosure(
    context: dict[str, Any],  # noqa: F811 (the access matrix's fixture)
) -> None:
    gevonden: list[str] = []

    def controleer(pad: str, html: str) -> None:
        treffers = sorted(set(JARGON.findall(zichtbare_tekst(html))))
        gevonden.extend(f"{rol}: {pad}: {treffer}" for treffer in treffers)

    for rol in LEDEN:
        wandel(_client_for(rol), bij_pagina=controleer)
    assert not gevonden, "\n".join(gevonden)
