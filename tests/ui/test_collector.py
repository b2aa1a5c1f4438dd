"""The cyclic garbage collector runs on the GUI thread only (ui/collector.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from waakvlam_desktop.ui.collector import GuiThreadCollector, collect_on_gui_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self
        self.freed_on: list[str] = []


def test_cycles_are_collected_by_the_timer_on_the_gui_thread(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    collector = collect_on_gui_thread(app)
    assert collect_on_gui_thread(app) is collector  # one per application
    assert not gc.isenabled()  # no automatic collection, on any thread
    freed_on: list[str] = []
    cycle = Cycle()
    weakref.finalize(cycle, lambda: freed_on.append(threading.current_thread().name))
    del cycle
    # Allocation on a worker thread past the threshold does not collect there.
    worker = threading.Thread(target=lambda: [[] for _ in range(5 * gc.get_threshold()[0])])
    worker.start()
    worker.join()
    assert freed_on == []
    for _ in range(gc.get_threshold()[0] + 1):
        Cycle()  # garbage cycles push the young generation past its threshold
    qtbot.waitUntil(lambda: freed_on != [], timeout=5000)
    assert freed_on == [threading.main_thread().name]
    assert isinstance(collector, GuiThreadCollector)
