# Waakvlam Desktop — developer entry points.
# `make run` and `make test` work on a fresh Linux machine with only Python and pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TS     := resources/i18n/waakvlam_nl.ts
QM     := src/waakvlam_desktop/resources/i18n/waakvlam_nl.qm

.PHONY: run test lint typecheck pytest bench clean venv translations screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	scripts/qt-system-libs.sh $(BIN)/python
	touch $(STAMP)

venv: $(STAMP)

# Compiled Dutch translations (Qt Linguist .ts -> .qm), rebuilt when the .ts changes.
$(QM): $(TS) $(STAMP)
	mkdir -p $(dir $(QM))
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

translations: $(QM)

run: $(STAMP) $(QM)
	scripts/qt-system-libs.sh $(BIN)/python
	$(BIN)/python -m waakvlam_desktop

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(QM)
	scripts/qt-system-libs.sh --test $(BIN)/python
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP) $(QM)
	$(BIN)/python -m bench.run

screenshots: $(STAMP) $(QM)
	$(BIN)/python -m waakvlam_desktop --screenshots docs/screenshots --lang nl
	$(BIN)/python -m waakvlam_desktop --screenshots docs/screenshots/en --lang en

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .mypy_cache .pytest_cache .ruff_cache
