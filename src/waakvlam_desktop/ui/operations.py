"""The one way to run work off the GUI thread, modelled on Anki's ``QueryOp`` and
``CollectionOp`` (``qt/aqt/operations/``).

    QueryOp(ctx, self, lambda s: list_partners(s), self.show_rows, message=self.message).run()

    WriteOp(
        ctx, self, lambda s: add_resident(s, hid, name).id, self._added,
        changes=Changes(households=True, household_id=hid), message=self.details_message,
    ).run()

* **op** runs on the single worker thread (``ui/worker.py``), so vault work stays in order.
  It gets a session (one transaction); ``on_vault`` variants get the vault and the task
  context for work that manages its own sessions (export, retention, backup, import);
  ``QueryOp.without_vault`` is for work that needs no vault (reading or saving a file).
  It returns plain data, never ORM objects.
* **success** runs on the GUI thread, and only while ``parent`` (and the widget the
  callback belongs to) still exists: a result that arrives after a lock is dropped.
* **failure** is shown under ``parent`` by default: in ``message`` when the screen has an
  inline message for it, otherwise in a warning box over ``parent``. Nothing is dropped
  silently; an unexpected error also gets a crash report (``user_message``).
  ``.failure(fn)`` replaces the default.
* **always**: ``.always(fn)`` runs first either way, to end a busy state (a button back on).
* **progress**: ``.with_progress(fn)`` receives ``(done, total, label)`` from the task context.
* **cancel**: ``run()`` returns a handle; ``handle.cancel()`` keeps a queued operation from
  starting, and a running one sees ``task.cancelled``.
* A **write** announces what it changed (:class:`Changes`) through ``AppContext.changed``
  once it succeeded, before ``success`` runs and even when ``parent`` is gone; the main
  window refreshes the screens that show it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from waakvlam_desktop.crash import write_crash_report
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.widgets.common import InlineMessage, user_message
from waakvlam_desktop.ui.worker import TaskContext, TaskHandle, alive, owners_of

if TYPE_CHECKING:  # the vault code loads in the background at start (ui/preload.py)
    from sqlalchemy.orm import Session

    from waakvlam_desktop.storage.vault import Vault

__all__ = [
    "Changes",
    "Operation",
    "QueryOp",
    "TaskContext",
    "TaskHandle",
    "WriteOp",
    "show_failure",
]

T = TypeVar("T")
U = TypeVar("U")
Progress = Callable[[int, int, str], object]


def show_failure(parent: QObject, exc: BaseException, message: InlineMessage | None = None) -> None:
    """The default failure display: the error's sentence in ``message``, or in a warning
    box over ``parent`` (modal for its window only, and not waited for)."""
    text = user_message(exc)
    if message is not None and shiboken6.isValid(message):
        message.error(text)
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Waakvlam",
        text,
        QMessageBox.StandardButton.Ok,
        parent if isinstance(parent, QWidget) else None,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()


def _in_session(ctx: AppContext, op: Callable[[Session], T]) -> Callable[[TaskContext], T]:
    def task(_t: TaskContext) -> T:
        with ctx.open_vault().session() as s:
            return op(s)

    return task


def _on_vault(ctx: AppContext, op: Callable[[Vault, TaskContext], T]) -> Callable[[TaskContext], T]:
    def task(t: TaskContext) -> T:
        return op(ctx.open_vault(), t)

    return task


class Operation(Generic[T]):
    """A read or write, ready to run: see the module docstring. Built by :class:`QueryOp`
    and :class:`WriteOp`; ``run()`` starts it."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject,
        task: Callable[[TaskContext], T],
        success: Callable[[T], object] | None,
        message: InlineMessage | None,
        changes: Changes | None,
    ) -> None:
        self._ctx = ctx
        self._parent = parent
        self._task = task
        self._success = success
        self._message = message
        self._changes = changes
        self._failure: Callable[[BaseException], object] | None = None
        self._always: Callable[[], object] | None = None
        self._progress: Progress | None = None

    def failure(self, fn: Callable[[BaseException], object]) -> Operation[T]:
        """Handle a failure yourself instead of the default display."""
        self._failure = fn
        return self

    def always(self, fn: Callable[[], object]) -> Operation[T]:
        """Run ``fn`` when the operation ended, before success or failure is handled."""
        self._always = fn
        return self

    def with_progress(self, fn: Progress) -> Operation[T]:
        self._progress = fn
        return self

    def run(self) -> TaskHandle:
        ctx, parent, task = self._ctx, self._parent, self._task
        success, failure, progress = self._success, self._failure, self._progress
        always, message, changes = self._always, self._message, self._changes
        success_owners: list[QObject] = [parent, *owners_of(success)]
        failure_owners: list[QObject] = [parent, *owners_of(failure)]
        always_owners: list[QObject] = [parent, *owners_of(always)]

        def ended() -> None:
            if always is not None and alive(always_owners):
                always()

        def work(t: TaskContext) -> T:
            t.check_cancelled()  # cancelled while queued: never starts
            return task(t)

        def done(result: T) -> None:
            if changes is not None:
                ctx.announce(changes)
            ended()
            if success is not None and alive(success_owners):
                success(result)

        def failed(exc: BaseException) -> None:
            if not alive(failure_owners):  # nobody to tell; an unexpected error is reported
                if not isinstance(exc, WaakvlamError):
                    write_crash_report(exc, "gui-worker")
                return
            ended()
            if failure is not None:
                failure(exc)
            else:
                show_failure(parent, exc, message)

        on_progress: Callable[[int, int, str], None] | None = None
        if progress is not None:
            report = progress
            progress_owners: list[QObject] = [parent, *owners_of(progress)]

            def on_progress(done_: int, total: int, label: str) -> None:
                if alive(progress_owners):
                    report(done_, total, label)

        return ctx.background.run(work, done, failed, on_progress, owners=())


