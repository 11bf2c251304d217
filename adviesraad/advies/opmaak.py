"""Rich text of advice points: sanitised with nh3 to a few tags, no attributes, no URLs.

Stored sanitised, so every reader (portal, register, feed, PDF) gets the same safe HTML. Script
and style elements are dropped *with* their content; links and images are not allowed at all, so
nothing in an advice point can make the PDF renderer or a browser fetch anything.
"""

from __future__ import annotations

import html

import nh3

TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li"})


def opschonen(tekst: str) -> str:
    return nh3.clean(
        tekst or "",
        tags=set(TAGS),
        attributes={},
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    ).strip()


def platte_tekst(tekst: str) -> str:
    """The text without tags (feed summaries, the raadsvoorlegger)."""
    return html.unescape(nh3.clean(tekst or "", tags=set(), attributes={})).strip()
