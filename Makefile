# `make demo` and `make test` work on a fresh Debian machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO ?= demo-workspace
PYTEST_ARGS ?=

.PHONY: setup fonts demo test test-unit test-all lint bench clean

setup: $(VENV)/.installed fonts

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

fonts:
	@sh scripts/ensure-system-packages.sh

demo: setup
	$(BIN)/screening-kit demo $(DEMO)
	$(BIN)/screening-kit build $(DEMO)
	@echo "Demo packages: $(DEMO)/dist/<country>/ (open RUNSHEET.html in any of them)"

# two tiers: the unit tests (tests/unit: pure functions, no media, seconds) first, then
# the media tests
test: setup lint
	$(BIN)/pytest -q tests/unit
	$(BIN)/pytest $(PYTEST_ARGS) --ignore=tests/unit

test-unit: setup
	$(BIN)/pytest -q tests/unit $(PYTEST_ARGS)

test-all: setup
	$(BIN)/pytest -m '' $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/film_path.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
