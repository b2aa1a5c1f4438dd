"""Personal data copied from our window does not linger on the clipboard.

When the clipboard changes while our app is active (so the text came from one of our
fields or tables), the guard remembers that text and clears the clipboard after 30
seconds if it still holds exactly that text. Locking clears it at once. Text another
program put on the clipboard is never touched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


def app_is_active() -> bool:
    return QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive


class ClipboardGuard(QObject):
    def __init__(
        self,
        clipboard: QClipboard,
        *,
        interval_ms: int = CLEAR_AFTER_MS,
        is_ours: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clipboard = clipboard
        self._is_ours = is_ours or (lambda: app_is_active() or clipboard.ownsClipboard())
        self._text: str | None = None
        self._clearing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.expire)
        clipboard.dataChanged.connect(self._changed)

    @classmethod
    def for_app(cls, parent: QObject | None = None) -> ClipboardGuard | None:
        clipboard = QGuiApplication.clipboard()
        return cls(clipboard, parent=parent) if clipboard is not None else None

    @property
    def watching(self) -> bool:
        return self._text is not None

    def _changed(self) -> None:
        if self._clearing:
            return
        text = self.clipboard.text()
        if not text or not self._is_ours():
            self._text = None  # someone else's now: not ours to clear
            self.timer.stop()
            return
        self._text = text
        self.timer.start()

    def expire(self) -> None:
        """Clear the clipboard when it still holds what we put there."""
        self.timer.stop()
        if self._text is not None and self.clipboard.text() == self._text:
            self._clearing = True
            try:
                self.clipboard.clear()
            finally:
                self._clearing = False
        self._text = None

    def clear_now(self) -> None:
        """At lock: no personal data of ours stays on the clipboard."""
        self.expire()
