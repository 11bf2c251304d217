"""Portal and public pages: who sees what, declarations' confidentiality, the AVG export."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client

from adviesraad.models import Beoordeling, FunctieSoort, VerklaringInzage
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.leden import lid_bijwerken, lid_foto_opslaan
from adviesraad.services.termijnen import termijn_beeindigen
from adviesraad.services.verklaringen import verklaring_indienen
from tests.adviesraad.factories import LidFactory, benoemde_termijn, schone_verklaring, vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "lid",
    "voorzitter",
    "vicevoorzitter",
    "ondersteuner",
    "accounthouder",
    "beleidsmedewerker",
    "gespreksleider",
]


def _client(user) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


@pytest.fixture
def verklaring_van_ander():
    termijn = benoemde_termijn()
    return termijn.lid.verklaringen.get()


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        ("lid", 404),
        ("vicevoorzitter", 404),
        ("accounthouder", 404),
        ("beleidsmedewerker", 404),
        ("gespreksleider", 404),
        (None, 404),
        ("voorzitter", 200),
        ("ondersteuner", 200),
    ],
)
def test_verklaring_alleen_voor_lid_voorzitter_en_ondersteuner(rol, verwacht, verklaring_van_ander):
    client = _client(UserFactory(roles=[rol] if rol else []))
    url = f"/portaal/lidmaatschap/verklaringen/{verklaring_van_ander.pk}/"
    response = client.get(url)
    assert response.status_code == verwacht
    lijst = client.get("/portaal/lidmaatschap/verklaringen/")
    assert lijst.status_code == 200
    zichtbaar = verklaring_van_ander.lid.naam in lijst.content.decode()
    assert zichtbaar == (verwacht == 200)
    assert VerklaringInzage.objects.filter(verklaring=verklaring_van_ander).count() == (
        1 if verwacht == 200 else 0
    )


def test_eigen_verklaring_zichtbaar_en_inzage_gelogd(verklaring_van_ander):
    eigenaar = verklaring_van_ander.lid.user
    client = _client(eigenaar)
    response = client.get(f"/portaal/lidmaatschap/verklaringen/{verklaring_van_ander.pk}/")
    assert response.status_code == 200
    inzage = VerklaringInzage.objects.get()
    assert (inzage.gelezen_door, inzage.via) == (eigenaar, "portaal")
    # Someone else's declaration: 404, the same as a missing one.
    ander = benoemde_termijn().lid.verklaringen.get()
    assert client.get(f"/portaal/lidmaatschap/verklaringen/{ander.pk}/").status_code == 404
    assert client.get("/portaal/lidmaatschap/verklaringen/999999/").status_code == 404


def test_anoniem_wordt_naar_inloggen_gestuurd(verklaring_van_ander):
    client = Client()
    for url in (
        "/portaal/lidmaatschap/",
        f"/portaal/lidmaatschap/verklaringen/{verklaring_van_ander.pk}/",
        "/portaal/lidmaatschap/mijn-gegevens.json",
        "/portaal/lidmaatschap/samenstelling/",
    ):
        assert client.get(url).status_code == 302


def test_voorzitter_beoordeelt_in_het_portaal():
    lid = LidFactory()
    verklaring = verklaring_indienen(
        lid=lid,
        aanleiding="benoeming",
        door=lid.user,
        belangenbehartiging=True,
        belangenbehartiging_toelichting="Bestuur wijkvereniging",
    )
    voorzitter = _client(UserFactory(roles=["voorzitter"]))
    url = f"/portaal/lidmaatschap/verklaringen/{verklaring.pk}/"
    response = voorzitter.post(url, {"beoordeling": Beoordeling.AFSPRAAK, "afspraak": ""})
    assert response.status_code == 200  # the form asks for the agreement
    verklaring.refresh_from_db()
    assert verklaring.beoordeling == Beoordeling.OPEN
    response = voorzitter.post(
        url, {"beoordeling": Beoordeling.AFSPRAAK, "afspraak": "Stopt per 1 maart."}
    )
    assert response.status_code == 302
    verklaring.refresh_from_db()
    assert verklaring.beoordeling == Beoordeling.AFSPRAAK
    # The member may read but not assess.
    eigen = _client(lid.user)
    assert eigen.post(url, {"beoordeling": Beoordeling.GEEN_STRIJDIGHEID}).status_code == 404


def test_lid_vult_verklaring_in():
    lid = LidFactory()
    client = _client(lid.user)
    assert client.get("/portaal/lidmaatschap/verklaringen/nieuw/").status_code == 200
    data = {"aanleiding": "jaarlijks", "overige_toelichting": ""}
    for naam in (
        "politieke_functie",
        "belangenbehartiging",
        "vrijwilligerswerk",
        "professionele_betrokkenheid",
        "conflict_of_omstandigheden",
    ):
        data[naam] = "nee"
        data[f"{naam}_toelichting"] = ""
    data["vrijwilligerswerk"] = "ja"
    response = client.post("/portaal/lidmaatschap/verklaringen/nieuw/", data)
    assert response.status_code == 200
    assert "Licht uw" in response.content.decode()
    data["vrijwilligerswerk_toelichting"] = "Voedselbank, op persoonlijke titel"
    response = client.post("/portaal/lidmaatschap/verklaringen/nieuw/", data)
    assert response.status_code == 302
    verklaring = lid.verklaringen.get()
    assert verklaring.vrijwilligerswerk and not verklaring.heeft_bevinding
    # Without a council record there is nothing to declare for.
    assert (
        _client(UserFactory()).get("/portaal/lidmaatschap/verklaringen/nieuw/").status_code == 404
    )


def test_csrf_bij_verklaring():
    lid = LidFactory()
    client = Client(enforce_csrf_checks=True)
    mfa_verify(client, lid.user)
    response = client.post("/portaal/lidmaatschap/verklaringen/nieuw/", {"aanleiding": "jaarlijks"})
    assert response.status_code == 403
    assert not lid.verklaringen.exists()


def test_mijn_lidmaatschap_en_export():
    termijn = benoemde_termijn(adres="Geheimstraat 9", postcode="7552 XY")
    lid = termijn.lid
    functie_toewijzen(lid=lid, soort=FunctieSoort.VICEVOORZITTER, van=vandaag(), door=None)
    client = _client(lid.user)
    pagina = client.get("/portaal/lidmaatschap/")
    assert pagina.status_code == 200
    assert "Vicevoorzitter" in pagina.content.decode()
    assert pagina["Cache-Control"].startswith("no-store") or "no-store" in pagina["Cache-Control"]
    response = client.get("/portaal/lidmaatschap/mijn-gegevens.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == lid.user.email
    assert data["lid"]["adres"] == "Geheimstraat 9"
    assert data["lid"]["zittingstermijnen"][0]["einddatum"] == termijn.einddatum.isoformat()
    assert data["lid"]["functies"][0]["soort"] == FunctieSoort.VICEVOORZITTER
    assert len(data["lid"]["nevenfunctieverklaringen"]) == 1
    assert VerklaringInzage.objects.filter(via="export", gelezen_door=lid.user).count() == 1
    # A user without a council record gets their account data only.
    anders = _client(UserFactory())
    assert json.loads(anders.get("/portaal/lidmaatschap/mijn-gegevens.json").content)["lid"] is None
    assert anders.get("/portaal/lidmaatschap/").status_code == 200


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        ("lid", 200),
        ("voorzitter", 200),
        ("vicevoorzitter", 200),
        ("ondersteuner", 200),
        ("accounthouder", 200),
        ("beleidsmedewerker", 404),
        ("gespreksleider", 404),
        (None, 404),
    ],
)
def test_leden_en_samenstelling_per_rol(rol, verwacht):
    benoemde_termijn()
    client = _client(UserFactory(roles=[rol] if rol else []))
    assert client.get("/portaal/lidmaatschap/leden/").status_code == verwacht
    assert client.get("/portaal/lidmaatschap/samenstelling/").status_code == verwacht


def test_openbare_pagina_toont_raad_zonder_persoonsgegevens():
    termijn = benoemde_termijn(adres="Verborgenweg 1")
    functie_toewijzen(lid=termijn.lid, soort=FunctieSoort.VICEVOORZITTER, van=vandaag(), door=None)
    oud = benoemde_termijn()
    termijn_beeindigen(
        termijn=oud, reden="aftreden", laatste_dag=vandaag() - timedelta(days=1), door=None
    )
    response = Client().get("/adviesraad/")
    assert response.status_code == 200
    html = response.content.decode()
    assert termijn.lid.naam in html
    assert "Verborgenweg" not in html and termijn.lid.user.email not in html
    assert oud.lid.naam not in html
    assert "ondersteuner" in html
    # No photo without consent.
    assert Client().get(f"/adviesraad/foto/{termijn.lid.pk}/").status_code == 404


def test_foto_alleen_met_toestemming(tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    termijn = benoemde_termijn()
    lid = termijn.lid
    upload = SimpleUploadedFile("ik.png", png, content_type="image/png")
    with pytest.raises(Exception):  # noqa: B017 (ValidationError: no consent)
        lid_foto_opslaan(lid=lid, upload=upload, door=lid.user)
    lid_bijwerken(lid=lid, door=lid.user, foto_toestemming=True)
    upload.seek(0)
    lid_foto_opslaan(lid=lid, upload=upload, door=lid.user)
    response = Client().get(f"/adviesraad/foto/{lid.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    lid_bijwerken(lid=lid, door=lid.user, foto_toestemming=False)
    lid.refresh_from_db()
    assert lid.foto is None
    assert Client().get(f"/adviesraad/foto/{lid.pk}/").status_code == 404


def test_verklaring_zonder_toestemming_geen_diversiteit():
    lid = LidFactory()
    lid_bijwerken(lid=lid, door=lid.user, gender="vrouw", diversiteit_toestemming=False)
    lid.refresh_from_db()
    assert lid.gender == ""
    schone_verklaring(lid)
