from __future__ import annotations

import time
from importlib import import_module

import pytest
from django.test import Client
from django.urls import reverse

from hengelo_participatie.accounts.middleware import LOGIN_AT_SESSION_KEY
from hengelo_participatie.accounts.models import UserSession
from tests.accounts.conftest import LOGIN_URL, is_logged_in
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db

PORTAAL = reverse("portal:home")
VERLENGEN = reverse("accounts:sessie_verlengen")


def _age_session(client: Client, seconds: float) -> None:
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = time.time() - seconds
    session.save()


def test_absolute_timeout_logs_out(client, make_user, settings):
    user = make_user("lid")
    mfa_verify(client, user)
    _age_session(client, settings.SESSION_ABSOLUTE_TIMEOUT - 60)
    assert client.get(PORTAAL).status_code == 200  # not yet

    _age_session(client, settings.SESSION_ABSOLUTE_TIMEOUT + 1)
    response = client.get(PORTAAL)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert not is_logged_in(client)
    assert not UserSession.objects.filter(user=user).exists()

    response = client.get(response.url)
    assert "Daarom hebben wij u uitgelogd." in response.content.decode()
    assert client.get(PORTAAL).status_code == 302


def test_keep_alive_returns_seconds_left(client, make_user, settings):
    user = make_user("lid")
    assert client.post(VERLENGEN).status_code == 401
    mfa_verify(client, user)

    assert client.get(VERLENGEN).status_code == 405
    response = client.post(VERLENGEN)
    assert response.status_code == 200
    assert response.json() == {"ingelogd": True, "seconds_left": settings.SESSION_IDLE_TIMEOUT}

    # Close to the absolute timeout the answer is what remains of that.
    _age_session(client, settings.SESSION_ABSOLUTE_TIMEOUT - 100)
    left = client.post(VERLENGEN).json()["seconds_left"]
    assert 95 <= left <= 100


def test_idle_timeout_is_djangos_session_age(client, make_user, settings):
    user = make_user("lid")
    mfa_verify(client, user)
    client.get(PORTAAL)
    store = import_module(settings.SESSION_ENGINE).SessionStore(client.session.session_key)
    assert store.get_expiry_age() == settings.SESSION_IDLE_TIMEOUT
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_warning_partial_is_on_pages_for_signed_in_users(client, make_user):
    user = make_user("lid")
    html = client.get("/").content.decode()
    assert 'id="sessie-waarschuwing"' not in html

    mfa_verify(client, user)
    html = client.get(PORTAAL).content.decode()
    partial = html[html.index("<dialog") : html.index("</dialog>")]
    assert '<dialog id="sessie-waarschuwing"' in partial
    assert " open" not in partial.split(">", 1)[0]  # closed, so hidden
    assert 'role="alertdialog"' in partial
    assert f'data-verlengen-url="{VERLENGEN}"' in partial
    assert 'data-csrf-token="' in partial
    assert "Blijf ingelogd" in partial
    assert " style=" not in partial
    assert '<script src="/static/js/sessie.js" defer></script>' in html
