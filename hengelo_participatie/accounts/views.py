"""Login, second factor, session keep-alive and passwords. Thin: rules live in mfa.py/services.py."""

from __future__ import annotations

import logging
from smtplib import SMTPException
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import mfa
from .forms import (
    CodeAdresForm,
    CodeForm,
    LoginForm,
    MethodeForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from .middleware import (
    LOGGED_OUT_REASON_SESSION_KEY,
    REASON_ABSOLUTE,
    absolute_seconds_left,
)
from .models import UserSession
from .services import user_confirm_code_address, user_password_was_reset, user_sessions_end

logger = logging.getLogger("hengelo_participatie.accounts")


# --- helpers ------------------------------------------------------------------------------------
def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "-")


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _mfa_redirect(user: Any, next_url: str) -> HttpResponseRedirect:
    target = "accounts:mfa_verify" if mfa.confirmed_devices(user) else "accounts:mfa_setup"
    return HttpResponseRedirect(_with_next(target, next_url))


def _email_token_valid(device: EmailDevice) -> bool:
    return bool(device.token and device.valid_until and device.valid_until > timezone.now())


def _send_email_code(request: HttpRequest, device: EmailDevice) -> str:
    """Send a code by e-mail (django-otp's cooldown prevents a flood). Returns the message."""
    if not device.email:
        # Never fall back to ``user.email``: that address may have been changed by someone else.
        logger.error(
            "actor=user:%s action=mfa_email_send object=%s result=error reason=geen_adres",
            request.user.pk,
            device.persistent_id,
        )
        return _(
            "Wij weten niet naar welk e-mailadres wij de code moeten sturen. Neem contact op met "
            "de gemeente."
        )
    allowed, _info = device.generate_is_allowed()
    if not allowed:
        return _("U heeft net een code gekregen. Over een minuut kunt u een nieuwe code vragen.")
    try:
        device.generate_challenge(
            extra_context={"geldig_minuten": settings.OTP_EMAIL_TOKEN_VALIDITY // 60}
        )
    except (SMTPException, OSError):
        logger.exception(
            "actor=user:%s action=mfa_email_send result=error origin=%s",
            request.user.pk,
            _client_ip(request),
        )
        return _(
            "Het versturen van de code is niet gelukt. Probeer het over een paar minuten opnieuw."
        )
    return _("Wij hebben een code gestuurd naar %(email)s. Kijk in uw e-mail.") % {
        "email": mfa.mask_email(device.email)
    }


def _check_code(request: HttpRequest, device: Device, form: CodeForm) -> Device | None:
    """Verify the code in ``form`` against ``device``, with django-otp's throttling."""
    if not form.is_valid():
        return None
    allowed, info = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "token",
            _(
                "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het dan "
                "opnieuw."
            ),
        )
        result = "throttled"
        verified = None
    else:
        verified = verify_token(request.user, device.persistent_id, form.cleaned_data["token"])
        result = "ok" if verified else "fail"
        if verified is None:
            form.add_error(
                "token",
                _(
                    "Deze code klopt niet of is verlopen. Controleer de code en probeer het opnieuw."
                ),
            )
    logger.info(
        "actor=user:%s action=mfa_verify object=%s result=%s origin=%s",
        request.user.pk,
        device.persistent_id,
        result,
        _client_ip(request),
    )
    return verified


def _confirm_device(request: HttpRequest, device: Device) -> None:
    """A new device passed its first code: it replaces the user's other devices."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    for cls in (TOTPDevice, EmailDevice):
        others = cls.objects.filter(user=request.user)
        if isinstance(device, cls):
            others = others.exclude(pk=device.pk)
        others.delete()
    mfa.complete_verification(request, device)


def _may_set_up(request: HttpRequest) -> bool:
    """Setting up a device is for users without one, or users already verified in this session.

    Otherwise a password alone would be enough to add a new second factor.
    """
    return mfa.is_mfa_verified(request.user) or not mfa.confirmed_devices(request.user)


# --- login and logout ---------------------------------------------------------------------------
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reason = self.request.session.pop(LOGGED_OUT_REASON_SESSION_KEY, None)
        if reason == REASON_ABSOLUTE:
            context["melding"] = _(
                "U was lang ingelogd. Daarom hebben wij u uitgelogd. Log opnieuw in."
            )
        elif self.request.GET.get("sessie") == "verlopen":
            context["melding"] = _(
                "U heeft een tijd niets gedaan. Daarom bent u uitgelogd. Log opnieuw in."
            )
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        user = self.request.user
        logger.info(
            "actor=user:%s action=login result=ok origin=%s", user.pk, _client_ip(self.request)
        )
        if mfa.needs_mfa(user):
            return _mfa_redirect(user, self.get_success_url())
        return response


class LogoutView(auth_views.LogoutView):
    """POST logs out. GET only shows a page with a button (a link must not log anyone out)."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return TemplateResponse(request, "accounts/logout.html")


