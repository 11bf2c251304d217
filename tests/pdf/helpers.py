"""Helpers for the PDF tests: a bounded render and pypdf inspection."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

import pypdf

RENDER_BOUND_SECONDS = 60.0


def run_bounded(fn: Callable[..., Any], *args: Any, timeout: float = RENDER_BOUND_SECONDS) -> Any:
    """Run ``fn`` in a thread; fail if it is still running after ``timeout`` (a hang, e.g. on
    ``/dev/urandom``). Re-raises what ``fn`` raised. Not a speed assertion: the bound is wide."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # handed back to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"Rendering did not end within {timeout} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_files(pdf: bytes) -> list[str]:
    """Names of embedded files and file-attachment annotations, from the catalog and pages."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = list(reader.attachments)
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("/EmbeddedFiles")
    if "/AF" in root:
        found.append("/AF")
    found.extend(
        "/FileAttachment"
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/FileAttachment"
    )
    return found
