"""Zoeken: full-text search over notes and remarks, matches highlighted, Enter opens."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.domain.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, search
from waakvlam_desktop.ui.common import InlineMessage, stamp, user_message
from waakvlam_desktop.ui.context import AppContext

HOUSEHOLD_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str) -> str:
    """Escape the text, then mark the matches (the markers are control characters)."""
    escaped = html.escape(snippet)
    return escaped.replace(HIGHLIGHT_START, "<b style='background:#ffe08a'>").replace(
        HIGHLIGHT_END, "</b>"
    )


class SearchView(QWidget):
    open_household = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Search in notes"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        lay.addWidget(title)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Words from notes or remarks, e.g. post schulden"))
        self.query.setAccessibleName(self.tr("Search words"))
        self.query.setClearButtonEnabled(True)
        row.addWidget(self.query)
        lay.addLayout(row)
        self.info = QLabel(
            self.tr("Every word must match; accents do not matter. Newest notes first.")
        )
        self.info.setStyleSheet("color: palette(dark);")
        lay.addWidget(self.info)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setAlternatingRowColors(True)
        lay.addWidget(self.results, 1)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(200)
        self.debounce.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self.debounce.start())
        self.query.returnPressed.connect(self.run)
        self.results.itemActivated.connect(self._activated)

    def set_query(self, text: str) -> None:
        self.query.setText(text)
        self.run()

    def run(self) -> None:
        text = self.query.text()
        self.ctx.db(
            lambda s: search(s, text), self.show_hits, lambda e: self.message.error(user_message(e))
        )

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.message.clear_message()
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HOUSEHOLD_ROLE, hit.household_id)
            head = f"{stamp(hit.visited_at)} · {html.escape(hit.household_label)}"
            label = QLabel(f"<span style='color:#555'>{head}</span><br>{snippet_html(hit.snippet)}")
            label.setWordWrap(True)
            label.setContentsMargins(6, 4, 6, 4)
            item.setSizeHint(QSize(0, 2 * label.fontMetrics().height() + 14))
            item.setText("")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, hit.household_label)
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        if not hits and self.query.text().strip():
            self.message.notice(self.tr("Nothing found. Try fewer or shorter words."))

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_household.emit(str(item.data(HOUSEHOLD_ROLE)))
