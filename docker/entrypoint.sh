#!/bin/sh
# Entry point of every container (web, worker, beat). Only the web service sets
# DJANGO_MIGRATE_ON_START=1: it migrates before gunicorn starts, and worker and beat wait for web
# to be healthy (see docker-compose.yml), so they never run against an old schema.
set -eu

if [ "${DJANGO_MIGRATE_ON_START:-0}" = "1" ]; then
    python manage.py migrate --noinput
fi

exec "$@"
