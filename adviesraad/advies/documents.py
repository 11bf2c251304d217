"""PDF documents of the advice workflow: one small dataclass per document builds the context, so
tests can assert on the HTML (``render_html``) as well as on the PDF text (``render``).

The advice letter is rendered once, at sending (``services``), and stored; the raadsvoorlegger and
a generated response letter are rendered from the recorded data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.safestring import mark_safe

from adviesraad.models.advies import Advies, Adviesaanvraag, Collegereactie

from .opmaak import opschonen


def _procesgegevens(aanvraag: Adviesaanvraag, advies: Advies | None) -> list[tuple[str, Any]]:
    rijen: list[tuple[str, Any]] = []
    vervolg = aanvraag.vervolg_op
    meedenken = aanvraag.meedenken_op or (vervolg.meedenken_op if vervolg else None)
    for label, waarde in (
        ("Meedenken", meedenken),
        ("Toelichting door de gemeente", aanvraag.toelichting_op),
        ("Adviesgesprek", aanvraag.adviesgesprek_op),
        ("Goedgekeurd door de leden en vastgesteld", advies.vastgesteld_op if advies else None),
    ):
        if waarde:
            rijen.append((label, waarde))
    return rijen


@dataclass
class AdviesbriefDocument:
    """The advice to the College: letterhead, date, reference, subject, process, points, names."""

    advies: Advies
    datum: date
    template_name: str = "adviesraad/advies/pdf/advies.html"

    def get_context(self) -> dict[str, Any]:
        aanvraag = self.advies.aanvraag
        # The College counts only what it receives (1, 2, ...): the concept versions saved on
        # the way are the council's own. The version being sent is final ("definitief").
        eerder = list(
            aanvraag.versies.filter(verzonden_op__isnull=False, versie__lt=self.advies.versie)
            .order_by("versie")
            .values_list("verzonden_op", flat=True)
        )
        return {
            "titel": f"Advies {aanvraag.kenmerk}: {aanvraag.titel}",
            "aangemaakt_op": self.datum,
            "datum": self.datum,
            "aanvraag": aanvraag,
            "advies": self.advies,
            "kenmerk": aanvraag.kenmerk,
            "zaaknummer": aanvraag.zaaknummer,
            "collegeversie": len(eerder) + 1,
            "vervangt": (len(eerder), eerder[-1]) if eerder else None,
            "proces": _procesgegevens(aanvraag, self.advies),
            # Stored sanitised; cleaned again here so the PDF never depends on the write path.
            "punten": [
                (p.nummer, mark_safe(opschonen(p.tekst)))  # noqa: S308 - nh3 output
                for p in self.advies.punten.order_by("nummer")
            ],
            "voorzitter": self.advies.voorzitter_naam,
            "ondersteuner": self.advies.ondersteuner_naam,
        }


@dataclass
class ReactiebriefDocument:
    """A generated letter with the College's response per point (when none was uploaded)."""

    reactie: Collegereactie
    template_name: str = "adviesraad/advies/pdf/reactie.html"

    def get_context(self) -> dict[str, Any]:
        advies = self.reactie.advies
        return {
            "titel": f"Reactie van het college op advies {advies.aanvraag.kenmerk}",
            "aanvraag": advies.aanvraag,
            "reactie": self.reactie,
            "punten": [
                (p.nummer, mark_safe(opschonen(p.tekst)), p.reactie)  # noqa: S308 - nh3 output
                for p in advies.punten.select_related("reactie").order_by("nummer")
            ],
        }


@dataclass
class Raadsvoorlegger:
    """How the council was involved, its main points, and what the College adopted."""

    aanvraag: Adviesaanvraag
    advies: Advies
    alineas: list[str] = field(default_factory=list)
    punten: list[tuple[int, str, str, str]] = field(default_factory=list)
    template_name: str = "adviesraad/advies/pdf/raadsvoorlegger.html"

    def get_context(self) -> dict[str, Any]:
        return {
            "titel": f"Voorlegger advies {self.aanvraag.kenmerk}: {self.aanvraag.titel}",
            "aanvraag": self.aanvraag,
            "alineas": self.alineas,
            "punten": self.punten,
        }

    def als_tekst(self) -> str:
        regels = [*self.alineas, ""]
        for nummer, tekst, oordeel, toelichting in self.punten:
            regels.append(f"{nummer}. {tekst}")
            regels.append(
                f"   Reactie college: {oordeel}{f' – {toelichting}' if toelichting else ''}"
            )
        return "\n".join(regels).strip() + "\n"
