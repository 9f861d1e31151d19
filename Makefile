# Two entry points: `make demo` (set up, then run the demo region end to end) and `make test`
# (set up, then lint and run the whole test suite). Both create .venv/ on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANIFEST := dbt_project/target/manifest.json
DBT_SOURCES := $(shell find dbt_project/models dbt_project/macros dbt_project/tests -type f) \
	dbt_project/dbt_project.yml dbt_project/profiles.yml

.PHONY: setup system demo test lint format clean bench lock

setup: $(INSTALLED) $(MANIFEST)

# Every dependency at the exact version of requirements.lock, then the project itself (a
# dependency added since the lock is installed too; tests/test_lock.py says the lock is stale).
$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# Dagster loads the dbt assets from the manifest; it is built here, never at import time.
$(MANIFEST): $(INSTALLED) $(DBT_SOURCES)
	cd dbt_project && env -u RAPOR_WAREHOUSE ../$(BIN)/dbt parse --profiles-dir . --quiet
	touch $@

# Chromium, pdftotext and the PostgreSQL server from apt where missing (scripts/system-packages.sh).
system:
	bash scripts/system-packages.sh

demo: setup system
	$(BIN)/rapor demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project
	$(BIN)/lint-imports

test: lint system
	$(BIN)/python -m pytest

# The benchmark of one scale (benchmarks/run.py), written to benchmarks/results.md.
SCALE ?= city
bench: setup
	$(BIN)/python -m benchmarks.run --scale $(SCALE)

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rewrite the lock from the installed venv, after a dependency changed in pyproject.toml.
lock: $(INSTALLED)
	{ echo "# Every dependency of rapor[dev] at its exact version (make lock; pip freeze)."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) .rapor dbt_project/target dbt_project/logs .pytest_cache .ruff_cache
