"""PDF documents of the participatiemix: one small dataclass per document (see pdf/documents.py).

Tests assert on ``render_html(doc)`` as well as on the text of ``render(doc)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from .jaarrapport import Jaarrapport


@dataclass(frozen=True)
class JaarrapportagePdf:
    rapport: Jaarrapport
    aangemaakt_op: datetime | None = None
    template_name: ClassVar[str] = "participatiemix/pdf/jaarrapportage.html"

    def get_context(self) -> dict[str, Any]:
        return {
            "titel": _("Jaarrapportage participatiemix %(jaar)s") % {"jaar": self.rapport.jaar},
            "rapport": self.rapport,
            "aangemaakt_op": self.aangemaakt_op,
        }
