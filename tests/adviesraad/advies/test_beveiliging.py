"""Security review of the advice workflow: the chair's shorter advice period is a write like any
other and leaves an audit line (actor, action, object, result, time)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from adviesraad.advies import services

from .helpers import gevraagd

pytestmark = pytest.mark.django_db


def test_kortere_termijn_heeft_een_auditregel(
    raad: dict[str, Any], pdf_bytes: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    korter = timezone.localdate() + timedelta(weeks=3)
    voorzitter = raad["voorzitter"].user
    caplog.set_level(logging.INFO, logger="hengelo_participatie.adviesraad")
    services.kortere_termijn_afspreken(
        aanvraag=aanvraag, advies_uiterlijk=korter, afspraak="Spoed.", door=voorzitter
    )
    assert any(
        f"actor={voorzitter.pk} action=kortere_termijn object=adviesaanvraag:{aanvraag.pk} "
        f"result=ok uiterlijk={korter.isoformat()} " in r.getMessage()
        for r in caplog.records
    )
