"""Upload abuse (ASVS 5.2/5.3): size, type by content, name matching the type, no user paths."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from guardian.models import UserObjectPermission
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hengelo_participatie.files.models import Bestand, BestandDownload, BestandUserObjectPermission
from hengelo_participatie.files.policy import bestand_policy
from hengelo_participatie.files.services import (
    bestand_opslaan,
    bestand_verwijderen,
    download_registreren,
    veilige_naam,
)
from hengelo_participatie.files.validators import MSG_SOORT, validate_upload
from tests.factories import UserFactory
from tests.files.helpers import JPEG_HEADER, PNG_1X1, odf, ooxml, stored_files

pytestmark = pytest.mark.django_db

SOORT_MELDING = (
    "Dit soort bestand kunnen we niet aannemen. Kies een PDF, Word-, Excel- of "
    "OpenDocument-bestand, of een foto (PNG of JPG)."
)
GENERATED = re.compile(r"^\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png|jpg|docx|xlsx|odt|ods)$")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(exc.value.messages)


# --- the validator ---------------------------------------------------------------------
def test_message_constant_is_the_b1_text() -> None:
    assert MSG_SOORT == SOORT_MELDING


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("rapport.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n", "application/pdf"),
        ("foto.png", PNG_1X1, "image/png"),
        ("foto.jpg", JPEG_HEADER, "image/jpeg"),
        ("foto.JPEG", JPEG_HEADER, "image/jpeg"),
        (
            "brief.docx",
            ooxml("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "brief-libreoffice.docx",
            ooxml("docx", padding_first=8),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "begroting.xlsx",
            ooxml("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("notitie.odt", odf("application/vnd.oasis.opendocument.text"), None),
        ("tabel.ods", odf("application/vnd.oasis.opendocument.spreadsheet"), None),
    ],
)
def test_allowed_types_pass(name: str, content: bytes, mime: str | None) -> None:
    soort = validate_upload(upload(name, content))
    if mime:
        assert soort.mime == mime
    assert name.lower().endswith(soort.extensies)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "tekening.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("tekening.svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("pagina.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("pagina.pdf", b"<html><body>%PDF-1.7</body></html>"),
        ("programma.exe", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("programma.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("ruis.pdf", os.urandom(4096)),
        ("archief.zip", ooxml("docx").replace(b"word/", b"wxyz/")),
        (
            "macro.docx",
            ooxml("docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        ),
        ("sjabloon.ott", odf("application/vnd.oasis.opendocument.text-template")),
        ("kapot.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("tekst.txt", "Gewoon tekst met één ë".encode()),
    ],
)
def test_disallowed_content_is_rejected_with_b1_message(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, content))
    assert messages(exc) == [SOORT_MELDING]
    assert exc.value.code == "soort"


def test_macro_project_in_package_is_rejected() -> None:
    import zipfile

    buffer = io.BytesIO(ooxml("xlsx"))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(ValidationError):
        validate_upload(upload("begroting.xlsx", buffer.getvalue()))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("rapport.pdf", PNG_1X1, "Het is een PNG-afbeelding, dus de naam moet eindigen op .png."),
        ("foto.png", b"%PDF-1.7\n", "Het is een PDF-bestand, dus de naam moet eindigen op .pdf."),
        ("foto.png", JPEG_HEADER, "moet eindigen op .jpg of .jpeg"),
        ("brief.xlsx", ooxml("docx"), "Het is een Word-bestand"),
        ("zonder-extensie", PNG_1X1, "moet eindigen op .png"),
    ],
)
def test_name_must_match_content(name: str, content: bytes, expected: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, content))
    assert exc.value.code == "naam"
    assert expected in messages(exc)[0]
    assert messages(exc)[0].startswith("De naam van dit bestand past niet bij wat erin zit.")


def test_empty_file_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("leeg.pdf", b""))
    assert exc.value.code == "leeg"


# --- the service ---------------------------------------------------------------------------
def test_oversized_file_rejected_and_nothing_written(
    private_media: Path, settings: Any, pdf_bytes: bytes
) -> None:
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    door = UserFactory()
    big = pdf_bytes + b"\n%" + b"0" * (settings.UPLOAD_MAX_BYTES - len(pdf_bytes))
    assert len(big) == settings.UPLOAD_MAX_BYTES + 2
    with pytest.raises(ValidationError) as exc:
        bestand_opslaan(upload=upload("groot.pdf", big), door=door)
    assert messages(exc) == ["Dit bestand is te groot. Het mag maximaal 20 MB zijn."]
    assert Bestand.objects.count() == 0
    assert stored_files(private_media) == []


def test_file_of_exactly_the_limit_is_accepted(
    private_media: Path, settings: Any, pdf_bytes: bytes
) -> None:
    settings.UPLOAD_MAX_BYTES = len(pdf_bytes)
    bestand = bestand_opslaan(upload=upload("precies.pdf", pdf_bytes), door=UserFactory())
    assert bestand.grootte == len(pdf_bytes)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", PNG_1X1),
        ("rapport.pdf", b"\x00\x01garbage" * 50),
        ("tekening.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("pagina.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_rejected_upload_writes_no_row_and_no_file(
    private_media: Path, name: str, content: bytes
) -> None:
    with pytest.raises(ValidationError):
        bestand_opslaan(upload=upload(name, content), door=UserFactory())
    assert Bestand.objects.count() == 0
    assert stored_files(private_media) == []


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\win.ini.pdf",
        "/etc/passwd.pdf",
        "C:\\x\\passwd.pdf",
    ],
)
def test_user_path_never_becomes_a_storage_path(
    private_media: Path, tmp_path: Path, pdf_bytes: bytes, name: str
) -> None:
    # A plain django File keeps the name as given (SimpleUploadedFile would already strip it).
    raw = File(io.BytesIO(pdf_bytes), name=name)
    door = UserFactory()
    bestand = bestand_opslaan(upload=raw, door=door)

    assert GENERATED.match(bestand.bestand.name), bestand.bestand.name
    stored = Path(bestand.bestand.path).resolve()
    assert stored.is_relative_to(private_media.resolve())
    assert stored.read_bytes() == pdf_bytes
    assert stored_files(private_media) == [stored]
    assert not (tmp_path / "etc").exists()
    assert "/" not in bestand.oorspronkelijke_naam
    assert "\\" not in bestand.oorspronkelijke_naam
    assert bestand.oorspronkelijke_naam.endswith(
        "passwd.pdf"
    ) or bestand.oorspronkelijke_naam.endswith("win.ini.pdf")


def test_stored_metadata_and_uploader_grant(private_media: Path, pdf_bytes: bytes) -> None:
    import hashlib

    door, ander = UserFactory(), UserFactory()
    bestand = bestand_opslaan(upload=upload("Advies één.pdf", pdf_bytes), door=door)
    bestand.refresh_from_db()
    assert bestand.oorspronkelijke_naam == "Advies één.pdf"
    assert bestand.content_type == "application/pdf"
    assert bestand.grootte == len(pdf_bytes)
    assert bestand.sha256 == hashlib.sha256(pdf_bytes).hexdigest()
    assert bestand.vertrouwelijk is True
    assert bestand.geupload_door == door
    assert bestand_policy.user_has_perm_for_object(door, "view", bestand)
    assert not bestand_policy.user_has_perm_for_object(ander, "view", bestand)
    # Granted through the direct foreign-key table, not the generic one.
    assert BestandUserObjectPermission.objects.filter(content_object=bestand, user=door).exists()


def test_name_metadata_is_cleaned() -> None:
    assert veilige_naam("../../a/b/rapport.pdf", extensie=".pdf") == "rapport.pdf"
    assert veilige_naam("rap\u202efdp.exe\x00\r\n.pdf", extensie=".pdf") == "rapfdp.exe.pdf"
    assert veilige_naam("..", extensie=".pdf") == "bestand.pdf"
    assert veilige_naam("", extensie=".png") == "bestand.png"
    long_name = veilige_naam("a" * 400 + ".docx", extensie=".docx")
    assert len(long_name) == 255
    assert long_name.endswith(".docx")


@pytest.fixture
def door() -> Any:
    return UserFactory()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.builds(
        str.__add__,
        st.text(max_size=260),
        st.sampled_from(["", ".pdf", ".PNG", ".jpg", ".docx", ".ods", ".svg", ".html", "/"]),
    ),
    content=st.builds(
        bytes.__add__,
        st.sampled_from([b"", b"%PDF-1.7\n", PNG_1X1, JPEG_HEADER, b"PK\x03\x04", b"<svg"]),
        st.binary(max_size=1024),
    ),
)
def test_any_name_and_bytes_either_store_safely_or_fail_cleanly(
    private_media: Path, door: Any, name: str, content: bytes
) -> None:
    before = Bestand.objects.count()
    try:
        bestand = bestand_opslaan(upload=File(io.BytesIO(content), name=name), door=door)
    except ValidationError as exc:
        assert exc.messages and all(msg.endswith(".") for msg in exc.messages)
        assert Bestand.objects.count() == before
        return
    assert GENERATED.match(bestand.bestand.name)
    assert Path(bestand.bestand.path).resolve().is_relative_to(private_media.resolve())
    assert 0 < len(bestand.oorspronkelijke_naam) <= 255


# --- deletion ------------------------------------------------------------------------------
def test_delete_removes_file_row_grants_and_download_log(
    private_media: Path, pdf_bytes: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    door = UserFactory()
    bestand = bestand_opslaan(upload=upload("weg.pdf", pdf_bytes), door=door)
    download_registreren(bestand=bestand, door=door, ip="127.0.0.1")
    # A grant in guardian's generic table too (e.g. made before the direct table existed).
    from django.contrib.contenttypes.models import ContentType

    UserObjectPermission.objects.create(
        user=UserFactory(),
        permission=BestandUserObjectPermission.objects.get().permission,
        content_type=ContentType.objects.get_for_model(Bestand),
        object_pk=str(bestand.pk),
    )
    path = Path(bestand.bestand.path)
    pk = bestand.pk

    with django_capture_on_commit_callbacks(execute=True):
        bestand_verwijderen(bestand=bestand, door=None)

    assert not Bestand.objects.filter(pk=pk).exists()
    assert not path.exists()
    assert stored_files(private_media) == []
    assert BestandUserObjectPermission.objects.count() == 0
    assert UserObjectPermission.objects.filter(object_pk=str(pk)).count() == 0
    assert BestandDownload.objects.count() == 0


def test_delete_without_grant_is_refused(private_media: Path, pdf_bytes: bytes) -> None:
    bestand = bestand_opslaan(upload=upload("blijft.pdf", pdf_bytes), door=UserFactory())
    with pytest.raises(PermissionDenied):
        bestand_verwijderen(bestand=bestand, door=UserFactory())
    assert Bestand.objects.filter(pk=bestand.pk).exists()
    assert Path(bestand.bestand.path).exists()
