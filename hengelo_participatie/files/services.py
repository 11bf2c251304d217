"""Writes on private files. The admin, views and other apps' services all go through these.

Permission to upload *in a given place* is the caller's to check (the admin checks
``files.add_bestand``; a domain service checks its own rule, e.g. a member attaching a document
to their own declaration). These functions validate, store, grant and log.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis

from .models import Bestand, BestandDownload
from .policy import bestand_policy
from .validators import validate_upload

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

MAX_NAAM = 255


def veilige_naam(name: str | None, *, extensie: str) -> str:
    """The user's file name as metadata only: no directories, no control or bidi characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if base.strip(".") == "":
        base = f"bestand{extensie}"
    if len(base) > MAX_NAAM:
        stem, dot, suffix = base.rpartition(".")
        tail = f"{dot}{suffix}" if dot and len(suffix) <= 10 else ""
        base = base[: MAX_NAAM - len(tail)] + tail
    return base


def sha256_van(upload: Any) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def bestand_opslaan(*, upload: Any, door: User | None, vertrouwelijk: bool = True) -> Bestand:
    """Validate ``upload``, store it under a generated name and let ``door`` (only) see it
    (``None``: the system, e.g. the demo seed; then only the owning record's policy grants it).

    Raises ``ValidationError`` (Dutch, for the user) before anything is written.
    """
    soort = validate_upload(upload)
    bestand = Bestand(
        oorspronkelijke_naam=veilige_naam(upload.name, extensie=soort.extensie),
        content_type=soort.mime,
        grootte=upload.size,
        sha256=sha256_van(upload),
        vertrouwelijk=vertrouwelijk,
        geupload_door=door,
    )
    # The name passed here only supplies the (detected, safe) extension: see generated_name().
    bestand.bestand.save(f"upload{soort.extensie}", upload, save=False)
    try:
        bestand.full_clean()
        bestand.save()
        if door is not None:
            assign_perm("files.view_bestand", door, bestand)
    except BaseException:
        bestand.bestand.delete(save=False)
        raise
    bestand_audit(door, Actie.BESTAND_UPLOAD, bestand.pk)
    return bestand


@transaction.atomic
def bestand_verwijderen(*, bestand: Bestand, door: User | None) -> None:
    """Delete the row, its object permissions, its download log and (after commit) the file.

    ``door=None`` is the system itself (retention purge). A user needs an object grant for
    ``delete`` (or be a superuser): the same policy as for reading.
    """
    if door is not None:
        eis(
            bestand_policy.user_has_perm_for_object(door, "delete", bestand),
            door,
            Actie.BESTAND_DELETE,
            bestand,
            melding=_("U mag dit bestand niet verwijderen."),
        )
    pk, name, storage = bestand.pk, bestand.bestand.name, bestand.bestand.storage
    content_type = ContentType.objects.get_for_model(Bestand)
    # Direct FK grants go with the row (CASCADE); generic ones, if any were made, explicitly.
    for model in (get_user_obj_perms_model(), get_group_obj_perms_model()):
        model._default_manager.filter(content_type=content_type, object_pk=str(pk)).delete()
    bestand.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    bestand_audit(door, Actie.BESTAND_DELETE, pk)


def download_registreren(*, bestand: Bestand, door: User, ip: str | None) -> BestandDownload:
    """Record a download (AVG: every read of a confidential file is logged)."""
    download = BestandDownload.objects.create(bestand=bestand, user=door, ip=ip)
    bestand_audit(door, Actie.BESTAND_DOWNLOAD, bestand.pk, ip=ip)
    return download


def bestand_audit(
    door: User | None,
    actie: Actie,
    pk: int | None,
    resultaat: str = audit.OK,
    *,
    ip: str | None = None,
) -> None:
    """The audit line of a file (BIO 8.15), with the origin of the request: ``result=<r> ip=<ip>``.

    By primary key, so a refused or missing file is named the same way. Never the file name or
    its content.
    """
    audit.vastleggen(door, actie, Bestand(pk=pk), f"{resultaat} ip={ip or '-'}")
