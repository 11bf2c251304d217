"""Security review of the advice workflow: the chair's shorter advice period is a write like any
other and leaves an audit line (actor, action, object, result, time)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from adviesraad.advies.services.aanvraag import kortere_termijn_afspreken

from .helpers import gevraagd

pytestmark = pytest.mark.django_db


def test_kortere_termijn_heeft_een_auditregel(
    raad: dict[str, Any], pdf_bytes: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    korter = timezone.localdate() + timedelta(weeks=3)
    voorzitter = raad["voorzitter"].user
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    kortere_termijn_afspreken(
        aanvraag=aanvraag, advies_uiterlijk=korter, afspraak="Spoed.", door=voorzitter
    )
    assert any(
        f"actor={voorzitter.pk} action=kortere_termijn object=adviesaanvraag:{aanvraag.pk} "
        f"result=ok uiterlijk={korter.isoformat()} " in r.getMessage()
        for r in caplog.records
    )


def test_dismissed_member_loses_advice_requests_and_their_files_at_once(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    from django.http import Http404

    from adviesraad.advies import selectors
    from adviesraad.models import EindeReden
    from adviesraad.services.termijnen import termijn_beeindigen
    from hengelo_participatie.files.policy import bestand_policy

    lid = raad["leden"][0]
    aanvraag = gevraagd(raad, pdf_bytes)
    bestand = aanvraag.documenten.get().bestand
    assert selectors.aanvraag_voor(lid.user, aanvraag.pk) == aanvraag
    assert bestand_policy.user_has_perm_for_object(lid.user, "view", bestand)

    termijn = lid.termijnen.get()
    termijn_beeindigen(
        termijn=termijn,
        reden=EindeReden.ONTHEFFING,
        laatste_dag=timezone.localdate() - timedelta(days=1),
        toelichting="Belangenverstrengeling.",
        besluitdatum=timezone.localdate(),
        besluit_kenmerk="B-2026-1",
        door=raad["accounthouder"],
    )
    lid.user.refresh_from_db()
    # Not after the nightly task: right away.
    with pytest.raises(Http404):
        selectors.aanvraag_voor(lid.user, aanvraag.pk)
    assert not bestand_policy.user_has_perm_for_object(lid.user, "view", bestand)
