"""Settings for ``make bench`` only: production settings plus a constant view to compare with.

Production-like (DEBUG off, manifest static files, Redis cache and sessions, 2 gunicorn workers),
but with a fixed throw-away secret, ``localhost`` as host, no HTTPS redirect (wrk speaks plain
HTTP) and a separate PostgreSQL database. ``ROOT_URLCONF`` points at ``urls_bench``, which adds
``/__bench/ok`` to the real URLs; the production URL conf never sees it.

Nothing outside ``scripts/bench/`` and ``make bench`` uses this module.
"""

from __future__ import annotations

import os

_BENCH_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "bench-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH",
    "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_HSTS_SECONDS": "0",
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hengelo_bench"
    ),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
    "DATABASE_CONN_MAX_AGE": "60",
    "PRIVATE_MEDIA_ROOT": os.environ.get("BENCH_PRIVATE_MEDIA_ROOT", "var/bench/private-media"),
}
# The bench always runs on its own database and settings, whatever the shell exports.
os.environ.update(_BENCH_ENV)

from .settings import *  # noqa: E402, F403
from .settings import BASE_DIR  # noqa: E402

ROOT_URLCONF = "hengelo_participatie.urls_bench"
STATIC_ROOT = BASE_DIR / "var" / "bench" / "staticfiles"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Building the data set runs the tasks the services queue in-process, as ``make run`` does.
CELERY_TASK_ALWAYS_EAGER = True
# Quiet request logging: wrk makes tens of thousands of requests.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
