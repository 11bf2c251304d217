"""SSRF / LFI: a PDF template can reach nothing but our own static files and data: images.

Every payload must stop the render (an exception), within a bound (no hang on /dev/urandom or a
closed port), and of course leave no PDF with file content or attachments behind.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.test import override_settings

from hengelo_participatie.pdf import (
    AttachmentNotAllowedError,
    PdfRenderError,
    UnsafeURLError,
    html_to_pdf,
    render_pdf,
)
from tests.pdf.helpers import embedded_files, pdf_text, run_bounded

PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
PNG_DATA_URL = "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()

HEAD_PAYLOADS = {
    "stylesheet file": '<link rel="stylesheet" href="file:///etc/passwd">',
    "@import file": "<style>@import url(file:///etc/passwd);</style>",
    "@import http": '<style>@import url("http://127.0.0.1:9/x.css");</style>',
    "@font-face file": (
        "<style>@font-face{font-family:x;src:url(file:///etc/passwd)} p{font-family:x}</style>"
    ),
    "attachment file": '<link rel="attachment" href="file:///etc/passwd">',
    "attachment relative": '<link rel="attachment" href="../../../../etc/passwd">',
    "base file": '<base href="file:///etc/">',
}
BODY_PAYLOADS = {
    "img file": '<img src="file:///etc/passwd" alt="">',
    "img urandom": '<img src="file:///dev/urandom" alt="">',
    "img http closed port": '<img src="http://127.0.0.1:9/x.png" alt="">',
    "img https": '<img src="https://example.org/x.png" alt="">',
    "img ftp": '<img src="ftp://127.0.0.1/x.png" alt="">',
    "img relative traversal": '<img src="../../../../etc/passwd" alt="">',
    "img absolute path": '<img src="/etc/passwd" alt="">',
    "img static traversal": '<img src="/static/../../../../etc/passwd" alt="">',
    "img static encoded traversal": '<img src="/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="">',
    "img static unknown": '<img src="/static/bestaat/niet.png" alt="">',
    "img data svg": '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="">',
    "object data html": '<object data="data:text/html,<b>x</b>"></object>',
    "embed file": '<embed src="file:///etc/passwd">',
    "css background file": '<div style="background: url(file:///etc/passwd)">x</div>',
    "a attachment file": '<a rel="attachment" href="file:///etc/passwd">bijlage</a>',
    "a attachment data": '<a rel="attachment" href="' + PNG_DATA_URL + '">bijlage</a>',
    "a attachment own static": '<a rel="attachment" href="/static/pdf/pdf.css">bijlage</a>',
}


def render_payload(head: str = "", body: str = "") -> bytes:
    pdf: bytes = render_pdf("pdf_tests/payload.html", {"titel": "Test", "head": head, "body": body})
    return pdf


@pytest.mark.usefixtures("payload_templates")
@pytest.mark.parametrize("payload", HEAD_PAYLOADS.values(), ids=HEAD_PAYLOADS.keys())
def test_head_payload_stops_the_render(payload: str) -> None:
    with pytest.raises(PdfRenderError):
        run_bounded(render_payload, payload, "")


@pytest.mark.usefixtures("payload_templates")
@pytest.mark.parametrize("payload", BODY_PAYLOADS.values(), ids=BODY_PAYLOADS.keys())
def test_body_payload_stops_the_render(payload: str) -> None:
    with pytest.raises(PdfRenderError):
        run_bounded(render_payload, "", payload)


@pytest.mark.usefixtures("payload_templates")
def test_file_url_raises_unsafe_url_error_naming_the_url() -> None:
    with pytest.raises(UnsafeURLError) as info:
        run_bounded(render_payload, "", '<img src="file:///etc/passwd" alt="">')
    assert info.value.url == "file:///etc/passwd"


@pytest.mark.usefixtures("payload_templates")
def test_attachment_of_own_static_file_is_refused_too() -> None:
    with pytest.raises(AttachmentNotAllowedError):
        run_bounded(render_payload, '<link rel="attachment" href="/static/pdf/pdf.css">', "")


@pytest.mark.usefixtures("payload_templates")
def test_data_png_and_own_static_assets_are_allowed() -> None:
    pdf = run_bounded(render_payload, "", f'<p>Logo</p><img src="{PNG_DATA_URL}" alt="Logo">')
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xobjects = reader.pages[0]["/Resources"].get("/XObject") or {}
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    assert "Logo" in pdf_text(pdf)
    assert embedded_files(pdf) == []


def test_html_to_pdf_without_template_is_guarded_the_same_way() -> None:
    html = '<html lang="nl"><title>t</title><body><img src="file:///etc/passwd" alt=""></body>'
    with pytest.raises(UnsafeURLError):
        run_bounded(html_to_pdf, html)


@pytest.fixture
def own_static(tmp_path: Path, settings: Any) -> Path:
    """A static dir of our own (for payloads that would have to live in the repository)."""
    static_dir = tmp_path / "static"
    static_dir.mkdir()
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static_dir]
    return static_dir


def test_svg_in_static_cannot_reach_files(own_static: Path) -> None:
    # WeasyPrint catches every exception while drawing an SVG; the recorded violation still
    # stops the render.
    (own_static / "logo-kwaad.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="20" height="20"><image xlink:href="file:///etc/passwd" width="20"'
        ' height="20"/></svg>'
    )
    html = '<html lang="nl"><title>t</title><body><img src="/static/logo-kwaad.svg" alt="x">'
    with pytest.raises(UnsafeURLError) as info:
        run_bounded(html_to_pdf, html)
    assert info.value.url == "file:///etc/passwd"


def test_symlink_out_of_static_is_refused(own_static: Path) -> None:
    os.symlink("/etc/passwd", own_static / "passwd.css")
    html = '<html lang="nl"><title>t</title><link rel="stylesheet" href="/static/passwd.css">'
    with pytest.raises(UnsafeURLError):
        run_bounded(html_to_pdf, html)


def test_symlink_to_device_is_refused(own_static: Path) -> None:
    os.symlink("/dev/urandom", own_static / "ruis.png")
    html = '<html lang="nl"><title>t</title><body><img src="/static/ruis.png" alt="">'
    with pytest.raises(UnsafeURLError):
        run_bounded(html_to_pdf, html)


@override_settings(STATIC_URL="/static/")
def test_static_file_from_own_dir_is_served(own_static: Path) -> None:
    (own_static / "punt.png").write_bytes(PNG_1X1)
    html = '<html lang="nl"><title>t</title><body><p>x</p><img src="/static/punt.png" alt="punt">'
    pdf = run_bounded(html_to_pdf, html)
    assert pdf.startswith(b"%PDF-")
