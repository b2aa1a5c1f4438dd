"""The About dialog: version from the package metadata, licences of bundled components."""

from __future__ import annotations

from importlib.metadata import version

from pytestqt.qtbot import QtBot

from waakvlam_desktop.ui.widgets.about import COMPONENTS, AboutDialog, component_version


def test_about_shows_version_and_licences(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert version("waakvlam-desktop") in dialog.heading.text()
    assert "EUPL-1.2" in dialog.heading.text()
    text = dialog.table.toPlainText()
    lines = [line for line in text.splitlines() if line.strip()]
    for name, licence in (
        ("PySide6", "LGPL-3.0"),
        ("SQLCipher", "BSD-3-Clause"),
        ("SQLAlchemy", "MIT"),
        ("Alembic", "MIT"),
        ("ReportLab", "BSD"),
        ("DejaVu", "DejaVu"),
        ("cryptography", "Apache-2.0 OR BSD-3-Clause"),
        ("argon2-cffi", "MIT"),
        ("pyrage", "MIT OR Apache-2.0"),
        ("keyring", "MIT"),
        ("zxcvbn", "MIT"),
        ("platformdirs", "MIT"),
    ):
        # one table row: name, version, licence (a cell per line in the plain text)
        at = next(i for i, line in enumerate(lines) if name in line)
        assert licence in " ".join(lines[at : at + 3]), lines[at : at + 3]
    assert dialog.component_count() == len(COMPONENTS)
    # Versions come from the installed packages, not from a list in the code.
    sqlalchemy = next(c for c in COMPONENTS if c.dist == "SQLAlchemy")
    assert component_version(sqlalchemy) == version("SQLAlchemy")
    assert version("SQLAlchemy") in text
    assert dialog.windowTitle() in ("Over Waakvlam", "About Waakvlam")
