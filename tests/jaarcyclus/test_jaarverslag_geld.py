"""The annual report's money section (issue 13 §3, now that the money issue has landed): spending
per budget category against the adopted budget, from the budget page's own selector, the same in
the page and in the PDF, without names."""

from __future__ import annotations

import io
import re
from decimal import Decimal as D
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from adviesraad.financien.models import Categorie, DeclaratieStatus
from hengelo_participatie.core.schrijven import vandaag
from jaarcyclus.jaarverslag import jaarcijfers
from jaarcyclus.models import Jaarverslag
from tests.adviesraad.financien.test_begroting import _client, _uitgave, _vastgesteld
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    return None


@pytest.fixture
def mensen() -> dict[str, Any]:
    return {
        rol: UserFactory(roles=[rol])
        for rol in ("ondersteuner", "voorzitter", "accounthouder", "beleidsmedewerker", "lid")
    }


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_uitgaven_per_categorie_in_pagina_en_pdf(mensen, django_capture_on_commit_callbacks):
    jaar = vandaag().year
    _vastgesteld(mensen, jaar, {c.value: D("1000.00") for c in Categorie})
    _uitgave(mensen, "200.00", DeclaratieStatus.BETAALD)  # scholing
    _uitgave(mensen, "150.00", DeclaratieStatus.GOEDGEKEURD, "communicatie")
    _uitgave(mensen, "99.00", DeclaratieStatus.INGEDIEND, "lidmaatschappen")  # not yet spent

    c = jaarcijfers(jaar=jaar, peildatum=vandaag())
    [(onderdeel, cijfers)] = [(o, k) for o, k in c.extra if o.sleutel == "begroting"]
    rijen = {r[0]: r[1:] for r in cijfers["rijen"]}
    scholing = str(Categorie("scholing").label)
    communicatie = str(Categorie("communicatie").label)
    lidmaatschappen = str(Categorie("lidmaatschappen").label)
    assert rijen[scholing] == ("€ 1.000,00", "€ 200,00", "€ 800,00")
    assert rijen[communicatie] == ("€ 1.000,00", "€ 150,00", "€ 850,00")
    assert rijen[lidmaatschappen] == ("€ 1.000,00", "€ 0,00", "€ 1.000,00")
    assert rijen["Totaal"] == ("€ 5.000,00", "€ 350,00", "€ 4.650,00")

    ondersteuner = _client(mensen["ondersteuner"])
    pagina = _tekst(
        ondersteuner.get(reverse("jaarcyclus:jaarverslag") + f"?jaar={jaar}").content.decode()
    )
    assert f"{scholing} € 1.000,00 € 200,00 € 800,00" in pagina
    assert "Totaal € 5.000,00 € 350,00 € 4.650,00" in pagina
    # Figures only: the member who declared is not named.
    geld = pagina.split("Budget: uitgaven")[1]
    assert str(mensen["lid"]) not in geld and mensen["lid"].email not in geld

    with django_capture_on_commit_callbacks(execute=True):
        ondersteuner.post(reverse("jaarcyclus:pdf_aanvragen"), {"jaar": str(jaar)})
    verslag = Jaarverslag.objects.get()
    download = ondersteuner.get(
        reverse("jaarcyclus:pdf_downloaden", kwargs={"verslag_id": verslag.pk})
    )
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Budget: uitgaven per categorie tegenover de begroting" in tekst
    assert "€ 1.000,00 € 200,00 € 800,00" in tekst
    assert "Totaal € 5.000,00 € 350,00 € 4.650,00" in tekst


def test_zonder_vastgestelde_begroting_zegt_het_verslag_dat(mensen):
    jaar = vandaag().year
    [(_, cijfers)] = [
        (o, k)
        for o, k in jaarcijfers(jaar=jaar, peildatum=vandaag()).extra
        if o.sleutel == "begroting"
    ]
    assert cijfers["leeg"] and cijfers["rijen"] == []
    pagina = _tekst(
        _client(mensen["ondersteuner"])
        .get(reverse("jaarcyclus:jaarverslag") + f"?jaar={jaar}")
        .content.decode()
    )
    assert "voor dit jaar is er geen vastgestelde begroting" in pagina
