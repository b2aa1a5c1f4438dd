"""Child process for bench_gui: starts the real app offscreen and reports figures as JSON.

Usage: python -m bench.gui_probe VAULT_DIR PASSPHRASE NOW [TYPING_SECONDS]
       python -m bench.gui_probe VAULT_DIR --keyring NOW
       python -m bench.gui_probe --bare

With ``--keyring`` nothing is typed: the key comes from the OS keyring (the benchmark's,
``bench/keyring_backend.py``); the probe stops once Vandaag has its data.

Start-up is two moments the user waits for: the window with the unlock screen ("painted"),
and after typing the passphrase, Vandaag with its data ("ready"). The probe types after
TYPING_SECONDS (default 0: at once), the time a person takes for a passphrase; the app
loads its vault code in the background meanwhile (ui/preload.py).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


KEYRING = "--keyring"  # instead of the passphrase: the key is in the OS keyring


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(["bare"])
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare"))
    window.show()
    app.processEvents()
    print(json.dumps({"ready": True, "rss_mb": rss_mb()}), flush=True)


def type_in_filter(app: Any, screen: Any, wait: Any) -> tuple[list[float], list[float]]:
    """Eight keystrokes in the households filter: each keystroke's own work on the GUI
    thread (ms); then the same, each timed until every row it shows is in the list (the
    rows after the first chunk, and those the filter finds further on, arrive in steps).
    Leaves the filter empty and every row in."""
    texts = ["k", "ke", "ker", "kerk", "kerks", "kerkstraat", "kerkstraat 1", "kerkstraat 12"]
    keystrokes = []
    for text in texts:
        start = time.perf_counter()
        screen.filter.setText(text)
        keystrokes.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    complete = []
    for text in ["", *texts]:
        screen.filter.setText("")
        wait(lambda: not screen.loading())
        start = time.perf_counter()
        screen.filter.setText(text)
        while screen.loading():  # (no sleep between the steps, as in the app)
            app.processEvents()
        complete.append((time.perf_counter() - start) * 1000)
    screen.filter.setText("")
    wait(lambda: not screen.loading())
    return keystrokes, complete


def kdf_alone(vault_dir: str, passphrase: str) -> float:
    """The KDF of this vault alone, after the measured start (its time is taken off it)."""
    from pathlib import Path

    from waakvlam_desktop.storage import keys
    from waakvlam_desktop.storage.vault import Vault, VaultPaths

    header = Vault.read_header(VaultPaths(Path(vault_dir)))
    k0 = time.perf_counter()
    keys.unwrap_key(header, passphrase)
    return time.perf_counter() - k0


def main(
    vault_dir: str,
    passphrase: str,
    now: str,
    typing_seconds: float = 0.0,
    start_only: bool = False,
) -> None:
    """The start, then (unless ``start_only``, or the key comes from the keyring) the
    scripted day."""
    from datetime import datetime

    from PySide6.QtCore import QElapsedTimer, QTimer

    # What the app itself does before its window shows (ui/app.py start: the same
    # function, with the demo's clock and without the crash dialog, which would wait for
    # a click); the vault code loads in the background (ui/preload.py).
    from waakvlam_desktop.clock import FixedClock
    from waakvlam_desktop.ui.app import start
    from waakvlam_desktop.ui.main_window import (
        NAV_HOUSEHOLDS,
        NAV_OVERVIEW,
        NAV_SEARCH,
        NAV_TODAY,
    )

    clock = FixedClock(datetime.fromisoformat(now))  # the demo's moment (NOW, ISO 8601)
    started = start(data_dir=vault_dir, lang=None, clock=clock, crash_dialog=False)
    app, window = started.app, started.window
    background = window.ctx.background

    stalls: list[float] = []
    # The GUI thread's own CPU time between two beats: the work it did, whatever the load
    # of the machine adds (waiting for a core, or for the GIL while a worker runs Python).
    gui_cpu: list[float] = []
    cpu = [time.thread_time()]
    beat = QElapsedTimer()
    beat.start()
    heartbeat = QTimer()
    heartbeat.setInterval(5)

    def tick() -> None:
        stalls.append(beat.restart())
        now = time.thread_time()
        gui_cpu.append((now - cpu[0]) * 1000)
        cpu[0] = now

    heartbeat.timeout.connect(tick)
    heartbeat.start()

    def wait(cond: object, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not cond():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError("probe timed out")
            app.processEvents()
            time.sleep(0.001)

    app.processEvents()  # the first paint: the unlock screen
    painted_at = time.perf_counter()
    print(json.dumps({"painted": True}), flush=True)
    typing_until = time.monotonic() + typing_seconds
    while time.monotonic() < typing_until:  # the user types; the event loop runs
        app.processEvents()
        time.sleep(0.005)
    typed = time.perf_counter() - painted_at
    if passphrase != KEYRING:
        window.unlock_page.passphrase.setText(passphrase)
        window.unlock_page.submit()
    wait(lambda: window.workspace is not None and window.workspace.today.overview is not None)
    ready_at = time.perf_counter()
    print(json.dumps({"ready": True}), flush=True)
    if passphrase == KEYRING or start_only:
        window.lock()
        background.wait_idle(30)
        if start_only:
            print(json.dumps({"kdf_seconds": kdf_alone(vault_dir, passphrase)}), flush=True)
        return
    ws = window.workspace
    assert ws is not None

    def settle() -> None:
        """What a step set going (results arriving, their render, the paint) belongs to
        it: a person looks at the screen before the next click. Without this, the render
        of the data a step waited for and the next step's first call fell in one gap of
        the heartbeat, counted for the next step."""
        wait(lambda: not background.busy)
        until = time.monotonic() + 0.1
        while time.monotonic() < until:
            app.processEvents()
            time.sleep(0.005)

    settle()  # Vandaag's render and first paint belong to the start
    rss_open = rss_mb()
    startup_stalls = list(stalls)
    steps: list[tuple[str, int]] = []  # (step of the scripted day, index of its first beat)

    def step(name: str) -> None:
        settle()
        steps.append((name, len(stalls)))

    # Households: 10k rows, then keystrokes in the filter.
    step("open households")
    ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
    wait(lambda: ws.households.model.rowCount() > 0 and not ws.households.loading())
    for _ in range(20):
        app.processEvents()
    step("filter")
    keystrokes, complete = type_in_filter(app, ws.households, wait)
    shown = ws.households.model.rows
    busy = max(shown, key=lambda r: (r.concern_level.rank, r.residents))
    step("open a household")
    ws.open_household(busy.id)
    wait(lambda: ws.household.data is not None)
    step("record a visit")
    ws.open_editor(busy.id, None)
    wait(lambda: ws.editor.data is not None)
    ws.editor.notes.setPlainText("Benchmark: koffie gedronken, post samen doorgenomen.")
    ws.editor.rows["financien.ongeopende_post"].set_state(2, "")
    ws.editor.rows["veiligheid.kinderen"].set_state(2, "")
    ws.editor.save()
    wait(lambda: ws.stack.currentWidget() is ws.household and ws.editor.data is None)
    step("search")
    ws.nav.setCurrentRow(NAV_SEARCH)
    ws.search.set_query("ongeopende post")
    wait(lambda: ws.search.count() > 0)
    step("Vandaag")
    ws.today.overview = None
    ws.nav.setCurrentRow(NAV_TODAY)
    wait(lambda: ws.today.overview is not None)
    step("Overzicht")
    ws.nav.setCurrentRow(NAV_OVERVIEW)
    wait(lambda: ws.overview.complete)
    step("lock")
    window.lock()
    wait(lambda: not background.busy)
    step("unlock")
    window.unlock_page.passphrase.setText(passphrase)
    window.unlock_page.submit()

    def back_on_overzicht() -> bool:  # unlocking returns to where the user was
        back = window.workspace
        on_overzicht = back is not None and back.current() is back.section(NAV_OVERVIEW)
        return on_overzicht and back is not None and back.overview.complete

    wait(back_on_overzicht)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.002)
    heartbeat.stop()
    ends = [at for _name, at in steps[1:]] + [len(stalls)]
    by_step = {
        name: max(stalls[at:end], default=0) for (name, at), end in zip(steps, ends, strict=True)
    }
    busy_by_step = {
        name: round(max(gui_cpu[at:end], default=0))
        for (name, at), end in zip(steps, ends, strict=True)
    }
    use_stalls = stalls[len(startup_stalls) :]

    print(
        json.dumps(
            {
                "kdf_seconds": kdf_alone(vault_dir, passphrase),
                "typing_seconds": typed,
                "rss_after_open_mb": rss_open,
                "rss_after_use_mb": rss_mb(),
                "filter_keystroke_ms_max": max(keystrokes),
                "filter_keystroke_ms_median": statistics.median(keystrokes),
                "filter_complete_ms_max": max(complete),
                "filter_complete_ms_median": statistics.median(complete),
                "longest_stall_startup_ms": max(startup_stalls, default=0),
                "longest_stall_use_ms": max(use_stalls, default=0),
                "longest_stall_per_step_ms": by_step,
                "longest_gui_cpu_per_step_ms": busy_by_step,
                "rows": len(shown),
                "use_seconds": time.perf_counter() - ready_at,
            }
        ),
        flush=True,
    )
    window.lock()
    background.wait_idle(30)


if __name__ == "__main__":
    if sys.argv[1:] == ["--bare"]:
        bare()
    else:
        vault_dir, passphrase, now = sys.argv[1:4]
        main(
            vault_dir,
            passphrase,
            now,
            float(sys.argv[4]) if len(sys.argv) > 4 else 0.0,
            start_only=sys.argv[5:] == ["--start-only"],
        )
