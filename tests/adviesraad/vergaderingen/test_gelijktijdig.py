"""24 members give their RSVP at the same moment, on the embedded SQLite database, through a
real threaded server: no 500 ("database is locked") and no lost write.

pytest-django's SQLite test database lives in memory, which never shows SQLite's file locking,
so this test builds its own database file in a temporary folder, runs ``manage.py runserver``
on it in a subprocess (threaded, one request per thread, as in ``make run``) with the project's
settings, and posts from 24 threads released together by a barrier. Bounded in time: every
request and subprocess has a timeout.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

AANTAL = 24
ROOT = Path(settings.BASE_DIR)

OPZETTEN = """
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from adviesraad.vergaderingen.models import Soort
from tests.conftest import mfa_verify
from tests.factories import UserFactory

ondersteuner = UserFactory(email="ondersteuner@gelijktijdig.nl", roles=["ondersteuner"])
leden = [UserFactory(email=f"lid{i}@gelijktijdig.nl", roles=["lid"]) for i in range(%(n)d)]
vergadering = vergadering_services.vergadering_aanmaken(
    soort=Soort.RAADSVERGADERING, titel="Drukke vergadering",
    begin=timezone.now() + timedelta(days=14), door=ondersteuner,
    raad_uitnodigen=False, extra_deelnemers=leden,
)
sessies = []
for lid in leden:
    client = Client()
    mfa_verify(client, lid)
    sessies.append(client.cookies["%(cookie)s"].value)
print("RESULTAAT" + json.dumps({"pk": vergadering.pk, "sessies": sessies}))
"""

TELLEN = """
from adviesraad.vergaderingen.models import Deelname
print("RESULTAAT" + str(Deelname.objects.filter(vergadering_id=%(pk)d, aanmelding="komt").count()))
"""


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _manage(env: dict[str, str], *args: str, timeout: int = 600) -> str:
    resultaat = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stderr[-3000:]
    return resultaat.stdout


def _shell(env: dict[str, str], code: str) -> str:
    uit = _manage(env, "shell", "-c", code)
    return uit.split("RESULTAAT", 1)[1].strip()


def test_24_simultaneous_rsvps_on_sqlite(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_DEBUG": "true",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    _manage(env, "migrate", "--noinput")
    gegevens = json.loads(_shell(env, OPZETTEN % {"n": AANTAL, "cookie": "sessionid"}))
    pk, sessies = gegevens["pk"], gegevens["sessies"]

    poort = _vrije_poort()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{poort}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        basis = f"http://127.0.0.1:{poort}"
        url = f"{basis}/portaal/vergaderingen/{pk}/aanmelden/"
        klaar = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{basis}/account/inloggen/", timeout=5)  # noqa: S310
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < klaar, "de server start niet"
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.3)

        # Every member opens the form first (session and CSRF token), then all post at once.
        class NietVolgen(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        openers, tokens = [], []
        for sessie in sessies:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(jar), NietVolgen()
            )
            opener.addheaders = [("Cookie", f"sessionid={sessie}")]
            html = opener.open(url, timeout=30).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            assert token, html[:500]
            csrf = next(c.value for c in jar if c.name == "csrftoken")
            opener.addheaders = [("Cookie", f"sessionid={sessie}; csrftoken={csrf}")]
            openers.append(opener)
            tokens.append(token.group(1))

        start = threading.Barrier(AANTAL)
        statussen: list[int] = [0] * AANTAL
        fouten: list[str] = []

        def post(i: int) -> None:
            data = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": tokens[i], "aanmelding": "komt", "toelichting": f"{i}"}
            ).encode()
            start.wait(timeout=60)
            try:
                statussen[i] = openers[i].open(url, data=data, timeout=90).status
            except urllib.error.HTTPError as exc:
                statussen[i] = exc.code
            except OSError as exc:  # a dropped connection counts as a failure, not a crash
                statussen[i] = -1
                fouten.append(repr(exc))

        threads = [threading.Thread(target=post, args=(i,)) for i in range(AANTAL)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not any(t.is_alive() for t in threads), "een aanmelding bleef hangen"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    assert statussen == [302] * AANTAL, (
        statussen,
        fouten,
    )  # each one back to the meeting, none a 500
    assert int(_shell(env, TELLEN % {"pk": pk})) == AANTAL  # and no write lost
