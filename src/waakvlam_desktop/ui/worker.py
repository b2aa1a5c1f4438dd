"""The worker thread under :mod:`waakvlam_desktop.ui.operations`.

One thread, so vault work is serialised in order and a lock request queued after a save
runs after that save. Screens do not use this module: they run work through
``QueryOp``/``WriteOp`` (operations), which add the failure display, the parent checks and
the change announcement. The app context uses it directly for opening and closing the vault.

    background.run(fn, on_done, on_error=..., on_progress=...)

``fn`` receives a :class:`TaskContext` (progress reporting, cancellation) and must return
plain data: no ORM object crosses threads; each task opens its own session. ``on_done`` and
``on_error`` run on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from waakvlam_desktop.crash import write_crash_report
from waakvlam_desktop.errors import WaakvlamError


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


@dataclass
class TaskContext:
    _progress: Callable[[int, int, str], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int, label: str = "") -> None:
        self._progress(done, total, label)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.context = TaskContext(lambda d, t, label: signals.progress.emit(d, t, label))
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.context)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            release_locals(exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def release_locals(exc: BaseException) -> None:
    """Clear the local variables of the frames behind ``exc`` (and the errors it chains).

    A failed task's traceback keeps every frame's locals alive: sessions, SQLCipher
    connections, decrypted rows. Sent to the GUI thread as they are, they would be freed
    there, whenever the garbage collector gets to them, possibly while the worker is using
    the vault. Cleared here, they are released on the worker thread, now; the traceback
    keeps its file names and line numbers for a crash report.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        pending += [current.__cause__, current.__context__]


class TaskHandle:
    """A queued or running task: ``cancel()`` it; ``finished`` once its result arrived."""

    def __init__(self, task: _Task, signals: _Signals) -> None:
        self._task_context = task.context
        self.signals = signals
        self.finished = False

    def cancel(self) -> None:
        self._task_context._cancel.set()


def owners_of(callback: Callable[..., Any] | None) -> list[QObject]:
    """The Qt objects a callback belongs to: its ``self``, or QObjects its closure holds.

    A result that arrives after its widget was deleted (say, after a lock) is dropped
    instead of touching a dead widget.
    """
    if callback is None:
        return []
    found: list[QObject] = []
    target = getattr(callback, "__self__", None)
    if isinstance(target, QObject):
        found.append(target)
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if isinstance(value, QObject):
            found.append(value)
    return found


def alive(owners: Sequence[QObject]) -> bool:
    return all(shiboken6.isValid(o) for o in owners)


# How long a thread running Python bytecode may keep the interpreter lock while another
# asks for it (Python's default: 5 ms); one long call into C, such as a sort of 50,000
# keys (about 36 ms), is not interrupted. The GUI thread lets go of the lock in Qt's C++
# and takes it again for every call into Python (a model's data() per painted cell), so
# while a worker builds 50,000 households' rows each of those calls could wait up to the
# whole interval.
# With 1 ms the longest stall of opening the households list at 50,000 households went from
# 57-66 ms to 31-44 ms (6 runs each, interleaved; docs/benchmarks.md), and the start was
# the same (medians of 5: 1.07 and 1.10 s). It costs nothing while only one thread runs
# Python.
SWITCH_INTERVAL_SECONDS = 0.001


class Background(QObject):
    """A single-thread queue for vault, crypto and PDF work, and a second thread beside
    it for work that touches no vault (``beside=True``: asking the OS keyring), so that
    such a question does not hold up the vault work queued after it (#16).

    Creating it sets the interpreter's switch interval (``SWITCH_INTERVAL_SECONDS``): the
    process now has threads that run Python beside the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.side = QThreadPool(self)
        self.side.setMaxThreadCount(1)
        self._running = 0
        self._handles: set[TaskHandle] = set()
        self._retired: set[_Signals] = set()  # delivered, awaiting deleteLater (see run)
        self.longest_stall_ms = 0.0

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        *,
        owners: Sequence[QObject] | None = None,
        beside: bool = False,
    ) -> TaskHandle:
        """Queue ``fn``; its result, error and progress arrive on the GUI thread.

        ``beside``: on the second thread, in its own order; for work that opens no vault
        and needs no vault work done before it.

        They are dropped once one of ``owners`` is deleted (by default: the Qt objects each
        callback belongs to, see :func:`owners_of`). A cancelled task (``Cancelled``) reaches
        neither callback; an unexpected error with no ``on_error`` gets a crash report.
        """
        signals = _Signals()
        task = _Task(fn, signals)
        handle = TaskHandle(task, signals)
        self._handles.add(handle)

        def finish() -> None:
            handle.finished = True
            # This runs inside the dispatch of one of ``signals``' own signals. Dropping the
            # last reference here, or letting the worker drop it (the QRunnable is deleted
            # there after run()), destroyed the QObject mid-dispatch or on the wrong thread:
            # a rare segfault. It is kept until Qt deletes it on this thread, later.
            self._retired.add(signals)
            signals.destroyed.connect(lambda *_: self._retired.discard(signals))
            signals.deleteLater()
            self._handles.discard(handle)
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)

        def owned(callback: Callable[..., Any] | None) -> Sequence[QObject]:
            return owners_of(callback) if owners is None else owners

        done_owners, error_owners = owned(on_done), owned(on_error)

        def done(result: Any) -> None:
            finish()
            if on_done is not None and alive(done_owners):
                on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                if alive(error_owners):
                    on_error(exc)
            elif not isinstance(exc, WaakvlamError):
                write_crash_report(exc, "gui-worker")

        signals.done.connect(done)
        signals.failed.connect(failed)
        if on_progress is not None:
            progress_owners = owned(on_progress)
            signals.progress.connect(
                lambda d, t, label: on_progress(d, t, label) if alive(progress_owners) else None
            )
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        (self.side if beside else self.pool).start(task)
        return handle

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """For tests and shutdown only: block until both threads are idle (the vault work
        first: at shutdown that is what must not be cut short)."""
        deadline = time.monotonic() + timeout_s
        return all(
            pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
            for pool in (self.pool, self.side)
        )

    @property
    def busy(self) -> bool:
        return self._running > 0
