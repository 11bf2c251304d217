"""Print the current TOTP code of a demo account, so `make run` users need no authenticator app."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Toont de huidige TOTP-code van een demo-account (alleen met DJANGO_DEBUG=true)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code werkt alleen als DJANGO_DEBUG=true.")
        email = options["email"].lower()
        if not email.endswith("@demo.hengelo.example"):
            raise CommandError("demo_code werkt alleen voor demo-accounts.")
        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        if device is None:
            raise CommandError(f"Geen TOTP-apparaat gevonden voor {email}.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
