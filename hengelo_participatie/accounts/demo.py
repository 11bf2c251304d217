"""Demo accounts, one per role, for `make run`. Only ever loaded with DEBUG on (see seed_demo)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import ROLES, Rol, beheer_rollen, totp_rollen

#: The e-mail domain of every demo account (``<rol>@demo.hengelo.example``).
DEMO_DOMEIN = "demo.hengelo.example"
DEMO_PASSWORD = "demo-Hengelo-2026"  # noqa: S105 (demo only; seed_demo refuses DEBUG=false)

DEMO_NAMEN: dict[Rol, tuple[str, str]] = {
    Rol.VOORZITTER: ("Anna", "de Vries"),
    Rol.VICEVOORZITTER: ("Bram", "Jansen"),
    Rol.LID: ("Carla", "Bosch"),
    Rol.ONDERSTEUNER: ("Daan", "Mulder"),
    Rol.ACCOUNTHOUDER: ("Eva", "Smit"),
    Rol.BELEIDSMEDEWERKER: ("Frank", "Visser"),
    Rol.GESPREKSLEIDER: ("Gerda", "Meijer"),
}


@dataclass(frozen=True)
class DemoUser:
    rol: str
    user: User
    tweede_stap: str


def demo_gebruiker(rol: str) -> User | None:
    """The demo account of ``rol`` (a role name), if ``seed_demo_users`` made it."""
    return User.objects.filter(email=f"{rol}@{DEMO_DOMEIN}").first()


def demo_inlog(user: User) -> None:
    """Let a demo account sign in: the demo password (once, when it has none) and a confirmed
    e-mail code device, so every demo council member can take part in an approval round."""
    if not user.password or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailDevice.objects.get_or_create(
        user=user, name="E-mail", defaults={"confirmed": True, "email": user.email}
    )


def seed_demo_users() -> list[DemoUser]:
    result = []
    beheer = beheer_rollen()
    totp = totp_rollen()
    for rol in ROLES:
        voornaam, achternaam = DEMO_NAMEN[rol]
        user, created = User.objects.get_or_create(
            email=f"{rol.value}@{DEMO_DOMEIN}",
            defaults={"voornaam": voornaam, "achternaam": achternaam},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = rol.value in beheer
        user.save()
        user.groups.set([Group.objects.get(name=rol.value)])
        if rol.value in totp:
            TOTPDevice.objects.get_or_create(user=user, name="Demo", defaults={"confirmed": True})
            tweede_stap = "TOTP (python manage.py demo_code)"
        else:
            EmailDevice.objects.get_or_create(
                user=user, name="E-mail", defaults={"confirmed": True, "email": user.email}
            )
            tweede_stap = "code per e-mail (console)"
        result.append(DemoUser(rol=rol.value, user=user, tweede_stap=tweede_stap))
    return result
