from __future__ import annotations

import pytest

from tests.accounts.conftest import is_logged_in, password_login

pytestmark = pytest.mark.django_db


def test_lockout_after_failure_limit_for_that_ip_only(client, make_user, settings):
    user = make_user("lid")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = password_login(client, user.email, "fout-wachtwoord", REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 200
    response = password_login(client, user.email, "fout-wachtwoord", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429

    # Now even the right password is refused from that address, with a Dutch explanation.
    response = password_login(client, user.email, REMOTE_ADDR="10.0.0.1")
    html = response.content.decode()
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "Inloggen lukt even niet" in html
    assert f"{settings.AXES_FAILURE_LIMIT} keer een verkeerd wachtwoord" in html
    assert "Wacht 30 minuten." in html

    # An attacker elsewhere cannot lock the member out: another address still gets in.
    response = password_login(client, user.email, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_successful_login_resets_the_counter(client, make_user, settings):
    user = make_user("lid")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password_login(client, user.email, "fout-wachtwoord")
    assert password_login(client, user.email).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password_login(client, user.email, "fout-wachtwoord")
    assert password_login(client, user.email).status_code == 302
