"""Dutch is the default: every marked string in the package has a finished Dutch translation."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from waakvlam_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "src" / "waakvlam_desktop" / "resources" / "i18n" / "waakvlam_nl.ts"
# ``{{`` and ``}}`` are literal braces in str.format, not placeholders.
PLACEHOLDER = re.compile(r"(?<!\{)\{[a-z_]+(?::[^}]*)?\}(?!\})")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def test_every_marked_string_has_a_finished_dutch_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    package = ROOT / "src" / "waakvlam_desktop"
    # Every module: ui/ through Qt's tr(), the rest through texts.QT_TRANSLATE_NOOP.
    sources = sorted(str(p) for p in package.rglob("*.py") if "migrations" not in p.parts)
    assert len(sources) > 100, "the package sources were not found"
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    ours = _messages(TS)
    problems = []
    for key in _messages(fresh):
        msg = ours.get(key)
        if msg is None:
            problems.append(f"missing: {key}")
            continue
        tr = msg.find("translation")
        assert tr is not None
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
            problems.append(f"unfinished: {key}")
        elif sorted(PLACEHOLDER.findall(key[1])) != sorted(PLACEHOLDER.findall(tr.text or "")):
            problems.append(f"placeholders differ: {key}")
    assert problems == [], "\n".join(problems) + "\nRun scripts/update-translations.sh"


def test_compiled_dutch_translation_is_installed(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    assert i18n.qm_path("nl") is not None, "run 'make translations'"
    app = QCoreApplication.instance()
    assert app is not None
    assert i18n.install(app, "nl")
    assert QCoreApplication.translate("TodayView", "Today") == "Vandaag"
    assert i18n.install(app, "en")
    assert QCoreApplication.translate("TodayView", "Today") == "Today"
    i18n.install(app, "nl")


def test_the_gui_answers_the_core_texts_with_qt_as_the_catalog_would(qapp: object) -> None:
    """In the GUI, Qt's translator of the compiled .qm answers ``texts.translate`` for the
    GUI's language, so a start does not read the .ts catalog's XML (#16). It must give every
    string the catalog gives, and the source where the catalog has nothing."""
    from PySide6.QtCore import QCoreApplication

    from waakvlam_desktop import texts

    app = QCoreApplication.instance()
    assert app is not None
    texts._catalog.cache_clear()
    assert i18n.install(app, "nl")
    assert texts.translate("Labels", "acute") == "acuut"
    assert texts._catalog.cache_info().currsize == 0  # Qt answered, the XML was not read
    catalog = texts._catalog("nl")
    assert len(catalog) > 1000
    differ = [key for key, nl in catalog.items() if texts.translate(*key) != nl]
    assert differ == []
    assert texts.translate("Labels", "no such text") == "no such text"
    assert texts.translate("Labels", "acute", "en") == "acute"  # another language: not Qt's
    # Without the GUI's translator (as the CLI): the catalog, the same answer.
    texts.use_language("nl")
    assert texts.translate("Labels", "acute") == "acuut"
    i18n.install(app, "en")
    assert texts.translate("Labels", "acute") == "acute"
    assert texts.translate("Labels", "acute", "nl") == "acuut"
    i18n.install(app, "nl")
