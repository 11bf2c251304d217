from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_roles_after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # Runs once per migrate. Permissions of every app must exist before the roles point at them.
    # Imported here, not at the top: both import auth models, which cannot load with apps.py.
    from django.contrib.auth.management import create_permissions

    from .roles import sync_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()


class AccountsConfig(AppConfig):
    name = "hengelo_participatie.accounts"
    label = "accounts"
    verbose_name = "Accounts en rollen"

    def ready(self) -> None:
        # Imported once the app registry is ready (they read models), not to dodge a cycle.
        from hengelo_participatie.core import (  # noqa: F401
            admin_keuzes,  # system check: admin widgets name only what the user may see
        )

        from . import (  # noqa: F401
            beheer_nl,
            mfa,  # system check: OTP throttling stays on
            signals,  # session bookkeeping at login
        )

        beheer_nl.toepassen()  # Dutch alt texts and django-axes names in the admin
        post_migrate.connect(_sync_roles_after_migrate, sender=self)
