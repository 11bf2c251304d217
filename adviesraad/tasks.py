"""Daily housekeeping of the council's membership. Thin tasks: each calls one service, is
idempotent (running twice changes nothing more) and retries transient database failures.

Schedule them in hengelo_participatie/celery.py (beat), e.g. daily at 02:30 and 03:00.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from hengelo_participatie.core.schrijven import vandaag

from . import hooks
from .opschonen import persoonsgegevens_opschonen as opschonen
from .services.rollen import rollen_bijwerken_alle
from .services.termijnen import termijnen_afsluiten

RETRY_ON = (OperationalError, InterfaceError)


@shared_task(
    name="adviesraad.tasks.termijnen_en_rollen_bijwerken",
    autoretry_for=RETRY_ON,
    max_retries=5,
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def termijnen_en_rollen_bijwerken() -> dict[str, int]:
    """Close terms whose end date passed, make every account's council roles match, and bring
    the object grants on open advice requests and on meeting documents in line with who sits on
    the council."""
    op = vandaag()
    afgesloten = termijnen_afsluiten(op=op)
    gewijzigd = rollen_bijwerken_alle(op=op)
    # New members gain, and former members lose, access to open advice requests and to the
    # documents of the meetings they take part in: the sub-apps register here.
    hooks.dagelijks.uitvoeren()
    return {"afgesloten": afgesloten, "rollen_gewijzigd": gewijzigd}


@shared_task(
    name="adviesraad.tasks.persoonsgegevens_opschonen",
    autoretry_for=RETRY_ON,
    max_retries=5,
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def persoonsgegevens_opschonen() -> dict[str, int]:
    """The retention purge of candidates and former members (see ``adviesraad/opschonen.py``)."""
    resultaat = opschonen(today=vandaag())
    return {
        "kandidaten": resultaat.kandidaten,
        "oud_leden": resultaat.oud_leden,
        "accounts": resultaat.accounts,
    }
