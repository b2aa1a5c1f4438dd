"""Adressen / Huishoudens: a table model over plain rows, a filter proxy, and the view."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.households import HouseholdRow
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import (
    InlineMessage,
    count_text,
    first_item_width,
    level_word,
    short_date,
)
from waakvlam_desktop.ui.widgets.table import (
    ROW_ROLE,
    Column,
    Matcher,
    PreparedRows,
    RowModel,
    RowProxy,
    ViewNote,
    hold_rows,
    household_level_column,
    set_row_height,
    text_widths,
)

OVERDUE_COLOUR = palette.LATE


@dataclass(frozen=True, slots=True)
class HouseholdList:
    """The list as the worker prepares it: rows sorted, filter texts, filter choices."""

    rows: PreparedRows[HouseholdRow]
    complexes: list[str]
    wijken: list[str]  # as on Vandaag: a date that has passed


# Rows a model reset or one insertion hands the view (and the filter) at a time: 10,000
# households arrive in ten short steps instead of one long one.
CHUNK_ROWS = 1000
# Rows the filter looks at for a keystroke, at most (and for each later fetchMore): a
# keystroke costs the same at 50,000 households as at 1,000; the rows it finds further on
# arrive in the next steps of the event loop (the count beside the list grows). Only a
# current or selected row the new filter still shows makes it look further, as far as
# that row, so that it stays current. 1,000 rather than 2,000 (as many as a list of
# 1,000 holds): at 50,000 households the median keystroke went from 0.96-1.06 to
# 0.57-0.85 ms and the filter step's longest stall from 28-30 to 16-30 ms, with the rows
# all in as soon (4 runs each, interleaved; docs/benchmarks.md).
SCAN_ROWS = 1000
# The work of one step of the rows' arrival (chunks, and the filter's looks further on):
# about this long, then the view paints. A paint of the list takes 10-20 ms; a paint after
# every chunk made 50,000 rows take 0.5-0.9 s to arrive, in steps of under 1 ms work each.
STEP_SECONDS = 0.008
NARROW_WIDTH = 900  # logical px of the screen (a window of ~1100): fewer columns
FILTER_MIN_CHARS = 16  # the filter's text field keeps at least this room, or the boxes wrap


class HouseholdTableModel(RowModel[HouseholdRow]):
    """The households list: eight columns, and per row the lower-cased text the filter
    searches (computed once per row, when the rows arrive)."""

    def __init__(self) -> None:
        super().__init__(())
        self.today: date | None = None  # set before the rows: "te laat" is relative to it
        level: Column[HouseholdRow] = household_level_column(
            self.tr("Level"), lambda r: r.concern_level, lambda r: r.last_visit_at is not None
        )
        self.columns = (
            replace(
                level,
                key=lambda r: (r.concern_level.rank if r.last_visit_at else -1, r.address),
            ),
            Column(self.tr("Address"), lambda r: r.address, key=lambda r: _address_key(r.address)),
            Column(self.tr("Household"), lambda r: r.label),
            Column(self.tr("Postcode"), lambda r: r.postcode, optional=True),
            Column(self.tr("Wijk"), lambda r: r.wijk, optional=True),
            Column(self.tr("Complex"), lambda r: r.complex_name),
            Column(
                self.tr("Next visit by"),
                lambda r: (
                    self.tr("{date} · late").format(date=short_date(r.next_check_in))
                    if self.late(r)
                    else short_date(r.next_check_in)
                ),
                key=lambda r: (r.next_check_in is None, r.next_check_in or date.max),
                colour=lambda r: OVERDUE_COLOUR if self.late(r) else None,
            ),
            Column(self.tr("Residents"), lambda r: str(r.residents), key=lambda r: r.residents),
        )
        self.haystacks: list[str] = []  # per row as given to set_rows
        self.chunk_rows = CHUNK_ROWS
        self.scan_rows = SCAN_ROWS

    def late(self, r: HouseholdRow) -> bool:
        return (
            self.today is not None and r.next_check_in is not None and r.next_check_in < self.today
        )

    def _per_row(self, rows: Sequence[HouseholdRow]) -> list[str]:
        return [
            f"{r.label} {r.address} {r.postcode} {r.postcode.replace(' ', '')} {r.city}"
            f" {r.wijk} {r.complex_name}".lower()
            for r in rows
        ]

    def _adopt_per_row(self, data: Any) -> None:
        self.haystacks = data


def _address_key(address: str) -> tuple[str, int, str]:
    """Kerkstraat 2 before Kerkstraat 10."""
    street, _, rest = address.rpartition(" ")
    number = re.match(r"\d+", rest)
    return (street.lower(), int(number.group()) if number else 0, rest)


class HouseholdFilterProxy(RowProxy[HouseholdRow]):
    """Filter by free text, complex, wijk and concern level."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.complex = ""
        self.wijk = ""
        self.level: ConcernLevel | None = None

    def set_filters(
        self,
        *,
        text: str | None = None,
        complex: str | None = None,
        wijk: str | None = None,
        level: ConcernLevel | str | None = "",
    ) -> None:
        new_text = self.text if text is None else text.strip().lower()
        new_complex = self.complex if complex is None else complex
        new_wijk = self.wijk if wijk is None else wijk
        new_level = self.level
        if level != "":
            new_level = level if isinstance(level, ConcernLevel) else None
        words = new_text.split()
        # Typing on (a word longer, a word more) or choosing where there was no choice only
        # hides rows: the model then looks only at the rows the last filter found and
        # those it had not looked at yet.
        narrows = (
            all(any(o in w for w in words) for o in self.text.split())
            and self.complex in ("", new_complex)
            and self.wijk in ("", new_wijk)
            and self.level in (None, new_level)
        )

        def change() -> None:
            self.text, self.complex, self.wijk = new_text, new_complex, new_wijk
            self.level = new_level

        self.refilter(change, narrows=narrows)

    def matcher(self, rows: Sequence[HouseholdRow]) -> Matcher | None:
        level, complex, wijk = self.level, self.complex, self.wijk
        # The longest word first: it leaves the fewest rows for the next.
        words = sorted(set(self.text.split()), key=len, reverse=True)
        if level is None and not complex and not wijk and not words:
            return None
        model = self.source()
        assert isinstance(model, HouseholdTableModel)
        hays: Sequence[str] = model.haystacks

        def match(positions: Sequence[int]) -> list[int]:
            found = positions
            for word in words:
                found = [i for i in found if word in hays[i]]
            if level is None and not complex and not wijk:
                return list(found)
            return [
                i
                for i in found
                if (level is None or rows[i].concern_level is level)
                and (not complex or rows[i].complex_name == complex)
                and (not wijk or rows[i].wijk == wijk)
            ]

        return match


class AddHouseholdDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id: str | None = None
        self.setWindowTitle(self.tr("New household"))
        form = QFormLayout()
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("e.g. fam. Jansen"))
        self.street = QLineEdit()
        self.number = QSpinBox()
        self.number.setRange(1, 99999)
        self.addition = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText("1234 AB")
        self.city = QLineEdit()
        self.wijk = QLineEdit()
        self.vhe = QLineEdit()
        self.resident = QLineEdit()
        rows = [
            (self.tr("Household"), self.label),
            (self.tr("Street"), self.street),
            (self.tr("Number"), self.number),
            (self.tr("Addition"), self.addition),
            (self.tr("Postcode"), self.postcode),
            (self.tr("City"), self.city),
            (self.tr("Wijk"), self.wijk),
            (self.tr("VHE code"), self.vhe),
            (self.tr("First resident"), self.resident),
        ]
        for text, widget in rows:
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        self.message = InlineMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def save(self) -> None:
        label, street, number = self.label.text(), self.street.text(), self.number.value()
        addition, postcode, city = self.addition.text(), self.postcode.text(), self.city.text()
        wijk, vhe = self.wijk.text(), self.vhe.text().strip() or None
        resident = self.resident.text().strip()

        def work(s: Any) -> str:
            addr = households.add_address(
                s,
                street=street,
                number=number,
                addition=addition,
                postcode=postcode,
                city=city,
                wijk=wijk,
                vhe_code=vhe,
            )
            hh = households.add_household(s, addr.id, label)
            if resident:
                households.add_resident(s, hh.id, resident)
            return hh.id

        def done(hid: str) -> None:
            self.household_id = hid
            self.accept()

        WriteOp(
            self.ctx, self, work, done, changes=Changes(households=True), message=self.message
        ).run()


