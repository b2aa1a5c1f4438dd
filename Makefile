# Waakvlam Desktop — developer entry points.
# `make run` and `make test` work on a fresh Linux machine with only Python and pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TS     := src/waakvlam_desktop/resources/i18n/waakvlam_nl.ts
QM     := src/waakvlam_desktop/resources/i18n/waakvlam_nl.qm

.PHONY: run test lint typecheck pytest bench clean venv translations screenshots package package-test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	scripts/qt-system-libs.sh $(BIN)/python
	touch $(STAMP)

venv: $(STAMP)

# Compiled Dutch translations (Qt Linguist .ts -> .qm), rebuilt when the .ts (or this
# file, with its lrelease options) changes.
$(QM): $(TS) $(STAMP) Makefile
	mkdir -p $(dir $(QM))
	$(BIN)/pyside6-lrelease -silent -nounfinished $(TS) -qm $(QM)

translations: $(QM)

run: $(STAMP) $(QM)
	scripts/qt-system-libs.sh $(BIN)/python
	$(BIN)/python -m waakvlam_desktop

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache

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

# One-folder app in dist/waakvlam (GUI waakvlam-desktop + CLI waakvlam); docs/packaging.md.
PKG := dist/waakvlam
package: $(STAMP) $(QM)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	    --workpath build/pyinstaller packaging/pyinstaller/waakvlam.spec
	@du -sh $(PKG)

# The frozen app checks itself (offscreen, temporary vault). Once the bundles package is in
# the tree, a bundle step that cannot run fails the test (--strict).
package-test: package
	scripts/qt-system-libs.sh $(BIN)/python
	$(PKG)/waakvlam-desktop --version
	$(PKG)/waakvlam --version
	$(PKG)/waakvlam-desktop --self-test $(if $(wildcard src/waakvlam_desktop/bundles/export.py),--strict,)

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .mypy_cache .pytest_cache .ruff_cache
