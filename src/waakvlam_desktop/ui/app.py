"""Application start-up (placeholder until the desktop issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel


def run(argv: list[str]) -> int:
    app = QApplication(["waakvlam-desktop", *argv])
    label = QLabel("Waakvlam Desktop — het venster volgt. Gebruik voorlopig 'waakvlam'.")
    label.setMinimumSize(480, 120)
    label.show()
    return app.exec()
