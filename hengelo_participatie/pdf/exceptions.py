"""Errors of the PDF module. Importable without WeasyPrint (callers and tests catch them)."""

from __future__ import annotations


class PdfRenderError(Exception):
    """The PDF could not be made safely; nothing was returned."""


class UnsafeURLError(PdfRenderError):
    """The document asked for a resource outside the allowlist (SSRF/LFI attempt or a typo).

    The allowlist is: the project's own static files and ``data:`` raster images. See
    ``fetcher.py``.
    """

    def __init__(self, url: str, reason: str) -> None:
        self.url = url[:200]
        self.reason = reason
        super().__init__(f"Niet toegestane bron in PDF ({reason}): {self.url}")


class AttachmentNotAllowedError(PdfRenderError):
    """The document tried to embed a file (``<link rel=attachment>``, ``<a rel=attachment>``)."""
