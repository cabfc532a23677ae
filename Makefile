# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Themes an editor would tag the two demo articles with (see demo/).
DEMO_THEMES := --theme Россия --theme Казахстан --theme "Россия–Казахстан" --theme дипломатия \
	--theme энергетика --theme космос --theme ЕАЭС

.PHONY: run test install lint mutate

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

## Set everything up and serve the site with the demo articles on http://$(HOST);
## the background worker of import jobs runs beside the server and stops with it.
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_articles demo --publish $(DEMO_THEMES)
	$(BIN)/python manage.py db_worker --no-reload --interval 0.5 --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

## The whole test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Mutation testing of the modules where a silent bug hurts most (not part of CI; see README)
mutate: install
	$(BIN)/python scripts/mutate.py $(MODULES)
