"""Load demo data, idempotently, and print one demo login per role.

Each app may contribute demo data through a module ``<app>.demo`` with a function
``seed(*, stdout) -> None``; they run in INSTALLED_APPS order after the demo users exist, so the
domain apps can build on them, and a higher layer (listed later) on the data of a lower one.
Running the command twice changes nothing the second time.

The demo sends e-mail (reminders, invitations) and writes audit lines while it builds its data.
With the console e-mail backend (``make run``) that was about 3,000 lines before the login
table, so while seeding, console e-mail is dropped and the project's INFO log lines (audit) are held back;
``--verbosity 2`` shows them. Other backends (SMTP, the tests' locmem) are left alone.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from hengelo_participatie.accounts.demo import DEMO_DOMEIN, DEMO_PASSWORD, seed_demo_users
from hengelo_participatie.accounts.models import User

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Laadt demogegevens (kan vaker draaien) en toont de demo-inloggegevens per rol."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Ook uitvoeren als DJANGO_DEBUG=false (alleen voor een testomgeving).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "seed_demo maakt accounts met bekende wachtwoorden en draait daarom niet "
                "als DJANGO_DEBUG=false. Gebruik --allow-production voor een testomgeving."
            )
        stil = options["verbosity"] < 2
        with ExitStack() as stack:
            if stil and settings.EMAIL_BACKEND == CONSOLE_BACKEND:
                # Mail is sent on commit: the override stays until after the transaction.
                stack.enter_context(override_settings(EMAIL_BACKEND=DUMMY_BACKEND))
                self.stdout.write("De e-mails die de demo verstuurt, worden niet getoond.")
            if stil:
                stack.enter_context(_stil_logger("hengelo_participatie"))
                stack.enter_context(_stil_logger("hengelo_participatie.audit"))
            with transaction.atomic():
                users = seed_demo_users()
                for app_config in apps.get_app_configs():
                    module_name = f"{app_config.name}.demo"
                    if app_config.name.startswith("hengelo_participatie.accounts"):
                        continue
                    if find_spec(app_config.name) and _has_module(module_name):
                        import_module(module_name).seed(stdout=self.stdout)

        self.stdout.write(self.style.SUCCESS("Demogegevens geladen. Inloggen kan met:"))
        self.stdout.write(f"{'rol':<20} {'e-mailadres':<40} tweede stap")
        for demo in users:
            self.stdout.write(f"{demo.rol:<20} {demo.user.email:<40} {demo.tweede_stap}")
        eigen = {demo.user.pk for demo in users}
        andere = (
            User.objects.filter(email__endswith=f"@{DEMO_DOMEIN}", is_active=True)
            .exclude(pk__in=eigen)
            .order_by("email")
            .values_list("email", flat=True)
        )
        if andere:
            self.stdout.write("Andere demo-raadsleden (code per e-mail):")
            for email in andere:
                self.stdout.write(f"  {email}")
        self.stdout.write(f"Wachtwoord voor alle demo-accounts: {DEMO_PASSWORD}")
        self.stdout.write(
            "Inlogcodes per e-mail verschijnen in deze console. Een TOTP-code voor een "
            "beheeraccount: python manage.py demo_code <e-mailadres>"
        )


class _stil_logger:  # noqa: N801 (used as a context manager, like contextlib's)
    """Hold back INFO lines of one logger for the duration of a ``with`` block."""

    def __init__(self, naam: str) -> None:
        self.logger = logging.getLogger(naam)
        self.niveau = self.logger.level

    def __enter__(self) -> None:
        self.logger.setLevel(logging.WARNING)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.niveau)


def _has_module(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False
