#!/bin/sh
# Entry point of every container (web, worker, beat). Only the web service sets
# DJANGO_MIGRATE_ON_START=1: it migrates before gunicorn starts, and worker and beat wait for web
# to be healthy (see docker-compose.yml), so they never run against an old schema. Several web
# containers starting together take turns: migrate_met_slot holds a PostgreSQL advisory lock.
set -eu

if [ "${DJANGO_MIGRATE_ON_START:-0}" = "1" ]; then
    python manage.py migrate_met_slot
fi

exec "$@"
