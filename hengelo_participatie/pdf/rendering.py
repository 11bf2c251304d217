"""Render a Django template to a PDF with WeasyPrint, safely.

WeasyPrint is imported inside :func:`html_to_pdf` (as Open Forms does in
``openforms/utils/pdf.py``): it is slow to import and needs Pango, and most processes never make a
PDF.

Resources
    Only through :class:`~hengelo_participatie.pdf.fetcher.SafeURLFetcher`: our own static files
    and ``data:`` raster images. Anything else (``file://``, ``http(s)://``, other schemes,
    unknown static names) stops the render with :class:`UnsafeURLError`. The base URL is a fake
    scheme (``hengelo-pdf:``), so a relative link can never turn into a file path or a request to
    our own server; ``urljoin`` leaves it as it is and the fetcher refuses it unless it starts
    with ``STATIC_URL``.

Attachments
    Refused: no PDF we make embeds a file. The finisher raises
    :class:`AttachmentNotAllowedError` if WeasyPrint embedded one anyway (``<link
    rel=attachment>`` or ``<a rel=attachment>`` pointing at a static file or a ``data:`` image).

PDF variant: ``pdf/a-2a`` plus PDF/UA-1 identification
    WeasyPrint 70 takes exactly one ``pdf_variant`` (combining variants is an open feature
    request, Kozea/WeasyPrint#2783). ``pdf/a-2a`` is the one that gives both properties we need:

    * archivable: PDF/A-2, level A, with its output intent (sRGB), embedded fonts, XMP metadata
      and a file identifier (``pdf_identifier`` is generated, as every PDF/A variant does). We
      prefer part 2 over part 3 because part 3 allows arbitrary embedded files, which we refuse
      anyway; PDF/A-2 is on the Nationaal Archief's list of preferred formats;
    * accessible: level A means tagged (WeasyPrint 70 sets ``pdf_tags=True`` for it), so the
      catalog carries ``/StructTreeRoot``, ``/MarkInfo``, ``/Lang`` and ``DisplayDocTitle``:
      the same structure its ``pdf/ua-1`` variant writes.

    What ``pdf/a-2a`` lacks is the PDF/UA identifier in the XMP metadata. PDF/A-2 and PDF/UA-1
    may be claimed together (PDF Association best-practice guide), so the finisher adds
    ``pdfuaid:part="1"`` to WeasyPrint's own XMP packet. ``pdf/ua-1`` alone would lose PDF/A;
    ``pdf/a-3u`` with ``pdf_tags`` would be tagged but not declare level A.

    The title in the metadata (Info ``/Title`` and XMP ``dc:title``) comes from ``<title>``, the
    language from ``<html lang="nl">``; ``templates/pdf/base.html`` sets both.

Fonts
    Noto Sans (latin subset: all Dutch letters, €, quotes and dashes) is loaded with
    ``@font-face`` from ``static/build/fonts`` through the fetcher and embedded (subset).

House style, once per process
    The print stylesheet (``static/pdf/pdf.css``) and its fonts are the same for every PDF, so
    they are read, parsed and registered with Fontconfig once per process (per thread: Pango is
    not thread-safe) and given to every render as a ``weasyprint.CSS`` with its
    ``FontConfiguration``, loaded through the same safe fetcher. ``pdf/base.html`` still links
    the stylesheet (so the HTML of ``render_html`` is complete); while rendering, the fetcher
    answers that exact URL with an empty stylesheet instead of reading and parsing it again. With ``DEBUG`` on they are read again for every PDF,
    so an edited stylesheet shows without a restart.
"""

from __future__ import annotations

import atexit
import threading
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static

from .exceptions import AttachmentNotAllowedError, PdfRenderError

