"""Who reaches what: the status of every participatiemix URL per role, a moderator's own
activity only (IDOR: 404 like a missing object), and the public page without confidential data."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from guardian.shortcuts import get_objects_for_user

from participatiemix.models import (
    Activiteit,
    ActiviteitUserObjectPermission,
    Opbrengst,
)
from participatiemix.services import activiteiten as activiteiten_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.participatiemix.factories import maak_activiteit, thema, toegangswereld, uitgevoerd

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLLEN = [
    "anoniem",
    None,
    "lid",
    "voorzitter",
    "vicevoorzitter",
    "ondersteuner",
    "accounthouder",
    "beleidsmedewerker",
    "gespreksleider",
    "superuser",
]
LEZERS = {
    "lid",
    "voorzitter",
    "vicevoorzitter",
    "ondersteuner",
    "accounthouder",
    "beleidsmedewerker",
    "superuser",
}
WIJZIGERS = {"accounthouder", "superuser"}


def _verwacht(toegestaan: set[str], ok: int = 200) -> dict[object, int]:
    result: dict[object, int] = {rol: (ok if rol in toegestaan else 404) for rol in ROLLEN}
    result["anoniem"] = 302
    return result


@pytest.fixture
def wereld():
    return toegangswereld()


def _urls(w):
    a, r = w["a"], w["r"]
    p = "/portaal/participatie"
    return {
        "/participatie/": dict.fromkeys(ROLLEN, 200),
        f"/participatie/{a}/": dict.fromkeys(ROLLEN, 200),
        f"{p}/activiteiten/": _verwacht(set(ROLLEN) - {"anoniem"}),
        f"{p}/activiteiten/{a}/": _verwacht(LEZERS),
        f"{p}/activiteiten/{a}/verslag/": _verwacht(WIJZIGERS),
        f"{p}/activiteiten/{a}/verslag/download/": _verwacht(LEZERS),
        f"{p}/activiteiten/{a}/opbrengsten/nieuw/": _verwacht(WIJZIGERS),
        f"{p}/opbrengsten/": _verwacht(set(ROLLEN) - {"anoniem"}),
        f"{p}/jaarrapportage/": _verwacht(LEZERS),
        f"{p}/jaarrapportage/pdf/": dict.fromkeys(ROLLEN, 405),
        f"{p}/jaarrapportage/pdf/{r}/": _verwacht(LEZERS),
        f"{p}/jaarrapportage/pdf/{r}/download/": _verwacht(LEZERS),
        f"{p}/enquetes/": _verwacht(LEZERS),
    }


@pytest.mark.parametrize("rol", ROLLEN)
def test_status_per_rol(wereld, client_als, rol):
    client = Client() if rol == "anoniem" else client_als(rol)[0]
    fout = []
    for url, verwacht in _urls(wereld).items():
        status = client.get(url).status_code
        if status != verwacht[rol]:
            fout.append(f"{url}: {status}, verwacht {verwacht[rol]}")
    assert not fout, "\n".join(fout)


def test_gespreksleider_ziet_alleen_de_eigen_activiteit(wereld, client_als):
    client, gl = client_als("gespreksleider")
    eigen = maak_activiteit(nummer=2, gespreksleider=gl, titel="Mijn gesprek")
    andere = wereld["a"]

    lijst = client.get("/portaal/participatie/activiteiten/").content.decode()
    assert "Mijn gesprek" in lijst and "Gesprek A" not in lijst
    assert client.get(f"/portaal/participatie/activiteiten/{eigen.pk}/").status_code == 200
    for pad in ("", "verslag/", "verslag/download/", "opbrengsten/nieuw/"):
        assert client.get(f"/portaal/participatie/activiteiten/{andere}/{pad}").status_code == 404
    # Same answer as an id that does not exist (no IDOR oracle).
    assert client.get("/portaal/participatie/activiteiten/999999/").status_code == 404


def test_gespreksleider_uploadt_verslag_en_opbrengst_bij_eigen_activiteit(wereld, client_als):
    client, gl = client_als("gespreksleider")
    eigen = uitgevoerd(maak_activiteit(nummer=2, gespreksleider=gl))
    basis = f"/portaal/participatie/activiteiten/{eigen.pk}"

    r = client.post(f"{basis}/verslag/", {"verslag": SimpleUploadedFile("verslag.pdf", PDF)})
    assert r.status_code == 302
    eigen.refresh_from_db()
    assert eigen.verslag is not None and eigen.verslag.geupload_door == gl
    assert client.get(f"{basis}/verslag/download/").status_code == 200

    r = client.post(
        f"{basis}/opbrengsten/nieuw/",
        {
            "soort": "knelpunt",
            "thema": thema().pk,
            "omschrijving": "Lange wachttijd.",
            "citaat": "",
            "frequentie": "4",
        },
    )
    assert r.status_code == 302
    opbrengst = Opbrengst.objects.get(activiteit=eigen)
    assert (opbrengst.soort, opbrengst.frequentie, opbrengst.ingevoerd_door) == ("knelpunt", 4, gl)

    # The same POSTs at someone else's activity: 404 and nothing written.
    andere = wereld["a"]
    verslag_voor = Activiteit.objects.get(pk=andere).verslag_id
    assert (
        client.post(
            f"/portaal/participatie/activiteiten/{andere}/verslag/",
            {"verslag": SimpleUploadedFile("x.pdf", PDF)},
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/portaal/participatie/activiteiten/{andere}/opbrengsten/nieuw/",
            {"soort": "knelpunt", "thema": thema().pk, "omschrijving": "x", "frequentie": "1"},
        ).status_code
        == 404
    )
    assert Activiteit.objects.get(pk=andere).verslag_id == verslag_voor
    assert not Opbrengst.objects.filter(activiteit_id=andere).exists()


def test_een_verkeerd_bestand_wordt_geweigerd(client_als):
    client, gl = client_als("gespreksleider")
    eigen = maak_activiteit(nummer=2, gespreksleider=gl)
    r = client.post(
        f"/portaal/participatie/activiteiten/{eigen.pk}/verslag/",
        {"verslag": SimpleUploadedFile("verslag.pdf", b"<html><script>alert(1)</script>")},
    )
    assert r.status_code == 200
    assert "utrecht-form-field--invalid" in r.content.decode()
    eigen.refresh_from_db()
    assert eigen.verslag is None


def test_na_afsluiten_kan_de_gespreksleider_niets_meer_toevoegen(client_als):
    client, gl = client_als("gespreksleider")
    eigen = uitgevoerd(maak_activiteit(nummer=1, gespreksleider=gl))
    activiteiten_services.activiteit_afsluiten(activiteit=eigen, door=None)
    r = client.post(
        f"/portaal/participatie/activiteiten/{eigen.pk}/opbrengsten/nieuw/",
        {
            "soort": "knelpunt",
            "thema": thema().pk,
            "omschrijving": "Te laat.",
            "frequentie": "1",
        },
    )
    assert r.status_code == 200
    assert "afgesloten" in r.content.decode()
    assert not Opbrengst.objects.exists()


def test_wisselen_van_gespreksleider_verplaatst_de_rechten():
    oud, nieuw = UserFactory(roles=["gespreksleider"]), UserFactory(roles=["gespreksleider"])
    activiteit = maak_activiteit(nummer=2, gespreksleider=oud)
    assert list(get_objects_for_user(oud, "participatiemix.view_activiteit", Activiteit)) == [
        activiteit
    ]

    activiteit.gespreksleider = nieuw
    activiteiten_services.activiteit_opslaan(
        activiteit=activiteit, door=None, vorige_gespreksleider_id=oud.pk
    )

    assert not get_objects_for_user(oud, "participatiemix.view_activiteit", Activiteit).exists()
    assert (
        get_objects_for_user(nieuw, "participatiemix.change_activiteit", Activiteit).get()
        == activiteit
    )
    activiteit.delete()
    assert not ActiviteitUserObjectPermission.objects.exists()  # grants go with the object


def test_openbare_pagina_toont_alleen_gepubliceerde_terugkoppeling_zonder_vertrouwelijks(wereld):
    client = Client()
    html = client.get(f"/participatie/{wereld['a']}/").content.decode()
    assert "Brieven zijn moeilijk." in html and "Folder herschreven." in html
    assert "Brief aan 9 deelnemers." not in html  # internal: how participants were told
    assert "verslag" not in html.lower()

    niet_openbaar = uitgevoerd(maak_activiteit(nummer=1, titel="Intern onderzoek"))
    terugkoppelingen_services.terugkoppeling_vastleggen(
        terugkoppeling=niet_openbaar.terugkoppeling,
        door=None,
        gegeven_op=date(2026, 3, 20),
        wat_gedaan="Intern.",
        hoe_geinformeerd="Mail.",
    )
    assert client.get(f"/participatie/{niet_openbaar.pk}/").status_code == 404
    assert "Intern onderzoek" not in client.get("/participatie/").content.decode()


def test_xss_in_tekstvelden_wordt_ontsnapt(wereld, client_als):
    a = Activiteit.objects.get(pk=wereld["a"])
    a.titel = '<script>alert("x")</script>'
    activiteiten_services.activiteit_opslaan(
        activiteit=a, door=None, vorige_gespreksleider_id=a.gespreksleider_id
    )
    client, _ = client_als("lid")
    for url in (
        f"/portaal/participatie/activiteiten/{a.pk}/",
        "/portaal/participatie/activiteiten/",
        f"/participatie/{a.pk}/",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html


# --- One rule for a moderator's report: both download URLs ask the same policy ----------------
def _verslag_urls(activiteit: Activiteit) -> tuple[str, str]:
    return (
        f"/portaal/participatie/activiteiten/{activiteit.pk}/verslag/download/",
        f"/bestanden/{activiteit.verslag_id}/download/",
    )


@pytest.mark.parametrize("rol", [*ROLLEN, "eigen gespreksleider", "vorige gespreksleider"])
def test_beide_download_urls_van_een_verslag_geven_hetzelfde_antwoord(wereld, client_als, rol):
    """Whoever may see the activity may download its report, through either URL; anyone else
    gets the same 404 from both. Before, the generic URL let only the uploader in (a council
    member got 404 there and 200 on the activity's URL) and kept letting a replaced moderator in.
    """
    activiteit = Activiteit.objects.get(pk=wereld["a"])
    if rol == "anoniem":
        client = Client()
    elif rol == "eigen gespreksleider":
        client = Client()
        mfa_verify(client, activiteit.gespreksleider)
    elif rol == "vorige gespreksleider":
        vorige = activiteit.gespreksleider
        client = Client()
        mfa_verify(client, vorige)
        activiteit.gespreksleider = UserFactory(roles=["gespreksleider"])
        activiteiten_services.activiteit_opslaan(
            activiteit=activiteit, door=None, vorige_gespreksleider_id=vorige.pk
        )
    else:
        client = client_als(rol)[0]
    eigen_url, bestand_url = _verslag_urls(activiteit)
    verwacht = {"anoniem": 302, "eigen gespreksleider": 200, "vorige gespreksleider": 404}.get(
        rol, 200 if rol in LEZERS else 404
    )
    assert (client.get(eigen_url).status_code, client.get(bestand_url).status_code) == (
        verwacht,
        verwacht,
    )
