"""Login lockout (django-axes) keyed on the normalised login (ASVS 6.3.x).

Axes stores the login exactly as typed. Without normalising, five failures for ``x@y`` lock only
that spelling, and ``X@Y`` or `` x@y`` get five fresh guesses each. ``AXES_USERNAME_CALLABLE``
points here, so counting, checking and resetting all use the same key. The lock stays on the
pair (login, IP address), so nobody can lock a member out from another address.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.http import HttpRequest


def normalise_login(value: Any) -> str:
    """The login as the lockout and the backend compare it: NFKC, trimmed and case-folded."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """``AXES_USERNAME_CALLABLE``: the normalised login from the credentials or the POST."""
    if credentials:
        raw = credentials.get("username", credentials.get("email"))
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        raw = data.get("username", data.get("email"))
    return normalise_login(raw)
