"""Buurt screen benchmark (#18): the screen opened in the real app, offscreen, on the
``demo`` vault with N households (default 10,000; the demo's complexes, events and its
two case conferences).

Measured from the click on "Buurt" in the navigation to
- first paint: the chosen complex's log shown (figures, events, households; goal < 500 ms);
- casusoverleg: the Casusoverleg tab's meeting and agenda shown (its own query);
and the longest GUI-thread stall meanwhile (a 5 ms heartbeat). Cold (first open after
unlocking), then warm re-opens.

    python -m bench.bench_buurt_gui [N]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import common
from bench.bench_overview_gui import PASSPHRASE, make_vault
from bench.common import median, save, table
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now


def measure(folder: Path, rounds: int = 3) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: PLC0415 - offscreen first
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - offscreen first

    from waakvlam_desktop.ui import i18n  # noqa: PLC0415 - after the Qt platform is set
    from waakvlam_desktop.ui.context import AppContext  # noqa: PLC0415 - idem
    from waakvlam_desktop.ui.main_window import (  # noqa: PLC0415 - idem
        NAV_HOUSEHOLDS,
        NAV_NEIGHBOURHOOD,
        MainWindow,
    )
    from waakvlam_desktop.ui.worker import Background  # noqa: PLC0415 - idem

    app = QApplication.instance() or QApplication(["waakvlam-desktop"])
    assert isinstance(app, QApplication)
    i18n.install(app, "nl")
    background = Background()
    ctx = AppContext(folder, FixedClock(fixed_demo_now()), background)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()

    def wait(cond: Any, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError("Buurt did not load")
            app.processEvents()
            time.sleep(0.001)

    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    wait(lambda: window.workspace is not None and window.workspace.today.overview is not None)
    background.wait_idle(60)
    ws = window.workspace
    assert ws is not None
    view = ws.neighbourhood
    panel = view.meetings

    stalls: list[float] = []
    beat = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: stalls.append(beat.restart()))

    def one() -> tuple[float, float, float]:
        view.data = None
        panel.data = None
        stalls.clear()
        beat.start()
        heartbeat.start()
        start = time.perf_counter()
        ws.nav.setCurrentRow(NAV_NEIGHBOURHOOD)
        wait(lambda: view.data is not None)
        app.processEvents()
        first = time.perf_counter() - start
        wait(lambda: panel.data is not None and panel.data.detail is not None)
        app.processEvents()
        meetings = time.perf_counter() - start
        heartbeat.stop()
        return first, meetings, max(stalls, default=0.0)

    def away() -> None:
        ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
        wait(lambda: ws.households.model.rowCount() > 0)
        background.wait_idle(60)

    cold = one()
    warm = []
    for _ in range(rounds):
        away()
        warm.append(one())
    window.lock()
    background.wait_idle(30)
    window.close()
    return {
        "cold_first_paint_ms": cold[0] * 1000,
        "cold_casusoverleg_ms": cold[1] * 1000,
        "cold_longest_stall_ms": cold[2],
        "warm_first_paint_ms": median([w[0] * 1000 for w in warm]),
        "warm_casusoverleg_ms": median([w[1] * 1000 for w in warm]),
        "warm_longest_stall_ms": max(w[2] for w in warm),
    }


def run(households: int = 10_000) -> dict[str, Any]:
    folder = common.WORK / "buurt-gui"
    make_vault(folder, households)
    figures: dict[str, Any] = {"households": households, **measure(folder)}
    save("buurt_gui", figures)
    table(
        "Buurt screen (#18)",
        figures,
        {"cold_first_paint_ms": "goal < 500 ms", "warm_first_paint_ms": "goal < 500 ms"},
    )
    return figures


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
