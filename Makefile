# The quick start is two commands: `make run` and `make test`. Each creates .venv and
# installs what it needs when it is missing (or when pyproject.toml changed).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run sandbox test lint bench install clean format

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# With a BOT_TOKEN (in the environment or in .env) the bot talks to Telegram; without one,
# the offline sandbox runs the same bot against local fakes and prints a web chat address.
HAS_TOKEN = [ -n "$$BOT_TOKEN" ] || grep -Eqs '^[[:space:]]*(export[[:space:]]+)?BOT_TOKEN[[:space:]]*=[[:space:]]*["'"'"']?[^[:space:]\#"'"'"']' .env

run: $(STAMP)
	@if $(HAS_TOKEN); then $(PY) -m bot; else $(PY) -m tests.sandbox; fi

sandbox: $(STAMP)
	$(PY) -m tests.sandbox

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(STAMP)
	$(PY) -m tests.bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
