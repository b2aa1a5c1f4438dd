"""Python's cyclic garbage collector runs on the GUI thread only.

CPython collects cycles in whichever thread happens to allocate when a generation's
threshold is crossed: a worker task, the thread that imports the screens' modules in the
background. A cycle that holds a Qt object of the GUI thread (a closed dialog, a
finished task's signal carrier) is then destroyed on that other thread, and Qt crashes
(a clean-clone test run segfaulted in ``_Task.run`` while the GUI thread waited). So
automatic collection is switched off and a timer on the GUI thread collects, by the
same thresholds, between two events. Reference counting still frees everything that is
not in a cycle at once, on whatever thread lets go of it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owned by the application (its parent); lives as long as the application."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once per application; returns the one installed."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
