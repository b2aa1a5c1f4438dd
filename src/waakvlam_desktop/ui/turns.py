"""Work split over turns of the event loop, so that no one turn keeps the GUI thread long.

``QTimer.singleShot(0, …)`` is, in Qt 6, a queued call, not a timer: posted from a call
that the event loop is itself delivering as a posted event (a worker's result, a queued
signal), it runs in the same pass, before the timers that are due and before the user's
input, so two steps "split" that way are one stall. A timer of 1 ms is a real timer: it
fires in a later pass of the event loop, after the input and the timers due meanwhile
(``tests/ui/test_stalls.py`` counts the turns in between)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

LATER_TURN_MS = 1


def on_a_later_turn(context: QObject, step: Callable[[], None]) -> None:
    """Run ``step`` on a later turn of the event loop; not at all once ``context`` is
    destroyed."""
    QTimer.singleShot(LATER_TURN_MS, context, step)
