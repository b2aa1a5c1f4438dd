"""How big the main window opens: from the screen's available area, never larger.

A 1366x768 laptop at 150 % offers about 910x512 logical pixels, a 1920x1080 screen at
200 % 960x540; a large monitor would give a window too wide to read. So: on a small
screen the window takes the available area (less room for the title bar and frame), on
a larger one 85 % of it, up to ``LARGEST``; it opens in the middle of the available area.
``MINIMUM`` fits the smallest of these screens (1366x768 at 200 %: 683x384); what does not
fit scrolls (the unlock and first-run forms, the visit editor, Overzicht).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

SHARE = 0.85  # of a large screen's available area
PREFERRED = QSize(1366, 768)  # up to this the window takes (nearly) the whole area
LARGEST = QSize(1600, 1000)
MINIMUM = QSize(600, 360)  # fits 1366x768 at 200 % (683x384) and every larger screen
FRAME = QSize(16, 48)  # room for a window frame and title bar the system adds around it


def room(available: QSize) -> QSize:
    """The largest client size whose frame still fits ``available``."""
    return QSize(
        max(available.width() - FRAME.width(), 1), max(available.height() - FRAME.height(), 1)
    )


def minimum_size(available: QSize) -> QSize:
    return MINIMUM.boundedTo(room(available))


def window_size(available: QSize) -> QSize:
    """The window's client size on a screen whose available area is ``available``."""
    share = QSize(int(available.width() * SHARE), int(available.height() * SHARE))
    wanted = share.expandedTo(PREFERRED).boundedTo(LARGEST)
    return wanted.boundedTo(room(available)).expandedTo(minimum_size(available))


def centred(size: QSize, available: QRect) -> QPoint:
    """The top-left corner that puts a window of ``size`` in the middle of ``available``."""
    return QPoint(
        available.x() + max(0, (available.width() - size.width()) // 2),
        available.y() + max(0, (available.height() - size.height()) // 2),
    )


def fit_to_screen(window: QWidget) -> None:
    """Size ``window`` for the screen it is on and centre it there."""
    screen = window.screen()
    if screen is None:
        window.setMinimumSize(MINIMUM)
        return
    available = screen.availableGeometry()
    window.setMinimumSize(minimum_size(available.size()))
    size = window_size(available.size())
    window.resize(size)
    window.move(centred(size, available))


def fit_dialog(dialog: QWidget, wanted: QSize) -> None:
    """A dialog opens at ``wanted`` (its size on a large screen), never larger than the
    screen's available area; a smaller screen gets a smaller dialog that scrolls or wraps."""
    parent = dialog.parentWidget()
    screen = (parent or dialog).screen()
    if screen is None:
        dialog.resize(wanted)
        return
    dialog.resize(wanted.boundedTo(room(screen.availableGeometry().size())))
