"""Changing an account's e-mail address cannot take the account over.

The e-mail login code is bound to the address the user confirmed. The chain "account holder
changes the address, asks for a password reset, sets a password, signs in" must end at a login
code sent to the *old* address.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hengelo_participatie.accounts.models import User, UserSession
from hengelo_participatie.accounts.services import user_change_email
from tests.accounts.conftest import code_from_last_mail, is_logged_in, password_login
from tests.conftest import mfa_verify

pytestmark = pytest.mark.django_db

PORTAAL = reverse("portal:home")
VERIFY = reverse("accounts:mfa_verify")
SETUP_EMAIL = reverse("accounts:mfa_setup_email")
WIJZIGEN = reverse("accounts:mfa_email_wijzigen")
BEVESTIGEN = reverse("accounts:mfa_email_bevestigen")
NIEUW = "aanvaller@example.net"
NIEUW_WACHTWOORD = "Nieuw-en-lang-wachtwoord-77"  # noqa: S105


def _member_with_email_code(client, make_user) -> User:
    """A member who set up the e-mail code through the real setup flow (binds the address)."""
    member = make_user("lid")
    password_login(client, member.email)
    client.post(reverse("accounts:mfa_setup"), {"methode": "email", "next": PORTAAL})
    client.get(f"{SETUP_EMAIL}?next={PORTAAL}")
    response = client.post(SETUP_EMAIL, {"token": code_from_last_mail(), "next": PORTAAL})
    assert response.status_code == 302
    assert client.get(PORTAAL).status_code == 200
    mail.outbox.clear()
    return member


def _admin_change_email(client, member: User, email: str):
    data = {
        "email": email,
        "voornaam": member.voornaam,
        "achternaam": member.achternaam,
        "is_active": "on",
        "groups": [str(pk) for pk in member.groups.values_list("pk", flat=True)],
    }
    return client.post(reverse("admin:accounts_user_change", args=[member.pk]), data)


def _recipients() -> list[str]:
    return [address for message in mail.outbox for address in message.to]


def test_email_setup_binds_the_code_to_the_account_address(client, make_user):
    member = _member_with_email_code(client, make_user)
    assert EmailDevice.objects.get(user=member, confirmed=True).email == member.email


def test_takeover_chain_ends_at_the_old_address(
    client, make_user, login_as, django_capture_on_commit_callbacks
):
    """Admin changes the address, reset mail, new password, sign-in: code only to the old one."""
    member = _member_with_email_code(client, make_user)
    oud = member.email
    beheer = Client()
    login_as(beheer, "accounthouder")

    # 1. The account holder changes the member's e-mail address in the admin.
    with django_capture_on_commit_callbacks(execute=True):
        response = _admin_change_email(beheer, member, NIEUW)
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.email == NIEUW
    assert _recipients() == [oud]  # the notice goes to the old address
    # The member's own session has ended.
    assert client.get(PORTAAL).status_code == 302
    assert not is_logged_in(client)

    # 2. A password reset for the new address; 3. the link is followed and a password is set.
    mail.outbox.clear()
    anon = Client()
    anon.post(reverse("accounts:password_reset"), {"email": NIEUW})
    assert _recipients() == [NIEUW]
    link = re.search(r"https?://[^\s]+/wachtwoord-vergeten/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = anon.get(f"/{path}", follow=True)
    set_url = response.redirect_chain[-1][0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post(
            set_url, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD}
        )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    # The owner hears of the reset at the address they still read.
    assert _recipients() == [oud]
    assert mail.outbox[0].subject == "Uw wachtwoord is veranderd"
    # It names the address the reset link went to, so the owner sees it was not theirs.
    assert f"e-mailadres van uw account: {NIEUW}." in mail.outbox[0].body

    # 4. Sign in as the member: the second factor is still owed, the code goes to the OLD address.
    mail.outbox.clear()
    response = password_login(anon, NIEUW, NIEUW_WACHTWOORD)
    assert response.url.startswith(VERIFY)
    response = anon.get(response.url)
    assert response.status_code == 200
    assert _recipients() == [oud]
    assert NIEUW not in _recipients()
    # Asking for a new code does not change where it goes.
    device = EmailDevice.objects.get(user=member, confirmed=True)
    device.last_generated_timestamp = timezone.now() - timezone.timedelta(minutes=5)
    device.save()
    anon.post(VERIFY, {"actie": "opnieuw"})
    assert _recipients() == [oud, oud]
    # And the portal stays shut.
    assert anon.get(PORTAAL).status_code == 302


def test_code_address_page_needs_the_second_factor(client, make_user):
    """A password alone (e.g. after someone else reset it) cannot move the code."""
    member = make_user("lid")
    EmailDevice.objects.create(user=member, name="e-mail", email=member.email, confirmed=True)
    password_login(client, member.email)
    mail.outbox.clear()
    response = client.post(WIJZIGEN, {"email": NIEUW})
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    assert NIEUW not in _recipients()
    assert not EmailDevice.objects.filter(email=NIEUW).exists()


def test_email_change_service_notifies_old_address_and_ends_sessions(
    client, make_user, django_capture_on_commit_callbacks
):
    member = make_user("lid")
    mfa_verify(client, member)
    assert UserSession.objects.filter(user=member).exists()
    oud = member.email
    with django_capture_on_commit_callbacks(execute=True):
        user_change_email(user=member, email="  Nieuw@Example.ORG ", door=None)
    member.refresh_from_db()
    assert member.email == "nieuw@example.org"
    assert [m.to for m in mail.outbox] == [[oud]]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Het e-mailadres van uw account is veranderd"
    assert oud in body and "nieuw@example.org" in body
    assert "Neem dan meteen contact op met de gemeente" in body
    assert not UserSession.objects.filter(user=member).exists()
    assert client.get(PORTAAL).status_code == 302
    assert member.history.first().history_change_reason.startswith("E-mailadres gewijzigd")


def test_email_change_in_admin_is_in_the_history(
    make_user, login_as, django_capture_on_commit_callbacks
):
    member = make_user("lid")
    beheer = Client()
    houder = login_as(beheer, "accounthouder")
    with django_capture_on_commit_callbacks(execute=True):
        _admin_change_email(beheer, member, NIEUW)
    record = member.history.first()
    assert record.email == NIEUW
    assert record.history_user == houder
    assert record.history_change_reason.startswith("E-mailadres gewijzigd")


def _start_change(client, member, nieuw=NIEUW):
    mail.outbox.clear()
    response = client.post(WIJZIGEN, {"email": nieuw})
    assert response.status_code == 302
    assert response.url == BEVESTIGEN
    return response


def _verified_member_with_email_device(client, make_user) -> tuple[User, EmailDevice]:
    member = make_user("lid")
    device = EmailDevice.objects.create(
        user=member, name="e-mail", email=member.email, confirmed=True
    )
    client.force_login(member)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return member, device


def test_code_address_changes_only_after_the_new_code(
    client, make_user, django_capture_on_commit_callbacks
):
    member, device = _verified_member_with_email_device(client, make_user)
    oud = member.email
    response = client.get(WIJZIGEN)
    assert response.status_code == 200
    assert "E-mailadres voor inlogcode wijzigen" in response.content.decode()

    _start_change(client, member)
    assert _recipients() == [NIEUW]  # the code goes to the new address
    device.refresh_from_db()
    assert device.email == oud and device.confirmed  # nothing moved yet
    assert EmailDevice.objects.get(user=member, confirmed=False).email == NIEUW

    response = client.get(BEVESTIGEN)
    assert NIEUW in response.content.decode()

    code = code_from_last_mail()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BEVESTIGEN, {"token": code})
    assert response.status_code == 302
    devices = EmailDevice.objects.filter(user=member)
    assert [(d.email, d.confirmed) for d in devices] == [(NIEUW, True)]
    # The old code address hears of it; the session stays signed in and verified.
    assert _recipients() == [oud]
    assert NIEUW in mail.outbox[0].body
    assert client.get(PORTAAL).status_code == 200
    assert member.history.first().history_change_reason == "E-mailadres voor inlogcode gewijzigd"

    # The next login sends the code to the new address.
    client.logout()
    mail.outbox.clear()
    client.get(password_login(client, member.email).url)
    assert _recipients() == [NIEUW]


def test_wrong_code_for_new_address_is_refused(client, make_user):
    member, device = _verified_member_with_email_device(client, make_user)
    _start_change(client, member)
    response = client.post(BEVESTIGEN, {"token": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed and device.email == member.email
    assert not EmailDevice.objects.filter(email=NIEUW, confirmed=True).exists()


def test_expired_code_for_new_address_is_refused(client, make_user):
    member, device = _verified_member_with_email_device(client, make_user)
    _start_change(client, member)
    code = code_from_last_mail()
    pending = EmailDevice.objects.get(user=member, confirmed=False)
    pending.valid_until = timezone.now() - timezone.timedelta(seconds=1)
    pending.save()
    response = client.post(BEVESTIGEN, {"token": code})
    assert response.status_code == 200
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed and device.email == member.email


def test_same_or_invalid_address_gets_a_clear_message(client, make_user):
    member, _device = _verified_member_with_email_device(client, make_user)
    response = client.post(WIJZIGEN, {"email": member.email.upper()})
    assert "Uw inlogcode gaat al naar dit e-mailadres." in response.content.decode()
    response = client.post(WIJZIGEN, {"email": "geen-adres"})
    assert "Dit is geen goed e-mailadres." in response.content.decode()
    assert len(mail.outbox) == 0


def test_staff_cannot_move_to_an_email_code(client, login_as):
    login_as(client, "accounthouder")
    response = client.post(WIJZIGEN, {"email": NIEUW})
    assert response.status_code == 302
    assert not EmailDevice.objects.exists()
    assert len(mail.outbox) == 0


# --- the second-factor reset in the admin ---------------------------------------------------------
def test_second_factor_reset_needs_confirmation_is_audited_and_notifies_both_addresses(
    client, make_user, login_as, django_capture_on_commit_callbacks
):
    member = make_user("lid")
    oud = member.email
    EmailDevice.objects.create(user=member, name="e-mail", email=oud, confirmed=True)
    member.email = NIEUW  # the account address changed since (e.g. by the admin)
    member.save()
    mfa_verify(client, member)

    beheer = Client()
    # A council member's second factor: only a superuser (the account holder does not manage
    # the role ``lid``; see test_account_holder_resets_only_accounts_whose_roles_it_manages).
    houder = login_as(beheer, None, is_superuser=True, is_staff=True)
    url = reverse("admin:accounts_user_changelist")
    data = {"action": "inlogcode_resetten", "_selected_action": [str(member.pk)]}

    # The first POST only asks for confirmation.
    response = beheer.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ja, reset de inlogcode" in html
    assert NIEUW in html
    assert EmailDevice.objects.filter(user=member).exists()
    assert len(mail.outbox) == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = beheer.post(url, {**data, "post": "ja"})
    assert response.status_code == 302
    assert not EmailDevice.objects.filter(user=member).exists()
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert sorted(_recipients()) == sorted([oud, NIEUW])
    assert all(m.subject == "Uw inlogcode is opnieuw ingesteld" for m in mail.outbox)
    assert "Heeft u dit niet zelf gevraagd?" in mail.outbox[0].body
    record = member.history.first()
    assert record.history_user == houder
    assert record.history_change_reason.startswith("Tweede stap (inlogcode) gereset")
    assert not UserSession.objects.filter(user=member).exists()
    assert client.get(PORTAAL).status_code == 302


@pytest.mark.parametrize(
    ("rol", "mag"),
    [
        ("gespreksleider", True),
        ("beleidsmedewerker", True),
        (None, True),
        ("lid", False),
        ("voorzitter", False),
        ("ondersteuner", False),
        ("accounthouder", False),
    ],
)
def test_account_holder_resets_only_accounts_whose_roles_it_manages(
    rol, mag, make_user, login_as, django_capture_on_commit_callbacks
):
    """A new password plus a reset second factor hands over an account. The account holder may
    do either only for the roles it grants (beheert); a chair's or supporter's account needs a
    superuser. Otherwise it could set the chair's password, reset the code and sign in as them."""
    doel = make_user(rol)
    EmailDevice.objects.create(user=doel, name="e-mail", email=doel.email, confirmed=True)
    beheer = Client()
    login_as(beheer, "accounthouder")
    url = reverse("admin:accounts_user_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = beheer.post(
            url,
            {"action": "inlogcode_resetten", "_selected_action": [str(doel.pk)], "post": "ja"},
            follow=True,
        )
    assert EmailDevice.objects.filter(user=doel).exists() is not mag
    assert ("Vraag dit aan een systeembeheerder." in response.content.decode()) is not mag

    # The admin's "set password" page of that account: the same rule.
    wachtwoord_url = reverse("admin:auth_user_password_change", args=[doel.pk])
    response = beheer.post(
        wachtwoord_url, {"password1": NIEUW_WACHTWOORD, "password2": NIEUW_WACHTWOORD}
    )
    assert response.status_code == 302
    doel.refresh_from_db()
    assert doel.check_password(NIEUW_WACHTWOORD) is mag


