"""Idle lock: any keyboard or mouse input resets the countdown; at zero the app locks.

The watcher filters the events of the application's windows (``QWindow``), where the
window system delivers input first, and not every event of the application: an
application-wide filter ran Python for each paint, layout and timer event of every
widget, thousands per screen change, and each call may wait for the interpreter lock
while a worker runs Python (#16, an A/B with a test suite sharing the machine: the
wall-clock stall of recording a visit fell by about a third without it, of unlocking by
more than half). A window is watched from when it gets the focus (a dialog), and
every window is looked at again each second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

ACTIVITY = {
    QEvent.Type.KeyPress,
    # Every key press first asks the window whether its focus widget wants it (before the
    # shortcuts); when the window system hands the key to a shortcut (Ctrl+F, a menu's
    # key), no KeyPress may follow, and only this event says someone is at the keyboard.
    QEvent.Type.ShortcutOverride,
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
        self._app: QGuiApplication | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

    # ---- which windows -------------------------------------------------------------------
    def watch(self, app: QGuiApplication) -> None:
        """Watch the input of ``app``'s windows, those there now and those to come."""
        self._app = app
        app.focusWindowChanged.connect(self._watch_window)
        self._watch_windows()

    def unwatch(self) -> None:
        """A closed main window no longer watches activity."""
        app, self._app = self._app, None
        if app is None:
            return
        app.focusWindowChanged.disconnect(self._watch_window)
        for window in app.topLevelWindows():
            window.removeEventFilter(self)

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # again is harmless: Qt keeps it once

    def _watch_windows(self) -> None:
        if self._app is not None:
            for window in self._app.topLevelWindows():
                self._watch_window(window)

    # ---- the countdown -------------------------------------------------------------------
    def start(self) -> None:
        self.active = True
        self.touch()
        self._watch_windows()
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
        self._watch_windows()
        left = self.remaining()
        self.remaining_changed.emit(left)
        if left <= 0:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in ACTIVITY:
            self._last = self._now()
        return False
