"""Idle lock: any keyboard or mouse input resets the countdown; at zero the app locks."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    remaining_changed = Signal(int)  # seconds left
    idle = Signal()

    def __init__(
        self,
        minutes: int,
        now: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.minutes = minutes
        self.active = False
        self._last = now()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.active = True
        self.touch()
        self.timer.start()

    def stop(self) -> None:
        self.active = False
        self.timer.stop()

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.touch()

    def touch(self) -> None:
        self._last = self._now()

    def remaining(self) -> int:
        return max(0, int(self.minutes * 60 - (self._now() - self._last)))

    def tick(self) -> None:
        if not self.active:
            return
        left = self.remaining()
        self.remaining_changed.emit(left)
        if left <= 0:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in ACTIVITY:
            self._last = self._now()
        return False
