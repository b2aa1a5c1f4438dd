"""The partner app's window: unlock or first run, then the work: erasure requests first,
referrals, figures, bundles, keys. Bestand > Openen or drag and drop opens a bundle into
the store; nothing of it is unpacked to disk."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.bundles.format import DAMAGED, MAX_BUNDLE_BYTES
from waakvlam_desktop.domain.types import (
    FeedbackStatus,
    PartnerType,
    ReferralStatus,
    Severity,
    feedback_status_label,
    partner_type_label,
    referral_status_label,
    severity_label,
)
from waakvlam_desktop.errors import (
    BundleDamagedError,
    SenderKeyChangedError,
    SenderNotTrustedError,
)
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.partner.access import PartnerFirstRun, PartnerUnlock
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.partner.dialogs import FeedbackDialog, PdfPreview, TrustDialog
from waakvlam_desktop.ui.widgets.common import (
    InlineMessage,
    Lang,
    count_text,
    short_date,
    user_message,
)
from waakvlam_desktop.ui.widgets.table import ViewNote

BUNDLE_SUFFIXES = (".age",)


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], keys: Sequence[Any]) -> None:
    table.setRowCount(len(rows))
    for r, (row, key) in enumerate(zip(rows, keys, strict=True)):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)


def _selected(table: QTableWidget) -> Any:
    items = table.selectedItems()
    return items[0].data(Qt.ItemDataRole.UserRole) if items else None


def _day_text(iso: str) -> str:
    """An ISO date from the store as the GUI shows dates (dd-mm-jjjj)."""
    try:
        return short_date(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def category_text(value: Any) -> str:
    """A category of the figures in words: a partner type's label, else as it came."""
    text = str(value or "")
    try:
        return partner_type_label(PartnerType(text), Lang.current)
    except ValueError:
        return text


def folder_name(folder: Path | None) -> str:
    """A folder as a message names it: its name, not its path (a drive's root has no
    name: then the root itself, "C:\\")."""
    if folder is None:
        return ""
    return folder.name or str(folder)


def bundle_paths(mime: QMimeData) -> list[Path]:
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(BUNDLE_SUFFIXES)
    ]


