# Peer Partners: `make run` serves the demo, `make test` runs the whole suite. Both are safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install assets migrate seed worker beat lint check bench clean

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

# Reinstalls only when pyproject.toml changed since the last install.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

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

# The matching budget (1,000 peers × 200 students under a second); benchmarks are not part of `make test`.
bench: install
	$(BIN)/python -m pytest benchmarks --benchmark-only -p no:cacheprovider

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache test-artifacts
