"""The budget overview PDF: one dataclass builds the context (tests assert on HTML and PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .selectors import BegrotingPagina


@dataclass
class BegrotingDocument:
    pagina: BegrotingPagina
    template_name: str = "financien/pdf/begroting.html"

    def get_context(self) -> dict[str, Any]:
        p = self.pagina
        return {
            "titel": f"Begroting adviesraad sociaal domein {p.jaar}",
            "p": p,
            "begroting": p.geldend or p.begroting,
        }
