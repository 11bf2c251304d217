"""Session lifetime and the second factor, enforced for every request.

``SessionTimeoutMiddleware``
    The idle timeout is Django's own (``SESSION_COOKIE_AGE`` with ``SESSION_SAVE_EVERY_REQUEST``).
    This adds the absolute timeout: ``SESSION_ABSOLUTE_TIMEOUT`` seconds after login the user is
    logged out, whatever they do (ASVS 7.3.2).

``MFARequiredMiddleware``
    A signed-in user who still owes a second factor reaches only the MFA pages, logout and a few
    technical paths. Everything else, the admin included, redirects to verify or set up MFA.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from . import mfa

#: Session key holding the Unix time of the (password) login.
LOGIN_AT_SESSION_KEY = "accounts_login_at"
#: Session key that tells the login page why the user was logged out.
LOGGED_OUT_REASON_SESSION_KEY = "accounts_uitgelogd_reden"
REASON_ABSOLUTE = "absoluut"

# Paths an unverified user may still reach (besides the named URLs below).
MFA_EXEMPT_PREFIXES = ("/static/", "/health/", "/i18n/")
MFA_EXEMPT_URL_NAMES = (
    "accounts:mfa_verify",
    "accounts:mfa_setup",
    "accounts:mfa_setup_totp",
    "accounts:mfa_setup_email",
    "accounts:logout",
    "accounts:sessie_verlengen",
)


def seconds_since_login(request: HttpRequest) -> float | None:
    login_at = request.session.get(LOGIN_AT_SESSION_KEY)
    if login_at is None:
        return None
    return time.time() - float(login_at)


def absolute_seconds_left(request: HttpRequest) -> int:
    elapsed = seconds_since_login(request) or 0.0
    return max(0, int(settings.SESSION_ABSOLUTE_TIMEOUT - elapsed))


def _wants_json(request: HttpRequest) -> bool:
    return request.path == reverse("accounts:sessie_verlengen") or "application/json" in (
        request.headers.get("Accept", "")
    )


def _login_redirect(request: HttpRequest) -> HttpResponse:
    url = reverse("accounts:login")
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            elapsed = seconds_since_login(request)
            if elapsed is None:
                # A login that did not pass through our signal (e.g. force_login): start now.
                request.session[LOGIN_AT_SESSION_KEY] = time.time()
            elif elapsed >= settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                request.session[LOGGED_OUT_REASON_SESSION_KEY] = REASON_ABSOLUTE
                if _wants_json(request):
                    return JsonResponse({"ingelogd": False, "seconds_left": 0}, status=401)
                return _login_redirect(request)
        return self.get_response(request)


class MFARequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._is_exempt(request)
            and mfa.needs_mfa(user)
        ):
            if _wants_json(request):
                return JsonResponse({"mfa_vereist": True}, status=403)
            target = "accounts:mfa_verify" if mfa.confirmed_devices(user) else "accounts:mfa_setup"
            url = reverse(target)
            if request.method == "GET":
                url = f"{url}?{urlencode({'next': request.get_full_path()})}"
            return HttpResponseRedirect(url)
        return self.get_response(request)

    @staticmethod
    def _is_exempt(request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith(MFA_EXEMPT_PREFIXES):
            return True
        return request.path in {reverse(name) for name in MFA_EXEMPT_URL_NAMES}
