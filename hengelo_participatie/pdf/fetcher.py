"""The only way WeasyPrint may load a resource while rendering our PDFs.

Allowed:

* the project's own static files, requested under ``settings.STATIC_URL`` (fonts, the print
  stylesheet, the logo). The name is looked up with ``django.contrib.staticfiles.finders.find``
  (or, for collected and hashed names, under ``STATIC_ROOT``); the resolved real path must be a
  regular file inside one of those static directories, so ``..``, symlinks out of the tree and
  device files such as ``/dev/urandom`` are refused;
* ``data:`` URLs holding a raster image (PNG, JPEG, GIF, WebP), at most ``MAX_BYTES``.

Everything else (``file:``, ``http(s):``, ``ftp:``, any other scheme, relative paths outside
static, unknown static names) raises :class:`UnsafeURLError`. Nothing is ever fetched over the
network, so there are no redirects to follow and nothing can hang on a slow server.

WeasyPrint 70 catches fetcher exceptions and only logs them, unless the fetcher was created with
``fail_on_errors=True``: then it raises ``FatalURLFetchingError`` (a ``BaseException``), which
stops the render. A few places (drawing an SVG image, loading a colour profile) still catch
``BaseException``, so the fetcher also *records* every refusal; ``rendering.html_to_pdf`` raises
after ``write_pdf`` if anything was recorded. Both routes end in ``UnsafeURLError``.

This module imports WeasyPrint at the top; only ``rendering.html_to_pdf`` imports it, lazily.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .exceptions import UnsafeURLError

#: Largest resource served to WeasyPrint (a font is ~30 kB, the stylesheet a few kB).
MAX_BYTES = 5 * 1024 * 1024
DATA_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
CONTENT_TYPES = {".woff": "font/woff", ".woff2": "font/woff2", ".css": "text/css"}


def static_roots() -> list[Path]:
    """Every directory the static finders serve from, plus ``STATIC_ROOT``, resolved."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        storages = getattr(finder, "storages", None) or {}
        for storage in storages.values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def static_name(url: str) -> str | None:
    """The static file name in ``url`` (``/static/pdf/pdf.css`` → ``pdf/pdf.css``), or None."""
    static_url = str(settings.STATIC_URL)
    if not url.startswith(static_url):
        return None
    rest = url[len(static_url) :].split("#", 1)[0].split("?", 1)[0]
    name = unquote(rest)
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or any(segment in {"", ".", ".."} for segment in name.split("/"))
    ):
        return None
    return name


def resolve_static(name: str, roots: list[Path]) -> Path | None:
    """The real path of static file ``name`` if it is a regular file inside ``roots``."""
    candidates: list[str] = []
    found = finders.find(name)
    if isinstance(found, str):
        candidates.append(found)
    if settings.STATIC_ROOT:
        candidates.append(str(Path(settings.STATIC_ROOT) / name))
    for candidate in candidates:
        try:
            path = Path(candidate).resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if path.is_file() and any(path.is_relative_to(root) for root in roots):
            return path
    return None


def parse_data_url(url: str) -> tuple[str, bytes]:
    """Split a ``data:`` URL into (media type, bytes); only raster images are accepted."""
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise UnsafeURLError(url, "ongeldige data-URL")
    params = [p.strip().lower() for p in header.split(";")]
    media_type = params[0] or "text/plain"
    if media_type not in DATA_IMAGE_TYPES:
        raise UnsafeURLError(url, f"data-URL van soort {media_type}")
    if len(payload) > MAX_BYTES * 2:
        raise UnsafeURLError(url, "data-URL te groot")
    try:
        if "base64" in params[1:]:
            body = base64.b64decode(unquote(payload), validate=True)
        else:
            body = unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as exc:
        raise UnsafeURLError(url, "ongeldige data-URL") from exc
    if len(body) > MAX_BYTES:
        raise UnsafeURLError(url, "data-URL te groot")
    return media_type, body


class SafeURLFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Serve static files and ``data:`` images; refuse, record and stop on anything else."""

    def __init__(self, al_geladen: frozenset[str] = frozenset()) -> None:
        # No protocols for the inherited urllib opener: it is never used, and must not be.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)
        self.violations: list[UnsafeURLError] = []
        self._roots = static_roots()
        #: Stylesheet URLs the render already has, parsed (``rendering.huisstijl``): answered
        #: with an empty stylesheet. Exact matches only, so a ``<base>`` cannot redirect them.
        self._al_geladen = al_geladen

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        try:
            return self._fetch(url)
        except UnsafeURLError as exc:
            self.violations.append(exc)
            raise

    def _fetch(self, url: str) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            media_type, body = parse_data_url(url)
            return URLFetcherResponse(url, body, {"Content-Type": media_type})
        if url in self._al_geladen:
            return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})
        name = static_name(url)
        if name is None:
            raise UnsafeURLError(url, "geen eigen statisch bestand")
        path = resolve_static(name, self._roots)
        if path is None:
            raise UnsafeURLError(url, "statisch bestand niet gevonden")
        if path.stat().st_size > MAX_BYTES:
            raise UnsafeURLError(url, "statisch bestand te groot")
        content_type = CONTENT_TYPES.get(path.suffix.lower())
        if content_type is None:
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def raise_if_violated(self) -> None:
        if self.violations:
            raise self.violations[0]
