"""Making the yearly report PDF: the work of the Celery task ``jaarrapportage_maken``."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from hengelo_participatie import pdf
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.files.services import bestand_opslaan

from ..documents import JaarrapportagePdf
from ..jaarrapport import jaarrapport
from ..models import Jaarrapportage, JaarrapportageStatus

logger = logging.getLogger("hengelo_participatie.participatiemix")


def _voortgang(rapportage_id: int, **velden: Any) -> None:
    # A plain UPDATE, committed at once, so the polling page sees each step (no history model).
    Jaarrapportage.objects.filter(pk=rapportage_id).update(**velden)


def jaarrapportage_genereren(*, rapportage_id: int) -> str:
    """The work of the Celery task: figures → HTML → PDF → private file. Returns the status.

    Idempotent: a finished request is left alone. Not one transaction: each progress step is
    committed so the page can show it. A render error marks the request ``mislukt``.
    """
    rapportage = Jaarrapportage.objects.filter(pk=rapportage_id).first()
    if rapportage is None or rapportage.status == JaarrapportageStatus.KLAAR:
        return rapportage.status if rapportage else "ontbreekt"
    if rapportage.aangevraagd_door is None:  # the account was removed in the meantime
        _voortgang(rapportage_id, status=JaarrapportageStatus.MISLUKT, foutmelding="geen aanvrager")
        audit.vastleggen(None, Actie.JAARRAPPORTAGE_GENEREREN, rapportage, "mislukt:geen_aanvrager")
        return JaarrapportageStatus.MISLUKT
    _voortgang(rapportage_id, status=JaarrapportageStatus.BEZIG, voortgang=10, foutmelding="")
    rapport = jaarrapport(jaar=rapportage.jaar, peildatum=rapportage.peildatum)
    _voortgang(rapportage_id, voortgang=40)
    try:
        inhoud = pdf.render(JaarrapportagePdf(rapport=rapport, aangemaakt_op=timezone.now()))
    except pdf.PdfRenderError as exc:
        logger.exception("jaarrapportage %s mislukt", rapportage_id)
        _voortgang(rapportage_id, status=JaarrapportageStatus.MISLUKT, foutmelding=str(exc)[:500])
        audit.vastleggen(None, Actie.JAARRAPPORTAGE_GENEREREN, rapportage, "mislukt")
        return JaarrapportageStatus.MISLUKT
    _voortgang(rapportage_id, voortgang=80)
    with transaction.atomic():
        upload = SimpleUploadedFile(
            f"jaarrapportage-participatiemix-{rapportage.jaar}.pdf", inhoud, "application/pdf"
        )
        bestand = bestand_opslaan(
            upload=upload, door=rapportage.aangevraagd_door, vertrouwelijk=False
        )
        _voortgang(
            rapportage_id,
            status=JaarrapportageStatus.KLAAR,
            voortgang=100,
            pdf=bestand,
            gereed_op=timezone.now(),
        )
    audit.vastleggen(None, Actie.JAARRAPPORTAGE_GENEREREN, rapportage)
    return JaarrapportageStatus.KLAAR