def test_nobody_sets_their_own_password_through_the_account_admin(login_as):
    """One's own password changes with the old one ("Wachtwoord wijzigen"), not by the admin's
    set-password page of one's own account."""
    beheer = Client()
    ik = login_as(beheer, None, is_superuser=True, is_staff=True)
    url = reverse("admin:auth_user_password_change", args=[ik.pk])
    response = beheer.post(url, {"password1": NIEUW_WACHTWOORD, "password2": NIEUW_WACHTWOORD})
    assert response.status_code == 302
    ik.refresh_from_db()
    assert not ik.check_password(NIEUW_WACHTWOORD)


def test_second_factor_reset_of_a_superuser_needs_a_superuser(
    make_user, login_as, django_capture_on_commit_callbacks
):
    boss = make_user(None, is_superuser=True, is_staff=True)
    TOTPDevice.objects.create(user=boss, name="app", confirmed=True)
    beheer = Client()
    login_as(beheer, "accounthouder")
    url = reverse("admin:accounts_user_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = beheer.post(
            url,
            {"action": "inlogcode_resetten", "_selected_action": [str(boss.pk)], "post": "ja"},
            follow=True,
        )
    assert "Alleen een systeembeheerder mag dit account wijzigen." in response.content.decode()
    assert TOTPDevice.objects.filter(user=boss).exists()
    assert len(mail.outbox) == 0


