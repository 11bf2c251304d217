"""The Bestand admin for the account holder, through the real admin forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hengelo_participatie.files.models import Bestand, BestandDownload
from hengelo_participatie.files.policy import bestand_policy
from hengelo_participatie.files.services import bestand_opslaan, download_registreren
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.files.helpers import PNG_1X1, stored_files

pytestmark = pytest.mark.django_db

ADD_URL = "admin:files_bestand_add"
LIST_URL = "admin:files_bestand_changelist"


def admin_client(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


@pytest.fixture
def accounthouder() -> Any:
    return UserFactory(roles=["accounthouder"])


def test_upload_through_admin_uses_the_service(
    private_media: Path, pdf_bytes: bytes, accounthouder: Any
) -> None:
    client = admin_client(accounthouder)
    response = client.post(
        reverse(ADD_URL),
        {"upload": SimpleUploadedFile("../Advies.pdf", pdf_bytes), "vertrouwelijk": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    bestand = Bestand.objects.get()
    assert bestand.oorspronkelijke_naam == "Advies.pdf"
    assert bestand.geupload_door == accounthouder
    assert bestand.vertrouwelijk is True
    assert bestand_policy.user_has_perm_for_object(accounthouder, "view", bestand)
    assert [p.name for p in stored_files(private_media)] == [Path(bestand.bestand.name).name]


def test_bad_upload_through_admin_shows_the_dutch_message(
    private_media: Path, accounthouder: Any
) -> None:
    client = admin_client(accounthouder)
    response = client.post(
        reverse(ADD_URL), {"upload": SimpleUploadedFile("tekening.svg", b"<svg></svg>")}
    )
    assert response.status_code == 200
    assert "Dit soort bestand kunnen we niet aannemen." in response.content.decode()
    assert Bestand.objects.count() == 0
    assert stored_files(private_media) == []


def test_mismatched_name_through_admin_is_refused(private_media: Path, accounthouder: Any) -> None:
    client = admin_client(accounthouder)
    response = client.post(reverse(ADD_URL), {"upload": SimpleUploadedFile("foto.pdf", PNG_1X1)})
    assert response.status_code == 200
    assert "De naam van dit bestand past niet bij wat erin zit." in response.content.decode()
    assert Bestand.objects.count() == 0


def test_list_shows_only_own_files_with_download_link(
    private_media: Path, pdf_bytes: bytes, accounthouder: Any
) -> None:
    eigen = bestand_opslaan(
        upload=SimpleUploadedFile("eigen-stuk.pdf", pdf_bytes), door=accounthouder
    )
    collega = UserFactory(roles=["accounthouder"])
    vreemd = bestand_opslaan(
        upload=SimpleUploadedFile("andermans-stuk.pdf", pdf_bytes), door=collega
    )

    client = admin_client(accounthouder)
    page = client.get(reverse(LIST_URL))
    assert page.status_code == 200
    html = page.content.decode()
    assert "eigen-stuk.pdf" in html
    assert reverse("files:download", args=[eigen.pk]) in html
    assert "andermans-stuk.pdf" not in html

    detail = client.get(reverse("admin:files_bestand_change", args=[vreemd.pk]))
    assert "andermans-stuk.pdf" not in detail.content.decode()
    search = client.get(reverse(LIST_URL), {"q": "andermans"})
    assert "andermans-stuk.pdf" not in search.content.decode()


def test_no_change_and_no_bulk_delete(
    private_media: Path, pdf_bytes: bytes, accounthouder: Any
) -> None:
    eigen = bestand_opslaan(upload=SimpleUploadedFile("stuk.pdf", pdf_bytes), door=accounthouder)
    client = admin_client(accounthouder)
    response = client.post(
        reverse("admin:files_bestand_change", args=[eigen.pk]), {"vertrouwelijk": ""}
    )
    assert response.status_code == 403
    eigen.refresh_from_db()
    assert eigen.vertrouwelijk is True
    page = client.get(reverse(LIST_URL))
    assert "delete_selected" not in page.content.decode()


def test_download_log_is_read_only_and_names_no_file(
    private_media: Path, pdf_bytes: bytes, accounthouder: Any
) -> None:
    bestand = bestand_opslaan(
        upload=SimpleUploadedFile("geheim-stuk.pdf", pdf_bytes), door=accounthouder
    )
    download_registreren(bestand=bestand, door=accounthouder, ip="192.0.2.1")
    list_url = reverse("admin:files_bestanddownload_changelist")

    assert admin_client(accounthouder).get(list_url).status_code == 403

    beheerder = UserFactory(is_staff=True, is_superuser=True)
    client = admin_client(beheerder)
    page = client.get(list_url)
    assert page.status_code == 200
    assert "192.0.2.1" in page.content.decode()
    assert "geheim-stuk.pdf" not in page.content.decode()
    assert client.get(reverse("admin:files_bestanddownload_add")).status_code == 403
    row = BestandDownload.objects.get()
    delete = client.post(
        reverse("admin:files_bestanddownload_delete", args=[row.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert BestandDownload.objects.count() == 1