# --- second factor ------------------------------------------------------------------------------
@never_cache
@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if mfa.is_mfa_verified(user):
        return HttpResponseRedirect(next_url)
    devices = mfa.confirmed_devices(user)
    if not devices:
        return HttpResponseRedirect(_with_next("accounts:mfa_setup", next_url))

    by_methode = {
        mfa.METHODE_TOTP if isinstance(d, TOTPDevice) else mfa.METHODE_EMAIL: d for d in devices
    }
    device = by_methode.get(request.GET.get("methode", "")) or devices[0]
    methode = mfa.METHODE_EMAIL if isinstance(device, EmailDevice) else mfa.METHODE_TOTP
    andere = [m for m in by_methode if m != methode]

    melding = None
    form = CodeForm()
    if request.method == "POST" and request.POST.get("actie") == "opnieuw":
        if isinstance(device, EmailDevice):
            melding = _send_email_code(request, device)
    elif request.method == "POST":
        form = CodeForm(request.POST)
        verified = _check_code(request, device, form)
        if verified is not None:
            mfa.complete_verification(request, verified)
            return HttpResponseRedirect(next_url)
    elif isinstance(device, EmailDevice) and not _email_token_valid(device):
        melding = _send_email_code(request, device)
    # Signing in again while the last code still works sends nothing new: say so, with the time
    # it stops working, instead of claiming a new e-mail went out.
    nog_geldig_tot = (
        timezone.localtime(device.valid_until)
        if isinstance(device, EmailDevice) and melding is None and _email_token_valid(device)
        else None
    )

    return TemplateResponse(
        request,
        "accounts/mfa_verify.html",
        {
            "form": form,
            "next": next_url,
            "is_email": isinstance(device, EmailDevice),
            "methode": methode,
            "andere_methodes": andere,
            "melding": melding,
            "nog_geldig_tot": nog_geldig_tot,
        },
    )


@never_cache
@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if not _may_set_up(request):
        return HttpResponseRedirect(_with_next("accounts:mfa_verify", next_url))
    if request.method == "GET" and mfa.totp_required(request.user):
        return HttpResponseRedirect(_with_next("accounts:mfa_setup_totp", next_url))
    form = MethodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        target = {
            mfa.METHODE_TOTP: "accounts:mfa_setup_totp",
            mfa.METHODE_EMAIL: "accounts:mfa_setup_email",
        }[form.cleaned_data["methode"]]
        return HttpResponseRedirect(_with_next(target, next_url))
    return TemplateResponse(request, "accounts/mfa_setup.html", {"form": form, "next": next_url})


@never_cache
@login_required
def mfa_setup_totp(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if not _may_set_up(request):
        return HttpResponseRedirect(_with_next("accounts:mfa_verify", next_url))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
        "-pk"
    ).first() or TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        verified = _check_code(request, device, form)
        if verified is not None:
            _confirm_device(request, verified)
            return HttpResponseRedirect(next_url)
    return TemplateResponse(
        request,
        "accounts/mfa_setup_totp.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": mfa.qr_code_data_uri(device.config_url),
            "secret": mfa.secret_for_display(device),
            "email_toegestaan": not mfa.totp_required(request.user),
        },
    )


