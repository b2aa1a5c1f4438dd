"""The partner app's state: its data folder, the open store, the language, and the one
worker thread (``ui/worker.py``) every store, crypto and file task runs on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import Clock
from waakvlam_desktop.errors import VaultDamagedError
from waakvlam_desktop.partnerstore.store import PartnerStore
from waakvlam_desktop.storage.vault import VAULT_LOCKED
from waakvlam_desktop.ui.worker import Background, TaskContext, TaskHandle

T = TypeVar("T")


class _Signals(QObject):
    changed = Signal()  # the store's content changed: lists reload
    locked = Signal()


@dataclass
class PartnerContext:
    data_dir: Path
    clock: Clock
    background: Background
    language: str
    kdf_target_seconds: float = 0.5
    store: PartnerStore | None = None
    signals: _Signals = field(default_factory=_Signals)

    def exists(self) -> bool:
        return PartnerStore.exists(self.data_dir)

    def in_store(
        self,
        owner: QObject,
        work: Callable[[Session], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
        *,
        changes: bool = False,
    ) -> TaskHandle:
        """Run ``work`` on a session of the store, on the worker; ``done`` or ``failed``
        on the GUI thread (dropped if ``owner`` is gone). ``changes``: announce it."""
        store = self.store

        def task(_t: TaskContext) -> Any:
            if store is None or not store.is_open:
                raise VaultDamagedError(VAULT_LOCKED)
            with store.session() as s:
                return work(s)

        def finished(result: Any) -> None:
            done(result)
            if changes:
                self.signals.changed.emit()

        return self.background.run(task, finished, failed, owners=[owner])

    def off_store(
        self,
        owner: QObject,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> TaskHandle:
        return self.background.run(lambda _t: work(), done, failed, owners=[owner])

    def close(self) -> None:
        if self.store is not None:
            store, self.store = self.store, None
            self.background.run(lambda _t: store.close())
