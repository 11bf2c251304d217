from __future__ import annotations

from importlib import import_module

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import LOGIN_URL, is_logged_in, password_login
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_and_accessible(client):
    response = client.get(LOGIN_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "E-mailadres" in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert '<label class="utrecht-form-label" for="id_username">' in html


@pytest.mark.parametrize("wrong", ["niet-het-wachtwoord", ""])
def test_bad_credentials_give_a_clear_dutch_error(client, make_user, wrong):
    user = make_user("lid")
    response = password_login(client, user.email, wrong)
    html = response.content.decode()
    assert response.status_code == 200
    assert not is_logged_in(client)
    if wrong:
        assert "Het e-mailadres of het wachtwoord klopt niet." in html
    else:
        # The missing field's error is linked to the input.
        assert 'aria-describedby="id_password_error"' in html
        assert 'id="id_password_error"' in html


def test_unknown_and_inactive_accounts_get_the_same_message(client, make_user):
    inactive = make_user("lid", is_active=False)
    for email in (inactive.email, "bestaat-niet@example.org"):
        response = password_login(client, email)
        assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()
        assert not is_logged_in(client)


@pytest.mark.parametrize("required", [True, False])
def test_login_success(client, make_user, settings, required):
    settings.MFA_REQUIRED_FOR_MEMBERS = required
    user = make_user("lid")
    response = password_login(client, user.email.upper())  # e-mail is case-insensitive
    assert response.status_code == 302
    assert is_logged_in(client)
    assert int(client.session["_auth_user_id"]) == user.pk
    if required:
        assert response.url.startswith(reverse("accounts:mfa_setup"))
    else:
        assert response.url == reverse("portal:home")
        assert client.get(response.url).status_code == 200


def test_session_key_rotates_at_login(client, make_user, settings):
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore  # noqa: N806
    user = make_user("lid")
    old_key = client.session.session_key  # an anonymous session exists before login
    password_login(client, user.email)
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not SessionStore().exists(old_key)
    assert SessionStore(session_key=new_key).get("_auth_user_id") == str(user.pk)


def test_login_without_csrf_token_is_refused(make_user):
    user = make_user("lid")
    client = Client(enforce_csrf_checks=True)
    response = password_login(client, user.email)
    assert response.status_code == 403
    assert not is_logged_in(client)


def test_logout_is_post_only(client, make_user):
    user = make_user("lid")
    mfa_verify(client, user)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert is_logged_in(client)  # a GET (a link, a prefetch) does not log out

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not is_logged_in(client)
    assert client.get(reverse("portal:home")).status_code == 302
