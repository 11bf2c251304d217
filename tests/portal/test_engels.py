"""The domain pages of the portal are translated when the user chooses English."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _html_en(client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match
    return match.group(1).strip()


@pytest.mark.parametrize(
    ("url", "heading", "text", "dutch"),
    [
        ("/portaal/vergaderingen/", "Meetings", "Upcoming meetings", "Komende vergaderingen"),
        (
            "/portaal/kwartaalagenda/",
            "Quarterly agenda",
            "No quarterly agenda has been published yet.",
            "Kwartaalagenda",
        ),
        ("/portaal/advies/", "Advice", "Current advice requests", "Lopende adviesaanvragen"),
        (
            "/portaal/participatie/activiteiten/",
            "Participation mix activities",
            "Apply filter",
            "Activiteiten participatiemix",
        ),
    ],
)
def test_domain_page_in_english(client, login_as, url, heading, text, dutch):
    login_as(client, "voorzitter")
    html = _html_en(client, url)
    assert _h1(html) == heading
    assert text in html
    assert dutch not in html


def test_public_you_said_we_did_in_english(client):
    html = _html_en(client, "/participatie/")
    assert _h1(html) == "You said, we did"


@pytest.mark.parametrize(
    ("url", "heading", "text", "dutch"),
    [
        (
            "/portaal/herinneringen/",
            "My reminders",
            "Which reminders do you want to receive?",
            "Deze herinneringen krijgt u altijd",
        ),
        (
            "/portaal/herinneringen/agenda/",
            "My deadlines in my calendar",
            "You do not have a calendar link yet.",
            "Link maken",
        ),
    ],
)
def test_reminder_pages_and_service_errors_in_english(client, login_as, url, heading, text, dutch):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from verordening.waarden import RegelType, normaliseer

    login_as(client, "lid")
    html = _html_en(client, url)
    assert _h1(html) == heading
    assert text in html
    assert dutch not in html

    # A service refusal shown in a form follows the language as well; Dutch stays the source.
    for taal, bericht in (("en", "Enter a whole number."), ("nl", "Vul een geheel getal in.")):
        with translation.override(taal), pytest.raises(ValidationError) as exc:
            normaliseer(RegelType.GEHEEL_GETAL, "twaalf")
        assert exc.value.messages == [bericht]
