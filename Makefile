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
	$(BIN)/katalog build --out site
	@mkdir -p var
	$(BIN)/katalog serve --host $(HOST) --port $(PORT) --site site --queue var/queue.jsonl

test: $(STAMP)
	$(BIN)/katalog check --strict courses
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/katalog check --strict courses

build: $(STAMP)
	$(BIN)/katalog build --out site

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/check_scaling.py

clean:
	rm -rf $(VENV) site build .pytest_cache
