"""The PDF module: Dutch text, embedded font, PDF/A + PDF/UA markers, document dataclasses."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hengelo_participatie.pdf import render, render_html, render_pdf
from tests.pdf.helpers import embedded_files, pdf_text, run_bounded

DUTCH = "Het advies over één zaak: geëvalueerd, naïef, ruïne en € 1.234,56 per maand."


@dataclass(frozen=True)
class VoorbeeldBrief:
    """A document in the shape every real one takes (see hengelo_participatie/pdf/documents.py)."""

    titel: str
    alineas: list[str] = field(default_factory=list)
    gegevens: list[tuple[str, str]] = field(default_factory=list)
    template_name: ClassVar[str] = "pdf/voorbeeld.html"

    def get_context(self) -> dict[str, Any]:
        return {"titel": self.titel, "alineas": self.alineas, "gegevens": self.gegevens}


@pytest.fixture(scope="module")
def dutch_pdf() -> bytes:
    doc = VoorbeeldBrief(
        titel="Advies over de Wmo-verordening",
        alineas=[DUTCH],
        gegevens=[("Bedrag", "€ 12,50"), ("Status", "Concept (geëvalueerd)")],
    )
    pdf: bytes = run_bounded(render, doc)
    return pdf


def reader_for(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def test_dutch_text_is_extracted_exactly(dutch_pdf: bytes) -> None:
    text = pdf_text(dutch_pdf)
    assert DUTCH in text
    for word in ("één", "geëvalueerd", "naïef", "ruïne", "€ 12,50"):
        assert word in text


def test_letterhead_and_page_numbers(dutch_pdf: bytes) -> None:
    text = pdf_text(dutch_pdf)
    assert "Adviesraad sociaal domein Hengelo" in text
    assert "Pagina 1 van 1" in text


def test_page_numbers_count_every_page() -> None:
    doc = VoorbeeldBrief(titel="Lang stuk", alineas=[DUTCH * 4] * 40)
    pdf = run_bounded(render, doc)
    pages = len(reader_for(pdf).pages)
    assert pages > 1
    assert f"Pagina {pages} van {pages}" in pdf_text(pdf)


def test_noto_sans_is_embedded(dutch_pdf: bytes) -> None:
    reader = reader_for(dutch_pdf)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    base_fonts = {}
    for font in fonts.values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        base_fonts[str(font["/BaseFont"]).replace("-", "")] = embedded
    noto = {name: embedded for name, embedded in base_fonts.items() if "NotoSans" in name}
    assert noto, f"Noto Sans not used: {sorted(base_fonts)}"
    assert all(noto.values()), "Noto Sans is used but not embedded"
    assert all(base_fonts.values()), "every font must be embedded (PDF/A)"


def test_output_is_tagged(dutch_pdf: bytes) -> None:
    root = reader_for(dutch_pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_pdfa_and_pdfua_identification_and_title(dutch_pdf: bytes) -> None:
    reader = reader_for(dutch_pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    assert 'pdfuaid:part="1"' in xmp
    assert "Advies over de Wmo-verordening" in xmp  # dc:title
    assert reader.metadata is not None
    assert reader.metadata.title == "Advies over de Wmo-verordening"
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert "/ID" in reader.trailer


def test_no_attachments_in_normal_output(dutch_pdf: bytes) -> None:
    assert embedded_files(dutch_pdf) == []


def test_script_in_context_is_escaped_and_shown_as_text() -> None:
    payload = '<script>alert("x")</script><img src="file:///etc/passwd">'
    doc = VoorbeeldBrief(titel="XSS", alineas=[payload])
    html = render_html(doc)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<img src="file:' not in html
    pdf = run_bounded(render, doc)
    text = pdf_text(pdf)
    assert '<script>alert("x")</script>' in text
    assert "root:x:0:0" not in text
    assert embedded_files(pdf) == []


def test_render_pdf_takes_template_name_and_context() -> None:
    pdf = run_bounded(render_pdf, "pdf/voorbeeld.html", {"titel": "Kort", "alineas": ["Eén."]})
    assert pdf.startswith(b"%PDF-")
    assert "Eén." in pdf_text(pdf)


def test_lone_surrogates_do_not_break_the_render() -> None:
    pdf = run_bounded(render, VoorbeeldBrief(titel="Kapot \ud800 teken", alineas=["\udfff"]))
    assert "Kapot" in pdf_text(pdf)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    titel=st.text(min_size=1, max_size=80),
    alinea=st.text(max_size=400)
    | st.sampled_from(
        [
            "<script>alert(1)</script>",
            '<img src="file:///etc/passwd">',
            "<link rel=attachment href=file:///etc/passwd>",
            "<style>@import url(file:///etc/passwd);</style>",
            "]]><!--",
            "{{ titel }}{% now 'Y' %}",
        ]
    ),
)
def test_any_text_renders_without_leaking(titel: str, alinea: str) -> None:
    pdf = run_bounded(render, VoorbeeldBrief(titel=titel, alineas=[alinea]))
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "root:x:0:0" not in text
    assert embedded_files(pdf) == []
