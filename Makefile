# hyoka — developer and CI entry points. See README.md ("Set up") and docs/operations.md.
#
#   make run            the web workspace at http://127.0.0.1:8000/: migrate the database
#                       (SQLite in $HYOKA_DATA_DIR, default ./.hyoka-data, or $DATABASE_URL), load
#                       the bundled sample and the demo logins, print them, serve with gunicorn
#   make test           style, types, layer contracts, the whole test suite on SQLite, then the web
#                       tests again on a throw-away PostgreSQL server (scripts/postgres-test.sh)
#   make test-postgres  only that last part
#   make lint           style, types and layer contracts only
#   make bench          the benchmark suite (benchmarks/run.py)
#   make clean          caches and build debris (make distclean also removes .venv)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHECKED := $(wildcard src tests benchmarks)
SAMPLE := samples/mofa-r2-I-2-hokubei.txt
HOST ?= 127.0.0.1
PORT ?= 8000

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: venv install system-deps test-deps test test-postgres lint run bench clean distclean

# System packages first (quiet when present), then the venv if missing, then the project
# and its dev tools, only when pyproject.toml is newer than the stamp.
venv install: system-deps
	@if ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
	    if command -v python3.11 >/dev/null 2>&1; then py=python3.11; \
	    elif python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then py=python3; \
	    else echo "make: no Python 3.11 (python3.11, or python3 at 3.11) found" >&2; exit 1; fi; \
	    echo "make: creating $(VENV) with $$py"; \
	    rm -rf $(VENV); \
	    "$$py" -m venv $(VENV); \
	fi
	@if [ pyproject.toml -nt $(STAMP) ]; then \
	    echo "make: installing hyoka and its dev tools into $(VENV)"; \
	    $(BIN)/pip install -e '.[dev]'; \
	    touch $(STAMP); \
	fi

system-deps:
	@bash scripts/system-deps.sh

# What only the tests need (postgresql, chromium, gettext): installed as root; otherwise a loud
# warning for a developer, a failure in CI (CI=true).
test-deps: system-deps
	@bash scripts/system-deps.sh --test

lint: install
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy
	$(BIN)/lint-imports

# The whole suite on SQLite, then the web tests (views, API, permissions, storage, search) on
# PostgreSQL. The server lives in a temporary directory and is stopped and removed whatever
# happens; without PostgreSQL installed that part is skipped with a warning (a failure in CI).
test: test-deps lint
	$(BIN)/pytest
	@$(MAKE) --no-print-directory test-postgres

test-postgres: install test-deps
	@echo "make: the web tests again, on PostgreSQL"
	@bash scripts/postgres-test.sh run $(BIN)/pytest tests/web

run: install
	$(BIN)/hyoka migrate
	$(BIN)/python -m django hyoka_demo $(SAMPLE) --settings=hyoka.web.settings
	@echo
	@echo "make: hyoka is at http://$(HOST):$(PORT)/ — log in with a demo login above; Ctrl-C stops it"
	@echo
	$(BIN)/hyoka serve --host $(HOST) --port $(PORT)

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
	rm -rf src/*.egg-info

distclean: clean
	rm -rf $(VENV)
