"""Private files leave the server only through this view."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.downloads import bestand_download

from .policy import bestand_policy
from .services import bestand_audit, download_registreren

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def client_ip(request: HttpRequest) -> str | None:
    # Same source as django-axes (AXES_IPWARE_META_PRECEDENCE_ORDER): the proxy sets REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR") or None


@require_GET
@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The file as an attachment, for a user ``bestand_policy`` lets see it; else 404."""
    return bestand_serveren(request, pk)


def bestand_serveren(request: HttpRequest, pk: int | None) -> FileResponse:
    """The file ``pk`` as a private attachment if ``bestand_policy`` lets the user see it.

    Every download URL (this app's and a domain's own, e.g. an activity's report) ends here, so
    one policy answers for one file and one user, whichever URL they use; else 404, logged.
    """
    ip = client_ip(request)
    gebruiker = cast("User", request.user)  # every caller is behind login_required
    if pk is None:
        raise Http404
    try:
        bestand = bestand_policy.get_object_for(request.user, "view", pk=pk)
    except Http404:
        bestand_audit(gebruiker, Actie.BESTAND_DOWNLOAD, pk, "niet_gevonden_of_geweigerd", ip=ip)
        raise
    try:
        handle = bestand.bestand.open("rb")
    except OSError as exc:
        bestand_audit(gebruiker, Actie.BESTAND_DOWNLOAD, pk, "bestand_ontbreekt", ip=ip)
        raise Http404 from exc
    try:
        download_registreren(bestand=bestand, door=gebruiker, ip=ip)
    except BaseException:
        handle.close()
        raise
    return bestand_download(handle, bestand.oorspronkelijke_naam, bestand.content_type)
