"""The PDF of a published quarterly agenda: one dataclass builds the context, so tests can assert
on the HTML (``render_html``) as well as on the PDF text (``render``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .selectors import Afdruk


@dataclass
class KwartaalagendaDocument:
    afdruk: Afdruk
    template_name: str = "kwartaalagenda/pdf/kwartaalagenda.html"

    def get_context(self) -> dict[str, Any]:
        a = self.afdruk
        return {
            "titel": f"Kwartaalagenda {a.agenda.naam}",
            "aangemaakt_op": a.versie.gepubliceerd_op,
            "agenda": a.agenda,
            "versie": a.versie,
            "onderwerpen": a.onderwerpen,
        }
