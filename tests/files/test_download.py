"""The download view: only an object grant opens a file; everything else is a boring 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hengelo_participatie.files.models import Bestand, BestandDownload
from hengelo_participatie.files.services import bestand_opslaan
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader() -> Any:
    return UserFactory()


@pytest.fixture
def bestand(private_media: Path, pdf_bytes: bytes, uploader: Any) -> Bestand:
    upload = SimpleUploadedFile("../../etc/Advies één.pdf", pdf_bytes)
    return bestand_opslaan(upload=upload, door=uploader)


def url_for(pk: int) -> str:
    return reverse("files:download", args=[pk])


def logged_in(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def test_url_name() -> None:
    assert url_for(7) == "/bestanden/7/download/"


def test_uploader_gets_the_exact_bytes_as_attachment(
    bestand: Bestand, uploader: Any, pdf_bytes: bytes
) -> None:
    response = logged_in(uploader).get(url_for(bestand.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "etc" not in disposition
    assert "Advies%20%C3%A9%C3%A9n.pdf" in disposition  # RFC 5987 filename*
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_every_download_is_recorded_and_logged(
    bestand: Bestand, uploader: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client = logged_in(uploader)
    caplog.set_level("INFO", logger="hengelo_participatie.audit")
    for expected in (1, 2):
        response = client.get(url_for(bestand.pk), REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 200
        # Consume the stream through the test client's wrapper; calling response.close() here
        # would fire request_finished and close the database connection (PostgreSQL).
        b"".join(response.streaming_content)
        assert BestandDownload.objects.filter(bestand=bestand, user=uploader).count() == expected
    row = BestandDownload.objects.first()
    assert row is not None
    assert row.ip == "192.0.2.10"
    lines = [r.getMessage() for r in caplog.records if "action=download" in r.getMessage()]
    assert len(lines) == 2
    line = lines[0]
    for part in (
        f"actor={uploader.pk}",
        f"object=bestand:{bestand.pk}",
        "result=ok",
        "ip=192.0.2.10",
        "time=",
    ):
        assert part in line
    assert "Advies" not in line  # no file names (may be personal data) in the log


def test_other_user_gets_404_and_nothing_is_recorded(
    bestand: Bestand, caplog: pytest.LogCaptureFixture
) -> None:
    ander = UserFactory()
    caplog.set_level("INFO", logger="hengelo_participatie.audit")
    response = logged_in(ander).get(url_for(bestand.pk))
    assert response.status_code == 404
    assert BestandDownload.objects.count() == 0
    assert any(
        f"actor={ander.pk}" in r.getMessage()
        and "result=niet_gevonden_of_geweigerd" in r.getMessage()
        for r in caplog.records
    )


def test_role_wide_view_permission_does_not_open_files(bestand: Bestand) -> None:
    # accept_global_perms=False, deliberately: a staff group holding files.view_bestand (as it
    # would for the admin) still sees only files it was granted.
    group = Group.objects.create(name="test-staf-met-view")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="files", codename="view_bestand")
    )
    staf = UserFactory(is_staff=True)
    staf.groups.add(group)
    assert staf.has_perm("files.view_bestand")
    response = logged_in(staf).get(url_for(bestand.pk))
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(bestand: Bestand) -> None:
    response = Client().get(url_for(bestand.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert BestandDownload.objects.count() == 0


def test_logged_in_without_second_factor_gets_no_file(bestand: Bestand, uploader: Any) -> None:
    client = Client()
    client.force_login(uploader)
    response = client.get(url_for(bestand.pk))
    assert response.status_code == 302
    assert BestandDownload.objects.count() == 0


def test_inactive_uploader_gets_no_file(bestand: Bestand, uploader: Any) -> None:
    client = logged_in(uploader)
    uploader.is_active = False
    uploader.save()
    response = client.get(url_for(bestand.pk))
    assert response.status_code in {302, 404}
    assert BestandDownload.objects.count() == 0


def test_idor_missing_and_forbidden_look_the_same(bestand: Bestand) -> None:
    client = logged_in(UserFactory())
    missing_pk = Bestand.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    forbidden = client.get(url_for(bestand.pk))
    missing = client.get(url_for(missing_pk))
    assert forbidden.status_code == missing.status_code == 404
    # The page must not differ except, at most, for the requested path itself.
    assert forbidden.content.replace(url_for(bestand.pk).encode(), b"URL") == (
        missing.content.replace(url_for(missing_pk).encode(), b"URL")
    )
    assert sorted(forbidden.headers.keys()) == sorted(missing.headers.keys())


def test_missing_file_on_disk_is_a_404_too(bestand: Bestand, uploader: Any) -> None:
    Path(bestand.bestand.path).unlink()
    response = logged_in(uploader).get(url_for(bestand.pk))
    assert response.status_code == 404
    assert BestandDownload.objects.count() == 0


def test_only_get(bestand: Bestand, uploader: Any) -> None:
    client = logged_in(uploader)
    assert client.post(url_for(bestand.pk)).status_code == 405


def test_not_cached_in_a_shared_cache(bestand: Bestand, uploader: Any) -> None:
    response = logged_in(uploader).get(url_for(bestand.pk))
    assert "public" not in response["Cache-Control"]