#: Fake scheme: relative URLs cannot become ``file:`` paths (see module docstring).
BASE_URL = "hengelo-pdf://document/"
PDF_VARIANT = "pdf/a-2a"
#: The print stylesheet of every PDF (a static file name).
HUISSTIJL = "pdf/pdf.css"
_per_thread = threading.local()
PDFUA_DESCRIPTION = (
    b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
    b' pdfuaid:part="1"/>'
)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_name`` with ``context`` (autoescaped, as any Django template) to PDF."""
    return html_to_pdf(render_to_string(template_name, context))


def huisstijl() -> tuple[Any, Any]:
    """The house stylesheet (``weasyprint.CSS``) and the ``FontConfiguration`` holding its fonts,
    made once per process and thread (see the module docstring); fresh ones with ``DEBUG``."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import SafeURLFetcher

    url = static(HUISSTIJL)
    gevonden: tuple[str, Any, Any] | None = getattr(_per_thread, "huisstijl", None)
    if gevonden is not None and gevonden[0] == url and not settings.DEBUG:
        return gevonden[1], gevonden[2]
    fetcher = SafeURLFetcher()
    font_config = FontConfiguration()
    css = CSS(url=url, base_url=BASE_URL, url_fetcher=fetcher, font_config=font_config)
    fetcher.raise_if_violated()
    if gevonden is None and threading.current_thread() is threading.main_thread():
        # Let go of the fonts before the interpreter tears down the modules their cleanup (a
        # temporary folder per FontConfiguration) needs; other threads let go when they end.
        atexit.register(_opruimen)
    _per_thread.huisstijl = (url, font_config, css)
    return font_config, css


def _opruimen() -> None:
    _per_thread.__dict__.pop("huisstijl", None)


def html_to_pdf(html: str) -> bytes:
    """Turn an HTML string into PDF bytes; raise :class:`PdfRenderError` on anything unsafe."""
    # Imported here, not for a cycle: WeasyPrint (also imported by ``fetcher``) is slow to load
    # and needs Pango; only a process that renders a PDF pays for it (see the module docstring).
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import SafeURLFetcher

    # Lone surrogates (only possible in Python strings, never in stored text) crash WeasyPrint.
    html = html.encode("utf-8", errors="replace").decode("utf-8")
    fetcher = SafeURLFetcher(al_geladen=frozenset({static(HUISSTIJL)}))
    try:
        font_config, css = huisstijl()
        pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[css],
            font_config=font_config,
            pdf_variant=PDF_VARIANT,
            finisher=finish_pdf,
        )
    except FatalURLFetchingError as exc:
        fetcher.raise_if_violated()
        raise PdfRenderError("Een bron voor de PDF kon niet worden geladen.") from exc
    # Raised here as well: WeasyPrint swallows fetcher errors inside SVG images.
    fetcher.raise_if_violated()
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf() without target
        raise PdfRenderError("WeasyPrint gaf geen PDF terug.")
    return pdf


def finish_pdf(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: refuse embedded files, then declare PDF/UA-1 in the XMP metadata."""
    refuse_attachments(pdf)
    declare_pdf_ua(pdf)


def _object(pdf: Any, reference: bytes | str) -> Any:
    number = int(reference.split()[0])
    return pdf.objects[number]


def refuse_attachments(pdf: Any) -> None:
    names = pdf.catalog.get("Names") or {}
    if "EmbeddedFiles" in names or "AF" in pdf.catalog:
        raise AttachmentNotAllowedError("Een PDF mag geen bijlagen bevatten.")
    for pdf_object in pdf.objects:
        if not isinstance(pdf_object, dict):
            continue
        if pdf_object.get("Type") == "/Filespec" or pdf_object.get("Subtype") == (
            "/FileAttachment"
        ):
            raise AttachmentNotAllowedError("Een PDF mag geen bijlagen bevatten.")


def declare_pdf_ua(pdf: Any) -> None:
    metadata = _object(pdf, pdf.catalog["Metadata"])
    packet: bytes = metadata.stream[0]
    if b"pdfuaid:part" in packet:
        return
    end = b"</rdf:RDF>"
    if end not in packet:
        raise PdfRenderError("De XMP-metadata van de PDF hebben een onverwachte vorm.")
    metadata.stream[0] = packet.replace(end, PDFUA_DESCRIPTION + end, 1)
