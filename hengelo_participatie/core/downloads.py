"""One shape for a download response: a file leaves the server as a private attachment.

Every download (a stored private file, a PDF made for this request) gets the same headers, so a
downloaded file never runs as a page on our origin, is never sniffed into another type, and is
never cached on the way.
"""

from __future__ import annotations

from typing import IO

from django.http import FileResponse, HttpResponse

#: A downloaded file must never run as a page on our origin, nor be cached on the way.
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "no-store, private",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _beveiligd(response: HttpResponse | FileResponse) -> None:
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value


def download_response(inhoud: bytes, naam: str, content_type: str) -> HttpResponse:
    """Content made for this request (not a stored file), as a private attachment."""
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    _beveiligd(response)
    return response


def pdf_download(inhoud: bytes, naam: str) -> HttpResponse:
    """A PDF made for this request, as a private attachment."""
    return download_response(inhoud, naam, "application/pdf")


def bestand_download(handle: IO[bytes], naam: str, content_type: str) -> FileResponse:
    """An open stored file, streamed as a private attachment (the response closes ``handle``)."""
    response = FileResponse(handle, as_attachment=True, filename=naam, content_type=content_type)
    _beveiligd(response)
    return response
