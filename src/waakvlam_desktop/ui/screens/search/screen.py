"""Zoeken: full-text search over notes and remarks, matches highlighted, Enter opens."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser, QVBoxLayout

from waakvlam_desktop.domain.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, search
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import InlineMessage, stamp


def snippet_html(snippet: str) -> str:
    """Escape the text, then mark the matches (the markers are control characters)."""
    escaped = html.escape(snippet)
    return escaped.replace(
        HIGHLIGHT_START, f"<b style='background:{palette.SEARCH_MATCH}'>"
    ).replace(HIGHLIGHT_END, "</b>")


class SearchView(Screen):
    """Results as one rich-text view with a link per hit: fast for 50 hits, and each hit is
    reachable with Tab and opened with Enter."""

    open_household = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.hits: list[SearchHit] = []
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Search in notes"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        lay.addWidget(title)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Words from notes or remarks, e.g. post schulden"))
        self.query.setAccessibleName(self.tr("Search words"))
        self.query.setClearButtonEnabled(True)
        lay.addWidget(self.query)
        self.info = QLabel(
            self.tr("Every word must match; accents do not matter. Newest notes first.")
        )
        self.info.setStyleSheet(f"color: {palette.MUTED};")
        lay.addWidget(self.info)
        self.results = QTextBrowser()
        self.results.setOpenLinks(False)
        self.results.setAccessibleName(self.tr("Search results"))
        lay.addWidget(self.results, 1)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self.debounce.start())
        self.query.returnPressed.connect(self.run)
        self.results.anchorClicked.connect(self._activated)

    def nav_title(self) -> str:
        return self.tr("Search")

    def refresh(self) -> None:
        """The results stay as they are until the user searches again."""

    def set_query(self, text: str) -> None:
        self.query.setText(text)
        self.run()

    def run(self) -> None:
        self.debounce.stop()
        text = self.query.text()
        QueryOp(
            self.ctx, self, lambda s: search(s, text), self.show_hits, message=self.message
        ).run()

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.message.clear_message()
        self.hits = hits
        parts = []
        for i, hit in enumerate(hits):
            head = f"{stamp(hit.visited_at)} · {html.escape(hit.household_label)}"
            parts.append(f"<p><a href='hit:{i}'>{head}</a><br>{snippet_html(hit.snippet)}</p>")
        self.results.setHtml("".join(parts))
        if not hits and self.query.text().strip():
            self.message.notice(self.tr("Nothing found. Try fewer or shorter words."))

    def count(self) -> int:
        return len(self.hits)

    def _activated(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("hit:"):
            hit = self.hits[int(text[4:])]
            self.open_household.emit(hit.household_id)
