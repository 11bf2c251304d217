"""Load demo data, idempotently, and print one demo login per role.

Each app may contribute demo data through a module ``<app>.demo`` with a function
``seed(*, stdout) -> None``; they run in INSTALLED_APPS order after the demo users exist, so the
domain apps can build on them, and a higher layer (listed later) on the data of a lower one.
Running the command twice changes nothing the second time.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hengelo_participatie.accounts.demo import DEMO_PASSWORD, seed_demo_users


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
        self.stdout.write(f"Wachtwoord voor alle demo-accounts: {DEMO_PASSWORD}")
        self.stdout.write(
            "Inlogcodes per e-mail verschijnen in deze console. Een TOTP-code voor een "
            "beheeraccount: python manage.py demo_code <e-mailadres>"
        )


def _has_module(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False
