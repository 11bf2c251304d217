"""The council's annual report: every figure asserted exactly against seeded data, in the
selector, the page and the PDF (made in Celery, tagged); charts with title and description next
to a table; a fixed number of queries at 1x and 10x data; the public adoption-rate summary."""

from __future__ import annotations

import base64
import html as htmlmod
import io
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.demo import seed_demo_users
from hengelo_participatie.pdf import render_html
from jaarcyclus import onderdelen
from jaarcyclus.documents import JaarverslagPdf
from jaarcyclus.jaarverslag import jaarcijfers
from jaarcyclus.models import Jaarverslag
from jaarcyclus.tasks import jaarverslag_maken
from scripts.bench.jaarverslag import measure_jaarverslag, regel
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.jaarcyclus import gegevens
from tests.jaarcyclus.gegevens import VERWACHT as V

pytestmark = pytest.mark.django_db

PEIL = date(2026, 12, 31)
URL = "/portaal/jaarcyclus/jaarverslag/?jaar=2026"

#: Sentences the page and the PDF both carry, with the seeded figures.
ZINNEN = [
    "In 2026 reageerde het college op 5 adviespunten: 3 overgenomen, 1 deels overgenomen en 1 niet overgenomen.",
    "Overnamepercentage (geheel of deels): 80%.",
    "In 2026 zijn 3 vergaderingen gehouden.",
    "Gemiddelde opkomst: 78%.",
]
#: Table rows as text (header cell then the cells), page and PDF alike.
RIJEN = [
    "gevraagd advies 3",
    "ongevraagd advies 1",
    "meedenken aan de voorkant 1",
    "Wmo 2015 2",
    "Advies van de adviesraad 1 1 1 50%",
    "Reactie van het college 1 1 0 50%",
    "2025 2 50% 50%",
    "2026 5 80% 78%",
    "vergadering van de adviesraad 2 5 7 71%",
    "adviesgesprek 1 2 2 100%",
    "Groepsgesprekken met cliënten en naasten 2 1",
    "Zelfevaluatie 2026 afgerond 1 0 1",
    "Evaluatie voorzitter 2026 open vertrouwelijk",
]


def _tekst(html: str) -> str:
    zonder = re.sub(r"<img[^>]*>|<svg.*?</svg>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", " ", zonder))).strip()


def _client(rol: str) -> tuple[Client, Any]:
    client = Client()
    user = UserFactory(roles=[rol])
    mfa_verify(client, user)
    return client, user


@pytest.fixture(autouse=True)
def _prive(private_media: Any) -> None:
    """Private files (the sent advice PDFs of the data, the report PDF) go to a tmp folder."""


@pytest.fixture
def jaar_2026() -> dict[str, Any]:
    return gegevens.jaar()


def test_cijfers_uit_de_selector(jaar_2026):
    c = jaarcijfers(jaar=2026, peildatum=PEIL)
    soorten = {t.label: t.aantal for t in c.per_soort}
    assert soorten == {
        "meedenken aan de voorkant": V["meedenken"],
        "gevraagd advies": V["gevraagd"],
        "ongevraagd advies": V["ongevraagd"],
    }
    assert {t.label: t.aantal for t in c.per_wet} == {
        "Wmo 2015": 2,
        "Participatiewet": 1,
        "Jeugdwet": 1,
    }
    a = c.advies_tijdig
    assert (a.op_tijd, a.te_laat, a.zonder_termijn) == (1, 1, 1)
    r = c.college_tijdig
    assert (r.op_tijd, r.te_laat, r.zonder_termijn) == (1, 1, 0)
    o = c.overname_dit_jaar
    assert (o.jaar, o.overgenomen, o.deels, o.niet, o.percentage) == (2026, 3, 1, 1, 80)
    assert [(x.jaar, x.percentage) for x in c.overname] == [
        (2022, None),
        (2023, None),
        (2024, None),
        (2025, 50),
        (2026, 80),
    ]
    assert c.opkomst_per_jaar == [(2022, None), (2023, None), (2024, None), (2025, 50), (2026, 78)]
    per_soort = {
        x.label: (x.vergaderingen, x.aanwezig, x.geregistreerd, x.percentage) for x in c.opkomst
    }
    assert per_soort == {
        "vergadering van de adviesraad": (2, 5, 7, 71),
        "adviesgesprek": (1, 2, 2, 100),
    }
    assert [(i.instrument, i.benuttingen, i.adviezen) for i in c.inbreng] == [
        ("Groepsgesprekken met cliënten en naasten", 2, 1)
    ]
    regels = {
        e.evaluatie.titel: (e.open, e.bezig, e.afgerond, e.acties_tonen) for e in c.evaluaties
    }
    assert regels == {
        "Zelfevaluatie 2026": (1, 0, 1, True),
        "Evaluatie voorzitter 2026": (0, 0, 0, False),  # its actions stay with its readers
    }


