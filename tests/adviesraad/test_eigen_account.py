"""Nobody raises their own rights through the membership records.

Council roles follow terms and functions, and the account holder keeps those records. Without a
check, an account holder could register their own account as a member, nominate and appoint it,
and so hold the council role ``lid`` (and read confidential advice) on their own say-so. The
services refuse that whatever the admin form says; a colleague can still do it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from adviesraad.models import FunctieSoort, Lid, TermijnStatus
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.leden import lid_aanmaken
from adviesraad.services.termijnen import termijn_aanmaken, termijn_benoemen, termijn_voordragen
from tests.adviesraad.factories import LidFactory, benoemde_termijn, schone_verklaring, vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _rollen(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_accounthouder_benoemt_het_eigen_account_niet():
    ik = UserFactory(roles=["accounthouder"])
    lid = LidFactory(user=ik)  # registered by someone else, or before the rule
    schone_verklaring(lid)
    with pytest.raises(PermissionDenied):
        termijn_aanmaken(lid=lid, door=ik)
    termijn = termijn_aanmaken(lid=lid, door=None)
    with pytest.raises(PermissionDenied):
        termijn_voordragen(termijn=termijn, voorgedragen_op=vandaag(), door=ik)
    termijn = termijn_voordragen(termijn=termijn, voorgedragen_op=vandaag(), door=None)
    with pytest.raises(PermissionDenied):
        termijn_benoemen(termijn=termijn, besluitdatum=vandaag(), besluit_kenmerk="B&W-1", door=ik)
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.VOORGEDRAGEN
    assert _rollen(ik) == {"accounthouder"}
    # A colleague may: the rule is about one's own account, not about who is appointed.
    collega = UserFactory(roles=["accounthouder"])
    termijn_benoemen(termijn=termijn, besluitdatum=vandaag(), besluit_kenmerk="B&W-2", door=collega)
    assert "lid" in _rollen(ik)


def test_geen_eigen_functie_en_geen_eigen_lidmaatschap():
    termijn = benoemde_termijn(besluitdatum=vandaag() - timedelta(days=30))
    ik = termijn.lid.user
    ik.groups.add(*UserFactory(roles=["accounthouder"]).groups.all())
    with pytest.raises(PermissionDenied):
        functie_toewijzen(
            lid=termijn.lid, soort=FunctieSoort.VICEVOORZITTER, van=vandaag(), door=ik
        )
    assert "vicevoorzitter" not in _rollen(ik)
    ander = UserFactory(roles=["accounthouder"])
    with pytest.raises(PermissionDenied):
        lid_aanmaken(user=ander, postcode="7551 AB", door=ander, adres="Markt 1")
    assert not Lid.objects.filter(user=ander).exists()


def test_eigen_account_als_lid_toevoegen_in_het_beheer_is_een_formulierfout():
    ik = UserFactory(roles=["accounthouder"])
    client = Client()
    mfa_verify(client, ik)
    response = client.post(
        "/admin/adviesraad/lid/add/",
        {
            "user": ik.pk,
            "adres": "Markt 1",
            "postcode": "7551 AB",
            "woonplaats": "Hengelo",
            "beschikbaarheid_uren_per_maand": 8,
        },
    )
    assert response.status_code == 200
    assert "U kunt uzelf niet aanmelden" in response.content.decode()
    assert not Lid.objects.filter(user=ik).exists()
