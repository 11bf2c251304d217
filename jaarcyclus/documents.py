"""PDF documents of the yearly cycle: the annual report and the presentation pack, built from the
same figures (``jaarverslag.jaarcijfers``) and the same partial templates as the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from .jaarverslag import Jaarcijfers, per_jaar_tabel


@dataclass(frozen=True)
class JaarverslagPdf:
    cijfers: Jaarcijfers
    aangemaakt_op: datetime | None = None
    template_name: ClassVar[str] = "jaarcyclus/pdf/jaarverslag.html"

    def get_context(self) -> dict[str, Any]:
        return {
            "titel": _("Jaarverslag Adviesraad sociaal domein %(jaar)s")
            % {"jaar": self.cijfers.jaar},
            "c": self.cijfers,
            "per_jaar": per_jaar_tabel(self.cijfers),
            "pdf": True,
            "aangemaakt_op": self.aangemaakt_op,
        }


@dataclass(frozen=True)
class PresentatiePdf:
    cijfers: Jaarcijfers
    aangemaakt_op: datetime | None = None
    template_name: ClassVar[str] = "jaarcyclus/pdf/presentatie.html"

    def get_context(self) -> dict[str, Any]:
        return {
            "titel": _("De adviesraad in %(jaar)s") % {"jaar": self.cijfers.jaar},
            "c": self.cijfers,
            "per_jaar": per_jaar_tabel(self.cijfers),
            "pdf": True,
            "aangemaakt_op": self.aangemaakt_op,
        }
