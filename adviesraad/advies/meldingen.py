"""E-mail to members about the advice workflow, in one module.

For now every message is sent with ``send_mail`` after the transaction commits
(``transaction.on_commit``), one e-mail per recipient. The reminder engine
(``hengelo_participatie/notifications``) replaces the body of ``_versturen`` with its outbox: the
callers in ``services.py`` only name *what* happened and *to whom*.

An e-mail leaves our control (forwarded, on a phone, in a shared mailbox). The templates in
``templates/adviesraad/advies/email/`` therefore name a request by its reference number
(``kenmerk``) and a link to the portal only, never by its title or summary: those are
confidential until the advice is published, and the portal checks who may read them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from adviesraad.models.advies import Adviesaanvraag

logger = logging.getLogger("hengelo_participatie.adviesraad")


def portaal_url(naam: str, aanvraag: Adviesaanvraag) -> str:
    try:
        pad = reverse(naam, args=[aanvraag.pk])
    except NoReverseMatch:  # the portal is not mounted (yet)
        pad = "/portaal/advies/"
    return f"{str(settings.SITE_URL).rstrip('/')}{pad}"


def _versturen(*, soort: str, aanvraag_pk: int, onderwerp: str, tekst: str, aan: list[str]) -> None:
    for adres in aan:
        try:
            send_mail(onderwerp, tekst, None, [adres], fail_silently=False)
        except Exception:  # noqa: BLE001 - a failed e-mail must not undo the workflow
            logger.exception("melding=%s aanvraag=%s result=mislukt", soort, aanvraag_pk)
        else:
            logger.info("melding=%s aanvraag=%s result=verzonden", soort, aanvraag_pk)


def melden(
    *, soort: str, aanvraag: Adviesaanvraag, ontvangers: Iterable[Any], context: dict[str, Any]
) -> None:
    """Register one e-mail per recipient (user objects), sent after commit."""
    aan = sorted({u.email for u in ontvangers if getattr(u, "email", "") and u.is_active})
    if not aan:
        return
    ctx = {"aanvraag": aanvraag, **context}
    onderwerp = render_to_string(f"adviesraad/advies/email/{soort}_onderwerp.txt", ctx).strip()
    tekst = render_to_string(f"adviesraad/advies/email/{soort}.txt", ctx)
    pk = aanvraag.pk
    transaction.on_commit(
        lambda: _versturen(soort=soort, aanvraag_pk=pk, onderwerp=onderwerp, tekst=tekst, aan=aan)
    )
