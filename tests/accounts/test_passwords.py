from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from hengelo_participatie.accounts.models import UserSession
from tests.accounts.conftest import is_logged_in, password_login
from tests.conftest import mfa_verify
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nieuw-en-sterk-wachtwoord-2026"


def test_password_reset_by_email(client, make_user):
    user = make_user("lid")
    other_device = Client()
    mfa_verify(other_device, user)

    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor de Adviesraad Hengelo"
    assert "Klik op de link hieronder" in message.body
    link = re.search(r"http://testserver(/account/wachtwoord-vergeten/\S+/)", message.body)
    assert link, message.body

    response = client.get(link.group(1))
    assert response.status_code == 302  # Django swaps the token for a session marker
    form_url = response.url
    response = client.get(form_url)
    assert 'autocomplete="new-password"' in response.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")

    # Sessions that used the old password are gone.
    assert other_device.get(reverse("portal:home")).status_code == 302
    assert not UserSession.objects.filter(user=user).exists()

    fresh = Client()
    password_login(fresh, user.email, DEFAULT_PASSWORD)
    assert not is_logged_in(fresh)
    response = password_login(fresh, user.email, NEW_PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(fresh)

    # The link works only once.
    response = client.get(link.group(1), follow=True)
    assert "Deze link werkt niet meer." in response.content.decode()


def test_password_reset_for_unknown_address_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 0


def test_password_change_keeps_this_session_and_ends_others(client, make_user):
    user = make_user("lid")
    mfa_verify(client, user)
    other_device = Client()
    mfa_verify(other_device, user)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    assert client.get(reverse("portal:home")).status_code == 200
    assert other_device.get(reverse("portal:home")).status_code == 302
    assert list(UserSession.objects.filter(user=user).values_list("session_key", flat=True)) == [
        client.session.session_key
    ]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
