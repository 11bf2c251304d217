"""The daily scan stays bounded as overdue items pile up over the years (issue 16).

* an overdue item is offered only within the catch-up window (``registry.INHAALTERMIJN``) and sent
  once: scanning every day for months sends it once and then stops reading it;
* the scan costs a fixed number of queries per batch, at two data sizes, with the real provider
  of the College's overdue responses;
* a digest of many items lists the first ``email.MAX_PUNTEN`` and summarises the rest.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from adviesraad.advies import deadlines as ad
from adviesraad.models.advies import Adviesaanvraag, Soort, Status
from hengelo_participatie.notifications import email, registry, services
from hengelo_participatie.notifications.models import Herinnering
from tests.conftest import count_queries
from tests.factories import UserFactory
from verordening.rules import rule

from .conftest import deadline

pytestmark = pytest.mark.django_db
DAG = date(2026, 5, 4)
STAF = ("ondersteuner", "accounthouder")


@pytest.fixture
def staf():
    return [UserFactory(roles=[rol]) for rol in STAF]


def _wachtend_op_college(aantal: int, *, uiterlijk: date, start: int = 0) -> list[int]:
    """``aantal`` sent advice requests whose College response is due on ``uiterlijk``, without
    a response (bulk, so the data sizes stay quick)."""
    Adviesaanvraag.objects.bulk_create(
        Adviesaanvraag(
            kenmerk=f"T-{start + i:06d}",
            soort=Soort.GEVRAAGD,
            status=Status.VERZONDEN,
            titel=f"Aanvraag {start + i}",
            reactie_uiterlijk=uiterlijk,
        )
        for i in range(aantal)
    )
    return list(
        Adviesaanvraag.objects.filter(kenmerk__startswith="T-").values_list("pk", flat=True)
    )


def _reactie_college(op: date) -> list[registry.Deadline]:
    return list(registry.provider(ad.REACTIE_COLLEGE).deadlines(op))


def test_een_te_late_reactie_wordt_alleen_binnen_het_inhaalvenster_aangeboden(staf):
    [pk] = _wachtend_op_college(1, uiterlijk=DAG)
    grens = DAG + registry.INHAALTERMIJN
    assert {d.onderwerp_id for d in _reactie_college(DAG + timedelta(days=1))} == {pk}
    assert {d.onderwerp_id for d in _reactie_college(grens)} == {pk}
    # Past the window the provider does not read it at all any more.
    assert _reactie_college(grens + timedelta(days=1)) == []
    assert _reactie_college(DAG + timedelta(days=400)) == []


def test_elke_dag_scannen_verstuurt_een_te_late_reactie_een_keer(staf):
    _wachtend_op_college(3, uiterlijk=DAG)
    lead = rule(ad.HERINNERING_REACTIE_COLLEGE, on=DAG).waarde
    begin = lead.voor(DAG)
    verzonden_per_dag: list[int] = []
    dag = begin
    while dag <= DAG + timedelta(days=90):
        resultaat = services.herinneringen_verwerken(op=dag)
        verzonden_per_dag.append(len(resultaat.bezorging.verzonden))
        dag += timedelta(days=1)
    # One reminder per request per staff member, in one digest per person, on the first day;
    # never again, although the response stays overdue for three months.
    reminders = Herinnering.objects.filter(soort=ad.REACTIE_COLLEGE)
    assert reminders.count() == 3 * len(staf)
    assert verzonden_per_dag[0] == len(staf)
    assert set(reminders.values_list("bericht__dag", flat=True)) == {begin}
    assert not reminders.filter(verzonden_op__isnull=True).exists()
    # The other kind about these requests is the overdue notice to the account holder
    # (``reactie_college_te_laat``, issue 14), also sent once: the day after the date.
    te_laat = Herinnering.objects.filter(soort=ad.REACTIE_COLLEGE_TE_LAAT)
    assert te_laat.count() == 3
    assert set(te_laat.values_list("bericht__dag", flat=True)) == {DAG + timedelta(days=1)}
    assert sum("T-0000" in m.body for m in mail.outbox) == len(staf) + 1
    # After the window, a daily scan offers nothing of it.
    assert _reactie_college(DAG + timedelta(days=90)) == []


def _scan_queries(batch: int) -> tuple[int, services.ScanResultaat]:
    return count_queries(lambda: services.herinneringen_plannen(op=DAG, batch_grootte=batch))


def test_scan_kost_een_vast_aantal_queries_per_batch_bij_twee_datagroottes(staf):
    batch = 20
    # A base without any request: what the other providers cost on this day.
    basis, leeg = _scan_queries(batch)
    assert leeg.deadlines == 0
    gemeten = {}
    for aantal in (30, 300):
        Adviesaanvraag.objects.all().delete()
        Herinnering.objects.all().delete()
        # Overdue within the window (sent once), and long overdue (not read at all).
        _wachtend_op_college(aantal, uiterlijk=DAG - timedelta(days=3))
        _wachtend_op_college(aantal, uiterlijk=DAG - timedelta(days=300), start=aantal)
        queries, resultaat = _scan_queries(batch)
        # Each overdue request: a reminder to both staff members, and the overdue notice to the
        # account holder (``reactie_college_te_laat``).
        per_aanvraag = len(staf) + 1
        assert resultaat.deadlines == aantal * per_aanvraag
        assert resultaat.batches == -(-aantal * per_aanvraag // batch)
        gemeten[aantal] = (queries, resultaat.batches)
    # The cost is a constant plus the same fixed cost per batch at both sizes (the provider's own
    # queries do not grow with the data): active recipients, switched-off kinds, one INSERT, and
    # the savepoint and release of the batch's transaction.
    (klein, batches_klein), (groot, batches_groot) = gemeten[30], gemeten[300]
    per_batch = (groot - klein) / (batches_groot - batches_klein)
    assert per_batch == 5
    vast = klein - per_batch * batches_klein
    assert vast == groot - per_batch * batches_groot
    assert vast - basis <= 5  # the requests, the two roles, content types
    assert Herinnering.objects.count() == 300 * (len(staf) + 1)


def test_een_lang_dagoverzicht_toont_de_eerste_punten_en_vat_de_rest_samen(testsoort, settings):
    settings.SITE_URL = "https://participatie.hengelo.nl"
    persoon = UserFactory()
    aantal = email.MAX_PUNTEN + 70
    testsoort(
        items=[
            deadline(persoon, nummer=i, datum=DAG + timedelta(days=i), tekst=f"Punt nummer {i}.")
            for i in range(aantal)
        ]
    )
    resultaat = services.herinneringen_verwerken(op=DAG)
    [bericht] = mail.outbox
    assert bericht.subject.endswith(f"{aantal} punten")
    assert "Punt nummer 0." in bericht.body
    assert f"Punt nummer {email.MAX_PUNTEN - 1}." in bericht.body
    assert f"Punt nummer {email.MAX_PUNTEN}." not in bericht.body
    assert "En nog 70 punten." in bericht.body
    html, _soort = bericht.alternatives[0]
    assert "En nog 70 punten." in html
    assert html.count("<li>") == email.MAX_PUNTEN
    assert resultaat.bezorging.verzonden[0].regels[-1] == "En nog 70 punten"
    # Every item of the digest counts as sent, also the summarised ones: none comes back.
    assert not Herinnering.objects.filter(verzonden_op__isnull=True).exists()
    services.herinneringen_verwerken(op=DAG + timedelta(days=1))
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("pk", [1, 7, 42, 1_000_000])
def test_link_per_pk_geeft_wat_reverse_geeft(pk):
    from django.urls import reverse

    assert registry.link_per_pk("advies:detail")(pk) == reverse("advies:detail", args=[pk])
