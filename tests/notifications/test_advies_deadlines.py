"""The advice workflow's deadlines (adviesraad/advies/deadlines.py): advice due, approval round
closing, the College's response; recipients, lead windows, and a fixed query count."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from adviesraad.advies import deadlines as ad
from adviesraad.advies.services.aanvraag import overgang_uitvoeren
from adviesraad.advies.services.goedkeuring import goedkeuring_geven, open_ronde
from adviesraad.models.advies import (
    Advies,
    Adviesaanvraag,
    Goedkeuring,
    Goedkeuringsronde,
    Oordeel,
    Status,
)
from hengelo_participatie.notifications import registry
from tests.adviesraad.advies import conftest as advies_fixtures
from tests.adviesraad.advies.helpers import gevraagd, reactie, tot_ter_goedkeuring, tot_verzonden
from tests.conftest import count_queries
from verordening.rules import rule

pytestmark = pytest.mark.django_db

# The fixtures of tests/adviesraad/advies (a sitting council with staff; private files).
raad = advies_fixtures.raad
_prive = advies_fixtures._prive


def _van(kind: str, op: date) -> list[registry.Deadline]:
    return list(registry.provider(kind).deadlines(op))


def _ontvangers(deadlines: list[registry.Deadline]) -> set[int]:
    return {d.ontvanger_id for d in deadlines}


def _lead(sleutel: str, op: date):
    return rule(sleutel, on=op).waarde


def _met_advies_uiterlijk(aanvraag: Adviesaanvraag, uiterlijk: date) -> Adviesaanvraag:
    Adviesaanvraag.objects.filter(pk=aanvraag.pk).update(advies_uiterlijk=uiterlijk)
    aanvraag.refresh_from_db()
    return aanvraag


def test_de_soorten_zijn_geregistreerd():
    soorten = {p.kind: p for p in registry.providers()}
    assert {ad.ADVIES_UITERLIJK, ad.GOEDKEURINGSRONDE_SLUIT, ad.REACTIE_COLLEGE} <= set(soorten)
    assert soorten[ad.GOEDKEURINGSRONDE_SLUIT].mandatory is True
    assert soorten[ad.ADVIES_UITERLIJK].mandatory is False
    assert soorten[ad.REACTIE_COLLEGE].mandatory is False


def test_advies_uiterlijk_aan_ondersteuner_en_voorzitter_binnen_de_termijn(raad, pdf_bytes):
    uiterlijk = date(2027, 3, 15)
    aanvraag = _met_advies_uiterlijk(gevraagd(raad, pdf_bytes), uiterlijk)
    lead = _lead(ad.HERINNERING_ADVIES_UITERLIJK, uiterlijk)
    begin = lead.voor(uiterlijk)

    assert _van(ad.ADVIES_UITERLIJK, begin - timedelta(days=1)) == []
    assert _van(ad.ADVIES_UITERLIJK, uiterlijk + timedelta(days=1)) == []
    for op in (begin, uiterlijk):
        gevonden = _van(ad.ADVIES_UITERLIJK, op)
        assert _ontvangers(gevonden) == {raad["ondersteuner"].pk, raad["voorzitter"].user_id}
        assert len(gevonden) == 2

    d = _van(ad.ADVIES_UITERLIJK, begin)[0]
    assert d.soort == ad.ADVIES_UITERLIJK
    assert d.onderwerp == "adviesraad.adviesaanvraag"
    assert d.onderwerp_id == aanvraag.pk
    assert d.datum == uiterlijk
    assert d.link == reverse("advies:detail", args=[aanvraag.pk])
    assert d.tekst == "Het advies moet uiterlijk 15 maart 2027 naar het college."
    assert d.vertrouwelijk is True  # not published: the title stays out of e-mail


def test_verzonden_advies_geeft_geen_herinnering_advies_uiterlijk(raad, pdf_bytes):
    aanvraag = tot_verzonden(gevraagd(raad, pdf_bytes), raad)
    assert aanvraag.status == Status.VERZONDEN
    uiterlijk = aanvraag.reactie_uiterlijk  # any date in the future
    _met_advies_uiterlijk(aanvraag, uiterlijk)
    assert _van(ad.ADVIES_UITERLIJK, uiterlijk) == []


def test_goedkeuringsronde_aan_leden_die_nog_niet_reageerden(raad, pdf_bytes):
    aanvraag = tot_ter_goedkeuring(gevraagd(raad, pdf_bytes), raad)
    ronde = open_ronde(aanvraag)
    eerste, *overige = raad["leden"]
    goedkeuring_geven(aanvraag=aanvraag, door=eerste.user, oordeel=Oordeel.AKKOORD)
    lead = _lead(ad.HERINNERING_GOEDKEURINGSRONDE, ronde.deadline)
    begin = lead.voor(ronde.deadline)

    assert _van(ad.GOEDKEURINGSRONDE_SLUIT, begin - timedelta(days=1)) == []
    assert _van(ad.GOEDKEURINGSRONDE_SLUIT, ronde.deadline + timedelta(days=1)) == []
    gevonden = _van(ad.GOEDKEURINGSRONDE_SLUIT, begin)
    verwacht = {lid.user_id for lid in overige} | {raad["voorzitter"].user_id}
    assert _ontvangers(gevonden) == verwacht
    assert eerste.user_id not in _ontvangers(gevonden)
    assert raad["ondersteuner"].pk not in _ontvangers(gevonden)
    d = gevonden[0]
    assert d.datum == ronde.deadline
    assert d.onderwerp_id == aanvraag.pk
    assert d.link == reverse("advies:detail", args=[aanvraag.pk])
    assert d.vertrouwelijk is True
    assert "akkoord" in d.tekst

    # Once the round is closed, nobody is reminded.
    Goedkeuringsronde.objects.filter(pk=ronde.pk).update(gesloten_op=begin)
    assert _van(ad.GOEDKEURINGSRONDE_SLUIT, begin) == []


def test_reactie_college_aan_ondersteuner_en_accounthouder_ook_te_laat(raad, pdf_bytes):
    aanvraag = tot_verzonden(gevraagd(raad, pdf_bytes), raad)
    uiterlijk = aanvraag.reactie_uiterlijk
    lead = _lead(ad.HERINNERING_REACTIE_COLLEGE, uiterlijk)
    begin = lead.voor(uiterlijk)
    staf = {raad["ondersteuner"].pk, raad["accounthouder"].pk}

    assert _van(ad.REACTIE_COLLEGE, begin - timedelta(days=1)) == []
    op_tijd = _van(ad.REACTIE_COLLEGE, begin)
    assert _ontvangers(op_tijd) == staf
    assert all(d.datum == uiterlijk for d in op_tijd)
    assert "moet uiterlijk" in op_tijd[0].tekst
    assert op_tijd[0].link == reverse("advies:detail", args=[aanvraag.pk])
    # Overdue: still reminded, with the same outbox key (deadline date), so sent once.
    te_laat = _van(ad.REACTIE_COLLEGE, uiterlijk + timedelta(days=10))
    assert _ontvangers(te_laat) == staf
    assert "had uiterlijk" in te_laat[0].tekst
    assert {d.sleutel for d in te_laat} == {d.sleutel for d in op_tijd}


def test_beantwoorde_reactie_college_geeft_geen_herinnering(raad, pdf_bytes):
    aanvraag = tot_verzonden(gevraagd(raad, pdf_bytes), raad)
    uiterlijk = aanvraag.reactie_uiterlijk
    reactie(aanvraag, raad)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.VERZONDEN  # recording the response keeps the status
    assert _van(ad.REACTIE_COLLEGE, uiterlijk) == []
    assert _van(ad.REACTIE_COLLEGE, uiterlijk + timedelta(days=10)) == []
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.REACTIE_ONTVANGEN, door=raad["ondersteuner"])
    assert _van(ad.REACTIE_COLLEGE, uiterlijk + timedelta(days=10)) == []


# --- Query budget --------------------------------------------------------------------------------
UITERLIJK = date(2027, 3, 15)


def _aanvragen(raad: dict[str, Any], pdf_bytes: bytes, aantal: int) -> None:
    """``aantal`` requests: each due, with an open round, and waiting for the College."""
    leden = [*raad["leden"], raad["voorzitter"]]
    for i in range(aantal):
        aanvraag = gevraagd(raad, pdf_bytes, zaaknummer=f"Z-{i}")
        advies = Advies.objects.create(aanvraag=aanvraag, versie=1)
        ronde = Goedkeuringsronde.objects.create(
            advies=advies, geopend_op=UITERLIJK - timedelta(days=7), deadline=UITERLIJK
        )
        Goedkeuring.objects.bulk_create([Goedkeuring(ronde=ronde, lid=lid) for lid in leden])
    # Every request in a state and window where each provider finds it.
    pks = list(Adviesaanvraag.objects.values_list("pk", flat=True))
    Adviesaanvraag.objects.filter(pk__in=pks).update(
        status=Status.TER_GOEDKEURING, advies_uiterlijk=UITERLIJK, reactie_uiterlijk=UITERLIJK
    )


def _alle_drie() -> dict[str, int]:
    aantallen: dict[str, int] = {}
    for kind in (ad.ADVIES_UITERLIJK, ad.GOEDKEURINGSRONDE_SLUIT):
        aantallen[kind], gevonden = count_queries(lambda k=kind: _van(k, UITERLIJK))
        assert gevonden
    Adviesaanvraag.objects.update(status=Status.VERZONDEN)
    aantallen[ad.REACTIE_COLLEGE], gevonden = count_queries(
        lambda: _van(ad.REACTIE_COLLEGE, UITERLIJK)
    )
    assert gevonden
    Adviesaanvraag.objects.update(status=Status.TER_GOEDKEURING)
    return aantallen


@pytest.mark.parametrize("aantal", [1, 10])
def test_vast_aantal_queries_per_provider(raad, pdf_bytes, aantal):
    _aanvragen(raad, pdf_bytes, aantal)
    aantallen = _alle_drie()
    # rules (1) + requests (1) + one per role; the round: rules (1) + open answers (1).
    assert aantallen == {
        ad.ADVIES_UITERLIJK: 4,
        ad.GOEDKEURINGSRONDE_SLUIT: 2,
        ad.REACTIE_COLLEGE: 4,
    }
