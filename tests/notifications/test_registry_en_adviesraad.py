"""Providers: discovery, and the council's membership deadlines (lead times from the rules)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from adviesraad import deadlines as ar
from adviesraad.models.leden import Conclusie
from adviesraad.services.termijnen import (
    evaluatie_vastleggen,
    termijn_aanmaken,
    termijn_benoemen,
    termijn_voordragen,
)
from hengelo_participatie.notifications import registry
from hengelo_participatie.notifications.models import Herinnering
from hengelo_participatie.notifications.services import herinneringen_plannen
from tests.adviesraad.factories import benoemde_termijn
from tests.factories import UserFactory
from verordening.models import Regel
from verordening.rules import Sleutel

pytestmark = pytest.mark.django_db

BEGIN = date(2026, 4, 1)
EIND = date(2030, 3, 31)  # 4 years from BEGIN, inclusive


def test_autodiscover_registreert_elke_app():
    soorten = {p.kind: p for p in registry.providers()}
    assert {ar.TERMIJN_EINDE_6, ar.TERMIJN_EINDE_3, ar.HERBENOEMINGSEVALUATIE} <= set(soorten)
    assert soorten[ar.HERBENOEMINGSEVALUATIE].mandatory is True
    assert soorten[ar.TERMIJN_EINDE_6].mandatory is False
    assert "agendalink_nieuw" in soorten
    # participatiemix: one provider per kind of its feedback deadlines.
    assert {"terugkoppeling_verwacht", "terugkoppeling_te_laat"} <= set(soorten)


def test_dezelfde_soort_twee_keer_registreren_is_een_fout(testsoort):
    testsoort("dubbel")
    with pytest.raises(registry.DubbeleSoort):
        registry.register(registry.Gebeurtenis(kind="dubbel", label="x", mandatory=False))


@pytest.fixture
def termijn():
    return benoemde_termijn(besluitdatum=date(2026, 3, 1), begindatum=BEGIN)


@pytest.fixture
def staf():
    return {
        "ondersteuner": UserFactory(roles=["ondersteuner"]),
        "accounthouder": UserFactory(roles=["accounthouder"]),
        "voorzitter": UserFactory(roles=["voorzitter"]),
    }


def _van(kind: str, op: date):
    return list(registry.provider(kind).deadlines(op))


def test_termijn_einde_zes_maanden_vooraf_aan_lid_ondersteuner_en_accounthouder(termijn, staf):
    assert termijn.einddatum == EIND
    assert _van(ar.TERMIJN_EINDE_6, date(2029, 9, 29)) == []
    gevonden = _van(ar.TERMIJN_EINDE_6, date(2029, 9, 30))
    ontvangers = {d.ontvanger_id for d in gevonden}
    assert ontvangers == {termijn.lid.user_id, staf["ondersteuner"].pk, staf["accounthouder"].pk}
    eigen = next(d for d in gevonden if d.ontvanger_id == termijn.lid.user_id)
    assert eigen.tekst == "Uw zittingstermijn eindigt op 31 maart 2030."
    assert eigen.link == "/portaal/lidmaatschap/"
    assert eigen.datum == EIND
    staf_link = next(d for d in gevonden if d.ontvanger_id == staf["ondersteuner"].pk).link
    assert staf_link == f"/admin/adviesraad/zittingstermijn/{termijn.pk}/change/"
    # The first window closes where the second opens.
    assert _van(ar.TERMIJN_EINDE_6, date(2029, 12, 31)) == []
    assert len(_van(ar.TERMIJN_EINDE_3, date(2029, 12, 31))) == 3
    assert _van(ar.TERMIJN_EINDE_3, date(2029, 12, 30)) == []
    assert len(_van(ar.TERMIJN_EINDE_3, EIND)) == 3
    assert _van(ar.TERMIJN_EINDE_3, EIND + timedelta(days=1)) == []


def test_voorloop_komt_uit_de_verordening(termijn, staf):
    """Change the lead time to 2 months from a date: the first reminder moves with the rule."""
    regel = Regel.objects.get(sleutel=ar.HERINNERING_TERMIJN_EINDE_EERSTE)
    regel.geldig_tot = date(2029, 1, 1)
    regel.save()
    Regel.objects.create(
        sleutel=regel.sleutel,
        naam=regel.naam,
        type="maanden",
        waarde=4,
        geldig_vanaf=date(2029, 1, 1),
    )
    assert _van(ar.TERMIJN_EINDE_6, date(2029, 9, 30)) == []
    assert _van(ar.TERMIJN_EINDE_6, date(2029, 11, 30)) != []


def test_geen_herinnering_als_er_al_een_volgende_termijn_is(termijn, staf):
    evaluatie = evaluatie_vastleggen(
        termijn=termijn, datum=date(2029, 9, 1), conclusie=Conclusie.AANBEVOLEN, door=None
    )
    volgende = termijn_aanmaken(lid=termijn.lid, door=None)
    termijn_voordragen(
        termijn=volgende,
        voorgedragen_op=date(2029, 9, 2),
        door=None,
        herbenoemingsevaluatie=evaluatie,
    )
    # The nominated successor has no begindatum yet; appointing gives it one.
    termijn_benoemen(
        termijn=volgende,
        besluitdatum=date(2029, 9, 20),
        besluit_kenmerk="B&W-9",
        begindatum=EIND + timedelta(days=1),
        door=None,
    )
    assert _van(ar.TERMIJN_EINDE_6, date(2029, 9, 30)) == []


def test_evaluatie_voor_herbenoeming_is_verplicht_en_verdwijnt_na_vastleggen(termijn, staf):
    # Due 3 months before the end (rule evaluatie_voor_herbenoeming), reminded 4 weeks earlier.
    uiterlijk = date(2029, 12, 31)
    assert _van(ar.HERBENOEMINGSEVALUATIE, uiterlijk - timedelta(weeks=4, days=1)) == []
    gevonden = _van(ar.HERBENOEMINGSEVALUATIE, uiterlijk - timedelta(weeks=4))
    assert {d.ontvanger_id for d in gevonden} == {
        termijn.lid.user_id,
        staf["voorzitter"].pk,
        staf["accounthouder"].pk,
    }
    assert all(d.datum == uiterlijk for d in gevonden)
    assert "uiterlijk 31 december 2029" in gevonden[0].tekst
    evaluatie_vastleggen(
        termijn=termijn, datum=date(2029, 12, 10), conclusie=Conclusie.AANBEVOLEN, door=None
    )
    assert _van(ar.HERBENOEMINGSEVALUATIE, date(2029, 12, 15)) == []


def test_geen_evaluatie_als_het_maximum_aantal_termijnen_bereikt_is(termijn, staf):
    max_terms = Regel.objects.get(sleutel=Sleutel.MAX_TERMS)
    max_terms.waarde = 1
    max_terms.save()
    assert _van(ar.HERBENOEMINGSEVALUATIE, date(2029, 12, 15)) == []


def test_inactief_account_krijgt_niets(termijn, staf):
    staf["ondersteuner"].is_active = False
    staf["ondersteuner"].save()
    ontvangers = {d.ontvanger_id for d in _van(ar.TERMIJN_EINDE_6, date(2029, 10, 1))}
    assert staf["ondersteuner"].pk not in ontvangers


def test_inwerken_is_een_taak_van_lid_en_ondersteuner_tot_het_af_is(termijn, staf):
    """Through the real scan: from the start of the first term, "uiterlijk" three months later
    (rule ``inwerken_binnen``), to the member and the supporter (``doelgroep_inwerken``), naming
    the parts still open; gone when the last part is ticked."""
    lid = termijn.lid
    herinneringen_plannen(op=BEGIN - timedelta(days=1))
    assert not Herinnering.objects.filter(soort=ar.INWERKEN).exists()  # not started yet
    lid.inwerken_organisatie_op = BEGIN
    lid.save()
    herinneringen_plannen(op=BEGIN)
    rijen = Herinnering.objects.filter(soort=ar.INWERKEN)
    assert {h.ontvanger_id for h in rijen} == {lid.user_id, staf["ondersteuner"].pk}
    assert {h.deadline for h in rijen} == {date(2026, 7, 1)}
    eigen = rijen.get(ontvanger_id=lid.user_id)
    assert eigen.tekst == (
        "Rond uw inwerkprogramma af uiterlijk 1 juli 2026: de taken van de gemeente in het "
        "sociaal domein, de samenwerking in de regio."
    )
    lid.inwerken_sociaal_domein_op = lid.inwerken_regio_op = BEGIN + timedelta(days=10)
    lid.save()
    assert _van(ar.INWERKEN, BEGIN + timedelta(days=11)) == []


def test_inwerken_verloopt_na_de_inhaaltermijn(termijn, staf):
    assert _van(ar.INWERKEN, date(2026, 7, 15))  # two weeks overdue: still offered
    assert _van(ar.INWERKEN, date(2026, 7, 16)) == []
