#!/usr/bin/env bash
# Refresh the Dutch catalog from every module of the package (keeps existing translations;
# new strings come in unfinished, and tests/ui/test_translations.py fails until they are
# translated). ui/ uses self.tr / QCoreApplication.translate; the rest of the package marks
# its strings with texts.QT_TRANSLATE_NOOP (see src/waakvlam_desktop/texts.py).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate $(find src/waakvlam_desktop -name "*.py" -not -path "*/migrations/*" | sort) \
  -ts src/waakvlam_desktop/resources/i18n/waakvlam_nl.ts \
  -target-language nl_NL -no-obsolete -locations none