def test_de_pagina_toont_dezelfde_cijfers_en_grafieken_met_tabel(jaar_2026):
    client, _ = _client("lid")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    tekst = _tekst(html)
    for zin in ZINNEN + RIJEN:
        assert zin in tekst, zin
    assert "Geheim" not in tekst
    svgs = [
        base64.b64decode(m).decode()
        for m in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]
    assert len(svgs) == 3
    for svg in svgs:
        assert re.search(r'<svg[^>]* role="img" aria-labelledby="[^"]+-titel [^"]+-desc"', svg)
        assert "<title " in svg and "<desc " in svg
        assert "<script" not in svg
    overname = next(s for s in svgs if "grafiek-overname" in s)
    assert "2025: 50%; 2026: 80%" in overname
    # The chart's description is the image's alternative text too.
    assert 'alt="Adviespunten overgenomen (geheel of deels), 2022–2026. 2022: geen gegevens' in html


def test_pdf_in_celery_met_dezelfde_cijfers_en_getagd(
    jaar_2026, django_capture_on_commit_callbacks
):
    client, user = _client("ondersteuner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jaarcyclus:pdf_aanvragen"), {"jaar": "2026"})
    verslag = Jaarverslag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "jaarcyclus:pdf_status", kwargs={"verslag_id": verslag.pk}
    )
    assert (verslag.status, verslag.voortgang, verslag.soort) == ("klaar", 100, "jaarverslag")
    status = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "hx-get" not in status.content.decode()
    download = client.get(reverse("jaarcyclus:pdf_downloaden", kwargs={"verslag_id": verslag.pk}))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Jaarverslag Adviesraad sociaal domein 2026" in tekst
    for zin in ZINNEN + RIJEN:
        assert zin in tekst, zin
    # The chart is drawn in the PDF (its axis labels and values are text there).
    assert "80%" in tekst and "2022" in tekst
    # A member may read the report and download the PDF, but not have one made.
    lid, _ = _client("lid")
    assert (
        lid.get(reverse("jaarcyclus:pdf_downloaden", kwargs={"verslag_id": verslag.pk})).status_code
        == 200
    )
    assert lid.post(reverse("jaarcyclus:pdf_aanvragen"), {"jaar": "2026"}).status_code == 404
    # The task is idempotent.
    assert jaarverslag_maken(verslag.pk) == "klaar"


def test_pdf_svg_inline_gelijk_aan_de_pagina(jaar_2026):
    c = jaarcijfers(jaar=2026, peildatum=PEIL)
    html = render_html(JaarverslagPdf(cijfers=c))
    for g in c.grafieken.values():
        assert g.svg in html  # the very same SVG as the page's image
        assert base64.b64decode(g.data_url.split(",", 1)[1]).decode() == g.svg


def test_vaste_aantal_queries_bij_1x_en_10x(django_assert_max_num_queries):
    client, _ = _client("ondersteuner")
    gegevens.jaar(keer=1)
    client.get(URL)  # warm the session and caches
    # 19, plus 3 for the money section (budget versions, the adopted one's lines, one sum over
    # the declarations).
    with django_assert_max_num_queries(22) as een:
        assert client.get(URL).status_code == 200
    gegevens.jaar(keer=9)
    with django_assert_max_num_queries(22) as tien:
        response = client.get(URL)
    assert len(een.captured_queries) == len(tien.captured_queries), len(tien.captured_queries)
    # The figures scaled by 10, the percentages stayed.
    tekst = _tekst(response.content.decode())
    assert (
        "In 2026 reageerde het college op 50 adviespunten: 30 overgenomen, 10 deels overgenomen en 10 niet overgenomen."
        in tekst
    )
    assert "Overnamepercentage (geheel of deels): 80%." in tekst


