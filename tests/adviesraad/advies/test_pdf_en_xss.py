"""The PDF to the College: parsed with pypdf; rendered once; identical bytes on every download.
XSS and SSRF payloads in advice text: escaped in HTML, absent from the PDF."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from pypdf import PdfReader

from adviesraad.advies.documents import AdviesbriefDocument
from adviesraad.advies.services.versie import huidige_versie
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.pdf.documents import render_html

from .helpers import gevraagd, reactie, tot_verzonden

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<p>Punt met <script>alert('xss-script')</script> erin</p>",
    '<p>Een plaatje <img src="http://169.254.169.254/latest/meta-data/" onerror="alert(1)"></p>',
    '<link rel="attachment" href="file:///etc/passwd"><p>Bijlagepoging</p>',
    "<style>@import url('http://evil.example/x.css');</style><p>Stijlpoging</p>",
    '<a href="javascript:alert(2)">klik</a> <iframe src="file:///etc/passwd"></iframe>',
]


def _tekst(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_holds_reference_points_and_names_and_is_stored_once(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    advies = huidige_versie(aanvraag)
    inhoud = advies.pdf.bestand.open("rb").read()
    tekst = _tekst(inhoud)
    for verwacht in (
        aanvraag.kenmerk,
        "Z-2026-0042",
        "Beleidskader Wmo 2027",
        "Adviespunt 1",
        "Adviespunt 2",
        "cliëntondersteuning",
        "eigen bijdrage lager",
        "Anna de Vries",
        "Olga Schrijver",
        "Adviesraad sociaal domein Hengelo",
        "Adviesgesprek",
    ):
        assert verwacht in tekst, verwacht
    reader = PdfReader(io.BytesIO(inhoud))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert "/OutputIntents" in root  # archivable (PDF/A output intent)
    # Identical bytes on every download, and the SHA-256 shown is theirs.
    import hashlib

    client = client_van(raad["leden"][0].user)
    downloads = [
        b"".join(client.get(f"/bestanden/{advies.pdf_id}/download/").streaming_content)
        for _ in range(2)
    ]
    assert downloads[0] == downloads[1] == inhoud
    assert hashlib.sha256(inhoud).hexdigest() == advies.pdf.sha256
    # Rendered once: later steps make no new advice PDF.
    aantal = Bestand.objects.count()
    reactie(aanvraag, raad)
    assert Bestand.objects.count() == aantal + 1  # only the generated response letter
    advies.refresh_from_db()
    assert advies.pdf.bestand.open("rb").read() == inhoud


def test_payloads_are_escaped_in_html_and_absent_from_the_pdf(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes, titel="<script>alert('titel')</script> Titel")
    start = time.monotonic()
    tot_verzonden(aanvraag, raad, punten=PAYLOADS)
    assert time.monotonic() - start < 30  # rendering ends within a bound
    advies = huidige_versie(aanvraag)
    opgeslagen = [p.tekst for p in advies.punten.order_by("nummer")]
    for tekst in opgeslagen:
        for verboden in (
            "<script",
            "<img",
            "<link",
            "<style",
            "<iframe",
            "href",
            "src=",
            "@import",
        ):
            assert verboden not in tekst
    html = render_html(AdviesbriefDocument(advies=advies, datum=advies.verzonden_op))
    assert "<script>alert(&#x27;titel&#x27;)</script>" not in html
    assert "&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt;" in html
    inhoud = advies.pdf.bestand.open("rb").read()
    tekst = _tekst(inhoud)
    for afwezig in ("xss-script", "169.254", "file://", "evil.example", "javascript:", "root:x:"):
        assert afwezig not in tekst
    assert b"/EmbeddedFile" not in inhoud and b"/FileAttachment" not in inhoud
    assert "Bijlagepoging" in tekst and "Stijlpoging" in tekst  # the harmless text stays
    # The portal page escapes the title and shows only sanitised points.
    pagina = client_van(raad["leden"][0].user).get(f"/portaal/advies/{aanvraag.pk}/").content
    assert b"<script>alert(" not in pagina
    assert b"&lt;script&gt;alert(&#x27;titel&#x27;)" in pagina
    assert b"169.254" not in pagina and b"javascript:" not in pagina


def test_the_letter_to_the_college_is_dutch_when_the_sender_works_in_english(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    from django.utils import translation

    aanvraag = gevraagd(raad, pdf_bytes)
    with translation.override("en"):
        tot_verzonden(aanvraag, raad)
        # The English catalogue has these labels, so this would be English without the fix.
        assert translation.gettext("Ons kenmerk") != "Ons kenmerk"
    tekst = _tekst(huidige_versie(aanvraag).pdf.bestand.open("rb").read())
    assert "Ons kenmerk" in tekst and "Adviespunt 1" in tekst
    assert "Advice point" not in tekst
