"""The report's versions: every saved concept is a new version, a sent version is frozen."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from adviesraad.models.advies import Advies, Adviesaanvraag, Adviespunt
from hengelo_participatie.core.schrijven import opslaan
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.files.services import bestand_opslaan

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def huidige_versie(aanvraag: Adviesaanvraag) -> Advies | None:
    return aanvraag.versies.order_by("-versie").first()


def nieuwe_versie(
    aanvraag: Adviesaanvraag,
    *,
    inleiding: str,
    punten: Sequence[str],
    door: User | None,
    reden: str,
) -> Advies:
    vorige = huidige_versie(aanvraag)
    advies = Advies(
        aanvraag=aanvraag,
        versie=(vorige.versie + 1) if vorige else 1,
        inleiding=inleiding,
        reden=reden[:300],
        aangemaakt_door=door,
    )
    opslaan(advies, door=None, reden="")
    Adviespunt.objects.bulk_create(
        [Adviespunt(advies=advies, nummer=i, tekst=t) for i, t in enumerate(punten, start=1)]
    )
    return advies


def pdf_opslaan(inhoud: bytes, naam: str, door: User | None) -> Bestand:
    """Store a rendered letter as a confidential file (uploaded by ``door``, or by the system)."""
    if door is not None:
        upload = SimpleUploadedFile(naam, inhoud, content_type="application/pdf")
        return bestand_opslaan(upload=upload, door=door, vertrouwelijk=True)
    bestand = Bestand(
        oorspronkelijke_naam=naam,
        content_type="application/pdf",
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        vertrouwelijk=True,
    )
    bestand.bestand.save("document.pdf", ContentFile(inhoud), save=False)
    bestand.full_clean(exclude=["geupload_door"])  # made by the system itself
    bestand.save()
    return bestand
