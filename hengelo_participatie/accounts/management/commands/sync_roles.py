from django.core.management.base import BaseCommand

from hengelo_participatie.accounts.roles import sync_roles


class Command(BaseCommand):
    help = "Zet de rollen (groepen) en hun permissies gelijk aan de tabel in accounts/roles.py."

    def handle(self, *args: object, **options: object) -> None:
        for rol, aantal in sync_roles().items():
            self.stdout.write(f"{rol}: {aantal} permissies")
