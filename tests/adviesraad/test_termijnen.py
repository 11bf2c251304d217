"""The term lifecycle and its refusals, each citing the rule it enforces."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from adviesraad import regels
from adviesraad.models import (
    Beoordeling,
    EindeReden,
    FunctieSoort,
    TermijnSoort,
    TermijnStatus,
)
from adviesraad.models.leden import Conclusie
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.rollen import rollen_bijwerken
from adviesraad.services.termijnen import (
    evaluatie_vastleggen,
    termijn_aanmaken,
    termijn_beeindigen,
    termijn_benoemen,
    termijn_herbenoemen,
    termijn_voordragen,
    termijnen_afsluiten,
)
from adviesraad.services.verklaringen import verklaring_beoordelen, verklaring_indienen
from hengelo_participatie.accounts.models import User, UserSession
from tests.adviesraad.factories import (
    LidFactory,
    benoemde_termijn,
    raad,
    schone_verklaring,
    vandaag,
)
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _kandidaat(lid=None, **kwargs):
    lid = lid or LidFactory(**kwargs)
    return termijn_aanmaken(lid=lid, door=None)


def _fout(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def test_lifecycle_kandidaat_voordracht_benoeming_einde():
    lid = LidFactory()
    schone_verklaring(lid)
    termijn = termijn_aanmaken(lid=lid, door=None)
    assert termijn.status == TermijnStatus.KANDIDAAT
    besluit = vandaag() - timedelta(days=20)
    termijn = termijn_voordragen(
        termijn=termijn, voorgedragen_op=besluit - timedelta(days=5), door=None
    )
    assert termijn.status == TermijnStatus.VOORGEDRAGEN
    termijn = termijn_benoemen(
        termijn=termijn, besluitdatum=besluit, besluit_kenmerk="B&W-1", door=None
    )
    assert termijn.status == TermijnStatus.BENOEMD
    assert set(lid.user.groups.values_list("name", flat=True)) == {"lid"}
    termijn = termijn_beeindigen(
        termijn=termijn,
        reden=EindeReden.AFTREDEN,
        laatste_dag=vandaag() - timedelta(days=1),
        door=None,
    )
    assert termijn.status == TermijnStatus.BEEINDIGD
    assert termijn.history.first().history_change_reason.startswith("Termijn beëindigd")
    assert not lid.user.groups.exists()


def test_einddatum_volgt_uit_de_regel_voor_de_termijnduur():
    besluit = date(2026, 3, 1)
    termijn = benoemde_termijn(besluitdatum=besluit, begindatum=date(2026, 4, 1))
    duur = regels.termijn_duur(besluit).waarde
    assert termijn.einddatum == duur.na(date(2026, 4, 1)) - timedelta(days=1)
    assert termijn.einddatum == date(2030, 3, 31)  # 4 years, inclusive last day
    assert "art. 4" in termijn.einddatum_bron


def test_derde_termijn_geweigerd_met_de_regel_geciteerd():
    eerste = benoemde_termijn(besluitdatum=date(2026, 1, 12), begindatum=date(2026, 1, 12))
    lid = eerste.lid
    # Two terms served, as the rule allows (entered as history: the first two already passed).
    termijn_beeindigen(
        termijn=eerste, reden=EindeReden.AFTREDEN, laatste_dag=date(2026, 1, 31), door=None
    )
    evaluatie = evaluatie_vastleggen(
        termijn=eerste, datum=date(2026, 1, 20), conclusie=Conclusie.AANBEVOLEN, door=None
    )
    tweede = termijn_herbenoemen(
        vorige=eerste,
        evaluatie=evaluatie,
        voorgedragen_op=date(2026, 1, 25),
        besluitdatum=date(2026, 1, 28),
        besluit_kenmerk="B&W-2",
        door=None,
    )
    assert tweede.begindatum == date(2026, 2, 1)
    termijn_beeindigen(
        termijn=tweede, reden=EindeReden.AFTREDEN, laatste_dag=date(2026, 2, 28), door=None
    )
    evaluatie2 = evaluatie_vastleggen(
        termijn=tweede, datum=date(2026, 2, 20), conclusie=Conclusie.AANBEVOLEN, door=None
    )
    derde = termijn_aanmaken(lid=lid, door=None)
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(
            termijn=derde,
            voorgedragen_op=date(2026, 3, 1),
            door=None,
            herbenoemingsevaluatie=evaluatie2,
        )
    bericht = _fout(exc)
    regel = regels.max_termijnen(date(2026, 3, 1))
    assert f"hoogstens {regel.waarde} zittingstermijnen" in bericht
    assert regel.citeer() in bericht
    assert "art. 4 lid 2" in bericht
    assert exc.value.error_list[0].code == "max_termijnen"


def test_herbenoeming_vraagt_een_positieve_evaluatie():
    eerste = benoemde_termijn(besluitdatum=date(2026, 1, 12), begindatum=date(2026, 1, 12))
    termijn_beeindigen(
        termijn=eerste, reden=EindeReden.AFTREDEN, laatste_dag=date(2026, 1, 31), door=None
    )
    nieuw = termijn_aanmaken(lid=eerste.lid, door=None)
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(termijn=nieuw, voorgedragen_op=date(2026, 2, 1), door=None)
    assert exc.value.error_list[0].code == "evaluatie_ontbreekt"
    negatief = evaluatie_vastleggen(
        termijn=eerste, datum=date(2026, 1, 20), conclusie=Conclusie.NIET_AANBEVOLEN, door=None
    )
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(
            termijn=nieuw,
            voorgedragen_op=date(2026, 2, 1),
            door=None,
            herbenoemingsevaluatie=negatief,
        )
    assert exc.value.error_list[0].code == "evaluatie_negatief"


@pytest.mark.parametrize("postcode", ["7511 AA", "1012 AB", "", "onzin"])
def test_niet_inwoner_geweigerd(postcode):
    lid = LidFactory(postcode=postcode)
    schone_verklaring(lid)
    termijn = _kandidaat(lid)
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(termijn=termijn, voorgedragen_op=vandaag(), door=None)
    bericht = _fout(exc)
    assert "niet in de gemeente Hengelo" in bericht
    assert regels.woonplaatsregel(vandaag()).citeer() in bericht
    assert exc.value.error_list[0].code == "woonplaats"


def test_inwoner_grenzen_van_het_postcodegebied():
    for postcode in ("7550 AA", "7559 ZZ"):
        benoemde_termijn(postcode=postcode)


def test_boven_de_maximale_omvang_geweigerd():
    besluit = vandaag() - timedelta(days=30)
    maximum = regels.max_leden(besluit).waarde
    raad(maximum, besluitdatum=besluit)
    lid = LidFactory()
    schone_verklaring(lid)
    termijn = termijn_voordragen(termijn=_kandidaat(lid), voorgedragen_op=besluit, door=None)
    with pytest.raises(ValidationError) as exc:
        termijn_benoemen(termijn=termijn, besluitdatum=besluit, besluit_kenmerk="X", door=None)
    bericht = _fout(exc)
    assert f"al {maximum} leden" in bericht
    assert regels.max_leden(besluit).citeer() in bericht
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.VOORGEDRAGEN


def test_maximum_telt_alleen_leden_die_in_de_periode_zitten():
    besluit = vandaag() - timedelta(days=30)
    maximum = regels.max_leden(besluit).waarde
    termijnen = raad(maximum, besluitdatum=besluit)
    termijn_beeindigen(
        termijn=termijnen[0],
        reden=EindeReden.AFTREDEN,
        laatste_dag=vandaag() - timedelta(days=2),
        door=None,
    )
    # A seat is free from yesterday on: an appointment from today fits, one from earlier not.
    lid = LidFactory()
    schone_verklaring(lid)
    termijn = termijn_voordragen(termijn=_kandidaat(lid), voorgedragen_op=besluit, door=None)
    with pytest.raises(ValidationError):
        termijn_benoemen(
            termijn=termijn,
            besluitdatum=besluit,
            besluit_kenmerk="X",
            begindatum=vandaag() - timedelta(days=3),
            door=None,
        )
    termijn_benoemen(
        termijn=termijn, besluitdatum=besluit, besluit_kenmerk="X", begindatum=vandaag(), door=None
    )


def test_voorzitter_telt_niet_mee_voor_de_omvang():
    besluit = vandaag() - timedelta(days=30)
    raad(regels.max_leden(besluit).waarde, besluitdatum=besluit)
    voorzitter = benoemde_termijn(besluitdatum=besluit, soort=TermijnSoort.VOORZITTER)
    assert voorzitter.status == TermijnStatus.BENOEMD


def test_onopgeloste_bevinding_geweigerd_tot_de_voorzitter_een_afspraak_vastlegt():
    lid = LidFactory()
    verklaring = verklaring_indienen(
        lid=lid,
        aanleiding="benoeming",
        door=lid.user,
        conflict_of_omstandigheden=True,
        conflict_of_omstandigheden_toelichting="Bezwaarzaak Wmo",
    )
    termijn = _kandidaat(lid)
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(termijn=termijn, voorgedragen_op=vandaag(), door=None)
    assert exc.value.error_list[0].code == "onopgeloste_bevinding"
    assert "art. 5" in _fout(exc) and "bijlage 6" in _fout(exc)

    voorzitter = UserFactory(roles=["voorzitter"])
    with pytest.raises(ValidationError):
        verklaring_beoordelen(
            verklaring=verklaring, beoordeling=Beoordeling.AFSPRAAK, door=voorzitter
        )
    verklaring_beoordelen(
        verklaring=verklaring,
        beoordeling=Beoordeling.AFSPRAAK,
        afspraak="Neemt niet deel bij Wmo-bezwaar.",
        door=voorzitter,
    )
    termijn_voordragen(termijn=termijn, voorgedragen_op=vandaag(), door=None)


def test_onverenigbaar_blijft_geweigerd():
    lid = LidFactory()
    verklaring = verklaring_indienen(
        lid=lid,
        aanleiding="benoeming",
        door=lid.user,
        politieke_functie=True,
        politieke_functie_toelichting="Raadslid",
    )
    verklaring_beoordelen(
        verklaring=verklaring,
        beoordeling=Beoordeling.ONVERENIGBAAR,
        door=UserFactory(roles=["voorzitter"]),
    )
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(termijn=_kandidaat(lid), voorgedragen_op=vandaag(), door=None)
    assert exc.value.error_list[0].code == "onopgeloste_bevinding"


def test_zonder_verklaring_geen_benoeming():
    with pytest.raises(ValidationError) as exc:
        termijn_voordragen(termijn=_kandidaat(), voorgedragen_op=vandaag(), door=None)
    assert exc.value.error_list[0].code == "geen_verklaring"


def test_nieuwe_regelversie_verandert_alleen_besluiten_vanaf_die_datum():
    from verordening.services.regels import regel_wijzigen

    beheerder = UserFactory(is_superuser=True, is_staff=True)
    vanaf = vandaag() + timedelta(days=10)
    bestaand = benoemde_termijn(besluitdatum=vandaag() - timedelta(days=5), begindatum=vandaag())
    oude_eind = bestaand.einddatum
    regel_wijzigen(
        sleutel="zittingstermijn", waarde=3, geldig_vanaf=vanaf, bron=None, door=beheerder
    )

    voor = benoemde_termijn(
        besluitdatum=vanaf - timedelta(days=1), begindatum=vanaf + timedelta(days=30)
    )
    na = benoemde_termijn(besluitdatum=vanaf, begindatum=vanaf + timedelta(days=30))
    begin = vanaf + timedelta(days=30)
    assert voor.einddatum == begin.replace(year=begin.year + 4) - timedelta(days=1)
    assert na.einddatum == begin.replace(year=begin.year + 3) - timedelta(days=1)
    bestaand.refresh_from_db()
    assert bestaand.einddatum == oude_eind  # decisions before the date keep their outcome


def test_nieuwe_maximale_omvang_geldt_vanaf_haar_datum():
    from verordening.services.regels import regel_wijzigen

    beheerder = UserFactory(is_superuser=True, is_staff=True)
    besluit = vandaag() - timedelta(days=30)
    maximum = regels.max_leden(besluit).waarde
    raad(maximum - 1, besluitdatum=besluit)
    vanaf = vandaag() + timedelta(days=5)
    regel_wijzigen(
        sleutel="max_leden", waarde=maximum - 1, geldig_vanaf=vanaf, bron=None, door=beheerder
    )
    # Decided before the new version: the old maximum applies, one seat left.
    benoemde_termijn(besluitdatum=vanaf - timedelta(days=1))
    # Decided from the new version on: the council is full.
    with pytest.raises(ValidationError) as exc:
        benoemde_termijn(besluitdatum=vanaf)
    assert exc.value.error_list[0].code == "max_leden"


def test_ontheffing_vraagt_besluit_en_reden():
    termijn = benoemde_termijn()
    with pytest.raises(ValidationError):
        termijn_beeindigen(
            termijn=termijn, reden=EindeReden.ONTHEFFING, laatste_dag=vandaag(), door=None
        )
    termijn_beeindigen(
        termijn=termijn,
        reden=EindeReden.ONTHEFFING,
        laatste_dag=vandaag(),
        door=None,
        toelichting="Belangenverstrengeling",
        besluitdatum=vandaag(),
        besluit_kenmerk="B&W-99",
    )


def test_termijn_diensten_vragen_rechten():
    termijn = _kandidaat()
    with pytest.raises(PermissionDenied):
        termijn_voordragen(
            termijn=termijn, voorgedragen_op=vandaag(), door=UserFactory(roles=["lid"])
        )
    with pytest.raises(PermissionDenied):
        termijn_aanmaken(lid=termijn.lid, door=UserFactory(roles=["beleidsmedewerker"]))


def test_einde_termijn_ontneemt_rol_en_sessies():
    termijn = benoemde_termijn()
    user = termijn.lid.user
    client = Client()
    mfa_verify(client, user)
    # force_login does not fire our signal's request path; register the session as login would.
    UserSession.objects.get_or_create(
        session_key=client.session.session_key, defaults={"user": user}
    )
    assert client.get("/portaal/").status_code == 200
    termijn_beeindigen(
        termijn=termijn,
        reden=EindeReden.AFTREDEN,
        laatste_dag=vandaag() - timedelta(days=1),
        door=None,
    )
    assert not user.groups.filter(name="lid").exists()
    assert not SessionStore().exists(client.session.session_key)
    assert client.get("/portaal/").status_code == 302
    assert User.objects.get(pk=user.pk).is_active  # a former member keeps an account (AVG export)


def test_termijnen_afsluiten_op_datum():
    termijn = benoemde_termijn(besluitdatum=date(2026, 1, 12), begindatum=date(2026, 1, 12))
    assert termijnen_afsluiten(op=termijn.einddatum) == 0
    assert termijnen_afsluiten(op=termijn.einddatum + timedelta(days=1)) == 1
    termijn.refresh_from_db()
    assert termijn.einde_reden == EindeReden.REGULIER
    assert termijn.beeindigd_op == termijn.einddatum
    assert termijnen_afsluiten(op=termijn.einddatum + timedelta(days=1)) == 0


def test_andere_rollen_blijven_bij_einde_termijn():
    user = UserFactory(roles=["ondersteuner"])
    termijn = benoemde_termijn(LidFactory(user=user))
    assert set(user.groups.values_list("name", flat=True)) == {"lid", "ondersteuner"}
    termijn_beeindigen(termijn=termijn, reden=EindeReden.AFTREDEN, laatste_dag=vandaag(), door=None)
    rollen_bijwerken(lid=termijn.lid, op=vandaag() + timedelta(days=1))
    assert set(user.groups.values_list("name", flat=True)) == {"ondersteuner"}


def test_functies_voorzitter_en_vicevoorzitter():
    from decimal import Decimal

    chair = LidFactory(postcode="1012 AB")  # the ad-interim chair need not live in Hengelo
    functie_toewijzen(
        lid=chair,
        soort=FunctieSoort.VOORZITTER_AD_INTERIM,
        van=vandaag() - timedelta(days=10),
        uurtarief=Decimal("85.00"),
        door=None,
    )
    assert set(chair.user.groups.values_list("name", flat=True)) == {"voorzitter"}
    with pytest.raises(ValidationError):
        functie_toewijzen(
            lid=chair, soort=FunctieSoort.VOORZITTER_AD_INTERIM, van=vandaag(), door=None
        )  # no hourly rate
    termijn = benoemde_termijn()
    with pytest.raises(ValidationError):  # one chair at a time
        functie_toewijzen(
            lid=termijn.lid,
            soort=FunctieSoort.VOORZITTER_AD_INTERIM,
            van=vandaag(),
            uurtarief=Decimal("80"),
            door=None,
        )
    functie_toewijzen(
        lid=termijn.lid,
        soort=FunctieSoort.VICEVOORZITTER,
        van=vandaag() - timedelta(days=5),
        door=None,
    )
    assert set(termijn.lid.user.groups.values_list("name", flat=True)) == {"lid", "vicevoorzitter"}
    with pytest.raises(ValidationError):  # vice-chair is elected from the members
        functie_toewijzen(
            lid=LidFactory(), soort=FunctieSoort.VICEVOORZITTER, van=vandaag(), door=None
        )
    with pytest.raises(ValidationError):  # a fixed chair needs a chair's term
        functie_toewijzen(
            lid=LidFactory(), soort=FunctieSoort.VOORZITTER_VAST, van=vandaag(), door=None
        )
    # Ending the member's term ends the vice-chair function and the role.
    termijn_beeindigen(
        termijn=termijn,
        reden=EindeReden.AFTREDEN,
        laatste_dag=vandaag() - timedelta(days=1),
        door=None,
    )
    assert not termijn.lid.user.groups.exists()
    assert termijn.lid.functies.get().tot == vandaag() - timedelta(days=1)


def test_vaste_voorzitter_volgt_de_termijn():
    termijn = benoemde_termijn(soort=TermijnSoort.VOORZITTER)
    functie = functie_toewijzen(
        lid=termijn.lid, soort=FunctieSoort.VOORZITTER_VAST, van=termijn.begindatum, door=None
    )
    assert functie.tot == termijn.einddatum
    assert set(termijn.lid.user.groups.values_list("name", flat=True)) == {"voorzitter"}
