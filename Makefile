# Weerbaar — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export WEERBAAR_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint bench bench-smoke css chromium clean messages openapi

## setup: install everything into .venv (idempotent)
setup: $(STAMP) node_modules/.installed src/weerbaar/static/weerbaar/weerbaar.css chromium

## The pinned packages go in with uv (pinned itself, from the same registry): about 5 s from PyPI against pip's 40 s,
## most of a fresh clone's set-up. Where uv cannot reach an index (it does not read pip's configuration), pip does
## the same install.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -c constraints.txt uv \
	  && $(BIN)/uv pip install -q --python $(BIN)/python -r requirements-dev.txt -c constraints.txt \
	  || { echo "uv could not install the packages (see above); pip installs them instead."; \
	       $(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt -c constraints.txt; }
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e . \
	  || { echo "uv could not install Weerbaar itself (see above); pip does."; \
	       $(BIN)/pip install --disable-pip-version-check -q --no-deps -e .; }
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

src/weerbaar/static/weerbaar/weerbaar.css: node_modules/.installed scripts/build_css.py $(wildcard src/weerbaar/static_src/*.css)
	$(BIN)/python scripts/build_css.py

css: node_modules/.installed
	$(BIN)/python scripts/build_css.py

## chromium: Debian's Chromium for the browser tests (never a downloaded browser)
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install Debian's chromium package for the browser tests."; fi; \
	fi

## run: install, migrate, load reference data, start the background worker and serve on http://$(HOST):$(PORT)
##      (SQLite, development keys)
run: $(STAMP) node_modules/.installed src/weerbaar/static/weerbaar/weerbaar.css
	WEERBAAR_DEBUG=$${WEERBAAR_DEBUG:-1} $(BIN)/weerbaar migrate --no-input -v0
	WEERBAAR_DEBUG=$${WEERBAAR_DEBUG:-1} $(BIN)/weerbaar seed
	WEERBAAR_DEBUG=$${WEERBAAR_DEBUG:-1} $(BIN)/weerbaar worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	WEERBAAR_DEBUG=$${WEERBAAR_DEBUG:-1} $(BIN)/weerbaar serve --host $(HOST) --port $(PORT)

## test: install everything and run the whole suite (unit, API, browser)
## TEST_WORKERS: pytest-xdist worker processes (one per core of the 2-core CI machine; 0 runs in one process).
## Files stay whole on one worker (--dist loadfile) so module-scoped test worlds are built once.
## Byte code is written even where the environment says not to (PYTHONDONTWRITEBYTECODE, common in containers):
## otherwise every worker and every `weerbaar` child process compiles our modules again, and pytest rewrites
## the asserts of every test module again in each worker (about 9 s of CPU per worker for collection alone).
TEST_WORKERS ?= 2
test: setup
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src

openapi: $(STAMP) node_modules/.installed
	WEERBAAR_DEBUG=1 $(BIN)/weerbaar spectacular --format openapi-json --file docs/openapi.json
	node_modules/.bin/spectral lint --ruleset tests/api/nlgov-api-design-rules.spectral.yaml docs/openapi.json

messages: $(STAMP)
	cd src/weerbaar && WEERBAAR_DEBUG=1 ../../$(BIN)/weerbaar makemessages -l en --no-obsolete && WEERBAAR_DEBUG=1 ../../$(BIN)/weerbaar compilemessages -l en

## bench: print throughput, latency and memory figures (no targets enforced), then the analysts' statistics
##        tables over 1,000,000 help requests (issue 15: first call <= 0.5 s; BENCH_STATS_ARGS=--cases N for fewer)
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/stats.py $(BENCH_STATS_ARGS)

## bench-smoke: run the bench with small numbers and check that every figure is printed (a few minutes;
##              not part of `make test`, run once by .ci/run)
bench-smoke: setup
	$(BIN)/pytest -q bench/test_bench_quick.py bench/test_bench_stats.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
