"""Shared fixtures: users per role, MFA-verified login, and service checks.

With ``CI=true`` a missing service (PostgreSQL via DATABASE_URL, Redis via REDIS_URL, Chromium)
fails the run instead of skipping: see ``require_service``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hengelo_participatie.accounts.roles import Rol
from tests.factories import UserFactory

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(name: str, reason: str) -> None:
    """Skip locally when a service is missing; fail under CI=true."""
    message = f"{name} is niet beschikbaar: {reason}"
    if CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests (live server, real Celery worker) end with a flush of every table,
    which would also wipe the reference data that migrations load (rules, laws, instruments).
    Serialized rollback restores that data at the start of each of them; pytest-django runs
    transactional tests after the others, so every test sees the reference data."""
    for item in items:
        names = getattr(item, "fixturenames", [])
        marker = item.get_closest_marker("django_db")
        transactional = (
            "transactional_db" in names
            or "live_server" in names
            or bool(marker and marker.kwargs.get("transaction"))
        )
        if transactional and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")


_SERIALIZED: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """Keep the serialized reference data that Django stored on the connection wrapper.

    Once Playwright's sync API runs its event loop in this thread, asgiref hands out a new
    connection wrapper without ``_test_serialized_contents``; ``_serialized_rollback_contents``
    puts the data back on whichever wrapper is current.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            _SERIALIZED[alias] = contents


@pytest.fixture(autouse=True)
def _serialized_rollback_contents(request: pytest.FixtureRequest) -> None:
    if "django_db_serialized_rollback" not in request.fixturenames:
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connections

    for alias, contents in _SERIALIZED.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> None:
    """Hashing with PBKDF2 dominates test setup time; the hash algorithm is not under test."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_in_process(request: pytest.FixtureRequest) -> Any:
    """Tasks run in-process in tests, also when REDIS_URL is set, except in the tests marked
    ``celery_worker`` that run a real worker on the real broker."""
    from hengelo_participatie.celery import app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    def _make(role: str | None = None, **kwargs: object) -> object:
        roles = [role] if role else []
        return UserFactory(roles=roles, **kwargs)

    return _make


def mfa_verify(client: Client, user: object) -> None:
    """Log ``user`` in and mark the session as verified by a confirmed TOTP device.

    The same session state django-otp writes after a correct code; the MFA flow itself is tested
    in tests/accounts/.
    """
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def login_as(make_user: Callable[..., object]) -> Callable[..., Client]:
    """``login_as(client, "lid")`` logs a fresh user of that role in, MFA-verified."""

    def _login(client: Client, role: str | None, **kwargs: object) -> object:
        user = make_user(role, **kwargs)
        mfa_verify(client, user)
        return user

    return _login


ALL_ROLES = [r.value for r in Rol]
#: Who the privacy tests walk: every role, a second member, a former member and a superuser.
PRIVACY_ROLLEN = (
    "lid",
    "lid_b",
    "voorzitter",
    "vicevoorzitter",
    "ondersteuner",
    "accounthouder",
    "beleidsmedewerker",
    "gespreksleider",
    "oud_lid",
    "superuser",
)


@pytest.fixture
def private_media(tmp_path: Path, settings: Any) -> Path:
    """Private uploads go to a fresh folder under tmp_path for this test."""
    root = tmp_path / "private-media"
    root.mkdir()
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    """A real PDF, made by our own renderer."""
    from hengelo_participatie.pdf import render_pdf

    return render_pdf("pdf/voorbeeld.html", {"titel": "Bijlage", "alineas": ["Geheim stuk."]})


def count_queries(func: Callable[[], Any]) -> tuple[int, Any]:
    """Run ``func`` and return (number of database queries, its result).

    The query-budget helper: call it at two data sizes and assert the counts are equal, then pin
    the count with pytest-django's ``django_assert_max_num_queries``.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        result = func()
    return len(ctx.captured_queries), result


def reset_app_connections(app: Any) -> None:
    """Drop cached pools, producers and result backends so a new broker_url takes effect.

    The pools themselves are kombu-global (keyed by connection), so they are dropped, not closed.
    """
    app._pool = None
    app._backend_cache = None
    if hasattr(app._local, "backend"):
        del app._local.backend
    for attr in ("amqp", "control", "events"):
        app.__dict__.pop(attr, None)


@pytest.fixture
def redis_celery() -> Any:
    """Point the Celery app at the real Redis broker (own queue) for a real-worker test."""
    import uuid

    from hengelo_participatie.celery import app as celery_app

    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        require_service("Redis", "zet REDIS_URL om de taak via een echte worker te testen")
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}
    reset_app_connections(celery_app)
    celery_app.conf.update(
        broker_url=redis_url,
        result_backend=redis_url,
        task_always_eager=False,
        # A queue of our own: no stale messages in, none of ours left behind for others.
        task_default_queue=f"test-{uuid.uuid4().hex}",
    )
    try:
        yield celery_app
    finally:
        celery_app.conf.update(saved)
        reset_app_connections(celery_app)
