# Two commands for a newcomer: `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check build lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/katalog build --out site --base-url http://$(HOST):$(PORT)/ --results courses/example-results.json
	@mkdir -p var
	$(BIN)/katalog serve --host $(HOST) --port $(PORT) --site site --queue var/queue.jsonl

# The shipped data is example data made for this day (tests/catalog/test_shipped_data.py uses the
# same one): tests never depend on the clock. `make check` and the pull request workflow check
# the data as of today, which is what staff need.
DATA_DAY := 2026-11-23

test: $(STAMP)
	$(BIN)/katalog check --strict --today $(DATA_DAY) courses
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/katalog check --strict courses

build: $(STAMP)
	$(BIN)/katalog build --out site --base-url http://$(HOST):$(PORT)/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Speed and memory goals are measured here, never in unit tests. Each prints its figures and a
# same-run baseline; run on a quiet machine.
bench: $(STAMP)
	$(BIN)/python benchmarks/check_scaling.py
	$(BIN)/python benchmarks/build_scaling.py
	$(BIN)/python benchmarks/course_list.py
	$(BIN)/python benchmarks/queue_staff.py
	$(BIN)/python benchmarks/status_read.py --postgres
	$(BIN)/python benchmarks/registration_load.py
	$(BIN)/python benchmarks/crash_test.py

clean:
	rm -rf $(VENV) site build .pytest_cache .cache