class QueryOp(Operation[T]):
    """Read: ``op(session)`` in one transaction on the worker; nothing is announced."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject,
        op: Callable[[Session], T],
        success: Callable[[T], object] | None = None,
        *,
        message: InlineMessage | None = None,
    ) -> None:
        super().__init__(ctx, parent, _in_session(ctx, op), success, message, None)

    @staticmethod
    def on_vault(
        ctx: AppContext,
        parent: QObject,
        op: Callable[[Vault, TaskContext], U],
        success: Callable[[U], object] | None = None,
        *,
        message: InlineMessage | None = None,
    ) -> Operation[U]:
        """``op(vault, task)``: work that opens its own sessions (a dry run, say)."""
        return Operation(ctx, parent, _on_vault(ctx, op), success, message, None)

    @staticmethod
    def without_vault(
        ctx: AppContext,
        parent: QObject,
        op: Callable[[TaskContext], U],
        success: Callable[[U], object] | None = None,
        *,
        message: InlineMessage | None = None,
    ) -> Operation[U]:
        """``op(task)``: work that needs no vault, such as reading or saving a file."""
        return Operation(ctx, parent, op, success, message, None)


class WriteOp(Operation[T]):
    """Write: ``op(session)`` in one transaction; on success ``changes`` is announced."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject,
        op: Callable[[Session], T],
        success: Callable[[T], object] | None = None,
        *,
        changes: Changes,
        message: InlineMessage | None = None,
    ) -> None:
        super().__init__(ctx, parent, _in_session(ctx, op), success, message, changes)

    @staticmethod
    def on_vault(
        ctx: AppContext,
        parent: QObject,
        op: Callable[[Vault, TaskContext], U],
        success: Callable[[U], object] | None = None,
        *,
        changes: Changes,
        message: InlineMessage | None = None,
    ) -> Operation[U]:
        """``op(vault, task)``: a write that manages its own sessions (export, purge, …)."""
        return Operation(ctx, parent, _on_vault(ctx, op), success, message, changes)
