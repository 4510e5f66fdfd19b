# hyoka — developer and CI entry points. See README.md ("Set up").
#
#   make run     import the bundled sample and print its summary and findings
#   make test    style, types, layer contracts, then the test suite
#   make lint    style, types and layer contracts only
#   make bench   the benchmark suite (benchmarks/run.py)
#   make clean   caches and build debris (make distclean also removes .venv)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHECKED := $(wildcard src tests benchmarks)
SAMPLE := samples/mofa-r2-I-2-hokubei.txt

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: venv install system-deps test lint run bench clean distclean

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

lint: install
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

run: install
	$(BIN)/hyoka summary $(SAMPLE)

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
	rm -rf src/*.egg-info

distclean: clean
	rm -rf $(VENV)
