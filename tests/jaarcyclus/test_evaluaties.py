"""Evaluations as records: due dates from rules, the re-appointment evaluation in the same shape,
who sees what, follow-up actions, and the reminders (open actions, unanswered questionnaires,
the conversation with the aldermen)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from adviesraad.models import FunctieSoort
from adviesraad.models.leden import Conclusie
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.termijnen import evaluatie_vastleggen
from adviesraad.vergaderingen import deadlines as vd
from hengelo_participatie.notifications import registry
from jaarcyclus import deadlines as jd
from jaarcyclus.models import ActieStatus, Evaluatie, EvaluatieSoort, Vraag
from jaarcyclus.policies import evaluatie_policy
from jaarcyclus.regels import uiterlijk_voor
from jaarcyclus.services.evaluaties import (
    conclusie_toevoegen,
    evaluatie_aanmaken,
    evaluatie_afronden,
    ombudsman_stellingen,
    vervolgactie_bijwerken,
    vervolgactie_toevoegen,
    vragen_toevoegen,
)
from jaarcyclus.services.vragenlijst import vragenlijst_beantwoorden
from tests.adviesraad.factories import LidFactory, benoemde_termijn
from tests.conftest import mfa_verify
from tests.jaarcyclus.factories import evaluatie_met_vragen, mensen
from verordening.models import Artikel, Regel, Samenwerkingsafspraken
from verordening.rules import rule

pytestmark = pytest.mark.django_db

OP = date(2026, 3, 1)


@pytest.fixture
def m() -> dict[str, Any]:
    return mensen()


# --- Due dates from rules -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("soort", "jaar", "verwacht"),
    [
        # cyclus_jaarlijkse_evaluatie (1 year) from the verordening's start, 30-12-2025.
        (EvaluatieSoort.ZELFEVALUATIE, 2026, date(2026, 12, 30)),
        (EvaluatieSoort.VOORZITTER, 2027, date(2027, 12, 30)),
        (EvaluatieSoort.REFLECTIE, 2026, date(2026, 12, 30)),
        # cyclus_totaalevaluatie (4 years).
        (EvaluatieSoort.TOTAAL, 2026, date(2029, 12, 30)),
        # gezamenlijke_evaluatie_na_start: 18 months after the start (§4.2).
        (EvaluatieSoort.GEZAMENLIJK, 2027, date(2027, 6, 30)),
        # participatiemix_evaluatie_na_start: 18 months (§5.1).
        (EvaluatieSoort.PARTICIPATIEMIX, 2027, date(2027, 6, 30)),
    ],
)
def test_uiterste_datum_uit_de_regel(soort, jaar, verwacht):
    assert uiterlijk_voor(soort, jaar=jaar, op=OP).datum == verwacht


def test_gezamenlijke_evaluatie_volgt_de_regel_als_die_verandert():
    Regel.objects.filter(sleutel="gezamenlijke_evaluatie_na_start").update(waarde=12)
    assert uiterlijk_voor(EvaluatieSoort.GEZAMENLIJK, jaar=2026, op=OP).datum == date(2026, 12, 30)


def test_gezamenlijke_evaluatie_voor_de_overdracht_door_de_voorzitter_ad_interim():
    lid = LidFactory()
    functie_toewijzen(
        lid=lid,
        soort=FunctieSoort.VOORZITTER_AD_INTERIM,
        van=date(2026, 1, 1),
        tot=date(2027, 3, 31),
        uurtarief=Decimal("85.00"),
        door=None,
    )
    uiterlijk = uiterlijk_voor(EvaluatieSoort.GEZAMENLIJK, jaar=2027, op=OP)
    assert uiterlijk.datum == date(2027, 3, 31)
    assert "overdracht" in uiterlijk.bron


def test_aanmaken_legt_datum_en_bron_vast(m):
    e = evaluatie_aanmaken(
        soort="gezamenlijk", jaar=2027, door=m["accounthouder"], deelnemers=m["leden"]
    )
    assert e.uiterlijk == date(2027, 6, 30)
    assert e.uiterlijk_bron.startswith("volgens")
    assert e.eigenaar == m["accounthouder"]
    assert set(e.deelnemers.all()) == set(m["leden"])


def test_aanmaken_geweigerd_voor_een_lid(m):
    with pytest.raises(PermissionDenied):
        evaluatie_aanmaken(soort="zelfevaluatie", jaar=2026, door=m["leden"][0])
    assert not Evaluatie.objects.exists()


def test_voorzittersevaluatie_alleen_door_wie_haar_mag_inzien(m):
    # The supporter manages evaluations but the rule does not name it for the chair's one.
    with pytest.raises(PermissionDenied):
        evaluatie_aanmaken(soort="voorzitter", jaar=2026, door=m["ondersteuner"])
    assert evaluatie_aanmaken(soort="voorzitter", jaar=2026, door=m["accounthouder"])


# --- Re-appointment evaluation in the same shape ---------------------------------------------------
def test_herbenoemingsevaluatie_krijgt_een_record_in_dezelfde_vorm(m):
    termijn = benoemde_termijn(besluitdatum=date(2026, 1, 12), begindatum=date(2026, 1, 12))
    kern = evaluatie_vastleggen(
        termijn=termijn,
        datum=date(2029, 10, 1),
        conclusie=Conclusie.AANBEVOLEN,
        verslag="Persoonlijk verslag",
        door=None,
    )
    record = Evaluatie.objects.get(herbenoemingsevaluatie=kern)
    assert record.soort == EvaluatieSoort.HERBENOEMING
    assert record.status == "afgerond"
    # evaluatie_voor_herbenoeming (3 months) before the end of the term.
    drie_maanden = rule("evaluatie_voor_herbenoeming", on=OP).waarde
    assert record.uiterlijk == drie_maanden.voor(termijn.einddatum)
    assert list(record.deelnemers.all()) == [termijn.lid.user]
    # No name and no report text copied: they stay in the core's record.
    assert termijn.lid.user.achternaam not in record.titel
    assert "Persoonlijk" not in record.resultaten
    # The member sees it (participant); an ordinary member and policy staff do not.
    assert evaluatie_policy.user_has_perm_for_object(termijn.lid.user, "view", record)
    assert not evaluatie_policy.instances_user_has_perm_for(m["leden"][0]).filter(pk=record.pk)
    assert not evaluatie_policy.instances_user_has_perm_for(m["beleidsmedewerker"]).filter(
        pk=record.pk
    )
    assert evaluatie_policy.instances_user_has_perm_for(m["accounthouder"]).filter(pk=record.pk)
    # The purge of the core's record takes this one along.
    kern.delete()
    assert not Evaluatie.objects.filter(pk=record.pk).exists()


# --- Who sees what --------------------------------------------------------------------------------
def test_voorzittersevaluatie_beperkt_zichtbaar(m):
    e = evaluatie_met_vragen(m, soort="voorzitter")
    for naam in ("voorzitter", "accounthouder"):
        assert evaluatie_policy.user_has_perm_for_object(m[naam], "resultaten", e), naam
    for naam in ("ondersteuner", "beleidsmedewerker"):
        assert not evaluatie_policy.instances_user_has_perm_for(m[naam]).filter(pk=e.pk), naam
    lid = m["leden"][0]
    # A member answers it (participant) but never sees its results.
    assert evaluatie_policy.user_has_perm_for_object(lid, "view", e)
    assert not evaluatie_policy.user_has_perm_for_object(lid, "resultaten", e)


def test_inzage_voorzittersevaluatie_volgt_de_regel(m):
    e = evaluatie_met_vragen(m, soort="voorzitter")
    Regel.objects.filter(sleutel="inzage_evaluatie_voorzitter").update(
        waarde=["voorzitter", "accounthouder", "ondersteuner"]
    )
    assert evaluatie_policy.instances_user_has_perm_for(m["ondersteuner"]).filter(pk=e.pk)


# --- Questions, results, conclusions, actions ----------------------------------------------------
def test_ombudsman_set_als_tien_stellingen(m):
    e = evaluatie_aanmaken(soort="zelfevaluatie", jaar=2026, door=m["ondersteuner"])
    vragen_toevoegen(evaluatie=e, vragen=ombudsman_stellingen(), door=m["ondersteuner"])
    vragen = list(e.vragen.all())
    assert len(vragen) == 10
    assert all(v.soort == "stelling" for v in vragen)
    assert vragen[8].tekst.startswith("Spelregel 9")


def test_vragen_liggen_vast_na_het_eerste_antwoord(m):
    e = evaluatie_met_vragen(m)
    stelling = e.vragen.get(soort="stelling")
    vragenlijst_beantwoorden(evaluatie=e, antwoorden={stelling.pk: 4}, door=m["leden"][0])
    with pytest.raises(ValidationError):
        vragen_toevoegen(evaluatie=e, vragen=[("open", "Nog een")], door=m["ondersteuner"])
    assert Vraag.objects.filter(evaluatie=e).count() == 2


def test_afronden_en_conclusie_met_artikel_en_afspraken(m):
    e = evaluatie_aanmaken(soort="totaal", jaar=2029, door=m["accounthouder"])
    artikel = Artikel.objects.filter(verordening__cvdr="CVDR753530").order_by("pk").first()
    afspraken = Samenwerkingsafspraken.objects.create(jaar=2029)
    c = conclusie_toevoegen(
        evaluatie=e,
        tekst="Adviestermijn verlengen",
        artikelen=[artikel],
        samenwerkingsafspraken=afspraken,
        door=m["accounthouder"],
    )
    assert list(c.artikelen.all()) == [artikel]
    assert c.samenwerkingsafspraken == afspraken
    evaluatie_afronden(evaluatie=e, resultaten="Intern verslag", door=m["accounthouder"])
    e.refresh_from_db()
    assert (e.status, e.resultaten) == ("afgerond", "Intern verslag")


def test_opvolging_van_de_reflectie_is_van_de_accounthouder(m):
    e = evaluatie_aanmaken(soort="reflectie", jaar=2026, door=m["ondersteuner"])
    with pytest.raises(ValidationError):
        vervolgactie_toevoegen(
            evaluatie=e,
            omschrijving="Eerder stukken delen",
            eigenaar=m["ondersteuner"],
            uiterlijk=date(2027, 2, 1),
            door=m["ondersteuner"],
        )
    actie = vervolgactie_toevoegen(
        evaluatie=e,
        omschrijving="Eerder stukken delen",
        eigenaar=m["accounthouder"],
        uiterlijk=date(2027, 2, 1),
        door=m["ondersteuner"],
    )
    assert actie.eigenaar == m["accounthouder"]
    # The owner updates the status; an unrelated member may not.
    with pytest.raises(PermissionDenied):
        vervolgactie_bijwerken(actie=actie, status="afgerond", door=m["leden"][0])
    vervolgactie_bijwerken(actie=actie, status=ActieStatus.AFGEROND, door=m["accounthouder"])
    actie.refresh_from_db()
    assert actie.status == "afgerond" and actie.afgerond_op is not None


# --- Reminders ------------------------------------------------------------------------------------
def _van(kind: str, op: date) -> list[registry.Deadline]:
    provider = registry.provider(kind)
    assert provider is not None, kind
    return list(provider.deadlines(op))


def test_open_vervolgacties_worden_herinnerd(m):
    e = evaluatie_aanmaken(soort="zelfevaluatie", jaar=2026, door=m["ondersteuner"])
    eigenaar = m["leden"][1]
    actie = vervolgactie_toevoegen(
        evaluatie=e,
        omschrijving="Inwerkprogramma herzien",
        eigenaar=eigenaar,
        uiterlijk=date(2026, 6, 30),
        door=m["ondersteuner"],
    )
    # herinnering_evaluatie_actie: 2 weeks before.
    assert _van(jd.EVALUATIE_ACTIE, date(2026, 6, 15)) == []
    gevonden = _van(jd.EVALUATIE_ACTIE, date(2026, 6, 16))
    # doelgroep_evaluatie_actie: the owner (betrokkene) and the account holder.
    assert {d.ontvanger_id for d in gevonden} == {eigenaar.pk, m["accounthouder"].pk}
    assert all(d.datum == date(2026, 6, 30) and d.onderwerp_id == actie.pk for d in gevonden)
    # Overdue: still reminded, with another text.
    te_laat = _van(jd.EVALUATIE_ACTIE, date(2026, 7, 10))
    assert "had uiterlijk" in te_laat[0].tekst
    vervolgactie_bijwerken(actie=actie, status="afgerond", door=eigenaar)
    assert _van(jd.EVALUATIE_ACTIE, date(2026, 7, 10)) == []


def test_wie_nog_niet_antwoordde_krijgt_een_herinnering(m):
    e = evaluatie_met_vragen(m)  # due 30-12-2026; herinnering_evaluatie_vragenlijst: 3 weeks
    stelling = e.vragen.get(soort="stelling")
    vragenlijst_beantwoorden(evaluatie=e, antwoorden={stelling.pk: 5}, door=m["leden"][0])
    assert _van(jd.EVALUATIE_VRAGENLIJST, date(2026, 12, 8)) == []
    gevonden = _van(jd.EVALUATIE_VRAGENLIJST, date(2026, 12, 9))
    assert {d.ontvanger_id for d in gevonden} == {u.pk for u in m["leden"][1:]}
    evaluatie_afronden(evaluatie=e, resultaten="Klaar", door=m["ondersteuner"])
    assert _van(jd.EVALUATIE_VRAGENLIJST, date(2026, 12, 9)) == []


def test_gesprek_met_wethouders_als_cyclus(m):
    # cyclus_wethoudersgesprek (12 months) after the start; herinnering 8 weeks before.
    uiterlijk = date(2026, 12, 30)
    assert _van(vd.WETHOUDERSGESPREK_PLANNEN, uiterlijk - timedelta(weeks=8, days=1)) == []
    gevonden = _van(vd.WETHOUDERSGESPREK_PLANNEN, uiterlijk - timedelta(weeks=8))
    assert {d.ontvanger_id for d in gevonden} == {m["voorzitter"].pk, m["accounthouder"].pk}
    assert all(d.datum == uiterlijk for d in gevonden)


def test_conclusie_via_het_portaal_met_artikel_en_afspraken(m):
    e = evaluatie_aanmaken(soort="totaal", jaar=2029, door=m["accounthouder"])
    artikel = Artikel.objects.filter(verordening__cvdr="CVDR753530").order_by("pk").first()
    afspraken = Samenwerkingsafspraken.objects.create(jaar=2029)
    url = f"/portaal/jaarcyclus/evaluaties/{e.pk}/conclusies/"
    velden = {
        "tekst": "Adviestermijn naar acht weken",
        "artikelen": [artikel.pk],
        "samenwerkingsafspraken": afspraken.pk,
    }
    lid = Client()
    mfa_verify(lid, m["leden"][0])
    assert lid.post(url, velden).status_code == 404
    client = Client()
    mfa_verify(client, m["accounthouder"])
    assert client.post(url, velden).status_code == 302
    c = e.conclusies.get()
    assert (c.tekst, list(c.artikelen.all()), c.samenwerkingsafspraken) == (
        "Adviestermijn naar acht weken",
        [artikel],
        afspraken,
    )
    html = client.get(f"/portaal/jaarcyclus/evaluaties/{e.pk}/").content.decode()
    assert f"(artikel {artikel.nummer})" in html and "Samenwerkingsafspraken 2029" in html
