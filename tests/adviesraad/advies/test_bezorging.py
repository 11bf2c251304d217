"""Issue 14 point 1: delivery to the College through the outbox, against a real SMTP server.

* The e-mail arrives at the addresses of the setting in force; the attachment's bytes hash to
  the SHA-256 recorded on the attempt (and are the stored PDF's bytes).
* With the SMTP server down the delivery is retried with backoff and arrives exactly once when
  the server is back; every attempt is recorded.
* A delivery that gave up shows on the advice page with a resend, which carries the same bytes.
* Receipt: the account holder records the registration date and the case number; the response
  period runs from that date (a rule).
"""

from __future__ import annotations

import email
import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from email import policy
from typing import Any

import pytest
from celery import signals
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from adviesraad.advies.services import bezorging as bezorg_services
from adviesraad.advies.services.aanvraag import overgang_uitvoeren
from adviesraad.advies.services.reactietermijn import ontvangst_bevestigen
from adviesraad.advies.services.versie import huidige_versie
from adviesraad.models.advies import Status
from adviesraad.models.college import Bezorging, Bezorgstatus, Ontvangersoort
from hengelo_participatie.celery import app as celery_app
from tests.conftest import count_queries, reset_app_connections
from verordening.rules import Sleutel, rule

from .conftest import SmtpServer, vrije_poort
from .helpers import gevraagd, iedereen_akkoord, tot_ter_goedkeuring, tot_verzonden

pytestmark = pytest.mark.django_db

SECRETARIAAT = "bestuurssecretariaat@hengelo.example"


@pytest.fixture
def adres(db: None) -> Any:
    return bez_instellen(SECRETARIAAT, timezone.localdate() - timedelta(days=30))


def bez_instellen(adressen: str, vanaf: date) -> Any:
    return bezorg_services.ontvangers_vastleggen(
        soort=Ontvangersoort.COLLEGE, adressen=adressen, geldig_vanaf=vanaf, door=None
    )


def _bijlage(raw: bytes) -> tuple[Any, bytes]:
    bericht = email.message_from_bytes(raw, policy=policy.default)
    bijlagen = [d for d in bericht.iter_attachments() if d.get_content_type() == "application/pdf"]
    assert len(bijlagen) == 1
    return bericht, bijlagen[0].get_content()


def _verzonden(raad: dict[str, Any], pdf_bytes: bytes) -> Any:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    return aanvraag


def test_real_smtp_receives_the_advice_with_the_recorded_sha256(
    raad: dict[str, Any], pdf_bytes: bytes, smtp_server: SmtpServer, adres: Any
) -> None:
    aanvraag = _verzonden(raad, pdf_bytes)
    bezorging = Bezorging.objects.get(aanvraag=aanvraag)
    assert bezorging.status == Bezorgstatus.WACHTEND  # written with the step, not sent yet
    assert smtp_server.berichten == []

    resultaat = bezorg_services.bezorgingen_versturen()

    assert resultaat.bezorgd == [bezorging.pk]
    assert len(smtp_server.berichten) == 1
    ontvangers, raw = smtp_server.berichten[0]
    assert ontvangers == [SECRETARIAAT]
    bericht, inhoud = _bijlage(raw)
    poging = bezorging.pogingen_log.get()
    assert poging.gelukt
    assert hashlib.sha256(inhoud).hexdigest() == poging.sha256
    advies = huidige_versie(aanvraag)
    assert inhoud == advies.pdf.bestand.open("rb").read()
    assert poging.sha256 == advies.pdf.sha256
    assert str(bericht["Message-ID"]).strip() == bezorging.message_id == poging.message_id
    assert poging.adressen == SECRETARIAAT
    assert aanvraag.kenmerk in bericht["Subject"]
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    assert "Geacht college," in tekst and "zaaknummer" in tekst
    bezorging.refresh_from_db()
    assert bezorging.status == Bezorgstatus.BEZORGD and bezorging.bezorgd_op is not None
    # Idempotent: another run sends nothing more.
    assert bezorg_services.bezorgingen_versturen().bezorgd == []
    assert len(smtp_server.berichten) == 1


