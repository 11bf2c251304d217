"""Charts of the annual report as SVG, made on the server with pygal.

Why pygal: it is pure Python (no NumPy, no C extension, no font cache to build), writes plain SVG
with the chart title as ``<title>``, and its output needs no JavaScript (``js=[]``). matplotlib's
SVG backend would bring NumPy and a much larger install for three bar charts.

Every chart is one SVG string, used twice, unchanged:

* in the page as ``<img src="data:image/svg+xml;base64,...">`` (the strict CSP allows ``data:``
  images but no inline ``<style>``; an SVG image keeps its own styles);
* in the PDF inline (WeasyPrint draws inline SVG; our URL fetcher refuses SVG data URLs).

Each chart gets an accessible name and description inside the SVG (``<title>``, ``<desc>``,
``role="img"``, ``aria-labelledby``) and always sits next to a table with the same figures, so
nothing is conveyed by the picture alone.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pygal
from pygal.style import Style

STIJL = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#555555",
    colors=("#00577c",),
    font_family='"Noto Sans", sans-serif',
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=12,
    title_font_size=14,
)


@dataclass(frozen=True)
class Grafiek:
    sleutel: str
    titel: str
    beschrijving: str
    svg: str

    @property
    def data_url(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _toegankelijk(svg: str, *, sleutel: str, titel: str, beschrijving: str) -> str:
    """Give the root ``<svg>`` a role, a title and a description (before anything else)."""
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)  # pygal's banner with a date
    # pygal always writes its tooltip config as a <script>, even with js=[]: a static chart
    # needs none (an <img> would not run it, WeasyPrint neither), so it goes.
    svg = re.sub(r"<script.*?</script>", "", svg, flags=re.DOTALL)
    svg = re.sub(r' id="chart-[0-9a-f-]+"', f' id="grafiek-{sleutel}"', svg, count=1)
    svg = re.sub(r"#chart-[0-9a-f-]+", f"#grafiek-{sleutel}", svg)
    kop, _, rest = svg.partition(">")
    return (
        f'{kop} role="img" aria-labelledby="{sleutel}-titel {sleutel}-desc">'
        f'<title id="{sleutel}-titel">{escape(titel)}</title>'
        f'<desc id="{sleutel}-desc">{escape(beschrijving)}</desc>{rest}'
    )


def staafgrafiek(
    *,
    sleutel: str,
    titel: str,
    labels: list[str],
    waarden: list[int | None],
    eenheid: str = "%",
    maximum: int = 100,
    horizontaal: bool = False,
) -> Grafiek:
    """A bar chart of ``waarden`` (None: no bar) with ``labels``; the description lists each
    pair in words, the same figures as the table next to it."""
    soort = pygal.HorizontalBar if horizontaal else pygal.Bar
    grafiek = soort(
        style=STIJL,
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        width=640,
        height=300 if not horizontaal else max(160, 48 * len(labels) + 80),
        range=(0, maximum),
        value_formatter=lambda v: f"{v:g}{eenheid}",
        title=None,
        no_data_text="Geen gegevens",
    )
    grafiek.x_labels = labels
    grafiek.add(titel, waarden)
    delen = [
        f"{label}: {'geen gegevens' if w is None else f'{w}{eenheid}'}"
        for label, w in zip(labels, waarden, strict=True)
    ]
    beschrijving = f"{titel}. " + "; ".join(delen) + "."
    svg = grafiek.render(is_unicode=True)
    return Grafiek(
        sleutel=sleutel,
        titel=titel,
        beschrijving=beschrijving,
        svg=_toegankelijk(svg, sleutel=sleutel, titel=titel, beschrijving=beschrijving),
    )
