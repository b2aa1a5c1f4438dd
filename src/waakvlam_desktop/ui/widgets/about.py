"""The About dialog: the version (from the package metadata) and the licences of what ships
inside the app. Open it with ``AboutDialog(parent).exec()``."""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop import package_version
from waakvlam_desktop.ui.sizing import fit_dialog


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    dist: str  # distribution name for the version ("" = not a Python package)
    licence: str
    url: str


COMPONENTS: tuple[Component, ...] = (
    Component("Qt 6 / PySide6", "PySide6-Essentials", "LGPL-3.0", "https://www.qt.io/licensing"),
    Component("SQLCipher (sqlcipher3)", "sqlcipher3", "BSD-3-Clause", "https://www.zetetic.net"),
    Component("SQLAlchemy", "SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    Component("Alembic", "alembic", "MIT", "https://alembic.sqlalchemy.org"),
    Component("ReportLab", "reportlab", "BSD-3-Clause", "https://www.reportlab.com"),
    Component(
        "DejaVu Sans", "", "Bitstream Vera / DejaVu (vrij)", "https://dejavu-fonts.github.io"
    ),
    Component(
        "cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause", "https://cryptography.io"
    ),
    Component("argon2-cffi", "argon2-cffi", "MIT", "https://argon2-cffi.readthedocs.io"),
    Component("pyrage (age)", "pyrage", "MIT OR Apache-2.0", "https://github.com/woodruffw/pyrage"),
    Component("keyring", "keyring", "MIT", "https://github.com/jaraco/keyring"),
    Component("zxcvbn", "zxcvbn", "MIT", "https://github.com/dwolfhub/zxcvbn-python"),
    Component("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    Component("Python", "", "PSF-2.0", "https://www.python.org"),
)


def component_version(component: Component) -> str:
    if component.name.startswith("Qt"):
        return f"Qt {qVersion()}, PySide6 {pyside_version}"
    if component.name == "Python":
        return sys.version.split()[0]
    if not component.dist:
        return ""
    # Imported here: importlib.metadata (16 ms) is not needed before the window paints.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(component.dist)
    except PackageNotFoundError:
        return ""


class AboutDialog(QDialog):
    """Modal: ``AboutDialog(main_window).exec()``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Waakvlam"))
        self.setMinimumSize(400, 300)
        fit_dialog(self, QSize(560, 460))
        layout = QVBoxLayout(self)
        version_label = self.tr("Version")
        self.heading = QLabel(
            f"<h2>Waakvlam Desktop</h2><p>{html.escape(version_label)} "
            f"<b>{html.escape(package_version())}</b> · EUPL-1.2</p>"
        )
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        intro = QLabel(
            self.tr(
                "Encrypted home-visit notes, signalenlijst, referral letters and partner"
                " exports. This program contains the following components:"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTextBrowser()
        self.table.setOpenExternalLinks(True)
        self.table.setHtml(self._components_html())
        layout.addWidget(self.table, 1)
        note = QLabel(
            self.tr(
                "Qt is used under the LGPL-3.0: its libraries are separate files in the"
                " program folder and can be replaced by your own build."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _components_html(self) -> str:
        labels = (self.tr("Component"), self.tr("Version"), self.tr("Licence"))
        head = "<tr>" + "".join(f"<th align='left'>{html.escape(t)}</th>" for t in labels) + "</tr>"
        rows = "".join(
            f"<tr><td><a href='{html.escape(c.url)}'>{html.escape(c.name)}</a></td>"
            f"<td>{html.escape(component_version(c))}</td>"
            f"<td>{html.escape(c.licence)}</td></tr>"
            for c in COMPONENTS
        )
        return f"<table cellspacing='0' cellpadding='3'>{head}{rows}</table>"

    def component_count(self) -> int:
        return len(COMPONENTS)