def test_openbaar_register_toont_overname_per_jaar_zonder_persoonsgegevens(jaar_2026):
    # Only published advice counts in the public summary.
    Adviesaanvraag.objects.filter(soort="gevraagd").update(gepubliceerd_op="2026-08-01T10:00:00Z")
    html = Client().get(reverse("adviezen:register")).content.decode()
    blok = html[
        html.index('id="overname-per-jaar"') : html.index(
            "</table>", html.index('id="overname-per-jaar"')
        )
    ]
    tekst = _tekst(blok)
    assert "2026 5 3 1 1 80%" in tekst
    assert "2025 2 1 0 1 50%" in tekst
    assert "@" not in blok and "Achternaam" not in blok


def test_uitbreiding_voor_geld_via_het_register(jaar_2026):
    onderdeel = onderdelen.Onderdeel(
        sleutel="test-geld",
        titel="Geld: uitgaven per budgetcategorie",
        cijfers=lambda jaar, peildatum: {
            "koppen": ["Categorie", "Begroot", "Uitgegeven"],
            "rijen": [("Scholing", "3000", "2450")],
        },
    )
    onderdelen.registreren(onderdeel)
    try:
        c = jaarcijfers(jaar=2026, peildatum=PEIL)
        # After the money section this app registers itself (jaarcyclus/geld.py).
        assert c.extra[-1][0] is onderdeel
        client, _ = _client("ondersteuner")
        tekst = _tekst(client.get(URL).content.decode())
        assert "Geld: uitgaven per budgetcategorie" in tekst
        assert "Scholing 3000 2450" in tekst
    finally:
        onderdelen.afmelden("test-geld")
    assert "Geld:" not in _tekst(_client("ondersteuner")[0].get(URL).content.decode())


def test_presentatiemap_uit_dezelfde_selector(jaar_2026):
    client, _ = _client("voorzitter")
    response = client.get("/portaal/jaarcyclus/presentatie/?jaar=2026")
    assert response.status_code == 200
    tekst = _tekst(response.content.decode())
    assert "Het college reageerde op 5 adviespunten; overgenomen (geheel of deels): 80%." in tekst
    assert "Groepsgesprekken met cliënten en naasten: 2 keer gebruikt in 1 advies/adviezen" in tekst
    assert "2026 80% 78%" in tekst


def test_gespreksleider_en_anoniem_komen_er_niet_in(jaar_2026):
    client, _ = _client("gespreksleider")
    assert client.get(URL).status_code == 404
    assert Client().get(URL).status_code == 302


def test_bench_meet_het_jaarverslag_via_de_celery_taak(jaar_2026):
    seed_demo_users()
    meting = measure_jaarverslag()
    assert meting["status"] == "klaar"
    assert Jaarverslag.objects.get().status == "klaar"
    assert regel("1x", meting).startswith("- Annual report (jaarverslag) in Celery at 1x: ")


def test_presentatiemap_als_pdf_uit_dezelfde_cijfers(jaar_2026, django_capture_on_commit_callbacks):
    client, _ = _client("voorzitter")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jaarcyclus:pdf_aanvragen"), {"jaar": "2026", "soort": "presentatie"}
        )
    verslag = Jaarverslag.objects.get()
    assert response.status_code == 302
    assert (verslag.soort, verslag.status) == ("presentatie", "klaar")
    download = client.get(reverse("jaarcyclus:pdf_downloaden", kwargs={"verslag_id": verslag.pk}))
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "De adviesraad in 2026" in tekst
    assert "Het college reageerde op 5 adviespunten; overgenomen (geheel of deels): 80%." in tekst
    assert "2026 80% 78%" in tekst
