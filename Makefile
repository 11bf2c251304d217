# Two commands for a newcomer: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
# seed_demo and the settings read it too: SITE_URL follows PORT unless SITE_URL is set.
export PORT

.PHONY: run test install lint typecheck check-migrations deploy-check clean bench

$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/build/.built: node_modules/.installed scripts/build-static.mjs $(wildcard static/src/css/*.css)
	npm run build
	touch $@

install: $(VENV)/.installed static/build/.built

## Run the product on the embedded defaults: SQLite, no Redis, demo data, demo logins printed.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite (SQLite by default; PostgreSQL/Redis when DATABASE_URL/REDIS_URL set).
test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/deptry .

typecheck: install
	$(VENV)/bin/mypy

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

deploy-check: install
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=deploy-check-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyzABCDEF \
	DJANGO_ALLOWED_HOSTS=participatie.hengelo.nl DATABASE_URL=sqlite:////tmp/deploy-check.sqlite3 \
	$(PY) manage.py check --deploy --fail-level WARNING

## Benchmark: seeded data in PostgreSQL (hengelo_bench), gunicorn + wrk; see README "Benchmark".
## BENCH_ARGS passes options, e.g. make bench BENCH_ARGS="--scale 1 --duration 2".
bench:
	@test -x $(PY) || $(MAKE) install
	@test -f static/build/hengelo.css || $(MAKE) static/build/.built
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; }
	$(PY) -m scripts.bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
