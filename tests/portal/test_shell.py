"""The portal shell: language, skip link, landmarks, navigation per role, messages, dashboard."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from hengelo_participatie.portal import views

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_home_is_dutch_with_skip_link_and_landmarks(client):
    html = _html(client.get(reverse("home")))
    assert '<html lang="nl">' in html
    # The skip link is the first link in the body and points at <main id="inhoud">.
    body = html.split("<body", 1)[1]
    first_link = re.search(r"<a\b[^>]*>", body).group(0)
    assert 'href="#inhoud"' in first_link
    assert "utrecht-skip-link" in first_link
    assert "Naar de inhoud" in body
    assert re.search(r'<main\b[^>]*id="inhoud"', html)
    assert html.count("<main") == 1
    assert "<header" in html and "<footer" in html
    assert re.search(r'<nav\b[^>]*aria-label="Hoofdmenu"', html)
    assert 'role="status"' in html
    assert f'href="{reverse("toegankelijkheid")}"' in html
    assert f'href="{reverse("privacy")}"' in html
    assert f'href="{reverse("accounts:login")}"' in html
    assert "Adviesraad sociaal domein" in html
    assert "participatiemix" in html


def test_pages_follow_the_csp(client):
    """No inline scripts or style attributes: the CSP (script-src/style-src 'self') forbids them."""
    for name in ("home", "toegankelijkheid", "privacy"):
        html = _html(client.get(reverse(name)))
        assert "style=" not in html
        assert "<style" not in html
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, tag
        assert re.search(r"\son[a-z]+=", html) is None  # no onclick= and friends


@pytest.mark.parametrize(
    ("name", "heading"),
    [("toegankelijkheid", "Toegankelijkheidsverklaring"), ("privacy", "Privacyverklaring")],
)
def test_statements(client, name, heading):
    html = _html(client.get(reverse(name)))
    assert f">{heading}</h1>" in html
    if name == "toegankelijkheid":
        assert "Besluit digitale toegankelijkheid overheid" in html
        assert "WCAG 2.1" in html
        assert "Meld het ons" in html
    else:
        assert "artikel 15 AVG" in html
        assert "bewaartermijn" in html
        assert "Autoriteit Persoonsgegevens" in html


def test_english_via_accept_language(client):
    html = _html(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en"))
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "What is the Social Domain Advisory Council?" in html
    assert "Naar de inhoud" not in html


def test_english_via_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _html(client.get(reverse("privacy")))
    assert '<html lang="en">' in html
    assert ">Privacy statement</h1>" in html


def test_language_switch_form_sets_the_cookie(client):
    html = _html(client.get(reverse("home")))
    form = re.search(r'<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>(.*?)</form>', html, re.S)
    assert form and form.group(1) == reverse("set_language")
    assert '<label class="utrecht-form-label" for="taalkeuze">' in form.group(2)
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in _html(client.get("/privacy/"))


def test_dashboard_redirects_anonymous_to_login(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    login = reverse(settings.LOGIN_URL)
    assert response["Location"].startswith(login)
    assert "next=/portaal/" in response["Location"]


def test_dashboard_shows_greeting_roles_and_sections(client, login_as):
    user = login_as(client, "voorzitter", voornaam="Fatima")
    html = _html(client.get(reverse("portal:home")))
    assert "Welkom, Fatima" in html
    assert '<li class="hengelo-rollen__rol">Voorzitter</li>' in html
    assert ">Wat komt eraan</h2>" in html
    for heading in (
        "Mijn volgende vergaderingen",
        "Mijn deadlines",
        "Wacht op uw goedkeuring",
        "Nieuw op de kwartaalagenda",
    ):
        assert f">{heading}</h3>" in html
    assert "Hier komt binnenkort" not in html
    assert 'aria-current="page"' in html
    assert user.email not in html  # no personal data the page does not need


def test_dashboard_role_label_in_english(client, login_as):
    login_as(client, "lid")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _html(client.get(reverse("portal:home")))
    assert '<li class="hengelo-rollen__rol">Member</li>' in html
    assert ">What is coming up</h2>" in html
    assert ">My next meetings</h3>" in html


@pytest.mark.parametrize(
    ("rol", "per_email"),
    [
        ("lid", True),
        ("gespreksleider", True),
        ("beleidsmedewerker", False),
        ("ondersteuner", False),
    ],
)
def test_dashboard_links_to_password_and_code_address(client, login_as, rol, per_email):
    """Who signs in with an e-mail code finds the page to move it (the code moves only
    by a code sent to the new address); staff use an app and are not offered it."""
    login_as(client, rol)
    html = _html(client.get(reverse("portal:home")))
    assert ">Uw account</h2>" in html
    assert f'href="{reverse("accounts:password_change")}"' in html
    assert (f'href="{reverse("accounts:mfa_email_wijzigen")}"' in html) is per_email


def test_dashboard_without_role(client, login_as):
    login_as(client, None)
    html = _html(client.get(reverse("portal:home")))
    assert "U heeft nog geen rol" in html


def test_navigation_for_a_member(client, login_as):
    login_as(client, "lid")
    html = _html(client.get(reverse("home")))
    assert f'href="{reverse("portal:home")}"' in html
    assert f'href="{reverse("admin:index")}"' not in html  # no Beheer for non-staff
    assert f'href="{reverse("accounts:login")}"' not in html
    logout = re.search(
        r'<form[^>]*action="' + re.escape(reverse("accounts:logout")) + r'"[^>]*>(.*?)</form>',
        html,
        re.S,
    )
    assert logout, "uitloggen is een POST-formulier"
    assert 'method="post"' in logout.group(0)
    assert 'name="csrfmiddlewaretoken"' in logout.group(1)
    assert "Uitloggen" in logout.group(1)


def test_navigation_for_staff_shows_beheer(client, login_as):
    login_as(client, "accounthouder")
    html = _html(client.get(reverse("home")))
    assert f'href="{reverse("admin:index")}"' in html
    assert ">Beheer</a>" in html


def test_authenticated_pages_include_the_session_warning(client, login_as):
    login_as(client, "lid")
    html = _html(client.get(reverse("portal:home")))
    assert 'id="sessie-waarschuwing"' in html
    assert html.count("js/sessie.js") == 1
    anonymous_html = _html(type(client)().get(reverse("home")))
    assert "sessie-waarschuwing" not in anonymous_html


def test_messages_render_as_utrecht_alerts():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    messages.success(request, "Opgeslagen.")
    messages.error(request, "Dat ging mis.")
    html = views.home(request).render().content.decode()
    # After a submit the confirmation takes focus (issue 15 §5).
    opening = '<div class="hengelo-berichten" role="status" tabindex="-1" autofocus>'
    region = html.split(opening, 1)[1].split("</main>")[0]
    assert region.index("utrecht-alert--ok") < region.index("<h1")
    assert 'class="utrecht-alert utrecht-alert--ok"' in html
    assert 'class="utrecht-alert utrecht-alert--error"' in html
    assert "Opgeslagen." in html and "Dat ging mis." in html
