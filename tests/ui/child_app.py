"""The desktop app in a child process, for tests that must see a fresh interpreter: what a
start imports, what the garbage collector may freeze. A test composes a script from
:func:`window_script` and :func:`unlock_to_vandaag`, prints one JSON line at the end, and
reads it back with :func:`run`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def window_script(data_dir: Path, *, before_app: str = "", after_app: str = "") -> str:
    """An offscreen app with the main window on ``data_dir``, shown (``app``, ``ctx``,
    ``window``); ``before_app`` and ``after_app`` are lines run before and after the
    QApplication is made. Imports only what the app itself imports at start."""
    return f"""
import gc, json, sys, time, weakref
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from waakvlam_desktop.clock import SystemClock
from waakvlam_desktop.ui import preload
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import MainWindow
from waakvlam_desktop.ui.worker import Background
{before_app}
app = QApplication(["w"])
{after_app}
ctx = AppContext(Path({str(data_dir)!r}), SystemClock(), Background())
window = MainWindow(ctx)
window.show()
"""


def unlock_to_vandaag(passphrase: str) -> str:
    """Lines that unlock ``window`` through its unlock screen and wait for Vandaag's data."""
    return f"""
window.unlock_page.passphrase.setText({passphrase!r})
window.unlock_page.submit()
deadline = time.monotonic() + 120
while window.workspace is None or window.workspace.today.overview is None:
    assert time.monotonic() < deadline, "no Vandaag"
    app.processEvents()
    time.sleep(0.005)
"""


def run(code: str) -> list[Any]:
    """Run ``code`` offscreen, never with the real OS keyring; its last line, as JSON."""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=240,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the real one
        },
    )
    return list(json.loads(proc.stdout.strip().splitlines()[-1]))
