# Clinical Context: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# .python-version pins 3.13; pyenv's shim honours it inside this folder.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000
# Exported so that SITE_URL (absolute links, see settings) follows the address served on.
export HOST PORT
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1

.PHONY: help run serve test e2e ops lint format check clean bench

help:
	@echo "make run    - install, migrate, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test   - install dev dependencies and run the whole suite (SQLite)"
	@echo "make e2e    - browser journeys (Playwright + Debian chromium)"
	@echo "make ops    - two app servers, PostgreSQL, Redis, worker, schedulers; faults (root)"
	@echo "make lint   - ruff and Django's checks"
	@echo "make bench  - the benchmark: CPU per request against a bare Django page (docs/benchmarks.md)"

# The interpreter is test-run, not just found: pyenv shims exist even where they cannot run.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || \
	  { echo "Python 3.12+ is needed (found: $$($(PYTHON) --version 2>&1)). Set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(UV): $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed-base: requirements/base.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements/base.txt
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements/dev.txt
	@touch $@ $(VENV)/.installed-base

run: $(VENV)/.installed-base
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo "Serving http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

e2e: $(VENV)/.installed-dev
	@command -v chromium >/dev/null || { echo "Debian's chromium is needed: apt-get install -y chromium"; exit 1; }
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

# The multi-server topology and its faults (docs/deploy.md). Needs root (tmpfs mounts), nginx,
# redis-server and PostgreSQL's tools; uses ports 8150-8156, 6390, 5440 and 5441.
ops: $(VENV)/.installed-dev
	.ci/multi-server

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=clinicalcontext.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=clinicalcontext.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Seeds its own databases in a scratch folder, serves them with gunicorn, stops them: a few minutes.
bench: $(VENV)/.installed-dev
	$(BIN)/python -m clinicalcontext.benchmark $(BENCH_ARGS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the lock files after changing pyproject.toml.
lock: $(UV)
	$(UV) pip compile pyproject.toml --python-version 3.13 --generate-hashes -q -o requirements/base.txt
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.13 --generate-hashes -q -o requirements/dev.txt

clean:
	rm -rf $(VENV) staticfiles .coverage htmlcov
