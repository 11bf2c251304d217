"""Deployment: Django's deployment checklist, the security headers, and the Compose stack.

* ``manage.py check --deploy --fail-level WARNING`` passes with production settings (and fails
  when a production setting is weakened, so the test can see a problem).
* A header probe with the real production security settings: CSP with ``object-src 'none'`` and
  ``frame-ancestors 'none'``, HSTS, ``nosniff``, Referrer-Policy, Secure + HttpOnly cookies.
* ``docker-compose config`` accepts docker-compose.yml: five services, exactly one beat.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import stat
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import mfa_verify, require_service
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
SERVICES = {"web", "worker", "beat", "postgres", "redis"}

#: Settings that decide the security headers and cookies, read from production settings.
SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CONTENT_SECURITY_POLICY",
]


def random_secret(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_")) and k not in {"REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=random_secret(),
        DJANGO_ALLOWED_HOSTS="participatie.hengelo.nl",
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        DJANGO_SETTINGS_MODULE="hengelo_participatie.settings",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- check --deploy -------------------------------------------------------------------------------
def test_check_deploy_passes_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_hsts_is_switched_off(tmp_path):
    """Control: the command really fails on a weakened production setting."""
    env = production_env(tmp_path, DJANGO_HSTS_SECONDS="0")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# --- Header probe ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def production_security_settings(tmp_path_factory) -> dict[str, Any]:
    """The security settings exactly as settings.py computes them with DJANGO_DEBUG=false."""
    script = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        f"keys = {SECURITY_SETTINGS!r}\n"
        "print(json.dumps({k: getattr(settings, k, None) for k in keys}))\n"
    )
    env = production_env(tmp_path_factory.mktemp("prod"))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"] is not None:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def prod_client(production_security_settings):
    # A new Client inside the override: SecurityMiddleware reads its settings when it is built.
    with override_settings(**production_security_settings):
        yield Client()


HTTPS = {"headers": {"X-Forwarded-Proto": "https"}}  # as the TLS proxy sends it


def test_production_settings_are_strict(production_security_settings):
    values = production_security_settings
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")


@pytest.mark.django_db
def test_security_headers_on_home(prod_client):
    response = prod_client.get("/", **HTTPS)

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = {d.strip().split()[0]: d.strip() for d in csp.split(";") if d.strip()}
    assert directives["object-src"] == "object-src 'none'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["default-src"] == "default-src 'self'"
    assert "'unsafe-inline'" not in directives.get("script-src", "")
    assert response["X-Content-Type-Options"] == "nosniff"
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_plain_http_is_redirected_without_hsts(prod_client):
    response = prod_client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_csrf_cookie_is_secure_and_httponly(prod_client):
    response = prod_client.get(reverse("accounts:login"), **HTTPS)

    assert response.status_code == 200
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert settings.CSRF_COOKIE_NAME == "__Host-csrftoken"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["path"] == "/"
    assert not cookie["domain"]  # required by the __Host- prefix


@pytest.mark.django_db
def test_session_cookie_is_secure_and_httponly(prod_client):
    user = UserFactory()
    mfa_verify(prod_client, user)

    response = prod_client.get(reverse("portal:home"), **HTTPS)

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value  # set by the server on this response, not by the test client
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert "no-store" in response["Cache-Control"]


# --- Docker Compose -------------------------------------------------------------------------------
REQUIRED_COMPOSE_ENV = {
    "DJANGO_SECRET_KEY": random_secret(),
    "DJANGO_ALLOWED_HOSTS": "participatie.hengelo.nl",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://participatie.hengelo.nl",
    "SITE_URL": "https://participatie.hengelo.nl",
    "POSTGRES_PASSWORD": secrets.token_hex(16),
    "EMAIL_HOST": "smtp.hengelo.nl",
    "DEFAULT_FROM_EMAIL": "Adviesraad Hengelo <noreply@hengelo.nl>",
}


def compose(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    if binary is None:
        require_service("docker-compose", "installeer docker-compose om het bestand te valideren")
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [str(binary), "--project-directory", str(ROOT), "-f", str(COMPOSE_FILE), *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def service_blocks(config: str) -> dict[str, str]:
    """Split the normalized output of ``docker-compose config`` into one text block per service."""
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    in_services = False
    for line in config.splitlines():
        if not line.startswith(" "):
            in_services = line.rstrip() == "services:"
            current = None
            continue
        if in_services:
            match = re.fullmatch(r"  ([A-Za-z0-9_.-]+):\s*", line)
            if match:
                current = match.group(1)
                blocks[current] = []
            elif current is not None:
                blocks[current].append(line)
    return {name: "\n".join(lines) for name, lines in blocks.items()}


@pytest.fixture(scope="module")
def compose_config() -> dict[str, str]:
    result = compose("config", env=REQUIRED_COMPOSE_ENV)
    assert result.returncode == 0, result.stderr
    return service_blocks(result.stdout)


def test_compose_valid():
    quiet = compose("config", "-q", env=REQUIRED_COMPOSE_ENV)
    assert quiet.returncode == 0, quiet.stderr

    names = compose("config", "--services", env=REQUIRED_COMPOSE_ENV)
    assert names.returncode == 0, names.stderr
    assert set(names.stdout.split()) == SERVICES


def test_compose_has_exactly_one_beat(compose_config):
    assert set(compose_config) == SERVICES
    beats = [name for name, block in compose_config.items() if re.search(r"- beat$", block, re.M)]
    assert beats == ["beat"]
    beat = compose_config["beat"]
    assert re.search(r"^    deploy:\n      replicas: 1$", beat, re.M)
    assert "scale:" not in beat
    workers = [
        name for name, block in compose_config.items() if re.search(r"- worker$", block, re.M)
    ]
    assert workers == ["worker"]


def test_compose_healthchecks_and_startup_order(compose_config):
    for name in ("web", "worker", "beat"):
        block = compose_config[name]
        assert "healthcheck:" in block, name
        deps = re.findall(r"^      (\w+):\n        condition: (\w+)$", block, re.M)
        assert ("postgres", "service_healthy") in deps, name
        assert ("redis", "service_healthy") in deps, name
        assert 'DJANGO_DEBUG: "false"' in block, name
    assert "/health/" in compose_config["web"]
    assert "inspect ping" in compose_config["worker"]
    # Worker and beat start only after web has migrated.
    for name in ("worker", "beat"):
        assert re.search(
            r"^      web:\n        condition: service_healthy$", compose_config[name], re.M
        )
    assert "DJANGO_MIGRATE_ON_START: '1'" in compose_config["web"]
    assert "DJANGO_MIGRATE_ON_START" not in compose_config["worker"] + compose_config["beat"]
    assert "pg_isready" in compose_config["postgres"]
    assert "image: postgres:16" in compose_config["postgres"]
    assert "redis-cli" in compose_config["redis"]
    assert "image: redis:7" in compose_config["redis"]
    # Private media on a named volume, shared by web and worker; databases on volumes too.
    for name in ("web", "worker"):
        assert "- private-media:/data/private-media" in compose_config[name]
    assert "postgres-data:/var/lib/postgresql/data" in compose_config["postgres"]
    # Only web publishes a port, and only on the loopback interface (the TLS proxy is in front).
    assert "127.0.0.1:8000:8000" in compose_config["web"]
    for name in ("worker", "beat", "postgres", "redis"):
        assert "ports:" not in compose_config[name], name


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "DJANGO_ALLOWED_HOSTS"]
)
def test_compose_refuses_missing_required_variable(missing):
    env = {k: v for k, v in REQUIRED_COMPOSE_ENV.items() if k != missing}
    result = compose("config", "-q", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value
    return values


def test_env_example_lists_every_compose_variable():
    text = "\n".join(
        line for line in COMPOSE_FILE.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    used = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", text))
    assert used, "no variables found in docker-compose.yml"
    example = _env_example()
    assert used - set(example) == set()
    assert set(REQUIRED_COMPOSE_ENV) <= used
    # No usable secret is shipped: the example leaves every secret empty.
    for key in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"):
        assert example[key] == "", key


def test_env_example_as_is_is_refused():
    """Copying .env.example without filling in the secrets must not start a stack."""
    result = compose("config", "-q", env=_env_example())
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr or "POSTGRES_PASSWORD" in result.stderr


# --- Dockerfile -----------------------------------------------------------------------------------
def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    return dict(re.findall(r"^([a-z0-9_.-]+)==(\S+) ", text, re.M | re.I))


def test_production_lock_holds_no_dev_tools_and_matches_the_dev_lock():
    production, development = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert "django" in production and "weasyprint" in production
    for tool in ("pytest", "ruff", "mypy", "playwright", "hypothesis"):
        assert tool not in production, tool
        assert tool in development, tool
    # The image runs exactly the versions the test suite ran.
    assert {name: development.get(name) for name in production} == production


def test_dockerfile_builds_static_then_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert stages == ["node:20-bookworm-slim", "python:3.11-slim-bookworm"]
    assert "npm ci" in dockerfile and "npm run build" in dockerfile
    assert "COPY --from=static /build/static/build/ static/build/" in dockerfile
    assert "pip install --require-hashes -r requirements.lock" in dockerfile
    assert "pip install --no-deps ." in dockerfile
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "curl"):
        assert package in dockerfile, package
    assert "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    cmd = dockerfile[dockerfile.rindex("CMD ") :]
    assert "gunicorn" in cmd and "0.0.0.0:8000" in cmd

    entrypoint = ROOT / "docker" / "entrypoint.sh"
    assert entrypoint.stat().st_mode & stat.S_IXUSR
    assert 'exec "$@"' in entrypoint.read_text()

    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", "node_modules", ".git", "var"} <= ignored


COLLECTSTATIC = """
import sys, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
# The production storage is WhiteNoise's CompressedManifestStaticFilesStorage; its manifest step
# (the one that fails on unresolvable url()s) is Django's. Skip only the slow compression here.
assert settings.STORAGES["staticfiles"]["BACKEND"].endswith("CompressedManifestStaticFilesStorage")
storages = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
with override_settings(STATIC_ROOT=sys.argv[1], STORAGES=storages):
    call_command("collectstatic", "--noinput", verbosity=0)
"""


def test_collectstatic_succeeds_with_production_storage(tmp_path):
    """As in the Dockerfile: the real static directories, hashed names, font URLs rewritten."""
    if not (ROOT / "static" / "build" / "hengelo.css").exists():
        require_service("static/build", "bouw het eerst met `npm ci && npm run build`")
    root = tmp_path / "staticfiles"
    result = subprocess.run(
        [sys.executable, "-c", COLLECTSTATIC, str(root)],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = json.loads((root / "staticfiles.json").read_text())
    assert "build/hengelo.css" in manifest["paths"]
    hashed_css = (root / manifest["paths"]["build/hengelo.css"]).read_text()
    font = manifest["paths"]["build/fonts/noto-sans-latin-400-normal.woff2"]
    assert font.rpartition("/")[2] in hashed_css  # font URLs rewritten to hashed names
