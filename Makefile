# Peer Partners: `make run` serves the demo, `make test` runs the whole suite. Both are safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lock audit assets migrate seed worker beat lint check bench clean

# The embedded default: SQLite in the project, Celery tasks in-process, email to the console.
run: export DEBUG ?= 1
run: install assets
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Peer Partners: http://$(HOST):$(PORT)/  (sign in as east.coordinator / peerpartners)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the exact versions of requirements.lock (runtime and dev), then the project itself without resolving
# anything again. Reinstalls only when the lock or pyproject.toml changed since the last install.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@# A dependency added to pyproject.toml but not yet locked fails here: run `make lock`.
	$(BIN)/python -m pip check
	touch $@

install: $(VENV)/.installed

# Regenerates requirements.lock from pyproject.toml after a dependency change (keeps the other pins; pass
# LOCK_ARGS=--upgrade to move every pin to the newest allowed release). No index URLs or local paths are written.
# Needs only pip-tools (at its locked version), not a full install: `make install` refuses a pyproject.toml with an
# unlocked dependency.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements.lock pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --extra dev --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock $(LOCK_ARGS) pyproject.toml

# Known vulnerabilities in the locked versions. Needs the network (OSV/PyPI advisory data), so it runs on a CI that has
# it, not in .ci/run; --strict fails when a package could not be audited instead of passing without checking.
audit: install
	$(BIN)/pip-audit --strict --no-deps --disable-pip -r requirements.lock

# Bootstrap and its icons come from npm at build time and are served from our own static files.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

assets: node_modules/.package-lock.json

migrate: export DEBUG ?= 1
migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: export DEBUG ?= 1
seed: migrate
	$(BIN)/python manage.py seed_demo

# Production shape: REDIS_URL (and DATABASE_URL) set, one worker and one scheduler.
worker: install
	$(BIN)/celery -A peerpartners worker --loglevel=INFO

beat: install
	$(BIN)/celery -A peerpartners beat --loglevel=INFO --schedule=/tmp/peerpartners-celerybeat-schedule

lint: install
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# The matching budget (1,000 peers × 200 students under a second) and the roster import budget (20,000 students and
# 60,000 enrolments checked, then applied, each under 10 s; set DATABASE_URL to time it on PostgreSQL); benchmarks
# are not part of `make test`.
bench: install
	$(BIN)/python -m pytest benchmarks --benchmark-only -p no:cacheprovider

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache test-artifacts
