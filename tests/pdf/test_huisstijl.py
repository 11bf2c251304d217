"""The print stylesheet and its fonts are parsed once per process (per thread) and reused; the
PDFs made with the reused ones are the same documents: tagged, Noto Sans, footer, same text."""

from __future__ import annotations

import io
from typing import Any

import pypdf

from hengelo_participatie.pdf import html_to_pdf
from hengelo_participatie.pdf.rendering import huisstijl
from tests.pdf.helpers import pdf_text

HTML = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Brief</title>'
    '<link rel="stylesheet" href="/static/pdf/pdf.css"></head>'
    "<body><main><h1>Brief</h1><p>Geëvalueerd: € 12,50.</p></main></body></html>"
)


def _fonts(pdf: bytes) -> set[str]:
    pagina = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    return {str(f.get_object()["/BaseFont"]) for f in pagina["/Resources"]["/Font"].values()}


def test_house_style_is_reused_without_debug(settings: Any) -> None:
    settings.DEBUG = False
    font_config, css = huisstijl()
    assert huisstijl() == (font_config, css)
    settings.DEBUG = True  # an edited stylesheet shows without a restart
    assert huisstijl()[1] is not css


def test_second_render_with_the_reused_style_is_the_same_document(settings: Any) -> None:
    settings.DEBUG = False
    eerste, tweede = html_to_pdf(HTML), html_to_pdf(HTML)
    for pdf in (eerste, tweede):
        tekst = pdf_text(pdf)
        assert "Geëvalueerd: € 12,50." in tekst
        assert "Pagina 1 van 1" in tekst  # @page footer of pdf.css
        assert "Adviesraad sociaal domein Hengelo" in tekst
        assert all("NotoSans" in naam.replace("-", "") for naam in _fonts(pdf))
        catalog = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert pdf_text(eerste) == pdf_text(tweede)
