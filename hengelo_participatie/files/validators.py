"""The one upload validator (ASVS 5.2): size, type by content, and a name that matches the type.

The type is decided from the bytes, never from the name or the browser's Content-Type:

* PDF, PNG and JPEG by their magic bytes (the ``filetype`` library);
* Word (DOCX), Excel (XLSX), OpenDocument text (ODT) and spreadsheet (ODS) are ZIP containers.
  ``filetype`` only looks at the first few ZIP entries, which fails for files written by some
  programs, so every ZIP is opened (without extracting anything) and identified by its
  ``mimetype`` member (ODF) or its ``[Content_Types].xml`` main part (OOXML). Macro-enabled
  variants (``.docm``, ``.xlsm``, anything with ``vbaProject.bin``), templates and other ZIPs are
  refused. Members are read with a hard limit, so a ZIP bomb cannot exhaust memory.

SVG, HTML, executables and anything not recognised are refused. Finally the extension of the
name must be one of the detected type's extensions (``rapport.pdf`` holding a PNG is refused):
the name is what the recipient's computer uses to pick a program when the file is opened.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

HEAD_BYTES = 8192
MAX_ZIP_ENTRIES = 5000
MAX_MEMBER_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Bestandssoort:
    omschrijving: str
    mime: str
    extensies: tuple[str, ...]

    @property
    def extensie(self) -> str:
        """The extension files of this type are stored under."""
        return self.extensies[0]


PDF = Bestandssoort(gettext_noop("een PDF-bestand"), "application/pdf", (".pdf",))
PNG = Bestandssoort(gettext_noop("een PNG-afbeelding"), "image/png", (".png",))
JPEG = Bestandssoort(gettext_noop("een JPG-foto"), "image/jpeg", (".jpg", ".jpeg"))
DOCX = Bestandssoort(
    gettext_noop("een Word-bestand"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = Bestandssoort(
    gettext_noop("een Excel-bestand"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = Bestandssoort(
    gettext_noop("een OpenDocument-tekstbestand"),
    "application/vnd.oasis.opendocument.text",
    (".odt",),
)
ODS = Bestandssoort(
    gettext_noop("een OpenDocument-rekenblad"),
    "application/vnd.oasis.opendocument.spreadsheet",
    (".ods",),
)
TOEGESTAAN = (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS)

#: Types recognised by their magic bytes alone.
MAGIC = {soort.mime: soort for soort in (PDF, PNG, JPEG)}
#: ODF: the exact content of the ``mimetype`` member.
ODF = {soort.mime.encode(): soort for soort in (ODT, ODS)}
#: OOXML: the main part's content type in ``[Content_Types].xml``, and the part itself.
OOXML = (
    (DOCX, f'ContentType="{DOCX.mime}.main+xml"'.encode(), "word/document.xml"),
    (XLSX, f'ContentType="{XLSX.mime}.main+xml"'.encode(), "xl/workbook.xml"),
)

MSG_TE_GROOT = gettext_noop("Dit bestand is te groot. Het mag maximaal {max} MB zijn.")
MSG_LEEG = gettext_noop("Dit bestand is leeg. Kies een bestand waar iets in staat.")
MSG_SOORT = gettext_noop(
    "Dit soort bestand kunnen we niet aannemen. Kies een PDF, Word-, Excel- of "
    "OpenDocument-bestand, of een foto (PNG of JPG)."
)
MSG_NAAM = gettext_noop(
    "De naam van dit bestand past niet bij wat erin zit. Het is {soort}, dus de naam "
    "moet eindigen op {extensies}. Geef het bestand de goede naam en probeer het opnieuw."
)


def _megabytes(max_bytes: int) -> str:
    value = max_bytes / (1024 * 1024)
    return str(int(value)) if value.is_integer() else f"{value:.1f}".replace(".", ",")


def _size(upload: Any) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return int(size)


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    with archive.open(name) as member:
        data = member.read(MAX_MEMBER_BYTES + 1)
    return data if len(data) <= MAX_MEMBER_BYTES else None


def _soort_in_zip(archive: zipfile.ZipFile) -> Bestandssoort | None:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        return None
    names = {info.filename for info in infos}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if "mimetype" in names:
        mimetype = _read_member(archive, "mimetype")
        return ODF.get(mimetype.strip()) if mimetype else None
    if "[Content_Types].xml" in names:
        content_types = _read_member(archive, "[Content_Types].xml") or b""
        for soort, main_type, main_part in OOXML:
            if main_type in content_types and main_part in names:
                return soort
    return None


def _soort_van_zip(upload: IO[bytes]) -> Bestandssoort | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            return _soort_in_zip(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError):
        return None  # damaged, encrypted or an unsupported compression
    except (OSError, EOFError, ValueError):
        return None
    finally:
        upload.seek(0)


def detect_soort(upload: Any) -> Bestandssoort | None:
    """The allowed type the content of ``upload`` is, or None."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not isinstance(head, bytes):
        return None
    kind = filetype.guess(head)
    if kind is not None and kind.mime in MAGIC:
        return MAGIC[kind.mime]
    if head.startswith(b"PK\x03\x04"):
        return _soort_van_zip(upload)
    return None


def extensie(name: str | None) -> str:
    return PurePosixPath((name or "").replace("\\", "/")).suffix.lower()


def validate_upload(upload: Any) -> Bestandssoort:
    """Raise ``ValidationError`` (Dutch, B1) unless ``upload`` may be stored; return its type."""
    max_bytes = int(settings.UPLOAD_MAX_BYTES)
    size = _size(upload)
    if size > max_bytes:
        raise ValidationError(_(MSG_TE_GROOT).format(max=_megabytes(max_bytes)), code="te_groot")
    if size == 0:
        raise ValidationError(_(MSG_LEEG), code="leeg")
    soort = detect_soort(upload)
    if soort is None:
        raise ValidationError(_(MSG_SOORT), code="soort")
    if extensie(getattr(upload, "name", None)) not in soort.extensies:
        of = pgettext("opsomming: a of b", "of")
        raise ValidationError(
            _(MSG_NAAM).format(
                soort=_(soort.omschrijving), extensies=f" {of} ".join(soort.extensies)
            ),
            code="naam",
        )
    return soort
