"""Python's cyclic garbage collector runs on the GUI thread only.

CPython collects cycles in whichever thread happens to allocate when a generation's
threshold is crossed: a worker task, the thread that imports the screens' modules in the
background. A cycle that holds a Qt object of the GUI thread (a closed dialog, a
finished task's signal carrier) is then destroyed on that other thread, and Qt crashes
(a clean-clone test run segfaulted in ``_Task.run`` while the GUI thread waited). So
automatic collection is switched off and a timer on the GUI thread collects, by the
same thresholds, between two events. Reference counting still frees everything that is
not in a cycle at once, on whatever thread lets go of it.

Each collection stalls the GUI thread for as long as it takes, so (#16):

- the timer checks every 100 ms, so the young generation stays small (a check every
  500 ms let a young collection take 10-37 ms at 10,000 households); while the
  background worker runs a task (:meth:`GuiThreadCollector.follow`), every 25 ms. A
  worker building 50,000 households' rows filled the young generation so fast between
  two checks 100 ms apart that the longest collection of the scripted day took 37-67 ms,
  and with the list's own work beside it the GUI thread stalled up to 137 ms (8 runs;
  with 25 ms: 24-50 ms and at most 76 ms; docs/benchmarks.md). Idle, the slower timer
  wakes the process less often;
- a full collection waits, in the spirit of CPython's own rule (3.11-3.13: until what
  moved into the oldest generation since the last one is a quarter of it), until the
  heap (``sys.getallocatedblocks``) has grown by a quarter since the last full one
  (without such a rule one came every ten middle ones, 143 ms at 10,000 households). It
  is not counted with ``gc.get_objects``: the list that returns holds references to
  objects another thread is still building, and a tuple built from a generator on a
  worker then fails (``SystemError: bad argument to internal function``; a start-up
  probe hit it in the background import of the vault code);
- while the vault code is imported in the background at start (:func:`hold_for_start_up`,
  from ``ui/preload.py``), nothing is collected: those imports make modules, classes and
  functions that live as long as the process, so the checks found next to nothing (93
  young and 7 middle collections before Vandaag showed, 55 ms on the GUI thread, nearly
  all of them collecting nothing), and each held the interpreter lock that the import
  waited for, on the start's longest path (docs/benchmarks.md);
- once the vault code is imported, before any vault is open (:func:`after_start_up`,
  from ``ui/preload.py``), what exists is frozen (``gc.freeze``): the modules, classes and
  functions of the libraries and the app, and the window; no vault data. A full
  collection then no longer scans them (docs/benchmarks.md has the figures). The app asks
  for it (``freeze_after_start``); the tests do not, but for the one that checks it.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer, SignalInstance

INTERVAL_MS = 100
BUSY_INTERVAL_MS = 25  # while the background worker runs a task
_freeze_after_start = False
_held = False  # hold_for_start_up() until after_start_up()


class GuiThreadCollector(QObject):
    """Owned by the application (its parent); lives as long as the application."""

    def __init__(
        self,
        parent: QObject,
        interval_ms: int = INTERVAL_MS,
        busy_interval_ms: int = BUSY_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.busy_interval_ms = busy_interval_ms
        self.worker_busy = False
        self.threshold = gc.get_threshold()
        gc.disable()
        # The heap after the last full collection (or the freeze): the next one waits
        # until it has grown by a quarter.
        self.heap_after_full = sys.getallocatedblocks()
        self.frozen = gc.get_freeze_count()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def follow(self, busy_changed: SignalInstance) -> None:
        """Check every ``busy_interval_ms`` while the worker that emits ``busy_changed``
        (``Background.busy_changed``) runs a task, every ``interval_ms`` otherwise."""
        busy_changed.connect(self._worker_busy)

    def _worker_busy(self, busy: bool) -> None:
        # Setting an interval restarts the timer: done on every change, short tasks that
        # follow each other (one started from another's result) kept the timer from ever
        # firing, and nothing was collected until they stopped. So a task starting only
        # brings the next check forward, when it is further off than the short interval;
        # the check itself sets the interval for the one after it.
        self.worker_busy = busy
        if busy and self.timer.remainingTime() > self.busy_interval_ms:
            self.timer.setInterval(self.busy_interval_ms)

    def check(self) -> None:
        wanted = self.busy_interval_ms if self.worker_busy else self.interval_ms
        if self.timer.interval() != wanted:
            self.timer.setInterval(wanted)
        if _held:
            return
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    self.collect_old()

    def collect_old(self) -> None:
        """A full collection, when the heap has grown by a quarter since the last one."""
        frozen = gc.get_freeze_count()
        heap = sys.getallocatedblocks()
        if frozen != self.frozen:  # a freeze took the oldest generation away: start again
            self.frozen, self.heap_after_full = frozen, heap
        # A heap that shrank (a lock let go of a large caseload) is the new measure: the
        # cycles left in it are not kept until it has grown past the old size.
        self.heap_after_full = min(self.heap_after_full, heap)
        if heap - self.heap_after_full > self.heap_after_full // 4:
            gc.collect(2)
            self.heap_after_full = sys.getallocatedblocks()


def collect_on_gui_thread(app: QObject, *, freeze_after_start: bool = False) -> GuiThreadCollector:
    """Install the collector once per application; returns the one installed.
    ``freeze_after_start``: the app's own start (see :func:`after_start_up`)."""
    global _freeze_after_start
    _freeze_after_start = _freeze_after_start or freeze_after_start
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)


def hold_for_start_up() -> None:
    """The vault code's import begins: no collection until :func:`after_start_up`. Any
    thread may call it."""
    global _held
    _held = True


def release_hold() -> None:
    """Collect again from the next check (:func:`after_start_up` does, or the preload
    when the import ended otherwise). Any thread may call it."""
    global _held
    _held = False


def after_start_up() -> None:
    """The vault code is imported and no vault is open yet: freeze what exists, so no
    collection scans it again, and collect again from the next check. Nothing is
    collected here, so any thread may call it. What is frozen is still freed when nothing
    refers to it; only a cycle among frozen objects stays (the modules and the window live
    as long as the process anyway)."""
    if _freeze_after_start:
        gc.freeze()
    release_hold()