class HouseholdsView(Screen):
    open_household = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = HouseholdTableModel()
        self.proxy = HouseholdFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.outer = lay = QVBoxLayout(self)
        self.head = head = QHBoxLayout()
        self.title = title = QLabel(self.tr("Households"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        head.addWidget(title)
        head.addStretch(1)
        self.count = QLabel()
        head.addWidget(self.count)
        self.add_button = QPushButton(self.tr("New household…"))
        head.addWidget(self.add_button)
        self.import_button = QPushButton(self.tr("Import addresses…"))
        head.addWidget(self.import_button)
        lay.addLayout(head)

        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by address, name, postcode…"))
        self.filter.setAccessibleName(self.tr("Filter households"))
        self.filter.setClearButtonEnabled(True)
        self.complex = QComboBox()
        self.complex.setAccessibleName(self.tr("Complex"))
        self.wijk = QComboBox()
        self.wijk.setAccessibleName(self.tr("Wijk"))
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Concern level"))
        self.level.addItem(self.tr("All levels"), None)
        for lv in ConcernLevel:
            self.level.addItem(level_word(lv), lv.value)
        self.bar = bar
        self.boxes = boxes = QHBoxLayout()
        boxes.addWidget(self.complex, 1)
        boxes.addWidget(self.wijk, 1)
        boxes.addWidget(self.level, 1)
        bar.addWidget(self.filter, 3)
        bar.addLayout(boxes, 3)
        lay.addLayout(bar)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        hold_rows(self.model, self.table)  # a filter keeps the current household current
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Households"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        set_row_height(self.table)
        self.note = ViewNote(self.table)  # "Zoeken…" or "no household matches" when empty
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self._first_load = True
        lay.addWidget(self.table)
        # Postcode and Wijk (also in the filter and the household page) give way first.
        self.narrow_hidden = [i for i, c in enumerate(self.model.columns) if c.optional]
        self.empty = QLabel(
            self.tr(
                "No households yet. Add one with “New household…”, or import addresses"
                " from your corporation’s system."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        lay.addWidget(self.empty)
        self.message = InlineMessage()
        lay.addWidget(self.message)

        self.proxy.rowsInserted.connect(lambda *_: self._update_count())  # a chunk arrived
        # One step of the rows' arrival per turn of the event loop; a new list or filter
        # only restarts it.
        self._fetching = QTimer(self)
        self._fetching.setSingleShot(True)
        self._fetching.setInterval(0)
        self._fetching.timeout.connect(self._fetch_more)
        self.filter.textChanged.connect(lambda t: self._filter(text=t))
        self.complex.currentIndexChanged.connect(
            lambda _i: self._filter(complex=self.complex.currentData() or "")
        )
        self.wijk.currentIndexChanged.connect(
            lambda _i: self._filter(wijk=self.wijk.currentData() or "")
        )
        self.level.currentIndexChanged.connect(self._level_changed)
        self.table.activated.connect(self._activated)
        self.add_button.clicked.connect(self.add_household)
        self.import_button.clicked.connect(self.import_addresses)

    def _filter(self, **kw: Any) -> None:
        self.proxy.set_filters(**kw)
        self._fetching.start()  # the first chunk is shown; the rest in the next steps
        self._update_count()

    def _level_changed(self, _i: int) -> None:
        data = self.level.currentData()
        self._filter(level=ConcernLevel(data) if data else None)

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        self.count.setText(
            self.tr("{shown} of {total}").format(
                shown=count_text(shown), total=count_text(self.model.total_rows())
            )
        )
        self._fit_head()
        # A filter that finds nothing in the rows it looked at leaves the list empty while
        # it looks further on (at 50,000 households a rare match takes some 25 steps of the
        # event loop): say so, and say it when it found none at all.
        note = ""
        if not shown and self.model.filtered() and self.model.total_rows():
            note = (
                self.tr("Searching…")
                if self.loading()
                else self.tr("No household matches the filter.")
            )
        self.note.say(note)

    def nav_title(self) -> str:
        return self.tr("Households")

    def affected_by(self, changes: Changes) -> bool:
        return changes.households

    def _fit_head(self) -> None:
        """The title gives way when the row with the count and the two buttons does not fit
        (1366x768 at 200 %: it was cut to "Huishoude" and pushed the buttons off the edge);
        the navigation still shows where the user is."""
        parts = (self.title, self.count, self.add_button, self.import_button)
        margins = self.outer.contentsMargins()
        needed = (
            sum(part.sizeHint().width() for part in parts)
            + self.head.spacing() * len(parts)
            + margins.left()
            + margins.right()
        )
        fits = needed <= self.width()
        if self.title.isVisibleTo(self) != fits:
            self.title.setVisible(fits)

    def _fit_boxes(self) -> None:
        """On a narrow screen the filter's text field gives way, not the boxes' words (at
        1366x768 and 200 % they read "Alle com" and "Alle wijk"), in the font of now; and
        where the field would keep less than FILTER_MIN_CHARS (at the window's smallest
        width it kept only its clear button), the boxes go to a row of their own under it."""
        widths = [first_item_width(box) for box in (self.complex, self.wijk, self.level)]
        for box, width in zip((self.complex, self.wijk, self.level), widths, strict=True):
            box.setMinimumWidth(width)
        margins = self.outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        room -= sum(widths) + self.bar.spacing() + 2 * self.boxes.spacing()
        wanted = FILTER_MIN_CHARS * self.filter.fontMetrics().averageCharWidth()
        stacked = room < wanted
        if stacked == (self.bar.direction() == QBoxLayout.Direction.TopToBottom):
            return
        self.bar.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.note.place()
        self._fit_head()
        self._fit_boxes()
        narrow = self.width() < NARROW_WIDTH
        for i in self.narrow_hidden:
            if self.table.isColumnHidden(i) != narrow:
                self.table.setColumnHidden(i, narrow)

    def refresh(self) -> None:
        # Everything but the reset is done on the worker: the query, the sort on the
        # header's column, the filter's text per row, the choices of the filter boxes.
        prepare, column, order = self.model.prepare, self.model.sort_column, self.model.sort_order

        def work(s: Session) -> HouseholdList:
            rows = households.list_households(s)
            return HouseholdList(
                prepare(rows, column, order),
                sorted({r.complex_name for r in rows if r.complex_name}),
                sorted({r.wijk for r in rows if r.wijk}),
            )

        QueryOp(self.ctx, self, work, self.show_list, message=self.message).run()

    def show_list(self, answer: HouseholdList) -> None:
        self.message.clear_message()
        self.model.today = self.ctx.today()
        for combo, values in ((self.complex, answer.complexes), (self.wijk, answer.wijken)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(
                self.tr("All complexes") if combo is self.complex else self.tr("All wijken"), ""
            )
            for v in values:
                combo.addItem(v, v)
            at = combo.findData(current)
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)
            if current and at < 0:  # its households went: "all" in the box and in the filter
                if combo is self.complex:
                    self.proxy.set_filters(complex="")
                else:
                    self.proxy.set_filters(wijk="")
        self._fit_boxes()
        self.model.show_prepared(answer.rows)  # the first CHUNK_ROWS; the rest on a timer
        self._fetching.start()
        rows = answer.rows.rows
        if self._first_load and rows:  # the first rows, not an empty first answer
            self._first_load = False
            # The header and the first rows shown (SAMPLE_ROWS), measured on their texts;
            # the last column stretches.
            last = self.model.columnCount() - 1
            widths = text_widths(self.table, self.model, range(last), grid=True)
            for i, width in widths.items():
                self.table.horizontalHeader().resizeSection(i, width)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self._update_count()

    def _fetch_more(self) -> None:
        """The next chunks of CHUNK_ROWS rows (or SCAN_ROWS looked at by the filter), for
        about STEP_SECONDS per step of the event loop, until all are in."""
        root = QModelIndex()
        until = time.perf_counter() + STEP_SECONDS
        while self.model.canFetchMore(root):  # (the view fetches too, when scrolled down)
            self.model.fetchMore(root)
            if time.perf_counter() >= until and self.loading():
                self._fetching.start()
                return
        self._update_count()  # all in: "Zoeken…" gives way, also when the last look found none

    def loading(self) -> bool:
        """Rows of the last answer, or of the filter, still arriving (CHUNK_ROWS at a time,
        and the rows the filter has not looked at yet)."""
        return self.model.canFetchMore(QModelIndex())

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if isinstance(row, HouseholdRow):
            self.open_household.emit(row.id)

    def add_household(self) -> None:
        dialog = AddHouseholdDialog(self.ctx, self)
        if dialog.exec() and dialog.household_id:  # the list refreshed on the announcement
            self.open_household.emit(dialog.household_id)

    def import_addresses(self) -> None:
        # Loaded on first use: the wizard and domain/address_import add ~70 ms to start-up.
        from waakvlam_desktop.ui.screens.address_import.wizard import (  # noqa: PLC0415
            ImportWizard,
        )

        ImportWizard(self.ctx, self).exec()  # an import announces itself: the list refreshes
