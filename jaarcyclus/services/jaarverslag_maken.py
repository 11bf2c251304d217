"""Making the annual report (or presentation pack) PDF: the work of the Celery task
``jaarverslag_maken``, in the shape of the participatiemix's yearly report."""

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

from ..documents import JaarverslagPdf, PresentatiePdf
from ..jaarverslag import jaarcijfers
from ..models import Jaarverslag, VerslagSoort, VerslagStatus

logger = logging.getLogger("hengelo_participatie.jaarcyclus")


def _voortgang(verslag_id: int, **velden: Any) -> None:
    # A plain UPDATE, committed at once, so the polling page sees each step (no history model).
    Jaarverslag.objects.filter(pk=verslag_id).update(**velden)


def jaarverslag_genereren(*, verslag_id: int) -> str:
    """Figures → HTML → PDF → private file. Idempotent: a finished request is left alone. Each
    progress step is committed so the page can show it; a render error marks it ``mislukt``."""
    verslag = Jaarverslag.objects.filter(pk=verslag_id).first()
    if verslag is None or verslag.status == VerslagStatus.KLAAR:
        return verslag.status if verslag else "ontbreekt"
    if verslag.aangevraagd_door is None:
        _voortgang(verslag_id, status=VerslagStatus.MISLUKT, foutmelding="geen aanvrager")
        audit.vastleggen(None, Actie.JAARVERSLAG_GENEREREN, verslag, "mislukt:geen_aanvrager")
        return VerslagStatus.MISLUKT
    _voortgang(verslag_id, status=VerslagStatus.BEZIG, voortgang=10, foutmelding="")
    cijfers = jaarcijfers(jaar=verslag.jaar, peildatum=verslag.peildatum)
    _voortgang(verslag_id, voortgang=40)
    soort = PresentatiePdf if verslag.soort == VerslagSoort.PRESENTATIE else JaarverslagPdf
    try:
        inhoud = pdf.render(soort(cijfers=cijfers, aangemaakt_op=timezone.now()))
    except pdf.PdfRenderError as exc:
        logger.exception("jaarverslag %s mislukt", verslag_id)
        _voortgang(verslag_id, status=VerslagStatus.MISLUKT, foutmelding=str(exc)[:500])
        audit.vastleggen(None, Actie.JAARVERSLAG_GENEREREN, verslag, "mislukt")
        return VerslagStatus.MISLUKT
    _voortgang(verslag_id, voortgang=80)
    with transaction.atomic():
        upload = SimpleUploadedFile(
            f"{verslag.soort}-adviesraad-{verslag.jaar}.pdf", inhoud, "application/pdf"
        )
        bestand = bestand_opslaan(upload=upload, door=verslag.aangevraagd_door, vertrouwelijk=False)
        _voortgang(
            verslag_id,
            status=VerslagStatus.KLAAR,
            voortgang=100,
            pdf=bestand,
            gereed_op=timezone.now(),
        )
    audit.vastleggen(None, Actie.JAARVERSLAG_GENEREREN, verslag)
    return VerslagStatus.KLAAR
