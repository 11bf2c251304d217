# syntax=docker/dockerfile:1
# Participatie sociaal domein Hengelo: one image for web (gunicorn), worker and beat.
#
#   docker build -t hengelo-participatie .
#
# Stage 1 builds static/build/ (NL Design System CSS, htmx, fonts) from the npm lockfile.
# Stage 2 is the Python runtime with WeasyPrint's system libraries, installed from the hashed lock.

# --- Stage 1: front-end assets ---------------------------------------------------------------
FROM node:20-bookworm-slim AS static
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/ scripts/
COPY static/src/ static/src/
RUN npm run build

# --- Stage 2: Python runtime -----------------------------------------------------------------
FROM python:3.11-slim-bookworm AS runtime

# PYTHONPATH: the code in /app wins over the installed copy, so BASE_DIR (templates, static) is
# /app. XDG_CACHE_HOME: fontconfig (WeasyPrint) needs a writable cache; /app is read-only for app.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    XDG_CACHE_HOME=/tmp/.cache \
    DJANGO_SETTINGS_MODULE=hengelo_participatie.settings \
    PRIVATE_MEDIA_ROOT=/data/private-media \
    WEB_CONCURRENCY=3

# WeasyPrint runtime (Pango, HarfBuzz subsetting), a fallback font, curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first (their layer is cached until the lock changes); every file hash-checked.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md manage.py ./
COPY hengelo_participatie/ hengelo_participatie/
COPY adviesraad/ adviesraad/
COPY participatiemix/ participatiemix/
COPY verordening/ verordening/
COPY templates/ templates/
COPY locale/ locale/
COPY static/ static/
COPY --from=static /build/static/build/ static/build/
COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh

# The project itself, without touching the pinned dependencies. The CSS sources in static/src/
# were only input for stage 1 and are not served (see STATICFILES_DIRS): dropped.
RUN pip install --no-deps . \
    && rm -rf static/src \
    && chmod 0755 /usr/local/bin/entrypoint.sh

# Static files with hashed names (production settings use the manifest storage). The secret is a
# build-time dummy: it never reaches a running container, which must get its own.
RUN DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=build-only-dummy-secret-not-used-at-runtime-0000000000000000 \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3

# Private uploads live on a volume owned by the app user; nothing else in /app is writable.
RUN mkdir -p /data/private-media \
    && chown -R app:app /data \
    && chmod 0750 /data/private-media

USER app:app
EXPOSE 8000

ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
# The number of gunicorn workers comes from WEB_CONCURRENCY; other options can be added in
# GUNICORN_CMD_ARGS (options on this command line win over both).
CMD ["gunicorn", "hengelo_participatie.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--timeout", "60", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-"]
