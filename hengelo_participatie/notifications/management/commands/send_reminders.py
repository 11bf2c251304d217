"""``manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]``: the daily reminder run, now.

The same scan, digest assembly and delivery as the Celery task, synchronously in this process.
With ``--dry-run`` nothing is written or sent: it prints what would go out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hengelo_participatie.notifications import overzicht, services


def _lees_datum(waarde: str) -> date:
    """The ``--date`` argument (ISO) as a date; a command error when it is not one."""
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(f"Ongeldige datum {waarde!r}; gebruik JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Verstuur de herinneringen van vandaag (of van --date), of toon ze met --dry-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Niets versturen of opslaan.")
        parser.add_argument("--date", help="De dag (JJJJ-MM-DD); standaard vandaag.")

    def handle(self, *args: Any, **options: Any) -> None:
        op = _lees_datum(options["date"]) if options["date"] else timezone.localdate()
        dry_run = options["dry_run"]
        resultaat = services.herinneringen_verwerken(op=op, dry_run=dry_run)
        if not dry_run:
            overzicht.vernieuwen(op=op)  # the dashboard's week overview, from the same scan
        scan = resultaat.scan
        self.stdout.write(f"Dag {op:%d-%m-%Y}: {scan.deadlines} deadline(s) gevonden.")
        for fout in scan.fouten:
            self.stderr.write(f"Fout bij het zoeken: {fout}")
        berichten = resultaat.zou_versturen if dry_run else resultaat.bezorging.verzonden
        werkwoord = "Zou versturen aan" if dry_run else "Verstuurd aan"
        for b in berichten:
            self.stdout.write(f"{werkwoord} {b.email}: {b.onderwerp}")
            for regel in b.regels:
                self.stdout.write(f"  - {regel}")
        for pk, fout in resultaat.bezorging.mislukt:
            self.stderr.write(f"Niet verstuurd (bericht {pk}): {fout}")
        if not berichten:
            self.stdout.write("Er is niets te versturen.")
        if dry_run:
            self.stdout.write("Proefdraaien: er is niets opgeslagen of verstuurd.")
