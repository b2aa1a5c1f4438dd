"""The cyclic garbage collector runs on the GUI thread only (ui/collector.py)."""

from __future__ import annotations

import gc
import sys
import threading
import time
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui import child_app
from tests.ui.conftest import NewVault
from waakvlam_desktop.ui import collector as collector_module
from waakvlam_desktop.ui import preload
from waakvlam_desktop.ui.collector import (
    BUSY_INTERVAL_MS,
    INTERVAL_MS,
    GuiThreadCollector,
    after_start_up,
    collect_on_gui_thread,
    hold_for_start_up,
    release_hold,
)
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.worker import Background, TaskContext


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


def test_nothing_is_collected_while_the_vault_code_is_imported_at_start(
    qtbot: QtBot,
) -> None:
    """From the preload's start until the vault code is in (#16): the checks held the
    interpreter lock the import waited for, and found next to nothing to collect."""
    app = QCoreApplication.instance()
    assert app is not None
    collect_on_gui_thread(app)
    freed: list[bool] = []
    cycle = Cycle()
    weakref.finalize(cycle, lambda: freed.append(True))
    del cycle
    hold_for_start_up()
    try:
        for _ in range(3 * gc.get_threshold()[0]):
            Cycle()  # past the threshold: a check would collect
        qtbot.wait(3 * INTERVAL_MS)
        assert freed == []
    finally:
        after_start_up()  # (no freeze: the tests do not ask for one)
    qtbot.waitUntil(lambda: freed != [], timeout=5000)  # from the next check on


def test_the_preload_lets_the_collector_go_once_the_vault_code_is_in(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault
) -> None:
    """The hold is in place while the vault code is imported, and gone once it is in: a
    start that never let go would collect no cycle for the rest of the session."""
    new_vault().close()
    watch = """
from waakvlam_desktop.ui import collector
held_while_importing = []
real_import_all = preload._import_all
def import_all(names, *rest):
    if names == preload.VAULT_CODE:
        held_while_importing.append(collector._held)
    return real_import_all(names, *rest)
preload._import_all = import_all
"""
    code = (
        child_app.window_script(ctx.data_dir, before_app=watch)
        + child_app.unlock_to_vandaag(PASSPHRASE)
        + """
held_at_vandaag = collector._held
window.lock()
ctx.background.wait_idle(30)
print(json.dumps([held_while_importing, held_at_vandaag, preload._vault_done.is_set()]))
"""
    )
    while_importing, at_vandaag, loaded = child_app.run(code)
    assert loaded and while_importing == [True] and at_vandaag is False


