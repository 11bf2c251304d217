"""The daily digest e-mail: plain text and HTML from templates, B1 Dutch, absolute links.

Confidential items show a neutral line ("Er is een vertrouwelijk punt ..."): e-mail leaves the
municipality's systems, so titles of concept policy never go in it. Only a neutral reference
(``kenmerk``, e.g. an advice request's number) tells the reader which item it is.

A long digest is summarised: the first ``MAX_PUNTEN`` items (the earliest deadlines) are listed,
then one line "En nog X punten" with a link to the portal. Overdue items of many years could
otherwise make one e-mail of a hundred thousand lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Herinnering

#: At most this many items are written out in one digest; the rest is one summary line.
MAX_PUNTEN = 50


def absolute_url(pad: str) -> str:
    if pad.startswith(("http://", "https://")):
        return pad
    return settings.SITE_URL.rstrip("/") + "/" + pad.lstrip("/")


def onderwerp(aantal: int) -> str:
    if aantal == 1:
        return "Herinnering van de Adviesraad sociaal domein: 1 punt"
    return f"Herinnering van de Adviesraad sociaal domein: {aantal} punten"


def dagoverzicht_mail(
    *, ontvanger: Any, herinneringen: Sequence[Herinnering], aantal: int | None = None
) -> EmailMultiAlternatives:
    """The digest of ``herinneringen`` (sorted by deadline). ``aantal`` is the number of items
    the digest holds when the caller passes only the first ``MAX_PUNTEN`` of them."""
    aantal = len(herinneringen) if aantal is None else aantal
    getoond = herinneringen[:MAX_PUNTEN]
    with translation.override("nl"):
        context = {
            "ontvanger": ontvanger,
            "herinneringen": [
                {
                    "deadline": h.deadline,
                    "tekst": h.tekst,
                    "onderwerp": h.onderwerp_label,
                    "vertrouwelijk": h.vertrouwelijk,
                    "kenmerk": h.kenmerk,
                    "url": absolute_url(h.link),
                    "verplicht": h.verplicht,
                }
                for h in getoond
            ],
            "nog": max(aantal - len(getoond), 0),
            "voorkeuren_url": absolute_url(reverse("herinneringen:voorkeuren")),
            "portaal_url": absolute_url(reverse("portal:home")),
        }
        tekst = render_to_string("notifications/email/dagoverzicht.txt", context)
        html = render_to_string("notifications/email/dagoverzicht.html", context)
    mail = EmailMultiAlternatives(
        subject=onderwerp(aantal),
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[ontvanger.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    mail.attach_alternative(html, "text/html")
    return mail
