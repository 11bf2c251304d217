from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessLog
from django.urls import reverse

from tests.accounts.conftest import is_logged_in, password_login
from tests.conftest import mfa_verify

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


# --- mfa: the lockout keys on the normalised login -------------------------------------
@pytest.mark.parametrize("variant", ["X@Y ", " x@Y", "X@y", "\tx@y\n"])
def test_case_and_spaces_do_not_dodge_the_lockout(client, make_user, settings, variant):
    """Five failures for ``x@y`` also lock ``X@Y ``: otherwise every spelling gets five guesses."""
    user = make_user("lid")
    local, _, domain = user.email.partition("@")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_login(client, user.email, "fout-wachtwoord", REMOTE_ADDR="10.0.0.1")
    spelling = variant.replace("x", local).replace("X", local.upper())
    spelling = spelling.replace("@y", f"@{domain}").replace("@Y", f"@{domain.upper()}")

    response = password_login(client, spelling, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "Inloggen lukt even niet" in response.content.decode()

    # The pair (login, address) stays the key: from another address the member still gets in.
    response = password_login(client, spelling, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_failures_in_mixed_spellings_add_up(client, make_user, settings):
    user = make_user("lid")
    spellings = [user.email.upper(), f" {user.email}", user.email.title(), f"{user.email} "]
    for i in range(settings.AXES_FAILURE_LIMIT):
        spelling = spellings[i % len(spellings)]
        password_login(client, spelling, "fout-wachtwoord", REMOTE_ADDR="10.0.0.1")
    assert password_login(client, user.email, REMOTE_ADDR="10.0.0.1").status_code == 429


def test_admin_login_shares_the_lockout(client, make_user, settings):
    """The admin login form is a second door: it must count and honour the same lock."""
    staff = make_user("ondersteuner")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": staff.email.upper(), "password": "fout"},
            REMOTE_ADDR="10.0.0.1",
        )
    response = password_login(client, f" {staff.email} ", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429


def test_backend_treats_the_login_case_insensitively(make_user, rf):
    from django.contrib.auth import authenticate

    from tests.factories import DEFAULT_PASSWORD

    user = make_user("lid")
    request = rf.post("/accounts/inloggen/", REMOTE_ADDR="10.0.0.3")
    for spelling in (user.email.upper(), f"  {user.email.title()} "):
        assert authenticate(request, username=spelling, password=DEFAULT_PASSWORD) == user


def test_a_look_alike_letter_is_another_login(make_user, rf):
    """The backend matches the stored (lower-case) address exactly. With ``iexact``, PostgreSQL
    folds a dotless ``ı`` to ``I``, so "admın@…" reached "admin@…" under a lockout key of its
    own: five more guesses per such spelling. (SQLite folds only ASCII; CI runs PostgreSQL.)"""
    from django.contrib.auth import authenticate

    from tests.factories import DEFAULT_PASSWORD

    user = make_user("lid", email="admin@hengelo.example")
    request = rf.post("/accounts/inloggen/", REMOTE_ADDR="10.0.0.4")
    assert authenticate(request, username="ADMIN@hengelo.example", password=DEFAULT_PASSWORD)
    for spelling in ("admın@hengelo.example", "ADMİN@hengelo.example"):
        assert authenticate(request, username=spelling, password=DEFAULT_PASSWORD) is None
    assert user.is_active


@pytest.mark.parametrize("model", ["accessattempt", "accesslog"])
def test_the_dutch_admin_of_login_attempts_has_no_english_field_names(client, make_user, model):
    """Issue 15 §6: django-axes has no Dutch catalogue; its field labels are Dutch here too, in
    the column headers, the filters and the read-only detail page."""
    user = make_user(is_superuser=True, is_staff=True)
    password_login(client, user.email, "fout-wachtwoord", REMOTE_ADDR="10.0.0.9")
    mfa_verify(client, user)
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists()
    pad = reverse(f"admin:axes_{model}_changelist")
    response = client.get(pad, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    html = response.content.decode()
    object_id = {"accessattempt": AccessAttempt, "accesslog": AccessLog}[model].objects.first().pk
    detail = client.get(reverse(f"admin:axes_{model}_change", args=[object_id]))
    assert detail.status_code == 200
    html += detail.content.decode()
    assert "ip address" not in html.lower() and "user agent" not in html.lower()
    for engels in ("Username", ">Path<", "Attempt Time", "Failed Logins", "HTTP Accept"):
        assert engels not in html, engels
    assert "IP-adres" in html