def test_smtp_down_is_retried_and_arrives_exactly_once_when_back(
    raad: dict[str, Any], pdf_bytes: bytes, smtp_server: SmtpServer, adres: Any
) -> None:
    aanvraag = _verzonden(raad, pdf_bytes)
    smtp_server.stop()
    eerste = bezorg_services.bezorgingen_versturen()
    assert eerste.bezorgd == [] and len(eerste.mislukt) == 1
    assert eerste.laatste_fout is not None  # the task re-raises it and Celery retries
    bezorging = Bezorging.objects.get(aanvraag=aanvraag)
    assert bezorging.status == Bezorgstatus.WACHTEND
    assert bezorging.volgende_poging_op is not None  # backoff
    assert bezorging.volgende_poging_op > timezone.now()
    # Within the backoff nothing is tried again.
    assert bezorg_services.bezorgingen_versturen().mislukt == []
    fout = bezorging.pogingen_log.get()
    assert not fout.gelukt and "Connection" in fout.resultaat
    assert fout.sha256 == huidige_versie(aanvraag).pdf.sha256

    smtp_server.start()
    # The backoff has passed (as if the beat ran a few minutes later).
    Bezorging.objects.filter(pk=bezorging.pk).update(volgende_poging_op=timezone.now())
    assert bezorg_services.bezorgingen_versturen().bezorgd == [bezorging.pk]
    assert bezorg_services.bezorgingen_versturen().bezorgd == []
    assert len(smtp_server.berichten) == 1
    _, inhoud = _bijlage(smtp_server.berichten[0][1])
    pogingen = list(bezorging.pogingen_log.order_by("op", "pk"))
    assert [p.gelukt for p in pogingen] == [False, True]
    assert hashlib.sha256(inhoud).hexdigest() == pogingen[1].sha256
    bezorging.refresh_from_db()
    assert bezorging.status == Bezorgstatus.BEZORGD and bezorging.pogingen == 2


def test_failed_delivery_shows_on_the_page_and_a_resend_carries_the_same_bytes(
    raad: dict[str, Any], pdf_bytes: bytes, smtp_server: SmtpServer, client_van: Any
) -> None:
    # No address set yet: the row is kept, "niet gelukt", with what to do.
    aanvraag = _verzonden(raad, pdf_bytes)
    bezorging = Bezorging.objects.get(aanvraag=aanvraag)
    assert bezorging.status == Bezorgstatus.MISLUKT
    url = reverse("advies:detail", args=[aanvraag.pk])
    ondersteuner = client_van(raad["ondersteuner"])
    pagina = ondersteuner.get(url).content.decode()
    assert "niet aangekomen" in pagina
    assert "Er is geen e-mailadres ingesteld" in pagina
    opnieuw = reverse("advies:opnieuw_bezorgen", args=[aanvraag.pk, bezorging.pk])
    assert f'action="{opnieuw}"' in pagina
    # A member sees the state but may not resend.
    lid = client_van(raad["leden"][0].user)
    assert f'action="{opnieuw}"' not in lid.get(url).content.decode()
    assert lid.post(opnieuw).status_code == 404
    # Without an address a resend is refused with the reason.
    antwoord = ondersteuner.post(opnieuw, follow=True)
    assert "nog geen e-mailadres ingesteld" in antwoord.content.decode()
    bez_instellen(SECRETARIAAT, timezone.localdate())
    assert ondersteuner.post(opnieuw).status_code == 302
    bezorging.refresh_from_db()
    assert bezorging.status == Bezorgstatus.WACHTEND and bezorging.ontvangers == SECRETARIAAT
    bezorg_services.bezorgingen_versturen()
    _, inhoud = _bijlage(smtp_server.berichten[0][1])
    assert inhoud == huidige_versie(aanvraag).pdf.bestand.open("rb").read()
    pagina = ondersteuner.get(url).content.decode()
    assert "niet aangekomen" not in pagina and "Bezorgd" in pagina
    # Sent: no second resend.
    with pytest.raises(ValidationError):
        bezorg_services.opnieuw_bezorgen(bezorging=bezorging, door=raad["ondersteuner"])


def test_recipients_are_an_effective_dated_setting(raad: dict[str, Any]) -> None:
    vandaag = timezone.localdate()
    bez_instellen("oud@hengelo.example", vandaag - timedelta(days=60))
    bez_instellen("nieuw@hengelo.example\npostbus@hengelo.example", vandaag + timedelta(days=10))
    assert bezorg_services.ontvangers_op(Ontvangersoort.COLLEGE, vandaag).lijst == [
        "oud@hengelo.example"
    ]
    assert bezorg_services.ontvangers_op(
        Ontvangersoort.COLLEGE, vandaag + timedelta(days=10)
    ).lijst == ["nieuw@hengelo.example", "postbus@hengelo.example"]
    with pytest.raises(ValidationError):
        bez_instellen("geen adres", vandaag)
    with pytest.raises(PermissionDenied):
        bezorg_services.ontvangers_vastleggen(
            soort=Ontvangersoort.COLLEGE,
            adressen="x@hengelo.example",
            geldig_vanaf=vandaag,
            door=raad["ondersteuner"],
        )
    nieuw = bezorg_services.ontvangers_vastleggen(
        soort=Ontvangersoort.COLLEGE,
        adressen="x@hengelo.example",
        geldig_vanaf=vandaag,
        door=raad["accounthouder"],
    )
    assert nieuw.history.first().history_user == raad["accounthouder"]