@never_cache
@login_required
def mfa_setup_email(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if not _may_set_up(request):
        return HttpResponseRedirect(_with_next("accounts:mfa_verify", next_url))
    if mfa.totp_required(request.user):
        # Staff must use an app (BIO 5.17.01); an e-mail code is not offered.
        return HttpResponseRedirect(_with_next("accounts:mfa_setup_totp", next_url))
    device = mfa.email_device_for_setup(request.user)
    melding = None
    form = CodeForm()
    if request.method == "POST" and request.POST.get("actie") == "opnieuw":
        melding = _send_email_code(request, device)
    elif request.method == "POST":
        form = CodeForm(request.POST)
        verified = _check_code(request, device, form)
        if verified is not None and mfa.confirmed_email_device(request.user) is not None:
            # A verified user moves the code to the account address: as in mfa_email_bevestigen,
            # the old code address hears of it.
            verified = user_confirm_code_address(
                user=request.user, device=verified, except_key=request.session.session_key
            )
            mfa.complete_verification(request, verified)
            return HttpResponseRedirect(next_url)
        if verified is not None:
            _confirm_device(request, verified)
            return HttpResponseRedirect(next_url)
    elif not _email_token_valid(device):
        melding = _send_email_code(request, device)
    return TemplateResponse(
        request,
        "accounts/mfa_setup_email.html",
        {"form": form, "next": next_url, "melding": melding},
    )


@never_cache
@login_required
def mfa_email_wijzigen(request: HttpRequest) -> HttpResponse:
    """Step 1 of moving the e-mail code: the user names a new address and gets a code there.

    The middleware only lets a user here after the second factor, so a password alone (e.g. after
    a reset by someone who changed the account address) cannot move the code.
    """
    if mfa.totp_required(request.user):
        return HttpResponseRedirect(reverse("accounts:mfa_setup_totp"))
    huidig = mfa.confirmed_email_device(request.user)
    huidig_adres = huidig.email if huidig else None
    initial = {}
    if huidig_adres and request.user.email != huidig_adres:
        initial["email"] = request.user.email  # the account address changed: offer it
    form = CodeAdresForm(request.POST or None, huidig=huidig_adres, initial=initial)
    if request.method == "POST" and form.is_valid():
        device = mfa.pending_email_change(request.user) or EmailDevice(
            user=request.user, name=mfa.EMAIL_WIJZIGEN_DEVICE_NAME, confirmed=False
        )
        # Reuse the pending device, so its cooldown and throttling carry over (no flood of mail
        # to any address), but drop its code: a code sent to the previous address must not
        # confirm this one.
        device.email = form.cleaned_data["email"]
        device.token = None
        device.valid_until = timezone.now()
        device.save()
        messages.info(request, _send_email_code(request, device))
        return HttpResponseRedirect(reverse("accounts:mfa_email_bevestigen"))
    return TemplateResponse(
        request,
        "accounts/mfa_email_wijzigen.html",
        {"form": form, "huidig": mfa.mask_email(huidig_adres) if huidig_adres else None},
    )


@never_cache
@login_required
def mfa_email_bevestigen(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the new mailbox. Only then does the code address change."""
    device = mfa.pending_email_change(request.user)
    if device is None or mfa.totp_required(request.user):
        return HttpResponseRedirect(reverse("accounts:mfa_email_wijzigen"))
    melding = None
    form = CodeForm()
    if request.method == "POST" and request.POST.get("actie") == "opnieuw":
        melding = _send_email_code(request, device)
    elif request.method == "POST":
        form = CodeForm(request.POST)
        verified = _check_code(request, device, form)
        if verified is not None:
            device = user_confirm_code_address(
                user=request.user, device=device, except_key=request.session.session_key
            )
            # The session was verified with the old device, which is gone: carry it over.
            mfa.complete_verification(request, device)
            messages.success(
                request,
                _("Gelukt. Uw inlogcode gaat vanaf nu naar %(email)s.") % {"email": device.email},
            )
            return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL))
    return TemplateResponse(
        request,
        "accounts/mfa_email_bevestigen.html",
        {"form": form, "melding": melding, "nieuw": device.email},
    )


# --- session ------------------------------------------------------------------------------------
@never_cache
@require_POST
def sessie_verlengen(request: HttpRequest) -> JsonResponse:
    """Keep-alive for the idle-timeout warning. The request itself renews the idle timer."""
    if not request.user.is_authenticated:
        return JsonResponse({"ingelogd": False, "seconds_left": 0}, status=401)
    request.session.modified = True
    seconds_left = min(request.session.get_expiry_age(), absolute_seconds_left(request))
    return JsonResponse({"ingelogd": True, "seconds_left": seconds_left})


# --- passwords ----------------------------------------------------------------------------------
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # A new password ends every session that used the old one (ASVS 7.4.3).
        user_sessions_end(user=form.user)
        user_password_was_reset(user=form.user)
        logger.info(
            "actor=user:%s action=password_reset result=ok origin=%s",
            form.user.pk,
            _client_ip(self.request),
        )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)  # keeps this session, with a new key
        current = self.request.session.session_key
        user_sessions_end(user=form.user, except_key=current)
        UserSession.objects.get_or_create(session_key=current, defaults={"user": form.user})
        logger.info(
            "actor=user:%s action=password_change result=ok origin=%s",
            form.user.pk,
            _client_ip(self.request),
        )
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
