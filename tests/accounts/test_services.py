from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from hengelo_participatie.accounts.models import UserSession
from hengelo_participatie.accounts.services import user_deactivate, user_set_roles
from tests.accounts.conftest import LOGIN_URL
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db

PORTAAL = reverse("portal:home")


def _two_clients_for(user) -> tuple[Client, Client]:
    first, second = Client(), Client()
    mfa_verify(first, user)
    mfa_verify(second, user)
    assert first.get(PORTAAL).status_code == 200
    assert second.get(PORTAAL).status_code == 200
    assert UserSession.objects.filter(user=user).count() == 2
    return first, second


def _assert_signed_out(*clients: Client) -> None:
    for c in clients:
        response = c.get(PORTAAL)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)


def test_user_deactivate_ends_all_sessions(make_user, settings):
    from importlib import import_module

    user = make_user("lid")
    door = make_user("accounthouder")
    first, second = _two_clients_for(user)
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))

    user_deactivate(user=user, door=door)

    user.refresh_from_db()
    assert not user.is_active
    _assert_signed_out(first, second)
    assert not UserSession.objects.filter(user=user).exists()
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    assert not any(store.exists(key) for key in keys)
    latest = user.history.latest()
    assert latest.history_change_reason.startswith("Account uitgezet")
    assert latest.history_user_id == door.pk


def test_user_deactivate_needs_permission(make_user):
    user = make_user("lid")
    with pytest.raises(PermissionDenied):
        user_deactivate(user=user, door=make_user("lid"))
    with pytest.raises(PermissionDenied):
        user_deactivate(user=make_user(None, is_superuser=True), door=make_user("accounthouder"))
    user.refresh_from_db()
    assert user.is_active


def test_user_set_roles(make_user):
    # A council role (here voorzitter) is no longer granted by hand, not even
    # by a superuser; the test now grants staff roles and keeps the council role lid as it is.
    door = make_user(None, is_superuser=True, is_staff=True)
    user = make_user("lid")

    user_set_roles(user=user, roles=["lid", "ondersteuner", "beleidsmedewerker"], door=door)
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {
        "lid",
        "ondersteuner",
        "beleidsmedewerker",
    }
    assert user.is_staff
    assert user.history.latest().history_change_reason.startswith(
        "Rollen gezet: beleidsmedewerker, lid, ondersteuner"
    )

    user_set_roles(user=user, roles=["lid"], door=door)
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == ["lid"]
    assert not user.is_staff

    with pytest.raises(PermissionDenied):
        user_set_roles(user=user, roles=["voorzitter", "lid"], door=door)
    assert list(user.groups.values_list("name", flat=True)) == ["lid"]

    with pytest.raises(ValidationError):
        user_set_roles(user=user, roles=["koning"], door=door)
    assert list(user.groups.values_list("name", flat=True)) == ["lid"]

    superuser = make_user(None, is_superuser=True, is_staff=True)
    user_set_roles(user=superuser, roles=["beleidsmedewerker"], door=door)
    superuser.refresh_from_db()
    assert superuser.is_staff  # a superuser keeps admin access


def _change_form_data(user, **changes):
    data = {
        "email": user.email,
        "voornaam": user.voornaam,
        "achternaam": user.achternaam,
        "groups": [g.pk for g in user.groups.all()],
        "user_permissions": [],
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_deactivation_in_the_admin_ends_sessions(make_user):
    admin_user = make_user(None, is_superuser=True, is_staff=True)
    admin_client = Client()
    mfa_verify(admin_client, admin_user)
    user = make_user("lid")
    first, second = _two_clients_for(user)

    url = reverse("admin:accounts_user_change", args=[user.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, _change_form_data(user, is_active=None))
    assert response.status_code == 302, response.content.decode()[:2000]

    user.refresh_from_db()
    assert not user.is_active
    _assert_signed_out(first, second)
    assert user.history.latest().history_change_reason.startswith("Account uitgezet")


def test_admin_roles_set_staff_and_no_escalation(make_user):
    # The account holder may no longer grant ondersteuner, and a hand-posted
    # is_superuser is now a form error (200 with the error) instead of a silently ignored field.
    accounthouder = make_user("accounthouder")
    admin_client = Client()
    mfa_verify(admin_client, accounthouder)
    user = make_user("lid")
    from django.contrib.auth.models import Group

    url = reverse("admin:accounts_user_change", args=[user.pk])
    ondersteuner = Group.objects.get(name="ondersteuner")
    response = admin_client.post(
        url, _change_form_data(user, groups=[ondersteuner.pk], is_superuser="on")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser  # only a superuser may grant that
    assert set(user.groups.values_list("name", flat=True)) == {"lid"}

    superuser = make_user(None, is_superuser=True, is_staff=True)
    super_client = Client()
    mfa_verify(super_client, superuser)
    response = super_client.post(url, _change_form_data(user, groups=[ondersteuner.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.is_staff  # follows from the role
    assert set(user.groups.values_list("name", flat=True)) == {"lid", "ondersteuner"}

    superuser = make_user(None, is_superuser=True, is_staff=True)
    url = reverse("admin:accounts_user_change", args=[superuser.pk])
    response = admin_client.post(url, _change_form_data(superuser, is_active=None))
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active


def test_admin_add_form_creates_user_with_email(make_user):
    admin_user = make_user(None, is_superuser=True, is_staff=True)
    admin_client = Client()
    mfa_verify(admin_client, admin_user)
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nieuw@Example.org",
            "voornaam": "Nieuw",
            "achternaam": "Lid",
            "password1": "Een-lang-wachtwoord-77",
            "password2": "Een-lang-wachtwoord-77",
        },
    )
    assert response.status_code == 302
    from hengelo_participatie.accounts.models import User

    user = User.objects.get(email="nieuw@example.org")
    assert user.check_password("Een-lang-wachtwoord-77")