def test_receipt_confirmation_starts_the_response_period_from_the_rule(
    raad: dict[str, Any], pdf_bytes: bytes, adres: Any, client_van: Any
) -> None:
    aanvraag = _verzonden(raad, pdf_bytes)
    bezorging = Bezorging.objects.get(aanvraag=aanvraag)
    geregistreerd = timezone.localdate()
    url = reverse("advies:ontvangst", args=[aanvraag.pk])
    houder = client_van(raad["accounthouder"])
    assert client_van(raad["ondersteuner"]).get(url).status_code == 404
    assert houder.get(url).status_code == 200
    fout = houder.post(url, {"geregistreerd_op": geregistreerd.isoformat(), "zaaknummer": ""})
    assert fout.status_code == 200 and "Vul het zaaknummer" in fout.content.decode()
    antwoord = houder.post(
        url, {"geregistreerd_op": geregistreerd.isoformat(), "zaaknummer": "Z-2026-9999"}
    )
    assert antwoord.status_code == 302
    bezorging.refresh_from_db()
    aanvraag.refresh_from_db()
    assert bezorging.geregistreerd_op == geregistreerd
    assert bezorging.zaaknummer == aanvraag.zaaknummer == "Z-2026-9999"
    termijn = rule(Sleutel.REACTIETERMIJN_COLLEGE, on=geregistreerd)
    assert aanvraag.reactie_uiterlijk == termijn.waarde.na(geregistreerd)
    assert "na registratie door het college" in aanvraag.reactie_uiterlijk_bron
    with pytest.raises(ValidationError):
        ontvangst_bevestigen(
            bezorging=bezorging,
            geregistreerd_op=geregistreerd + timedelta(days=1),
            zaaknummer="Z",
            door=raad["accounthouder"],
        )


def test_new_pages_have_a_fixed_query_count(
    raad: dict[str, Any], pdf_bytes: bytes, adres: Any, client_van: Any
) -> None:
    """The advice page (deliveries, attempts, follow-up) and the receipt and extension forms
    cost the same number of queries with 1 and with 10 sent advices (each delivered)."""
    eerste = _verzonden(raad, pdf_bytes)
    houder, chair = client_van(raad["accounthouder"]), client_van(raad["voorzitter"].user)
    paginas = {
        "detail": (houder, reverse("advies:detail", args=[eerste.pk])),
        "ontvangst": (houder, reverse("advies:ontvangst", args=[eerste.pk])),
        "reactietermijn": (chair, reverse("advies:reactietermijn", args=[eerste.pk])),
    }

    def meten() -> dict[str, int]:
        bezorg_services.bezorgingen_versturen()  # one attempt each (locmem mail)
        gemeten = {}
        for naam, (client, url) in paginas.items():
            client.get(url)  # warm up
            gemeten[naam], antwoord = count_queries(lambda c=client, u=url: c.get(u))
            assert antwoord.status_code == 200, naam
        return gemeten

    een = meten()
    for i in range(1, 10):
        _verzonden_met_titel(raad, pdf_bytes, i)
    tien = meten()
    assert een == tien
    # The advice page was already the heaviest portal page; the forms stay within 10.
    assert tien["detail"] <= 25 and tien["ontvangst"] <= 10 and tien["reactietermijn"] <= 10


def _verzonden_met_titel(raad: dict[str, Any], pdf_bytes: bytes, i: int) -> Any:
    aanvraag = gevraagd(raad, pdf_bytes, titel=f"Advies {i}", zaaknummer=f"Z-{i}")
    tot_verzonden(aanvraag, raad)
    return aanvraag


@pytest.fixture
def dode_broker() -> Iterator[None]:
    """The broker on a closed port, and no in-process shortcut: as in production with Redis down."""
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    reset_app_connections(celery_app)
    celery_app.conf.update(
        broker_url=f"redis://127.0.0.1:{vrije_poort()}/0", task_always_eager=False
    )
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        reset_app_connections(celery_app)


def test_sending_never_touches_the_broker_and_is_delivered_when_the_task_runs(
    raad: dict[str, Any],
    pdf_bytes: bytes,
    adres: Any,
    client_van: Any,
    smtp_server: SmtpServer,
    dode_broker: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    iedereen_akkoord(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["voorzitter"].user)
    gepubliceerd: list[str] = []

    def publicatie(sender: Any = None, **kwargs: Any) -> None:
        gepubliceerd.append(str(sender))

    signals.before_task_publish.connect(publicatie, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = client_van(raad["ondersteuner"]).post(
                reverse("advies:overgang", args=[aanvraag.pk, Status.VERZONDEN])
            )
    finally:
        signals.before_task_publish.disconnect(publicatie)
    assert antwoord.status_code == 302
    assert gepubliceerd == []  # the request did not even try the broker
    bezorging = Bezorging.objects.get(aanvraag=aanvraag)
    assert bezorging.status == Bezorgstatus.WACHTEND  # in the outbox, not lost
    assert smtp_server.berichten == []
    # The periodic task (here its work, in-process) delivers it once the broker is back.
    assert bezorg_services.bezorgingen_versturen().bezorgd == [bezorging.pk]
    assert [naar for naar, _ in smtp_server.berichten] == [[SECRETARIAAT]]