def test_setting_up_the_email_code_again_tells_the_old_code_address(
    client, make_user, django_capture_on_commit_callbacks
):
    """The setup page is a second way to move the code (to the account address): same notice."""
    member, _device = _verified_member_with_email_device(client, make_user)
    oud = member.email
    User.objects.filter(pk=member.pk).update(email=NIEUW)
    member.refresh_from_db()
    mail.outbox.clear()
    client.get(SETUP_EMAIL)
    assert _recipients() == [NIEUW]
    code = code_from_last_mail()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP_EMAIL, {"token": code, "next": PORTAAL})
    assert response.status_code == 302
    assert [(d.email, d.confirmed) for d in EmailDevice.objects.filter(user=member)] == [
        (NIEUW, True)
    ]
    assert _recipients() == [oud]
    assert mail.outbox[0].subject == "Uw inlogcode gaat naar een ander e-mailadres"
    assert client.get(PORTAAL).status_code == 200


def test_migration_binds_existing_devices_to_their_current_address(make_user):
    """Devices from before this change had no address of their own; the migration fills it in."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "hengelo_participatie.accounts.migrations.0002_emaildevice_bind_address"
    )
    member, ander = make_user("lid"), make_user("lid")
    zonder = EmailDevice.objects.create(user=member, name="e-mail", confirmed=True)
    leeg = EmailDevice.objects.create(user=ander, name="e-mail", email="", confirmed=True)
    eigen = EmailDevice.objects.create(
        user=ander, name="oud", email="eigen@example.org", confirmed=True
    )
    migration.bind(apps, None)
    for device in (zonder, leeg, eigen):
        device.refresh_from_db()
    assert (zonder.email, leeg.email, eigen.email) == (
        member.email,
        ander.email,
        "eigen@example.org",
    )


def test_a_code_for_one_new_address_does_not_confirm_another(client, make_user):
    """Switching the new address drops the code sent to the previous one; no fresh cooldown."""
    member, device = _verified_member_with_email_device(client, make_user)
    _start_change(client, member, "eerste@example.org")
    code = code_from_last_mail()
    _start_change(client, member, NIEUW)
    assert len(mail.outbox) == 0  # within the minute: no second mail (cooldown carries over)
    response = client.post(BEVESTIGEN, {"token": code})
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed and device.email == member.email
    assert not EmailDevice.objects.filter(user=member, email=NIEUW, confirmed=True).exists()


def test_email_change_notice_says_where_the_code_goes(
    make_user, django_capture_on_commit_callbacks
):
    """The notice tells the truth: "blijft naar dit oude adres gaan" only where the e-mail code
    is bound to that old address; staff with an app read that their code does not change."""
    lid = make_user("lid")
    EmailDevice.objects.create(user=lid, name="e-mail", email=lid.email, confirmed=True)
    staf = make_user("beleidsmedewerker")
    TOTPDevice.objects.create(user=staf, name="app", confirmed=True)
    for user, verwacht, niet in (
        (lid, "blijft naar dit oude adres gaan", "Uw inlogcode verandert niet."),
        (staf, "Uw inlogcode verandert niet.", "blijft naar dit oude adres gaan"),
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            user_change_email(user=user, email=f"nieuw-{user.pk}@example.org", door=None)
        body = " ".join(mail.outbox[0].body.split())
        assert verwacht in body
        assert niet not in body
