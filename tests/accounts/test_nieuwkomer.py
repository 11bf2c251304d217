"""What a newcomer meets (issue 15 §7): the demo start, a forgotten password without one, and
signing in again while the last e-mail code still works."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_email.models import EmailDevice

from adviesraad.models import Lid
from hengelo_participatie.accounts.demo import DEMO_PASSWORD
from tests.accounts.conftest import password_login

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:mfa_verify")
RESET = reverse("accounts:password_reset")


def test_seed_demo_prints_the_login_table_without_the_demo_mail(capsys, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    uit = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=uit)
    console = capsys.readouterr()
    # The console backend and the log handler write to the real streams: nothing came there.
    assert "Subject:" not in console.out
    assert "action=" not in console.err
    tekst = uit.getvalue()
    assert len(tekst.splitlines()) < 40
    assert "Demogegevens geladen. Inloggen kan met:" in tekst
    assert "lid.henk@demo.hengelo.example" in tekst


def test_every_demo_council_member_signs_in_with_the_demo_password(settings) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    leden = list(Lid.objects.select_related("user"))
    assert len(leden) == 11  # ten members and the chair
    for lid in leden:
        client = Client()
        antwoord = password_login(client, lid.user.email, DEMO_PASSWORD)
        assert antwoord.status_code == 302, lid.user.email
        assert antwoord.url.startswith(VERIFY), lid.user.email


def test_site_url_follows_port_unless_set(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SITE_URL)"
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(PORT="8123", DJANGO_SETTINGS_MODULE="hengelo_participatie.settings")
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")

    def site_url(**extra: str) -> str:
        uit = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        return uit.stdout.strip()

    assert site_url() == "http://127.0.0.1:8123"
    assert site_url(SITE_URL="https://participatie.hengelo.nl") == "https://participatie.hengelo.nl"


def test_forgotten_password_for_an_account_without_one_sends_a_set_password_link(
    client, make_user
) -> None:
    user = make_user("lid")
    user.set_unusable_password()
    user.save()
    mail.outbox.clear()
    antwoord = client.post(RESET, {"email": user.email.upper()})
    assert antwoord.status_code == 302
    assert len(mail.outbox) == 1
    assert "Uw account heeft nog geen wachtwoord" in mail.outbox[0].body
    assert "/account/wachtwoord-vergeten/" in mail.outbox[0].body


def test_forgotten_password_for_a_closed_account_sends_nothing(client, make_user) -> None:
    user = make_user("lid")
    user.is_active = False
    user.set_unusable_password()
    user.save()
    mail.outbox.clear()
    client.post(RESET, {"email": user.email})
    assert mail.outbox == []


def test_signing_in_again_while_the_code_works_says_so(client, make_user) -> None:
    user = make_user("lid")
    EmailDevice.objects.create(user=user, name="e-mail", email=user.email, confirmed=True)
    client.get(password_login(client, user.email).url)
    assert len(mail.outbox) == 1

    tweede = Client()
    antwoord = tweede.get(password_login(tweede, user.email).url)
    html = antwoord.content.decode()
    assert len(mail.outbox) == 1  # no second mail
    assert "Wij hebben geen nieuwe code gestuurd" in html
    assert "Wij hebben u een e-mail gestuurd" not in html
