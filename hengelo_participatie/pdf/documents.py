"""One small dataclass per document builds its context; ``render`` turns it into a PDF.

A document module (e.g. ``adviesraad/documents.py``) declares::

    @dataclass(frozen=True)
    class AdviesPdf:
        advies: Advies
        template_name: ClassVar[str] = "adviesraad/pdf/advies.html"

        def get_context(self) -> dict[str, Any]:
            return {"titel": f"Advies {self.advies.nummer}", "advies": self.advies}

Tests can then assert on ``render_html(doc)`` as well as on the text of ``render(doc)``. The
template extends ``pdf/base.html`` and fills ``titel`` (document title, also the PDF metadata).

Every PDF is an official Dutch document (``pdf/base.html`` declares ``lang="nl"``, which the
tagged PDF carries): it is rendered in Dutch whatever language the user works in, so a letter
to the College made by someone using the English portal is not half English.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.template.loader import render_to_string
from django.utils import translation

from .rendering import render_pdf

#: The language of every PDF (see the module docstring).
PDF_TAAL = "nl"


class PdfDocument(Protocol):
    """What ``render`` needs: a template name and a context (a plain dict of safe values)."""

    @property
    def template_name(self) -> str: ...

    def get_context(self) -> dict[str, Any]: ...


def render_html(document: PdfDocument) -> str:
    """The HTML that ``render`` would turn into a PDF (for tests and previews)."""
    with translation.override(PDF_TAAL):
        return render_to_string(document.template_name, document.get_context())


def render(document: PdfDocument) -> bytes:
    """The PDF bytes of ``document``."""
    with translation.override(PDF_TAAL):
        return render_pdf(document.template_name, document.get_context())
