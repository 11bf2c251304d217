"""Second factor (BIO 5.17.01, ASVS 6.3.3): who needs it, which devices count, and how a
verification completes.

* Staff (``is_staff``, ``is_superuser`` or a role with ``totp_verplicht``, see
  ``roles.vereist_totp``) always need MFA and only a TOTP app counts.
* Members need MFA unless ``MFA_REQUIRED_FOR_MEMBERS`` is false. They may use a TOTP app or a code
  by e-mail. A member who has set up a device anyway is asked for it (a device is never optional
  once it exists).

The e-mail code goes to the address the user *confirmed* (``EmailDevice.email``), never to
``user.email``: whoever may change the account address (the admin, a reset link) must not
also receive the second factor. The address moves only when the user, signed in with the second
factor, confirms a code sent to the new address (``views.mfa_email_wijzigen``).

Throttling of wrong codes is django-otp's own exponential back-off on each device
(``ThrottlingMixin``): it is on whenever ``OTP_TOTP_THROTTLE_FACTOR`` / ``OTP_EMAIL_THROTTLE_FACTOR``
is above zero (default 1). ``check_throttling_enabled`` guards against switching it off.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import UserSession
from .roles import vereist_totp

METHODE_TOTP = "totp"
METHODE_EMAIL = "email"

#: Name of the (unconfirmed) e-mail device made while setting up a first second factor.
EMAIL_DEVICE_NAME = "e-mail"
#: Name of the pending e-mail device while the user moves the code to a new address.
EMAIL_WIJZIGEN_DEVICE_NAME = "e-mail-wijzigen"


def totp_required(user: Any) -> bool:
    """Staff and municipal roles: MFA always, and only with an app (no e-mail code)."""
    return vereist_totp(user)


def allowed_device_classes(user: Any) -> tuple[type[Device], ...]:
    if totp_required(user):
        return (TOTPDevice,)
    return (TOTPDevice, EmailDevice)


def confirmed_devices(user: Any) -> list[Device]:
    """The user's confirmed devices that count as a second factor for this user (TOTP first)."""
    devices: list[Device] = []
    for cls in allowed_device_classes(user):
        devices.extend(cls.objects.filter(user=user, confirmed=True).order_by("-pk"))
    return devices


def mfa_required(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(settings, "MFA_REQUIRED_FOR_MEMBERS", True) or totp_required(user):
        return True
    # Relaxed for members, but a device that exists is never optional.
    return bool(confirmed_devices(user))


def is_mfa_verified(user: Any) -> bool:
    """Verified in this session with a device that counts for this user."""
    if not (hasattr(user, "is_verified") and user.is_verified()):
        return False
    device = getattr(user, "otp_device", None)
    if isinstance(device, TOTPDevice):
        return True
    return isinstance(device, EmailDevice) and not totp_required(user)


def confirmed_email_device(user: Any) -> EmailDevice | None:
    return EmailDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def email_device_for_setup(user: Any) -> EmailDevice:
    """The unconfirmed device for a first e-mail code, bound to the account address now.

    Binding happens here, when the device is made: a later change of ``user.email`` does not move
    it. A leftover device for another address is replaced.
    """
    device = (
        EmailDevice.objects.filter(user=user, confirmed=False, name=EMAIL_DEVICE_NAME)
        .order_by("-pk")
        .first()
    )
    if device is not None and device.email == user.email:
        return device
    if device is not None:
        device.delete()
    return EmailDevice.objects.create(
        user=user, name=EMAIL_DEVICE_NAME, email=user.email, confirmed=False
    )


def pending_email_change(user: Any) -> EmailDevice | None:
    """The device for a new code address that the user has not confirmed yet, if any."""
    return (
        EmailDevice.objects.filter(user=user, confirmed=False, name=EMAIL_WIJZIGEN_DEVICE_NAME)
        .order_by("-pk")
        .first()
    )


def needs_mfa(user: Any) -> bool:
    """Does this signed-in user still owe a second factor in this session?"""
    return not is_mfa_verified(user) and mfa_required(user)


def complete_verification(request: HttpRequest, device: Device) -> None:
    """Mark the session as verified by ``device`` and rotate the session key (ASVS 7.2.4)."""
    otp_login(request, device)
    old_key = request.session.session_key
    request.session.cycle_key()
    new_key = request.session.session_key
    # Keep the bookkeeping that lets deactivation end every session in step with the new key.
    UserSession.objects.filter(session_key=old_key).delete()
    UserSession.objects.get_or_create(session_key=new_key, defaults={"user": request.user})


def forget_verification(request: HttpRequest) -> None:
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def qr_code_data_uri(data: str) -> str:
    """The otpauth:// URL as a ``data:`` SVG image (CSP: img-src 'self' data:, no inline style)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    buffer = io.BytesIO()
    image.save(buffer)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def secret_for_display(device: TOTPDevice) -> str:
    """The TOTP key in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    if not domain:
        return email
    return f"{local[:1]}{'*' * max(len(local) - 1, 2)}@{domain}"


@register()
def check_throttling_enabled(app_configs: Any, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"{name} moet groter dan 0 zijn: anders kan een inlogcode geraden worden.",
            id="accounts.E001",
        )
        for name in ("OTP_TOTP_THROTTLE_FACTOR", "OTP_EMAIL_THROTTLE_FACTOR")
        if getattr(settings, name, 1) <= 0
    ]
