"""The verordening's periodic deadlines, and audiences that come from rules.

Yearly evaluation, yearly review of the samenwerkingsafspraken, review of the huishoudelijk
reglement (verordening/deadlines.py); the audiences of the older providers read from the
``doelgroep_<kind>`` rules; the participatiemix lead time read from its rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from adviesraad import deadlines as ar
from adviesraad.advies import deadlines as ad
from hengelo_participatie.notifications import registry, services
from hengelo_participatie.notifications.models import Herinnering
from hengelo_participatie.notifications.registry import doelgroep_sleutel
from participatiemix import deadlines as pm
from tests.adviesraad.factories import benoemde_termijn
from tests.conftest import count_queries
from tests.factories import UserFactory
from tests.participatiemix.factories import maak_activiteit, uitgevoerd
from verordening import deadlines as vd
from verordening.models import HuishoudelijkReglement, Regel, Samenwerkingsafspraken, Verordening

pytestmark = pytest.mark.django_db

START = date(2025, 12, 30)  # the default verordening's entry into force (migration 0003)


@pytest.fixture
def staf() -> dict[str, Any]:
    return {
        "voorzitter": UserFactory(roles=["voorzitter"]),
        "ondersteuner": UserFactory(roles=["ondersteuner"]),
        "accounthouder": UserFactory(roles=["accounthouder"]),
        "lid": UserFactory(roles=["lid"]),
    }


def _van(kind: str, op: date) -> list[registry.Deadline]:
    provider = registry.provider(kind)
    assert provider is not None, kind
    return list(provider.deadlines(op))


def _ontvangers(kind: str, op: date) -> set[int]:
    return {d.ontvanger_id for d in _van(kind, op)}


def _doelgroep(kind: str, *rollen: str) -> None:
    """Set the audience rule of ``kind`` (its running version) to ``rollen``."""
    n = Regel.objects.filter(sleutel=doelgroep_sleutel(kind)).update(waarde=list(rollen))
    assert n == 1


def test_de_soorten_zijn_geregistreerd():
    soorten = {p.kind for p in registry.providers()}
    assert {
        vd.JAARLIJKSE_EVALUATIE,
        vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE,
        vd.HUISHOUDELIJK_REGLEMENT_HERZIEN,
    } <= soorten


# --- Yearly evaluation: on each anniversary of the verordening ------------------------------------
def test_jaarlijkse_evaluatie_op_de_verjaardag_van_de_verordening(staf):
    uiterlijk = date(2026, 12, 30)  # one year after the start
    begin = uiterlijk - timedelta(weeks=6)  # herinnering_jaarlijkse_evaluatie
    assert _van(vd.JAARLIJKSE_EVALUATIE, begin - timedelta(days=1)) == []
    gevonden = _van(vd.JAARLIJKSE_EVALUATIE, begin)
    assert {d.ontvanger_id for d in gevonden} == {staf["voorzitter"].pk, staf["ondersteuner"].pk}
    assert all(d.datum == uiterlijk for d in gevonden)
    assert "uiterlijk 30 december 2026" in gevonden[0].tekst
    verordening = Verordening.objects.get(cvdr="CVDR753530")
    assert {d.onderwerp for d in gevonden} == {"verordening.verordening"}
    links = {d.ontvanger_id: d.link for d in gevonden}
    # The supporter works in the admin; the chair does not and gets the portal.
    assert links[staf["ondersteuner"].pk] == (
        f"/admin/verordening/verordening/{verordening.pk}/change/"
    )
    assert links[staf["voorzitter"].pk] == "/portaal/"
    assert _ontvangers(vd.JAARLIJKSE_EVALUATIE, uiterlijk) != set()
    assert _van(vd.JAARLIJKSE_EVALUATIE, uiterlijk + timedelta(days=1)) == []
    # The next year again, with the next date.
    volgende = _van(vd.JAARLIJKSE_EVALUATIE, date(2027, 12, 30) - timedelta(weeks=6))
    assert {d.datum for d in volgende} == {date(2027, 12, 30)}


def test_jaarlijkse_evaluatie_doelgroep_uit_de_regel(staf):
    op = date(2026, 12, 1)
    _doelgroep(vd.JAARLIJKSE_EVALUATIE, "lid", "accounthouder")
    assert _ontvangers(vd.JAARLIJKSE_EVALUATIE, op) == {
        staf["lid"].pk,
        staf["accounthouder"].pk,
    }


def test_jaarlijkse_evaluatie_niet_na_het_vervallen_van_de_verordening(staf):
    Verordening.objects.filter(cvdr="CVDR753530").update(in_werking_tot=date(2026, 12, 1))
    assert _van(vd.JAARLIJKSE_EVALUATIE, date(2026, 11, 25)) == []


# --- Samenwerkingsafspraken: yearly review --------------------------------------------------------
def test_evaluatie_samenwerkingsafspraken_op_de_datum_van_de_afspraken(staf):
    afspraken = Samenwerkingsafspraken.objects.create(
        jaar=2026, datum_vastgesteld=date(2026, 1, 15), datum_volgende_evaluatie=date(2026, 12, 1)
    )
    begin = date(2026, 12, 1) - timedelta(weeks=6)
    assert _van(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, begin - timedelta(days=1)) == []
    gevonden = _van(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, begin)
    assert {d.ontvanger_id for d in gevonden} == {
        staf["voorzitter"].pk,
        staf["ondersteuner"].pk,
        staf["accounthouder"].pk,
    }
    assert {(d.onderwerp, d.onderwerp_id, d.datum) for d in gevonden} == {
        ("verordening.samenwerkingsafspraken", afspraken.pk, date(2026, 12, 1))
    }
    # Overdue: still listed (the outbox sends it once), with a text that says so.
    te_laat = _van(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, date(2027, 1, 10))
    assert te_laat and "hadden uiterlijk 1 december 2026" in te_laat[0].tekst
    # Next year's agreements adopted: the review is done.
    Samenwerkingsafspraken.objects.create(jaar=2027, datum_vastgesteld=date(2027, 1, 5))
    assert _van(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, date(2027, 1, 10)) == []


def test_evaluatie_samenwerkingsafspraken_zonder_datum_een_cyclus_na_vaststelling(staf):
    Samenwerkingsafspraken.objects.create(jaar=2026, datum_vastgesteld=date(2026, 2, 1))
    # Not yet adopted agreements of a later year do not count.
    Samenwerkingsafspraken.objects.create(jaar=2027)
    begin = date(2027, 2, 1) - timedelta(weeks=6)
    assert _van(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, begin - timedelta(days=1)) == []
    assert {d.datum for d in _van(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, begin)} == {date(2027, 2, 1)}
    _doelgroep(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, "lid")
    assert _ontvangers(vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, begin) == {staf["lid"].pk}


# --- Huishoudelijk reglement: review every cycle after approval ------------------------------------
def _reglement(status: str, beoordeeld_op: date | None = None) -> HuishoudelijkReglement:
    return HuishoudelijkReglement.objects.create(
        titel="Huishoudelijk reglement",
        status=status,
        beoordeeld_op=beoordeeld_op,
        opmerkingen_college="Graag aanpassen." if status == "teruggestuurd" else "",
    )


def test_herziening_huishoudelijk_reglement_twee_jaar_na_goedkeuring(staf):
    reglement = _reglement("goedgekeurd", date(2026, 3, 1))
    uiterlijk = date(2028, 3, 1)  # cyclus_huishoudelijk_reglement: 2 years
    begin = date(2028, 1, 1)  # herinnering_huishoudelijk_reglement_herzien: 2 months
    assert _van(vd.HUISHOUDELIJK_REGLEMENT_HERZIEN, begin - timedelta(days=1)) == []
    gevonden = _van(vd.HUISHOUDELIJK_REGLEMENT_HERZIEN, begin)
    assert {d.ontvanger_id for d in gevonden} == {staf["voorzitter"].pk, staf["ondersteuner"].pk}
    assert {(d.onderwerp_id, d.datum) for d in gevonden} == {(reglement.pk, uiterlijk)}
    # A new concept is being written: the review is under way.
    _reglement("concept")
    assert _van(vd.HUISHOUDELIJK_REGLEMENT_HERZIEN, begin) == []


@pytest.mark.parametrize("status", ["concept", "ingediend", "teruggestuurd"])
def test_geen_herziening_zonder_goedgekeurd_reglement(staf, status):
    _reglement(status)
    assert _van(vd.HUISHOUDELIJK_REGLEMENT_HERZIEN, date(2030, 1, 1)) == []


def test_cyclus_uit_de_regel(staf):
    _reglement("goedgekeurd", date(2026, 3, 1))
    Regel.objects.filter(sleutel=vd.CYCLUS_HUISHOUDELIJK_REGLEMENT).update(waarde=1)
    assert {d.datum for d in _van(vd.HUISHOUDELIJK_REGLEMENT_HERZIEN, date(2027, 1, 1))} == {
        date(2027, 3, 1)
    }
    # A cycle of 0 is refused by the provider, named; the scan logs it and goes on.
    Regel.objects.filter(sleutel=vd.CYCLUS_HUISHOUDELIJK_REGLEMENT).update(waarde=0)
    resultaat = services.herinneringen_plannen(op=date(2027, 1, 1))
    assert any("cyclus_huishoudelijk_reglement" in f for f in resultaat.fouten)


# --- Through the scan: each once, whatever the number of runs --------------------------------------
def test_scan_plant_elk_een_keer(staf):
    Samenwerkingsafspraken.objects.create(
        jaar=2026, datum_vastgesteld=date(2026, 1, 15), datum_volgende_evaluatie=date(2026, 12, 1)
    )
    for dag in (date(2026, 11, 20), date(2026, 11, 20), date(2026, 11, 21), date(2026, 12, 2)):
        services.herinneringen_plannen(op=dag)
    rijen = Herinnering.objects.filter(
        soort__in=[vd.JAARLIJKSE_EVALUATIE, vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE]
    )
    assert sorted(rijen.values_list("soort", "ontvanger_id")) == sorted(
        [(vd.JAARLIJKSE_EVALUATIE, staf[r].pk) for r in ("voorzitter", "ondersteuner")]
        + [
            (vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, staf[r].pk)
            for r in ("voorzitter", "ondersteuner", "accounthouder")
        ]
    )


@pytest.mark.parametrize(
    ("kind", "op"),
    [
        (vd.JAARLIJKSE_EVALUATIE, date(2026, 12, 1)),
        (vd.SAMENWERKINGSAFSPRAKEN_EVALUATIE, date(2026, 12, 1)),
        (vd.HUISHOUDELIJK_REGLEMENT_HERZIEN, date(2028, 2, 1)),
    ],
)
def test_vast_aantal_queries_bij_meer_gegevens(kind, op):
    def gegevens(n: int) -> None:
        for _ in range(n):
            jaar = 2026 - Samenwerkingsafspraken.objects.count()
            UserFactory(roles=["voorzitter"])
            UserFactory(roles=["ondersteuner"])
            UserFactory(roles=["accounthouder"])
            Samenwerkingsafspraken.objects.create(
                jaar=jaar,
                datum_vastgesteld=date(jaar, 1, 15),
                datum_volgende_evaluatie=date(2026, 12, 1),
            )
            _reglement("goedgekeurd", date(2026, 3, 1))

    gegevens(1)
    een, gevonden = count_queries(lambda: _van(kind, op))
    assert gevonden
    gegevens(9)
    tien, gevonden = count_queries(lambda: _van(kind, op))
    assert len(gevonden) > 3
    # rules (1) + the object (1) + one per role in the audience (2 or 3).
    assert een == tien <= 5


# --- Audiences of the older providers now come from rules -----------------------------------------
def test_termijn_einde_doelgroep_uit_de_regel(staf):
    termijn = benoemde_termijn(besluitdatum=date(2026, 3, 1), begindatum=date(2026, 4, 1))
    op = date(2029, 10, 1)
    assert _ontvangers(ar.TERMIJN_EINDE_6, op) == {
        termijn.lid.user_id,
        staf["ondersteuner"].pk,
        staf["accounthouder"].pk,
    }
    _doelgroep(ar.TERMIJN_EINDE_6, "voorzitter")
    assert _ontvangers(ar.TERMIJN_EINDE_6, op) == {staf["voorzitter"].pk}
    _doelgroep(ar.TERMIJN_EINDE_6, "betrokkene")
    gevonden = _van(ar.TERMIJN_EINDE_6, op)
    assert [d.ontvanger_id for d in gevonden] == [termijn.lid.user_id]
    assert gevonden[0].tekst.startswith("Uw zittingstermijn")


def test_advies_doelgroep_uit_de_regel(staf):
    # No request needed to see the rule asked: the provider refuses when the rule is missing.
    Regel.objects.filter(sleutel=doelgroep_sleutel(ad.ADVIES_UITERLIJK)).delete()
    resultaat = services.herinneringen_plannen(op=date(2027, 1, 1))
    assert any("doelgroep_advies_uiterlijk" in f for f in resultaat.fouten)


def test_terugkoppeling_voorloop_en_doelgroep_uit_de_regels(staf):
    official = UserFactory(roles=["beleidsmedewerker"])
    vandaag = date(2026, 6, 1)
    activiteit = uitgevoerd(
        maak_activiteit(
            nummer=1,
            titel="Binnenkort",
            startdatum=vandaag - timedelta(weeks=5),
            verantwoordelijke=official,
        )
    )
    uiterste = activiteit.terugkoppeling.uiterste_datum
    assert vandaag < uiterste <= vandaag + timedelta(days=14)
    assert _ontvangers(pm.TERUGKOPPELING_VERWACHT, vandaag) == {
        official.pk,
        staf["accounthouder"].pk,
    }
    # The lead time is a rule: shorter than the days left, no reminder yet.
    Regel.objects.filter(sleutel=pm.HERINNERING_TERUGKOPPELING_VOORUIT).update(
        waarde=(uiterste - vandaag).days - 1
    )
    assert _van(pm.TERUGKOPPELING_VERWACHT, vandaag) == []
    assert _ontvangers(pm.TERUGKOPPELING_VERWACHT, uiterste - timedelta(days=1)) != set()
    # The audience is a rule: without "betrokkene" the official is left out.
    _doelgroep(pm.TERUGKOPPELING_VERWACHT, "ondersteuner")
    assert _ontvangers(pm.TERUGKOPPELING_VERWACHT, uiterste) == {staf["ondersteuner"].pk}
