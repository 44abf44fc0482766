# The two commands: `make run` and `make test`. Everything they need is installed from PyPI and
# Debian by the targets below, so they work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint bench golden chromium redis-server clean teacher

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run the install when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@[ -f "$${QUIZAPP_DB:-instance/quizapp.db}" ] || $(BIN)/quizapp init
	$(BIN)/quizapp serve --host $(HOST) --port $(PORT)

# A teacher account in the database `make run` serves: make teacher NAME=tess (asks for a
# password; PASSWORD=... skips the question).
teacher: $(VENV)/.installed-run
	@[ -n "$(NAME)" ] || { echo "usage: make teacher NAME=tess" >&2; exit 2; }
	$(BIN)/quizapp create-teacher "$(NAME)" $(if $(PASSWORD),--password "$(PASSWORD)")

# Debian's Chromium drives the browser tests (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Debian's redis-server: tests/test_redis_queue.py starts one on a free loopback port.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server >/dev/null; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.installed-test chromium redis-server lint
	$(BIN)/python -m pytest -q

# Rewrite the generator's golden output (tests/golden/) after a change that is meant to alter it.
golden: $(VENV)/.installed-test
	$(BIN)/python -m tests.golden

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