class ErasurePage(QWidget):
    """Erasure requests, first: open ones on top; "Verwijderd" carries one out."""

    def __init__(self, window: PartnerWindow) -> None:
        super().__init__()
        self.window_ = window
        lay = QVBoxLayout(self)
        # What this tab is for, in the colour of a hint: it explains, it is not a request.
        self.intro = QLabel(
            self.tr(
                "Here a corporation asks you to delete everything you hold about a household,"
                " for instance because the resident withdrew consent or the retention period"
                " ended. Delete it from your own files and systems too, then select the line"
                " and click Deleted: the app then deletes what it keeps itself."
            )
        )
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(f"color: {palette.MUTED};")
        lay.addWidget(self.intro)
        self.table = _table(
            [
                self.tr("Requested on"),
                self.tr("From"),
                self.tr("References"),
                self.tr("Reason"),
                self.tr("Done"),
            ]
        )
        lay.addWidget(self.table, 1)
        self.note = ViewNote(self.table)  # "no erasure requests" over the empty list
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_button = QPushButton(self.tr("Deleted"))
        self.done_button.setToolTip(self.tr("I deleted it everywhere; delete it in the app now"))
        self.done_button.setEnabled(False)
        row.addWidget(self.done_button)
        lay.addLayout(row)
        self.rows: list[service.ErasureRow] = []
        self.table.itemSelectionChanged.connect(self._selection)
        self.done_button.clicked.connect(self.confirm)

    def show_rows(self, rows: list[service.ErasureRow]) -> None:
        self.rows = rows
        _fill(
            self.table,
            [
                [
                    short_date(r.requested_on),
                    r.organisation,
                    ", ".join(r.references) or self.tr("(all of the household)"),
                    r.reason,
                    self.tr("deleted on {day} ({n} referral(s))").format(
                        day=short_date(r.done_at.date()), n=r.removed
                    )
                    if r.done_at
                    else self.tr("open"),
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )
        self.note.say("" if rows else self.tr("There are no erasure requests."))
        self._selection()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.note.place()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.note.place()  # a hidden tab's list got its size only now

    def _selection(self) -> None:
        rid = _selected(self.table)
        row = next((r for r in self.rows if r.id == rid), None)
        self.done_button.setEnabled(row is not None and row.done_at is None)

    def confirm(self) -> None:
        rid = _selected(self.table)
        if rid is None:
            return
        self.done_button.setEnabled(False)
        self.window_.ctx.in_store(
            self,
            lambda s: service.confirm_erasure(s, int(rid)),
            lambda n: self.window_.message.notice(
                self.tr("Deleted from the app: {n} referral(s).").format(n=n)
                if n
                else self.tr(
                    "The app held nothing about this household; the request is marked as done."
                )
            ),
            self.window_.failed,
            changes=True,
        )


class ReferralsPage(QWidget):
    def __init__(self, window: PartnerWindow) -> None:
        super().__init__()
        self.window_ = window
        self.rows: list[service.ReferralRow] = []
        lay = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = _table(
            [
                self.tr("From"),
                self.tr("Reference"),
                self.tr("Household"),
                self.tr("Address"),
                self.tr("Reason"),
                self.tr("Signals"),
                self.tr("Your status"),
                self.tr("Feedback due"),
            ]
        )
        split.addWidget(self.table)
        detail = QWidget()
        dl = QHBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        dl.addWidget(scroll, 3)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("History of this household")))
        self.history = _table([self.tr("Date"), self.tr("Reference"), self.tr("What")])
        right.addWidget(self.history, 1)
        buttons = QHBoxLayout()
        self.status_button = QPushButton(self.tr("Record status…"))
        self.letter_button = QPushButton(self.tr("View letter"))
        buttons.addWidget(self.status_button)
        buttons.addWidget(self.letter_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        dl.addLayout(right, 2)
        split.addWidget(detail)
        split.setSizes([330, 260])
        lay.addWidget(split, 1)
        self.table.itemSelectionChanged.connect(self._selection)
        self.status_button.clicked.connect(self.record_status)
        self.letter_button.clicked.connect(self.view_letter)
        self.table.doubleClicked.connect(lambda _i: self.record_status())
        self._selection()

    def status_text(self, r: service.ReferralRow) -> str:
        if r.status is None:
            return self.tr("no feedback yet")
        text = f"{feedback_status_label(r.status, Lang.current)} ({short_date(r.status_day)})"
        return text + (" – " + self.tr("not sent yet") if r.unsent else "")

    def show_rows(self, rows: list[service.ReferralRow]) -> None:
        keep = self.current()
        self.rows = rows
        _fill(
            self.table,
            [
                [
                    r.organisation,
                    r.kenmerk,
                    r.household,
                    r.address,
                    r.reason,
                    ", ".join(s.label for s in r.signals),
                    self.status_text(r),
                    short_date(r.feedback_due) if r.feedback_due else "",
                ]
                for r in rows
            ],
            list(range(len(rows))),  # the row's place in self.rows (a key is a pair)
        )
        for i, r in enumerate(rows):
            if keep is not None and r.key == keep.key:
                self.table.selectRow(i)
        if self.current() is None and rows:
            self.table.selectRow(0)
        self._selection()

    def current(self) -> service.ReferralRow | None:
        index = _selected(self.table)
        return self.rows[index] if isinstance(index, int) and 0 <= index < len(self.rows) else None

    def _selection(self) -> None:
        r = self.current()
        self.status_button.setEnabled(r is not None)
        self.letter_button.setEnabled(r is not None and r.has_letter)
        if r is None:
            self.detail.setText(
                self.tr("No referrals yet. Open a bundle: File > Open, or drag it here.")
            )
            self.history.setRowCount(0)
            return
        e = html.escape
        try:
            sender = referral_status_label(ReferralStatus(r.sender_status), Lang.current)
        except ValueError:
            sender = r.sender_status
        signals = "".join(
            "<li>{}</li>".format(
                e(
                    self.tr("{signal} – {severity}, seen on {day}").format(
                        signal=s.label,
                        severity=severity_label(Severity(s.severity), Lang.current)
                        if s.severity in (1, 2, 3)
                        else "?",
                        day=_day_text(s.observed_on),
                    )
                )
            )
            for s in r.signals
        )
        lines = [
            f"<h3>{e(r.kenmerk)} · {e(r.household)}</h3>",
            f"<p>{e(r.address)}<br>{e(', '.join(r.residents))}</p>",
            f"<p><b>{e(self.tr('Reason'))}:</b> {e(r.reason)}</p>",
        ]
        if r.context:
            explanation = self.tr("Explanation")
            lines.append(f"<p><b>{e(explanation)}:</b> {e(r.context)}</p>")
        if signals:
            lines.append(f"<p><b>{e(self.tr('Signals'))}:</b></p><ul>{signals}</ul>")
        lines.append(
            "<p>"
            + e(
                self.tr("From {organisation}, bundle {period}; status there: {status}.").format(
                    organisation=r.organisation, period=r.period, status=sender
                )
            )
            + "</p>"
        )
        lines.append(f"<p><b>{e(self.tr('Your status'))}:</b> {e(self.status_text(r))}</p>")
        if r.note:
            lines.append(f"<p>{e(r.note)}</p>")
        self.detail.setText("".join(lines))
        household = r.household_key
        self.window_.ctx.in_store(
            self,
            lambda s: service.household_history(s, household),
            self._history,
            self.window_.failed,
        )

    def _history(self, rows: list[service.HistoryRow]) -> None:
        def what(h: service.HistoryRow) -> str:
            if h.what == "bundle":
                try:
                    status = referral_status_label(ReferralStatus(h.status), Lang.current)
                except ValueError:
                    status = h.status
                return self.tr("in bundle {period} (number {sequence}): {status}").format(
                    period=h.detail, sequence=h.sequence, status=status
                )
            label = feedback_status_label(FeedbackStatus(h.status), Lang.current)
            return self.tr("your status: {status}").format(status=label) + (
                f" – {h.detail}" if h.detail else ""
            )

        _fill(
            self.history,
            [[_day_text(h.when), h.kenmerk, what(h)] for h in rows],
            [h.kenmerk for h in rows],
        )

    def record_status(self) -> None:
        r = self.current()
        if r is None:
            return
        dialog = FeedbackDialog(self.window_.ctx, r, self.window_.reload, self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.window_.feedback_dialog = dialog
        dialog.open()

    def view_letter(self) -> None:
        r = self.current()
        if r is None:
            return
        kenmerk, key = r.kenmerk, r.key

        def show(pdf: bytes | None) -> None:
            if pdf:
                self.window_.show_pdf(self.tr("Letter {kenmerk}").format(kenmerk=kenmerk), pdf)

        self.window_.ctx.in_store(
            self, lambda s: service.letter_pdf(s, key), show, self.window_.failed
        )


class BarChart(QWidget):
    """One measure as bars per area and category; a suppressed cell is an empty bar."""

    def __init__(self, cells: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells = cells
        self.setMinimumHeight(22 * max(1, len(cells)) + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        values = [c.get("huishoudens") or 0 for c in self.cells]
        top = max([v for v in values if isinstance(v, int)] + [1])
        label_w = min(260, self.width() // 3)
        bar_w = max(10, self.width() - label_w - 60)
        for i, cell in enumerate(self.cells):
            y = 4 + i * 22
            label = f"{cell.get('gebied', '')} · {category_text(cell.get('categorie'))}"
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, y, label_w - 6, 18), Qt.AlignmentFlag.AlignRight, label)
            value = cell.get("huishoudens")
            if cell.get("onderdrukt") or not isinstance(value, int):
                p.setPen(QColor("#999999"))
                p.drawRect(QRectF(label_w, y + 2, 30, 14))
                p.drawText(QRectF(label_w + 36, y, 200, 18), self.tr("suppressed"))
                continue
            width = bar_w * value / top
            p.fillRect(QRectF(label_w, y + 2, width, 14), QColor("#c8642a"))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(label_w + width + 6, y, 60, 18), str(value))
        p.end()


class FiguresPage(QWidget):
    """Aggregate bundles: per measure a table and a chart."""

    def __init__(self, window: PartnerWindow) -> None:
        super().__init__()
        self.window_ = window
        self.tables: list[service.AggregateTable] = []
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Bundle")))
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Bundle"))
        top.addWidget(self.choice, 1)
        lay.addLayout(top)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # quotes the bundle's own words
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        lay.addWidget(self.area, 1)
        self.choice.currentIndexChanged.connect(self._show)

    def show_tables(self, tables: list[service.AggregateTable]) -> None:
        self.tables = tables
        self.choice.blockSignals(True)
        self.choice.clear()
        for t in tables:
            self.choice.addItem(f"{t.organisation} – {t.period}", t.bundle_id)
        self.choice.blockSignals(False)
        self._show()

    def _show(self) -> None:
        index = self.choice.currentIndex()
        inner = QWidget()
        grid = QGridLayout(inner)
        if not 0 <= index < len(self.tables):
            self.note.setText(self.tr("No bundles with figures yet."))
            self.area.setWidget(inner)
            return
        t = self.tables[index]
        self.note.setText(
            self.tr(
                "Numbers of households per {level}. A number below {threshold} is not"
                " published (suppressed), to protect the residents."
            ).format(level=t.level, threshold=t.threshold)
        )
        words = {
            "huishoudens": self.tr("Households (total and per care level)"),
            "bezocht": self.tr("Visited in the period"),
            "signaal_in_domein": self.tr("With a signal in the domain"),
            "doorverwezen_naar": self.tr("Referred to"),
        }
        for row, (measure, cells) in enumerate(sorted(t.measures.items())):
            title = QLabel(f"<b>{html.escape(words.get(measure, measure))}</b>")
            grid.addWidget(title, row * 2, 0, 1, 2)
            table = _table(
                [self.tr("Area"), self.tr("Wijk"), self.tr("Category"), self.tr("Households")]
            )
            table.horizontalHeader().setStretchLastSection(False)
            _fill(
                table,
                [
                    [
                        str(c.get("gebied", "")),
                        str(c.get("wijk", "")),
                        category_text(c.get("categorie")),
                        self.tr("suppressed")
                        if c.get("onderdrukt")
                        else str(c.get("huishoudens", "")),
                    ]
                    for c in cells
                ],
                [None] * len(cells),
            )
            rows_height = table.verticalHeader().defaultSectionSize() * len(cells)
            table.setFixedHeight(min(320, rows_height + table.horizontalHeader().height() + 6))
            grid.addWidget(table, row * 2 + 1, 0)
            chart = BarChart(cells)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(chart)
            scroll.setFixedHeight(table.height())
            grid.addWidget(scroll, row * 2 + 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.area.setWidget(inner)


class BundlesPage(QWidget):
    def __init__(self, window: PartnerWindow) -> None:
        super().__init__()
        self.window_ = window
        lay = QVBoxLayout(self)
        self.table = _table(
            [
                self.tr("Opened on"),
                self.tr("From"),
                self.tr("Kind"),
                self.tr("Period"),
                self.tr("Number"),
            ]
        )
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cover_button = QPushButton(self.tr("View cover sheet"))
        row.addWidget(self.cover_button)
        lay.addLayout(row)
        self.cover_button.clicked.connect(self.view_cover)
        self.table.itemSelectionChanged.connect(self._label_button)
        self.profiles: dict[str, str] = {}  # bundle id -> profile

    def _current_id(self) -> str | None:
        bundle_id = _selected(self.table)
        first = self.table.item(0, 0)
        if bundle_id is None and first is not None:
            bundle_id = first.data(Qt.ItemDataRole.UserRole)
        return None if bundle_id is None else str(bundle_id)

    def _label_button(self) -> None:
        # A case conference's bundle carries its agenda where others carry the cover sheet.
        meeting = self.profiles.get(self._current_id() or "") == "meeting"
        self.cover_button.setText(
            self.tr("View agenda") if meeting else self.tr("View cover sheet")
        )

    def show_rows(self, rows: list[service.BundleRow]) -> None:
        kinds = {
            "case": self.tr("referrals"),
            "aggregate": self.tr("figures"),
            "meeting": self.tr("case conference agenda"),
        }
        self.profiles = {b.bundle_id: b.profile for b in rows}
        _fill(
            self.table,
            [
                [
                    short_date(b.opened_at.date()),
                    b.organisation,
                    kinds.get(b.profile, b.profile),
                    b.period,
                    str(b.sequence),
                ]
                for b in rows
            ],
            [b.bundle_id for b in rows],
        )
        self.cover_button.setEnabled(bool(rows))
        self._label_button()

    def view_cover(self) -> None:
        bundle_id = self._current_id()
        if bundle_id is None:
            return
        title = (
            self.tr("Agenda")
            if self.profiles.get(bundle_id) == "meeting"
            else self.tr("Cover sheet")
        )
        self.window_.ctx.in_store(
            self,
            lambda s: service.summary_pdf(s, bundle_id),
            lambda pdf: self.window_.show_pdf(title, pdf) if pdf else None,
            self.window_.failed,
        )


class KeysPage(QWidget):
    """Your two public lines with their key ids, the corporations you trust, retention."""

    def __init__(self, window: PartnerWindow) -> None:
        super().__init__()
        self.window_ = window
        self.keys: service.OwnKeys | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Give the corporation these two lines (by e-mail or on paper): with them it can"
                " send bundles to you and recognise your feedback. When the corporation calls"
                " to check them, read out the code under each line."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        grid = QGridLayout()
        self.age_line = QLabel()
        self.age_id = QLabel()
        self.sign_line = QLabel()
        self.sign_id = QLabel()
        for w in (self.age_line, self.sign_line):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            w.setStyleSheet("font-family: monospace;")
        for w in (self.age_id, self.sign_id):
            w.setStyleSheet("font-family: monospace; font-weight: 600;")
        self.copy_age = QPushButton(self.tr("Copy"))
        self.copy_sign = QPushButton(self.tr("Copy"))
        age_label = QLabel(self.tr("Line 1: for bundles to you"))
        age_tip = self.tr(
            "For ICT: the age recipient of this app (age1…); the code is its fingerprint, as"
            " a bundle's manifest lists its recipients."
        )
        sign_label = QLabel(self.tr("Line 2: for your feedback"))
        sign_tip = self.tr(
            "For ICT: the public Ed25519 signing key of this app (waakvlam-ed25519:…); the"
            " code is its key id. The corporation pins it with partner edit --signing-key."
        )
        tipped: list[tuple[QWidget, str]] = [
            *((w, age_tip) for w in (age_label, self.age_line, self.age_id, self.copy_age)),
            *((w, sign_tip) for w in (sign_label, self.sign_line, self.sign_id, self.copy_sign)),
        ]
        for widget, tip in tipped:
            widget.setToolTip(tip)
        grid.addWidget(age_label, 0, 0)
        grid.addWidget(self.age_line, 0, 1)
        grid.addWidget(self.copy_age, 0, 2)
        grid.addWidget(QLabel(self.tr("Code to read out")), 1, 0)
        grid.addWidget(self.age_id, 1, 1)
        grid.addWidget(sign_label, 2, 0)
        grid.addWidget(self.sign_line, 2, 1)
        grid.addWidget(self.copy_sign, 2, 2)
        grid.addWidget(QLabel(self.tr("Code to read out")), 3, 0)
        grid.addWidget(self.sign_id, 3, 1)
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        save_row = QHBoxLayout()
        self.save_public = QPushButton(self.tr("Save line 2 as a file for the corporation…"))
        self.save_public.setToolTip(sign_tip)
        save_row.addWidget(self.save_public)
        save_row.addStretch(1)
        lay.addLayout(save_row)
        lay.addSpacing(12)
        heading = self.tr("Corporations you trust")
        lay.addWidget(QLabel(f"<b>{html.escape(heading)}</b>"))
        self.trusted = _table([self.tr("Organisation"), self.tr("Code"), self.tr("Since")])
        lay.addWidget(self.trusted, 1)
        trust_row = QHBoxLayout()
        self.trust_button = QPushButton(self.tr("Trust a corporation's key…"))
        trust_row.addWidget(self.trust_button)
        trust_row.addStretch(1)
        lay.addLayout(trust_row)
        lay.addSpacing(12)
        retention = QHBoxLayout()
        retention.addWidget(
            QLabel(self.tr("Delete received data this many days after a referral closed:"))
        )
        self.retention = QSpinBox()
        self.retention.setRange(service.MIN_RETENTION_DAYS, service.MAX_RETENTION_DAYS)
        self.retention.setAccessibleName(self.tr("Retention period in days"))
        retention.addWidget(self.retention)
        self.retention_save = QPushButton(self.tr("Save"))
        retention.addWidget(self.retention_save)
        retention.addStretch(1)
        lay.addLayout(retention)
        self.copy_age.clicked.connect(lambda: self._copy(self.age_line.text()))
        self.copy_sign.clicked.connect(lambda: self._copy(self.sign_line.text()))
        self.save_public.clicked.connect(self.save_public_dialog)
        self.trust_button.clicked.connect(window.trust_dialog_file)
        self.retention_save.clicked.connect(self.save_retention)

    def show_keys(
        self, keys: service.OwnKeys, trusted: list[service.TrustedRow], retention: int
    ) -> None:
        self.keys = keys
        self.age_line.setText(keys.age_recipient)
        self.age_id.setText(keys.age_key_id)
        self.sign_line.setText(keys.signing_public)
        self.sign_id.setText(keys.signing_key_id)
        _fill(
            self.trusted,
            [
                [t.organisation, " ".join(t.key_id.split()), _day_text(t.trusted_at)]
                for t in trusted
            ],
            [t.organisation for t in trusted],
        )
        self.retention.setValue(retention)

    def _copy(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        self.window_.message.notice(self.tr("Copied."))

    def save_public_dialog(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Save line 2 as a file"), "terugkoppeling-sleutel.pub"
        )
        if path:
            self.save_public_to(Path(path))

    def save_public_to(self, path: Path) -> None:
        def work(s: Any) -> None:
            write_atomic(path, service.signing_key_file_text(s).encode("utf-8"), overwrite=True)

        self.window_.ctx.in_store(
            self,
            work,
            lambda _r: self.window_.message.notice(
                self.tr("Saved as {name}. It holds only your public key.").format(name=path.name)
            ),
            self.window_.failed,
        )

    def save_retention(self) -> None:
        days = self.retention.value()
        self.window_.ctx.in_store(
            self,
            lambda s: service.set_retention_days(s, days),
            lambda _r: self.window_.message.notice(self.tr("Saved.")),
            self.window_.failed,
            changes=True,
        )


class WorkPage(QWidget):
    def __init__(self, window: PartnerWindow) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        self.message = InlineMessage()
        # Messages quote what a bundle says (its period, a corporation's name): shown as
        # text, never as HTML a sender could write.
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.message)
        self.tabs = QTabWidget()
        self.erasures = ErasurePage(window)
        self.referrals = ReferralsPage(window)
        self.figures = FiguresPage(window)
        self.bundles = BundlesPage(window)
        self.keys = KeysPage(window)
        self.tabs.addTab(self.erasures, "")
        self.tabs.addTab(self.referrals, "")
        self.tabs.addTab(self.figures, "")
        self.tabs.addTab(self.bundles, "")
        self.tabs.addTab(self.keys, "")
        lay.addWidget(self.tabs, 1)
        self.set_counts(0, 0)

    def set_counts(self, erasures: int, referrals: int) -> None:
        self.tabs.setTabText(
            0,
            self.tr("Erasure requests ({n})").format(n=count_text(erasures))
            if erasures
            else self.tr("Erasure requests"),
        )
        self.tabs.setTabText(1, self.tr("Referrals ({n})").format(n=count_text(referrals)))
        self.tabs.setTabText(2, self.tr("Figures"))
        self.tabs.setTabText(3, self.tr("Bundles"))
        self.tabs.setTabText(4, self.tr("Keys and settings"))


class PartnerWindow(QMainWindow):
    def __init__(self, ctx: PartnerContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.feedback_dialog: FeedbackDialog | None = None
        self.trust_dialog: TrustDialog | None = None
        self.preview: PdfPreview | None = None
        #: The save dialog for "Terugkoppeling maken" (a test types its answer here).
        self.choose_reply_path: Callable[[str], str] = self.ask_reply_path
        #: The folder for several reply files (a test types its answer here).
        self.choose_reply_folder: Callable[[list[service.PendingReply]], str] = (
            self.ask_reply_folder
        )
        self._erasures_first = True
        self.setWindowTitle(self.tr("Waakvlam Partner"))
        self.resize(1366, 768)
        self.setAcceptDrops(True)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.first_run = PartnerFirstRun(ctx)
        self.unlock = PartnerUnlock(ctx)
        self.work = WorkPage(self)
        self.message = self.work.message
        for page in (self.first_run, self.unlock, self.work):
            self.stack.addWidget(page)
        self.first_run.opened.connect(self.unlocked)
        self.unlock.opened.connect(self.unlocked)
        ctx.signals.changed.connect(self.reload)
        self._menus()
        self.stack.setCurrentWidget(self.unlock if ctx.exists() else self.first_run)
        self._enable(False)

    # ---- menus ----------------------------------------------------------------------------
    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open bundle…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dialog)
        self.trust_action = QAction(self.tr("&Trust a corporation's key…"), self)
        self.trust_action.triggered.connect(self.trust_dialog_file)
        self.reply_action = QAction(self.tr("Make &feedback file…"), self)
        self.reply_action.triggered.connect(self.reply_dialog)
        self.export_action = QAction(self.tr("&Export list (CSV/XLSX)…"), self)
        self.export_action.triggered.connect(self.export_dialog)
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (
            self.open_action,
            self.trust_action,
            self.reply_action,
            self.export_action,
            self.lock_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    def _enable(self, unlocked: bool) -> None:
        for action in (
            self.open_action,
            self.trust_action,
            self.reply_action,
            self.export_action,
            self.lock_action,
        ):
            action.setEnabled(unlocked)

    # ---- state ----------------------------------------------------------------------------
    def unlocked(self) -> None:
        self._erasures_first = True
        self.stack.setCurrentWidget(self.work)
        self._enable(True)
        self.reload()

    def lock(self) -> None:
        self.ctx.close()
        self._enable(False)
        self.work.erasures.show_rows([])
        self.work.referrals.show_rows([])
        self.work.figures.show_tables([])
        self.work.bundles.show_rows([])
        self.message.clear_message()
        self.stack.setCurrentWidget(self.unlock)

    def closeEvent(self, event: Any) -> None:
        self.ctx.close()
        self.ctx.background.wait_idle(30)
        super().closeEvent(event)

    def failed(self, exc: BaseException) -> None:
        self.message.error(user_message(exc))

    def reload(self) -> None:
        if self.ctx.store is None:
            return

        def work(s: Any) -> dict[str, Any]:
            return {
                "erasures": service.erasure_requests(s),
                "referrals": service.referrals(s),
                "figures": service.aggregate_tables(s),
                "bundles": service.bundles(s),
                "keys": service.own_keys(s),
                "trusted": service.trusted(s),
                "retention": service.retention_days(s),
            }

        self.ctx.in_store(self, work, self._show, self.failed)

    def _show(self, data: dict[str, Any]) -> None:
        erasures: list[service.ErasureRow] = data["erasures"]
        self.work.erasures.show_rows(erasures)
        self.work.referrals.show_rows(data["referrals"])
        self.work.figures.show_tables(data["figures"])
        self.work.bundles.show_rows(data["bundles"])
        self.work.keys.show_keys(data["keys"], data["trusted"], data["retention"])
        open_erasures = sum(1 for e in erasures if e.done_at is None)
        self.work.set_counts(open_erasures, len(data["referrals"]))
        # After unlocking or opening a bundle, open erasure requests come first; other
        # changes (a status, a setting) keep the tab the user is on.
        if open_erasures and self._erasures_first:
            self.work.tabs.setCurrentWidget(self.work.erasures)
        self._erasures_first = False

    # ---- opening bundles --------------------------------------------------------------------
    def open_dialog(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(
            self, self.tr("Open bundle"), "", self.tr("Waakvlam bundles (*.age)")
        )
        self.open_paths([Path(p) for p in paths])

    def open_paths(self, paths: list[Path]) -> None:
        for path in paths:

            def work(s: Any, path: Path = path) -> service.OpenReport:
                if path.stat().st_size > MAX_BUNDLE_BYTES:
                    raise BundleDamagedError(DAMAGED)
                return service.open_bundle(s, path.read_bytes())

            self.ctx.in_store(self, work, self._opened, self._open_failed, changes=True)

    def _open_failed(self, exc: BaseException) -> None:
        """The reader's refusals name the command-line step; a window user gets the menu."""
        organisation = str(getattr(exc, "params", {}).get("organisation", "?"))
        if isinstance(exc, SenderKeyChangedError):
            self.message.error(
                self.tr(
                    "This bundle was signed with a different key than the one you trust for"
                    " {organisation}. Do not open it and call the sender. If they really changed"
                    " their key, ask for the new key file, compare the code by phone and choose"
                    " File > Trust a corporation's key…"
                ).replace("{organisation}", organisation)
            )
        elif isinstance(exc, SenderNotTrustedError):
            self.message.error(
                self.tr(
                    "This bundle says it comes from {organisation}, but you do not trust that"
                    " sender yet. Ask them for their key file, compare the code by phone and"
                    " choose File > Trust a corporation's key…"
                ).replace("{organisation}", organisation)
            )
        else:
            self.failed(exc)

    def _opened(self, report: service.OpenReport) -> None:
        self._erasures_first = True
        if report.profile == "meeting":
            self.message.notice(
                self.tr(
                    "Agenda of the case conference on {period} from {organisation} opened:"
                    " Bundles › View agenda."
                ).format(period=report.period, organisation=report.organisation)
            )
            return
        if report.profile == "aggregate":
            self.message.notice(
                self.tr("Bundle of figures {period} from {organisation} opened.").format(
                    period=report.period, organisation=report.organisation
                )
            )
            return
        text = self.tr(
            "Bundle {period} (number {sequence}) from {organisation} opened:"
            " {referrals} referral(s), {erasures} erasure request(s)."
        ).format(
            period=report.period,
            sequence=report.sequence,
            organisation=report.organisation,
            referrals=report.referrals,
            erasures=report.erasure_requests,
        )
        self.message.notice(text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.ctx.store is not None and bundle_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = bundle_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    @staticmethod
    def drop_data(paths: list[Path]) -> QMimeData:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        return mime

    # ---- trusting a corporation ------------------------------------------------------------
    def trust_dialog_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Public key file of the corporation"), "", self.tr("Key (*.pub *.txt)")
        )
        if path:
            self.trust_file(Path(path))

    def trust_file(self, path: Path) -> None:
        """Show the key id to compare; trust only after the user confirms it."""

        def ask(preview: service.KeyFilePreview) -> None:
            dialog = TrustDialog(preview, self)
            dialog.accepted.connect(lambda: self._trust(path, dialog))
            dialog.finished.connect(lambda _r: dialog.deleteLater())
            self.trust_dialog = dialog
            dialog.open()

        self.ctx.in_store(self, lambda s: service.preview_key_file(s, path), ask, self.failed)

    def _trust(self, path: Path, dialog: TrustDialog) -> None:
        organisation = dialog.organisation.text()
        replace = bool(dialog.preview.pinned_key_id)
        self.ctx.in_store(
            self,
            lambda s: service.trust_key_file(s, path, organisation, replace=replace),
            lambda _r: self.message.notice(
                self.tr("You now trust bundles from {organisation}.").format(
                    organisation=organisation
                )
            ),
            self.failed,
            changes=True,
        )

    # ---- feedback ---------------------------------------------------------------------------
    def reply_dialog(self) -> None:
        """One feedback file per bundle with recorded statuses (a corporation reads only the
        file made for its own bundle): one bundle, a save dialog; more, one folder for all."""

        def chosen(pending: list[service.PendingReply]) -> None:
            if not pending:
                self.message.error(service.NOTHING_TO_REPLY.render())
                return
            if len(pending) == 1:
                path = self.choose_reply_path(service.reply_file_name(pending[0]))
                if path:
                    self.write_replies([(pending[0].bundle_id, partial(Path, path))])
                return
            folder = self.choose_reply_folder(pending)
            if not folder:
                return
            where = Path(folder)
            jobs: list[tuple[str, Callable[[], Path]]] = [
                (p.bundle_id, partial(service.free_path, where, service.reply_file_name(p)))
                for p in pending
            ]
            self.write_replies(jobs, where)

        self.ctx.in_store(self, service.pending_replies, chosen, self.failed)

    def ask_reply_path(self, name: str) -> str:
        """Where the user wants the reply file (the save dialog)."""
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Make feedback file"), name, self.tr("Feedback (*.age)")
        )
        return path

    def ask_reply_folder(self, pending: list[service.PendingReply]) -> str:
        """The folder for several reply files, after saying what will be made."""
        names = "\n".join(
            self.tr("• for {organisation} (bundle {period}, number {sequence})").format(
                organisation=p.organisation, period=p.period, sequence=p.sequence
            )
            for p in pending
        )
        answer = QMessageBox.information(
            self,
            self.tr("Make feedback files"),
            self.tr(
                "There is feedback for {n} bundles. The app makes a file per bundle (very"
                " much feedback for one bundle gets more than one file):\n"
                "{names}\n\nChoose the folder for these files. Then send each file to the"
                " corporation it is for."
            ).format(n=len(pending), names=names),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Ok,
        )
        if answer != QMessageBox.StandardButton.Ok:
            return ""
        return QFileDialog.getExistingDirectory(self, self.tr("Folder for the feedback files"))

    def write_replies(
        self, jobs: list[tuple[str, Callable[[], Path]]], folder: Path | None = None
    ) -> None:
        """Write each reply on the worker, one transaction each (a file that fails leaves
        the others made), then say in one message what was made and where."""
        made: list[service.ReplyWritten] = []
        errors: list[str] = []

        def settled() -> None:
            if len(made) + len(errors) < len(jobs):
                return

            def names(w: service.ReplyWritten) -> str:
                return ", ".join(Path(p).name for p in w.paths)

            lines = [
                self.tr("{name} for {organisation}: {n} referral(s).").format(
                    name=names(w), organisation=w.organisation, n=w.items
                )
                for w in made
            ]
            # The folder is named (the user chose it), its whole path is in the tooltip.
            where = folder if folder is not None or not made else Path(made[0].paths[0]).parent
            where_tip = self.tr("Folder: {path}").format(path=where) if where else ""
            if len(made) == 1 and folder is None and not errors:
                w = made[0]
                if len(w.paths) == 1:
                    text = self.tr(
                        "Feedback file {name} made in the folder {folder}: {n} referral(s)."
                        " Send it to {organisation}; it is encrypted, only they can read it."
                    )
                else:
                    text = self.tr(
                        "The feedback is too large for one file, so {files} files were made in"
                        " the folder {folder}: {name}. Send all {files} files to {organisation};"
                        " without one of them feedback is missing. Together they hold {n}"
                        " referral(s). The files are encrypted: only {organisation} can open"
                        " them."
                    )
                self.message.notice(
                    text.format(
                        name=names(w),
                        folder=folder_name(where),
                        files=len(w.paths),
                        n=w.items,
                        organisation=w.organisation,
                    ),
                    tooltip=where_tip,
                )
                return
            if made:
                head = self.tr(
                    "Made {n} feedback file(s) in the folder {folder}. Send each file to the"
                    " corporation it is for; it is encrypted, only they can read it."
                ).format(n=sum(len(w.paths) for w in made), folder=folder_name(where))
                lines.insert(0, head)
            text = "\n".join(lines + errors)
            if errors:
                self.message.error(text, tooltip=where_tip)
            else:
                self.message.notice(text, tooltip=where_tip)

        for bundle_id, target in jobs:

            def work(s: Any, bundle_id: str = bundle_id, target: Any = target) -> Any:
                return service.write_reply(s, bundle_id, target())

            def done(written: service.ReplyWritten) -> None:
                made.append(written)
                settled()

            def failed(exc: BaseException) -> None:
                errors.append(user_message(exc))
                settled()

            self.ctx.in_store(self, work, done, failed, changes=True)

    # ---- export -----------------------------------------------------------------------------
    def export_warning(self) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Export"),
            self.tr(
                "The exported file is NOT encrypted: anyone who gets it can read the names and"
                " addresses. Save it only in a place your organisation protects, and delete"
                " it when you no longer need it. Continue?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_dialog(self) -> None:
        if not self.export_warning():
            return
        csv_filter, xlsx_filter = self.tr("CSV (*.csv)"), self.tr("Excel (*.xlsx)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export list"), "doorverwijzingen.xlsx", f"{xlsx_filter};;{csv_filter}"
        )
        if path:
            kind = "csv" if chosen == csv_filter or path.lower().endswith(".csv") else "xlsx"
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        self.ctx.in_store(
            self,
            lambda s: service.write_export(s, path, kind),
            lambda n: self.message.notice(
                self.tr("{n} referral(s) exported to {name} (not encrypted).").format(
                    n=n, name=path.name
                )
            ),
            self.failed,
        )

    # ---- PDFs -------------------------------------------------------------------------------
    def show_pdf(self, title: str, pdf: bytes) -> None:
        preview = PdfPreview(title, pdf, self)
        preview.finished.connect(lambda _r: preview.deleteLater())
        self.preview = preview
        preview.open()
