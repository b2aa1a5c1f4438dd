"""Run in a fresh process (the screen is fixed when Qt starts): opens the main window on a
vault (the unlock page, then unlocked) and on an empty folder (first run), and prints as
JSON where the window and the unlock / create buttons are. Used by test_look_and_reach.

    python -m tests.ui.fit_probe VAULT_DIR EMPTY_DIR PASSPHRASE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QScrollArea, QWidget

from waakvlam_desktop.clock import SystemClock
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import MainWindow
from waakvlam_desktop.ui.worker import Background


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def button_place(
    app: QApplication, window: QMainWindow, page: QWidget, button: QPushButton
) -> dict[str, object]:
    area = page.findChild(QScrollArea, "access")
    assert area is not None
    area.ensureWidgetVisible(button)
    app.processEvents()
    at = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
    viewport = QRect(area.viewport().mapTo(window, QPoint(0, 0)), area.viewport().size())
    return {"button": rect(at), "viewport": rect(viewport), "visible": button.isVisible()}


def main(vault_dir: str, empty_dir: str, passphrase: str) -> None:
    app = QApplication(sys.argv[:1])
    # As the app does (ui/app.py): no cyclic collection on another thread. The screens'
    # modules are imported in the background (ui/preload.py) while this probe drops its
    # first window; a collection run there destroyed that window's widgets beside the GUI
    # thread (a segfault, about one run in twenty).
    collect_on_gui_thread(app)
    out: dict[str, object] = {"available": rect(app.primaryScreen().availableGeometry())}
    background = Background()
    ctx = AppContext(Path(vault_dir), SystemClock(), background, "nl")
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    out["window"] = rect(window.frameGeometry())
    out["client"] = rect(window.rect())
    out["unlock"] = button_place(app, window, window.unlock_page, window.unlock_page.button)
    window.unlock_page.passphrase.setText(passphrase)
    window.unlock_page.submit()
    deadline = time.monotonic() + 60
    # Built at once, shown on a later turn of the event loop (_install_workspace).
    while window.pages.currentWidget() is not window.workspace and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    out["unlocked"] = window.workspace is not None
    out["workspace_window"] = rect(window.frameGeometry())
    window.lock()
    window.close()
    background.wait_idle(30)

    ctx = AppContext(Path(empty_dir), SystemClock(), background, "nl")
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    out["first_run_window"] = rect(window.frameGeometry())
    out["first_run"] = button_place(app, window, window.first_run, window.first_run.button)
    window.close()
    background.wait_idle(30)
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
