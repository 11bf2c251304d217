"""Findings used in an advice request, and open requests in "Voor mijn portefeuille".

The thread from what residents said (``Opbrengst``), through its use (``Benutting``), to what the
council advised (``Adviesaanvraag``): shown in full on the confidential portal page, only as
numbers per kind in the public register.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.advies.services.aanvraag import overgang_uitvoeren
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.models.advies import Adviesaanvraag, Status
from participatiemix.relevantie import relevante_wetten_voor
from participatiemix.services import inbreng as inbreng_services

# The autouse fixture of the advice tests (private files for the PDFs); ``raad`` and
# ``client_van`` come through tests/participatiemix/conftest.py.
from tests.adviesraad.advies.conftest import _prive  # noqa: F401
from tests.adviesraad.advies.helpers import gevraagd, reactie, tot_verzonden
from tests.factories import UserFactory
from tests.participatiemix.factories import domein, maak_activiteit, thema

pytestmark = pytest.mark.django_db

CITAAT = "Ik sta er helemaal alleen voor, ook in het weekend."
OMSCHRIJVING = "Mantelzorgers weten niet waar ze respijtzorg kunnen vinden."
ACTIVITEIT = "Gesprek met mantelzorgers in Hengelo-Noord"


def _gebruikt_in(aanvraag: Adviesaanvraag) -> Any:
    activiteit = maak_activiteit(titel=ACTIVITEIT, themas=[thema()], domeinen=[domein("wmo")])
    opbrengst = inbreng_services.opbrengst_toevoegen(
        activiteit=activiteit,
        door=None,
        soort="knelpunt",
        thema=thema(),
        omschrijving=OMSCHRIJVING,
        citaat=CITAAT,
    )
    return inbreng_services.benutting_vastleggen(
        opbrengst=opbrengst,
        door=None,
        soort="beleid",
        omschrijving="Meegenomen in het advies.",
        datum=date(2026, 5, 1),
        adviesaanvraag=aanvraag,
    )


# --- The portal page of the request ---------------------------------------------------------
def test_lid_met_toegang_ziet_wat_inwoners_zeiden(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    benutting = _gebruikt_in(aanvraag)
    assert list(aanvraag.benuttingen.all()) == [benutting]
    response = client_van(raad["leden"][0].user).get(f"/portaal/advies/{aanvraag.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat inwoners zeiden" in html
    for tekst in ("Knelpunt", thema().naam, OMSCHRIJVING, CITAAT, ACTIVITEIT):
        assert tekst in html, tekst


def test_zonder_toegang_blijft_de_pagina_404(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    _gebruikt_in(aanvraag)
    for buitenstaander in (UserFactory(roles=["lid"]), UserFactory(roles=["gespreksleider"])):
        response = client_van(buitenstaander).get(f"/portaal/advies/{aanvraag.pk}/")
        assert response.status_code == 404
        assert CITAAT not in response.content.decode()


def test_zonder_koppeling_een_korte_melding(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    html = client_van(raad["leden"][0].user).get(f"/portaal/advies/{aanvraag.pk}/").content.decode()
    assert "Er zijn nog geen opbrengsten uit de participatiemix" in html


# --- The public register ----------------------------------------------------------------------
def test_openbaar_register_toont_alleen_aantal_en_soort(
    raad: dict[str, Any], pdf_bytes: bytes, client: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    _gebruikt_in(aanvraag)
    tot_verzonden(aanvraag, raad)
    reactie(aanvraag, raad)
    publiceren(aanvraag=aanvraag, door=raad["ondersteuner"])
    response = client.get(f"/adviezen/{aanvraag.kenmerk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat inwoners zeiden" in html
    assert "1 opbrengst uit gesprekken met inwoners" in html
    assert "Knelpunt: 1" in html
    for geheim in (CITAAT, OMSCHRIJVING, ACTIVITEIT, "Meegenomen in het advies."):
        assert geheim not in html, geheim


# --- Services and the model -------------------------------------------------------------------
def test_koppelen_vraagt_toegang_tot_de_aanvraag(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    opbrengst = _gebruikt_in(aanvraag).opbrengst
    invoerder = UserFactory()
    invoerder.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="participatiemix", codename="change_activiteit"
        )
    )
    invoerder = type(invoerder).objects.get(pk=invoerder.pk)  # fresh permission cache
    with pytest.raises(PermissionDenied):
        inbreng_services.benutting_vastleggen(
            opbrengst=opbrengst,
            door=invoerder,
            soort="beleid",
            omschrijving="x",
            datum=date(2026, 5, 2),
            adviesaanvraag=aanvraag,
        )
    # Without a request, a policy document as before.
    b = inbreng_services.benutting_vastleggen(
        opbrengst=opbrengst,
        door=invoerder,
        soort="beleid",
        omschrijving="x",
        datum=date(2026, 5, 2),
        beleidsdocument="Beleidsplan Wmo 2027",
    )
    assert b.adviesaanvraag is None and b.beleidsdocument == "Beleidsplan Wmo 2027"


def test_aanvraag_met_gebruikte_opbrengsten_is_beschermd(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    from django.db.models import ProtectedError

    aanvraag = gevraagd(raad, pdf_bytes)
    _gebruikt_in(aanvraag)
    with pytest.raises(ProtectedError):
        aanvraag.delete()


def test_zichtbaarheid_zonder_extra_queries_volgt_het_beleid(
    raad: dict[str, Any], pdf_bytes: bytes, django_assert_num_queries: Any
) -> None:
    gevraagd(raad, pdf_bytes, titel="Een")
    gevraagd(raad, pdf_bytes, titel="Twee", zaaknummer="Z-2")
    gebruikers = [
        raad["leden"][0].user,
        raad["voorzitter"].user,
        raad["ondersteuner"],
        raad["accounthouder"],
        raad["beleidsmedewerker"],
        UserFactory(roles=["lid"]),
        UserFactory(roles=["gespreksleider"]),
        UserFactory(is_superuser=True),
        UserFactory(roles=["lid"], is_active=False),
    ]
    for user in gebruikers:
        with django_assert_num_queries(0):
            qs = aanvraag_policy.zichtbaar_zonder_extra_queries(user)
        assert set(qs.values_list("pk", flat=True)) == set(
            aanvraag_policy.instances_user_has_perm_for(user, "view").values_list("pk", flat=True)
        ), user


# --- Relevance: "Voor mijn portefeuille" ------------------------------------------------------
def test_open_aanvraag_maakt_haar_wetten_relevant(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)  # over the Wmo
    lid = raad["leden"][0].user
    relevantie = relevante_wetten_voor(lid, timezone.localdate())
    assert relevantie  # a member without a portfolio, but with an open request
    assert relevantie.portefeuilles == ()
    assert relevantie.adviesaanvragen == (aanvraag.kenmerk,)
    assert relevantie.kernwetten == {"wmo"}
    assert relevantie.domeinen == {"wmo"}
    assert relevantie.kernwet_namen == ("Wmo 2015",)
    # Someone who cannot see the request: nothing to narrow on.
    assert not relevante_wetten_voor(UserFactory(roles=["lid"]), timezone.localdate())


def test_ingetrokken_of_afgeronde_aanvraag_telt_niet(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    lid = raad["leden"][0].user
    ingetrokken = gevraagd(raad, pdf_bytes)
    overgang_uitvoeren(
        aanvraag=ingetrokken,
        naar=Status.INGETROKKEN,
        door=raad["beleidsmedewerker"],
        reden="Het beleid wordt uitgesteld.",
    )
    assert not relevante_wetten_voor(lid, timezone.localdate())
    afgerond = gevraagd(raad, pdf_bytes, zaaknummer="Z-2")
    assert relevante_wetten_voor(lid, timezone.localdate()).adviesaanvragen == (afgerond.kenmerk,)
    Adviesaanvraag.objects.filter(pk=afgerond.pk).update(status=Status.AFGEROND)
    assert not relevante_wetten_voor(lid, timezone.localdate())


def test_lijst_opbrengsten_noemt_de_open_aanvraag(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    _gebruikt_in(aanvraag)
    jeugd = maak_activiteit(titel="Jeugdgesprek", themas=[thema()], domeinen=[domein("jeugdwet")])
    inbreng_services.opbrengst_toevoegen(
        activiteit=jeugd, door=None, soort="ervaring", thema=thema(), omschrijving="Over jeugdhulp."
    )
    client = client_van(raad["leden"][0].user)
    response = client.get("/portaal/participatie/opbrengsten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["alleen_portefeuille"] is True
    assert f"wetten van open adviesaanvragen ({aanvraag.kenmerk})" in html
    assert OMSCHRIJVING in html and "Over jeugdhulp." not in html
    alles = client.get("/portaal/participatie/opbrengsten/?weergave=alles").content.decode()
    assert "Over jeugdhulp." in alles


# --- The admin ------------------------------------------------------------------------------
def test_beheer_koppelt_een_benutting_aan_een_zichtbare_aanvraag(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    opbrengst = _gebruikt_in(aanvraag).opbrengst
    client = client_van(raad["accounthouder"])  # sees every request through the group grant
    url = f"/admin/participatiemix/opbrengst/{opbrengst.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    veld = response.context["inline_admin_formsets"][0].formset.forms[0].fields["adviesaanvraag"]
    assert list(veld.queryset) == [aanvraag]