def test_a_preload_that_ends_in_an_error_lets_the_collector_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever ends the vault code's import (here a module that raises SystemExit, which
    the preload does not catch), the hold goes with it."""
    (tmp_path / "wv_probe_exits.py").write_text("raise SystemExit(3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    hold_for_start_up()
    try:
        with pytest.raises(SystemExit):
            preload._import_all(("wv_probe_exits",), None, None, release_hold)
        assert not collector_module._held
    finally:
        release_hold()
        sys.modules.pop("wv_probe_exits", None)


def test_the_collector_checks_more_often_while_the_worker_runs_a_task(qtbot: QtBot) -> None:
    """A worker building a long list fills the young generation fast: while it runs, the
    timer checks every BUSY_INTERVAL_MS, so each young collection stays short; idle again,
    every INTERVAL_MS."""
    assert BUSY_INTERVAL_MS < INTERVAL_MS
    owner = QObject()
    collector = GuiThreadCollector(owner)
    background = Background(owner)
    collector.follow(background.busy_changed)
    assert collector.timer.interval() == INTERVAL_MS
    release = threading.Event()

    def work(_task: TaskContext) -> bool:
        return release.wait(10)

    done: list[bool] = []
    background.run(work, done.append)
    try:
        # At once, or at the next check when that is nearer than the short interval.
        qtbot.waitUntil(lambda: collector.timer.interval() == BUSY_INTERVAL_MS, timeout=1000)
        assert collector.timer.isActive()
    finally:
        release.set()
        background.wait_idle()
    qtbot.waitUntil(lambda: done == [True], timeout=5000)
    # Idle again: the next check sets the longer interval (within the short one).
    qtbot.waitUntil(lambda: collector.timer.interval() == INTERVAL_MS, timeout=5000)
    assert collector.timer.isActive()


def test_short_tasks_one_after_another_do_not_hold_the_checks_off(qtbot: QtBot) -> None:
    """Each task's start and end change the interval; restarting the timer at each change
    kept it from ever firing while short tasks followed each other (one started from the
    last one's result), so nothing was collected until they stopped."""
    checks: list[int] = []

    class Counting(GuiThreadCollector):
        def check(self) -> None:
            checks.append(self.timer.interval())
            super().check()

    owner = QObject()
    collector = Counting(owner)
    background = Background(owner)
    collector.follow(background.busy_changed)
    until = time.monotonic() + 0.6

    def work(_task: TaskContext) -> None:
        time.sleep(0.005)

    def next_task(_result: object = None) -> None:
        if time.monotonic() < until:
            background.run(work, next_task)

    next_task()
    qtbot.waitUntil(lambda: time.monotonic() > until and not background.busy, timeout=5000)
    # 0.6 s of tasks: a check every 25 ms would make about 24 (none with the restarts).
    assert len(checks) >= 5, checks
    assert BUSY_INTERVAL_MS in checks
    qtbot.waitUntil(lambda: collector.timer.interval() == INTERVAL_MS, timeout=5000)


def test_a_full_collection_waits_until_the_heap_grew_by_a_quarter(qtbot: QtBot) -> None:
    """As CPython's rule: no full collection (a long stall with a large heap) until the
    heap has grown by a quarter since the last one."""
    owner = QObject()
    collector = GuiThreadCollector(owner, interval_ms=3_600_000)  # checked by hand here
    keep = [Cycle()]
    ref = weakref.ref(keep[0])
    gc.collect(1)  # it survives the middle generation: now in the oldest
    keep.clear()  # garbage there, found only by a full collection
    heap = sys.getallocatedblocks()
    collector.heap_after_full = heap * 5 // 6  # grown by a fifth since: not yet
    collector.collect_old()
    assert ref() is not None
    collector.heap_after_full = heap * 3 // 4  # grown by a third
    collector.collect_old()
    assert ref() is None
    assert heap * 3 // 4 < collector.heap_after_full <= sys.getallocatedblocks()


def test_a_heap_that_shrank_is_the_new_measure(qtbot: QtBot) -> None:
    """After a lock lets go of a large caseload, the next full collection does not wait
    until the heap has grown past its old size: cycles left behind are found sooner."""
    owner = QObject()
    collector = GuiThreadCollector(owner, interval_ms=3_600_000)
    collector.heap_after_full = sys.getallocatedblocks() * 10  # as before a large heap left
    collector.collect_old()
    assert collector.heap_after_full <= sys.getallocatedblocks()


def test_a_check_reaches_a_full_collection_through_the_younger_ones(qtbot: QtBot) -> None:
    owner = QObject()
    collector = GuiThreadCollector(owner, interval_ms=3_600_000)  # checked by hand here
    gc.collect()
    keep = [Cycle()]
    ref = weakref.ref(keep[0])
    gc.collect(1)
    keep.clear()  # garbage in the oldest generation
    for _ in range(collector.threshold[2] + 1):
        gc.collect(1)  # the oldest generation is due after the next middle collection
    for _ in range(collector.threshold[1] + 1):
        gc.collect(0)  # the middle generation is due at the next check
    collector.heap_after_full = sys.getallocatedblocks() // 2  # the heap doubled since
    young = [[] for _ in range(2 * collector.threshold[0])]  # past the young threshold
    assert gc.get_count()[0] > collector.threshold[0]
    collector.check()
    assert ref() is None and young
    assert gc.get_count()[1] == 0  # the middle collection ran


def test_the_collector_never_hands_out_objects_other_threads_are_building(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``gc.get_objects`` returns a list holding references to every object of a
    generation, also to a tuple a worker is still filling from a generator: its last
    resize then fails with ``SystemError: bad argument to internal function`` (a start-up
    probe hit it in the background import of the vault code). The collector counts the
    heap without it, on every path: young, middle, full, after a freeze."""
    asked: list[int] = []

    def get_objects(generation: int | None = None) -> list[object]:
        asked.append(-1 if generation is None else generation)
        return []

    monkeypatch.setattr(gc, "get_objects", get_objects)
    owner = QObject()
    collector = GuiThreadCollector(owner, interval_ms=3_600_000)
    for _ in range(collector.threshold[2] + 1):
        gc.collect(1)
    for _ in range(collector.threshold[1] + 1):
        gc.collect(0)
    young = [[] for _ in range(2 * collector.threshold[0])]
    collector.heap_after_full = 1
    collector.check()
    counts = gc.get_count()
    assert young and counts[1:] == (0, 0)  # the full collection ran
    collector.frozen = -1  # as after a freeze
    collector.collect_old()
    assert collector.frozen == gc.get_freeze_count()
    assert asked == []


def test_the_app_freezes_its_start_before_any_vault_is_open(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault
) -> None:
    """The app freezes what exists once the vault code is imported (ui/collector.py), and
    before the vault opens: nothing of an unlocked session is frozen, so after a lock the
    first workspace and Vandaag are collected like any other garbage."""
    new_vault().close()
    code = (
        child_app.window_script(
            ctx.data_dir, after_app="collect_on_gui_thread(app, freeze_after_start=True)"
        )
        + child_app.unlock_to_vandaag(PASSPHRASE)
        + """
for _ in range(5):
    app.processEvents()
preload.join(60)  # the other screens' modules too: start-up is over
frozen = gc.get_freeze_count()
today = weakref.ref(window.workspace.today)
workspace = weakref.ref(window.workspace)
window.lock()
ctx.background.wait_idle(30)
for _ in range(5):
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
gc.collect()
print(json.dumps([frozen, today() is None, workspace() is None]))
"""
    )
    frozen, today_gone, workspace_gone = child_app.run(code)
    assert frozen > 10_000  # the libraries' modules and classes
    assert today_gone and workspace_gone
