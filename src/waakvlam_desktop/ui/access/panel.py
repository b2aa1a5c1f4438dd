"""What the first-run and unlock pages share: a centred panel with a heading."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget


def centered(inner: QWidget) -> QScrollArea:
    """``inner`` in the middle, a little above the centre; on a screen too small for it
    (1366x768 at 200 %) it scrolls, so its buttons can always be reached."""
    outer = QWidget()
    lay = QVBoxLayout(outer)
    lay.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner)
    row.addStretch(1)
    lay.addLayout(row)
    lay.addStretch(2)
    area = QScrollArea()
    area.setObjectName("access")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(outer)
    return area


class Panel(QFrame):
    """A framed panel with a heading; the page adds its fields to ``box``."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.setMaximumWidth(520)
        self.setMinimumWidth(360)
        self.setStyleSheet(
            "QFrame#panel { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(24, 20, 24, 20)
        self.heading = QLabel(title)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.box.addWidget(self.heading)
