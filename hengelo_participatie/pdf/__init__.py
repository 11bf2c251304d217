"""PDF rendering, isolated in one module. See ``rendering.py`` for the safety rules."""

from .documents import PdfDocument, render, render_html
from .exceptions import AttachmentNotAllowedError, PdfRenderError, UnsafeURLError
from .rendering import html_to_pdf, render_pdf

__all__ = [
    "AttachmentNotAllowedError",
    "PdfDocument",
    "PdfRenderError",
    "UnsafeURLError",
    "html_to_pdf",
    "render",
    "render_html",
    "render_pdf",
]
