#!/usr/bin/env bash
# Refresh the Dutch .ts from the sources (keeps existing translations; new strings come in
# unfinished, and tests/ui/test_translations.py fails until they are translated).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate $(find src/waakvlam_desktop/ui -name "*.py" | sort) -ts resources/i18n/waakvlam_nl.ts \
  -target-language nl_NL -no-obsolete -locations none
