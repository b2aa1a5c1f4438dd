"""Lists and tables: a typed column spec, one model over plain rows, a sort/filter proxy and
a list view that sets its header up once.

Every list in the app is built the same way::

    columns = (
        level_column(self.tr("Level"), lambda c: c.level),
        Column(self.tr("Address"), lambda c: c.address),
        date_column(self.tr("Due"), lambda c: c.due),
    )
    self.overdue = RowView(RowModel(columns), self.tr("Overdue for a visit"))
    self.overdue.row_activated.connect(lambda c: self.open_household.emit(c.household_id))
    ...
    self.overdue.set_rows(overview.overdue)

Rows are plain frozen dataclasses from the layers below, handed over as they are. The
model is Qt's, so it is tested without a window: rows in, ``data()``, ``headerData()`` and
``sort()`` out. Sorting runs in the model with Python's sort on each column's key (fast for
20,000 rows, and a level sorts by urgency, a date by date); the proxy only filters. A click
on a column header sorts, a second click reverses, a third brings back the order the screen
gave (most urgent first, newest first).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from waakvlam_desktop.domain.types import ConcernLevel, household_level_label
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.widgets.common import level_colour, level_word, short_date, stamp

R = TypeVar("R")
# A filter: of these positions (in the model's given rows, in shown order), the ones shown.
Matcher = Callable[[Sequence[int]], list[int]]
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object behind an index (None: placeholder)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
UNSORTED = -1  # the sort "column" that means: in the order the screen gave
LATE = 10**7  # sorts a missing date after every real one
ROW_HEIGHT = 24  # every list row at least this tall (logical pixels: 24 px at 100 %)
SAMPLE_ROWS = 200  # columns fit the header and this many rows, not all 20,000
STRETCH_SHARE = 0.3  # the stretching column keeps at least this part of a narrow view
MIN_COLUMN = 72  # logical px: a fitted column never gives way below this
NARROW_VIEW = 900  # logical px (a window of ~1100): an ``optional`` column is hidden

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ROOT = 0  # internal id of a top-level index; a child's is its parent's row + 1
# A row's flags, made once: Qt asks for them per cell, and each ``|`` of two flags is a
# Python enum operation (~2 ms of Vandaag's first render, #16).
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_ROLES = frozenset({_DISPLAY, _FOREGROUND, _TOOLTIP, _ALIGNMENT, _ACCESSIBLE, ROW_ROLE})


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    """One column: its header and how a row shows, sorts and explains itself there."""

    header: str  # already translated by the screen: ``self.tr("Address")``
    text: Callable[[R], str]
    key: Callable[[R], Any] | None = None  # sort key; None sorts on the text, ignoring case
    align: Qt.AlignmentFlag | None = None  # None: Qt's default (left)
    tooltip: Callable[[R], str] | None = None
    colour: Callable[[R], str | None] | None = None  # text colour; never the only signal
    accessible: Callable[[R], str] | None = None  # what a screen reader says instead
    stretch: bool = False  # takes the width left over; the others fit their contents
    optional: bool = False  # low value: hidden while the view is narrower than NARROW_VIEW
    # The text wraps at the column's width and its row grows, instead of being cut (for the
    # stretching column: a narrow list keeps Vandaag's reasons readable).
    wrap: bool = False


def level_column(header: str, level: Callable[[R], ConcernLevel]) -> Column[R]:
    """A concern level in colour *and* word, sorted by urgency rather than alphabet."""
    return Column(
        header,
        lambda r: f"● {level_word(level(r))}",
        key=lambda r: level(r).rank,
        colour=lambda r: level_colour(level(r)),
        accessible=lambda r: level_word(level(r)),
    )


def household_level_column(
    header: str, level: Callable[[R], ConcernLevel], visited: Callable[[R], bool]
) -> Column[R]:
    """A household's level, or "nog niet bezocht" (grey, sorted below geen zorgen) before its
    first visit: a new household has no concerns recorded, which is not "geen zorgen"."""
    return Column(
        header,
        lambda r: f"● {household_level_label(level(r), visited(r))}",
        key=lambda r: level(r).rank if visited(r) else -1,
        colour=lambda r: level_colour(level(r)) if visited(r) else palette.NOT_VISITED,
        accessible=lambda r: household_level_label(level(r), visited(r)),
    )


def date_column(
    header: str,
    day: Callable[[R], date | None],
    colour: Callable[[R], str | None] | None = None,
) -> Column[R]:
    """``28-11-2026`` (an en dash when there is none), sorted by date, none last."""
    return Column(
        header,
        lambda r: short_date(day(r)),
        key=lambda r: _ordinal(day(r)),
        colour=colour,
    )


def stamp_column(header: str, moment: Callable[[R], datetime | None]) -> Column[R]:
    """A stored UTC moment as local ``28-11-2026 14:05``, sorted by time, none first."""
    return Column(header, lambda r: stamp(moment(r)), key=lambda r: _moment_key(moment(r)))


def number_column(header: str, number: Callable[[R], int | None]) -> Column[R]:
    """A count or sequence number: right-aligned, sorted as a number."""
    return Column(
        header,
        lambda r: _number_text(number(r)),
        key=lambda r: _number_key(number(r)),
        align=RIGHT,
    )


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day is not None else LATE


def _moment_key(moment: datetime | None) -> tuple[bool, datetime]:
    return (moment is not None, moment or datetime.min)


def _number_text(n: int | None) -> str:
    return "" if n is None else str(n)


def _number_key(n: int | None) -> tuple[bool, int]:
    return (n is not None, n or 0)


def row_height(widget: QWidget) -> int:
    """The one row height of every list: ``ROW_HEIGHT``, or more for a large font."""
    return max(ROW_HEIGHT, widget.fontMetrics().height() + 8)


def scroll_bar_extent(view: QWidget) -> int:
    """How thick a scroll bar of ``view`` is, in its style."""
    return view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)


def cell_margin(view: QWidget) -> int:
    """What QStyledItemDelegate adds to a cell's text across: PM_FocusFrameHMargin + 1 on
    each side, and a pixel for Qt's text layout rounding (a pixel short elides the text)."""
    frame = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    return 2 * (frame + 1) + 1


def rows_height(view: QTreeView, rows: int) -> int:
    """The height ``view`` needs for its header and ``rows`` rows of :func:`row_height`
    whole, with its frame and room for a sideways scroll bar."""
    return (
        view.header().sizeHint().height()
        + rows * row_height(view)
        + 2 * view.frameWidth()
        + scroll_bar_extent(view)
    )


def set_row_height(table: QTableView) -> None:
    """A table (``QTableView``/``QTableWidget``) gets the rows of every other list, and fits
    its columns on a sample rather than on every row."""
    rows = table.verticalHeader()
    height = row_height(table)
    rows.setMinimumSectionSize(height)
    rows.setDefaultSectionSize(height)
    rows.setResizeContentsPrecision(SAMPLE_ROWS)
    table.horizontalHeader().setResizeContentsPrecision(SAMPLE_ROWS)


def text_widths(
    view: QAbstractItemView,
    model: RowModel[Any],
    columns: Iterable[int],
    *,
    grid: bool = False,
) -> dict[int, int]:
    """The widths Qt's ``resizeColumnToContents`` gives ``columns`` (the header, and the
    text of the first ``SAMPLE_ROWS`` rows shown), measured on the texts the model already
    holds: Qt would ask the model and the delegate for every cell and role, a call back
    into Python each (~0.1–0.2 ms a cell: most of fitting a list). In a tree the rows shown
    are the top-level rows and the children of the expanded ones, in view order, and the
    tree's column adds the indentation of each row's level, as Qt's does."""
    metrics = QFontMetricsF(view.font())  # fractional, rounded up as Qt's text layout does
    margin = cell_margin(view)  # QStyledItemDelegate's, around the text
    shown = view.model()
    proxy_rows = range(min(shown.rowCount(), SAMPLE_ROWS))
    positions: Sequence[int] = proxy_rows
    # A RowProxy shows the model's rows as they are (the model sorts and filters): no
    # mapping, which costs two calls into Qt a row.
    if isinstance(shown, QSortFilterProxyModel) and not isinstance(shown, RowProxy):
        positions = [shown.mapToSource(shown.index(i, 0)).row() for i in proxy_rows]
    texts = model.texts_at(positions)
    indents = [0] * len(texts)
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    tree_column = -1
    if isinstance(view, QTreeView):
        header = view.header()
        if model.child_rows is not None:
            texts, indents = _tree_texts(view, model, list(proxy_rows), positions, texts)
            tree_column = view.treePosition()
    assert header is not None
    widths = {}
    for column in columns:
        indented = indents if column == tree_column else [0] * len(texts)
        content = max(
            (
                math.ceil(metrics.horizontalAdvance(line)) + indent
                for row, indent in zip(texts, indented, strict=True)
                for line in row[column].split("\n")
            ),
            default=-margin,
        )
        widths[column] = max(content + margin + (1 if grid else 0), header.sectionSizeHint(column))
    return widths


def _tree_texts(
    view: QTreeView,
    model: RowModel[Any],
    proxy_rows: list[int],
    positions: Sequence[int],
    texts: list[tuple[str, ...]],
) -> tuple[list[tuple[str, ...]], list[int]]:
    """The texts of a tree's rows in view order (an expanded row's children under it, at
    most ``SAMPLE_ROWS`` rows) and each row's indentation: a level's ``indentation()``,
    one more with the root decorated."""
    step = view.indentation()
    top = step if view.rootIsDecorated() else 0
    if len(texts) != len(positions):  # texts_at left positions out: none to pair with
        return texts, [top] * len(texts)
    shown = view.model()
    rows: list[tuple[str, ...]] = []
    indents: list[int] = []
    for proxy_row, position, row_texts in zip(proxy_rows, positions, texts, strict=True):
        rows.append(row_texts)
        indents.append(top)
        if view.isExpanded(shown.index(proxy_row, 0)):
            for child in model.child_texts(position):
                rows.append(child)
                indents.append(top + step)
        if len(rows) >= SAMPLE_ROWS:
            break
    return rows[:SAMPLE_ROWS], indents[:SAMPLE_ROWS]


class RowDelegate(QStyledItemDelegate):
    """Paints cells as Qt does; a row is never lower than :func:`row_height`, and a cell of
    two or more lines has the room above and below its text that a one-line row has."""

    def __init__(self, height: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.height = height

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        height = size.height()
        line = option.fontMetrics.lineSpacing()
        if height >= 2 * line:  # lines of text: the room above and below a one-line row's
            height += max(self.height - line, 0)
        return QSize(size.width(), max(height, self.height))


class WrapDelegate(RowDelegate):
    """A :class:`RowDelegate` for a ``wrap`` column of ``view``: its text wraps at the
    column's width, and its row is as high as the wrapped text. Set for that column only:
    every cell it paints calls back into Python (``initStyleOption``), which the other
    columns, and the other lists, need not."""

    def __init__(self, height: int, view: QTreeView) -> None:
        super().__init__(height, view)
        self.view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # Qt asks for a row's height with no width (-1), and Qt's style wraps only in a
        # valid rectangle: the wrapped text's height needs the column's width.
        option = QStyleOptionViewItem(option)
        option.rect = QRect(0, 0, self.view.columnWidth(index.column()), self.height)
        return super().sizeHint(option, index)


@dataclass(frozen=True, slots=True)
class PreparedRows(Generic[R]):
    """Rows made ready for a :class:`RowModel` off the GUI thread (:meth:`RowModel.prepare`)."""

    rows: list[R]  # as given
    order: list[int]  # shown position -> position in ``rows``
    sort_column: int
    sort_order: Qt.SortOrder
    per_row: Any  # what the model's ``_per_row`` made


def _sorted_positions(
    columns: Sequence[Column[R]], rows: Sequence[R], column: int, order: Qt.SortOrder
) -> list[int]:
    """Positions in ``rows`` in the order of ``column``'s key (or text, ignoring case)."""
    positions = list(range(len(rows)))
    if not 0 <= column < len(columns):
        return positions
    spec = columns[column]
    key = spec.key
    keys = [key(r) for r in rows] if key is not None else [spec.text(r).casefold() for r in rows]
    return _stable_sort(positions, keys, order)


def _stable_sort(positions: list[int], keys: list[Any], order: Qt.SortOrder) -> list[int]:
    # Python's sort is stable, also in reverse: rows with equal keys keep the given order.
    return sorted(positions, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)


class RowModel(QAbstractItemModel, Generic[R]):
    """Plain rows in; text per cell computed once, on first use; sorting on column keys.

    ``data()`` is called for every painted cell and every role, so it only looks things
    up. With ``children`` a row can hold rows of its own (one level deep, same columns:
    a visit and its signals). With ``empty`` an empty model shows one row that says so
    (``empty_column`` places the sentence under the right header); it is not selectable
    and has no row object.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        children: Callable[[R], Sequence[R]] | None = None,
        empty: str = "",
        empty_column: int = 0,
    ) -> None:
        super().__init__()
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self.child_rows = children
        self.empty = empty
        self.empty_column = empty_column
        self.sort_column = UNSORTED
        self.sort_order = Qt.SortOrder.AscendingOrder
        # How many rows are shown: the first of ``_order`` (fetched so far: ``chunk_rows``).
        # A count, not a list of the rows: at 50,000 households the first keystroke after
        # every row had arrived spent 0.45 ms releasing that list (``rows`` makes one).
        self._shown = 0
        # None: every row at once. A number: the first that many rows at a reset or a new
        # filter, the rest through ``fetchMore`` (Qt's fetch-on-demand) that many at a time.
        self.chunk_rows: int | None = None
        # With ``chunk_rows``: the most rows a filter looks at in one step (None: as many as
        # it takes to find a chunk). A filter that matches few of 50,000 rows then costs a
        # keystroke no more than one that matches many; its rows arrive through fetchMore.
        self.scan_rows: int | None = None
        self._given: list[R] = []  # as the screen gave them
        self._sorted: list[int] = []  # every row in the sort order, as positions in ``_given``
        # The filter (a RowProxy's ``matcher``): which of some given rows are shown; None:
        # all. Filtering happens here, in Python passes over lists, not in the proxy's
        # filterAcceptsRow, which Qt calls back into Python once per row (10,000 calls a
        # keystroke). It looks along ``_unseen`` in order, as far as the rows shown need.
        self.shown_filter: Callable[[list[R]], Matcher | None] | None = None
        self._match: Matcher | None = None
        # What the filter has still to look at, in the sort order: parts of position lists,
        # each (positions, from where). Not copied: at 50,000 rows a copy per keystroke
        # cost more than the filter's look at the first rows.
        self._unseen: list[tuple[list[int], int]] = []
        self._order: list[int] = []  # shown position -> position in ``_given``: found so far
        # The indexes (of this model) of the rows a view holds as current or selected
        # (:func:`hold_rows`): a new filter looks as far as those it still shows, so that
        # they stay current past the first chunk.
        self.held_rows: Callable[[], list[QModelIndex]] | None = None
        self._texts: list[tuple[str, ...] | None] = []  # per given row, filled on first use
        self._brushes: dict[str, QBrush] = {}

    @property
    def rows(self) -> list[R]:
        """The rows shown, in their order (a new list each time; the model keeps their
        positions in ``_given``)."""
        return [self._given[i] for i in self._order[: self._shown]]

    # ---- rows in -------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[R]) -> None:
        """Replace every row; the current sort (a header click) is kept."""
        self.show_prepared(self.prepare(rows, self.sort_column, self.sort_order), chunked=False)

    def prepare(self, rows: Iterable[R], column: int, order: Qt.SortOrder) -> PreparedRows[R]:
        """The part of ``set_rows`` that touches no Qt object: rows sorted on ``column``
        and the per-row data of :meth:`_per_row`. Safe on the worker thread (it reads only
        the columns), so a long list costs the GUI thread only the reset."""
        given = list(rows)
        return PreparedRows(
            given,
            _sorted_positions(self.columns, given, column, order),
            column,
            order,
            self._per_row(given),
        )

    def show_prepared(self, prepared: PreparedRows[R], *, chunked: bool = True) -> None:
        """Show rows from :meth:`prepare` (sorted again if the sort changed meanwhile); with
        ``chunked`` and ``chunk_rows`` set, only the first ``chunk_rows`` of them yet."""
        if (prepared.sort_column, prepared.sort_order) != (self.sort_column, self.sort_order):
            order = _sorted_positions(
                self.columns, prepared.rows, self.sort_column, self.sort_order
            )
        else:
            order = prepared.order
        chunk = self.chunk_rows if chunked else None
        self.beginResetModel()
        self._given = prepared.rows
        self._texts = [None] * len(self._given)
        self._adopt_per_row(prepared.per_row)
        self._sorted = order
        self._start_filter(self._ask_filter(), [(order, 0)])
        self._find(chunk)
        first = len(self._order) if chunk is None else min(len(self._order), chunk)
        self._shown = first
        self.endResetModel()

    def _ask_filter(self) -> Matcher | None:
        return self.shown_filter(self._given) if self.shown_filter is not None else None

    def _start_filter(self, match: Matcher | None, unseen: list[tuple[list[int], int]]) -> None:
        """Filter with ``match`` from now on; it will look at ``unseen`` from the start."""
        self._match = match
        if match is None:  # every row shown, in the sort order: nothing to look at
            self._unseen, self._order = [], self._sorted
        else:
            self._unseen, self._order = unseen, []

    def _find(self, wanted: int | None) -> None:
        """Let the filter look further along ``_unseen`` until ``wanted`` rows are found
        (None: to the end), and at most ``scan_rows`` rows when ``wanted`` is given."""
        match, unseen, found = self._match, self._unseen, self._order
        if match is None:
            return
        every = len(self._given)
        left = every if wanted is None or self.scan_rows is None else max(1, self.scan_rows)
        block = every if wanted is None or not self.chunk_rows else max(1, self.chunk_rows)
        while unseen and left > 0 and (wanted is None or len(found) < wanted):
            positions, at = unseen[0]
            end = min(len(positions), at + block, at + left)
            found.extend(match(positions[at:end]))
            left -= end - at
            if end < len(positions):
                unseen[0] = (positions, end)
            else:
                del unseen[0]

    def _filter_done(self) -> bool:
        return not self._unseen

    def refilter(self, *, narrows: bool = False) -> None:
        """Ask ``shown_filter`` again and show the rows it accepts (sorted as before): with
        ``chunk_rows``, the first chunk of them (the rest through fetchMore). ``narrows``:
        the new filter shows no row the last one hid, so it only looks at the rows that one
        found and those it had not looked at yet. The rows still shown keep their
        selection (also further down than the first chunk: the filter then looks as far as
        the current or selected row, when it still shows it); the view lays out once."""
        was_filtered = self.filtered()
        match = self._ask_filter()
        if match is None and not was_filtered:
            return
        old_order = self._order
        kept = self._held(old_order)
        self.layoutAboutToBeChanged.emit()
        if narrows and was_filtered:
            unseen = [(old_order, 0), *self._unseen]
        else:
            unseen = [(self._sorted, 0)]
        self._start_filter(match, unseen)
        chunk = self.chunk_rows
        self._find(chunk)
        shown = self._order if chunk is None else self._order[: self._reach(chunk, kept)]
        self._move_persistent(old_order, shown)
        self._shown = len(shown)
        self.layoutChanged.emit()

    def _held(self, order: list[int]) -> list[int]:
        """The rows (positions in ``_given``) a view holds as current or selected
        (``held_rows``; a child's: its parent's). Not every persistent index: a header
        keeps one in row 0 for each column it sized, which no filter should look for."""
        rows = set()
        for index in self.held_rows() if self.held_rows is not None else ():
            if not index.isValid() or index.model() is not self:
                continue
            parent = index.internalId()
            at = index.row() if parent == _ROOT else parent - 1
            if 0 <= at < len(order):
                rows.add(order[at])
        return sorted(rows)

    def _reach(self, chunk: int, kept: list[int]) -> int:
        """How many of the found rows to show after a new filter: the first ``chunk``, and
        as far as the last of the ``kept`` rows the filter shows (found, if need be, by
        looking on; only a kept row the filter shows costs that look)."""
        match = self._match
        wanted = set(kept if match is None else match(kept))
        reach, start = chunk, 0
        while True:
            found = self._order
            for row in list(wanted):
                try:
                    at = found.index(row, start)
                except ValueError:
                    continue
                wanted.discard(row)
                reach = max(reach, at + 1)
            if not wanted or not self._unseen:
                return reach
            start = len(found)
            self._find(start + 1)

    def _move_persistent(self, old_order: list[int], shown: list[int]) -> None:
        """Persistent indexes (selection, current row) follow their rows to their new shown
        positions (``shown``: positions in ``_given``); those of rows no longer shown
        become invalid."""
        old_indexes = self.persistentIndexList()
        if not old_indexes:
            return
        now_at = {given: at for at, given in enumerate(shown)}
        new_indexes = []
        for old in old_indexes:
            parent = old.internalId()
            at = old.row() if parent == _ROOT else parent - 1
            new_at = now_at.get(old_order[at]) if 0 <= at < len(old_order) else None
            if new_at is None:
                new_indexes.append(QModelIndex())
            elif parent == _ROOT:
                new_indexes.append(self.createIndex(new_at, old.column(), _ROOT))
            else:
                new_indexes.append(self.createIndex(old.row(), old.column(), new_at + 1))
        self.changePersistentIndexList(old_indexes, new_indexes)

    def total_rows(self) -> int:
        """Every row given, also those not yet fetched (``chunk_rows``)."""
        return len(self._given)

    def filtered(self) -> bool:
        """Whether a filter hides rows now (its ``shown_filter`` gave a matcher)."""
        return self._match is not None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and (self._shown < len(self._order) or not self._filter_done())

    def fetchMore(self, parent: Index) -> None:
        """The next ``chunk_rows`` rows (the view asks when it scrolls to the end; a screen
        can ask on a timer, so a long list arrives in steps the GUI thread takes in stride).
        A filter that has not looked at every row yet looks further (``scan_rows``): a step
        may find no row to add."""
        if parent.isValid():
            return
        start = self._shown
        wanted = None if self.chunk_rows is None else start + self.chunk_rows
        self._find(wanted)
        end = len(self._order) if wanted is None else min(wanted, len(self._order))
        if end <= start:
            return
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self._shown = end
        self.endInsertRows()

    def _per_row(self, rows: Sequence[R]) -> Any:
        """Data a subclass keeps per row (the filter's text, say), made with the rows in
        :meth:`prepare` (possibly on the worker: no Qt here)."""
        return None

    def _adopt_per_row(self, data: Any) -> None:
        """Keep what :meth:`_per_row` made (on the GUI thread)."""

    def _texts_of(self, given: int) -> tuple[str, ...]:
        """The texts of a row's cells, by its position in ``_given``; cached."""
        texts = self._texts[given]
        if texts is None:
            texts = self._texts[given] = self._cell_texts(self._given[given])
        return texts

    def _cell_texts(self, row: R) -> tuple[str, ...]:
        return tuple(c.text(row) for c in self.columns)

    def texts_at(self, positions: Iterable[int]) -> list[tuple[str, ...]]:
        """The cell texts of the top-level rows at these shown positions (the placeholder's
        sentence, under its column, when there are no rows)."""
        if not self._shown:
            if not self.empty or self._given:  # nothing given, or everything filtered out
                return []
            return [
                tuple(
                    self.empty if i == self.empty_column else "" for i in range(len(self.columns))
                )
            ]
        return [self._texts_of(self._order[p]) for p in positions if 0 <= p < self._shown]

    def _children_of(self, position: int) -> Sequence[R]:
        if self.child_rows is None:
            return ()
        return self.child_rows(self._given[self._order[position]])

    def child_texts(self, position: int) -> list[tuple[str, ...]]:
        """The cell texts of the children of the top-level row at this shown position."""
        if not 0 <= position < self._shown:
            return []
        return [self._cell_texts(child) for child in self._children_of(position)]

    # ---- sorting -------------------------------------------------------------------------
    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        if 0 <= column < len(self.columns) and self.columns[column].key is None:
            # the text, ignoring case (the texts computed on the way are kept)
            positions = list(range(len(self._given)))
            keys = [self._texts_of(i)[column].casefold() for i in positions]
            return _stable_sort(positions, keys, order)
        return _sorted_positions(self.columns, self._given, column, order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column`` (``UNSORTED``: the given order); selections follow their rows."""
        if column >= len(self.columns) or column < UNSORTED:
            return
        self.sort_column, self.sort_order = column, order
        if self.canFetchMore(QModelIndex()):  # rows still arriving: all of them first
            chunk, self.chunk_rows = self.chunk_rows, None
            self.fetchMore(QModelIndex())
            self.chunk_rows = chunk
        self.layoutAboutToBeChanged.emit()
        self._sorted = self._sorted_order(column, order)
        # Every row has been looked at (above): the rows shown are known, only their order
        # is new.
        old_order = self._order
        if self._match is None:
            self._order = self._sorted
        else:
            shown = set(old_order)
            self._order = [i for i in self._sorted if i in shown]
        self._move_persistent(old_order, self._order)
        self._shown = len(self._order)
        self.layoutChanged.emit()

    # ---- Qt's model interface ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if not self.hasIndex(row, column, parent):
                return QModelIndex()
            return self.createIndex(row, column, parent.row() + 1)
        # A top-level index without hasIndex(): that calls rowCount() and columnCount() back
        # in Python, and Qt asks for an index for every cell it paints or measures (through
        # the proxy, once per role): this was most of the time of fitting Vandaag's lists.
        shown = self._shown or (1 if self.empty and not self._given else 0)
        if 0 <= row < shown and 0 <= column < len(self.columns):
            return self.createIndex(row, column, _ROOT)
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: Index) -> QModelIndex: ...

    def parent(self, child: Index | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == _ROOT:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _ROOT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self._shown or (1 if self.empty and not self._given else 0)
        if parent.internalId() != _ROOT or parent.column() != 0 or not self._shown:
            return 0
        return len(self._children_of(parent.row()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._shown:  # the placeholder
            return Qt.ItemFlag.ItemIsEnabled
        if self.child_rows is None or index.internalId() != _ROOT:
            return _LEAF_FLAGS
        return _ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == _DISPLAY:
            return self.columns[section].header
        if role == _ALIGNMENT:
            align = self.columns[section].align
            return None if align is None else align.value
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        if not self._shown:  # the placeholder
            if role == _DISPLAY and index.column() == self.empty_column:
                return self.empty
            return None
        parent = index.internalId()
        if parent == _ROOT:
            if role == _DISPLAY:
                return self._texts_of(self._order[index.row()])[index.column()]
            row = self._given[self._order[index.row()]]
        else:
            row = self._children_of(parent - 1)[index.row()]
        column = self.columns[index.column()]
        if role == _DISPLAY:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == _FOREGROUND:
            colour = column.colour(row) if column.colour is not None else None
            return self._brush(colour) if colour else None
        if role == _ALIGNMENT:
            return None if column.align is None else column.align.value
        if role == _TOOLTIP:
            return column.tooltip(row) if column.tooltip is not None else None
        # _ACCESSIBLE
        return column.accessible(row) if column.accessible is not None else None

    def _brush(self, colour: str) -> QBrush:
        brush = self._brushes.get(colour)
        if brush is None:
            brush = self._brushes[colour] = QBrush(QColor(colour))
        return brush


class RowProxy(QSortFilterProxyModel, Generic[R]):
    """Says which rows are shown; sorting and filtering are the source model's job (its
    keys, Python's sort; :meth:`RowModel.refilter`).

    A subclass decides with :meth:`accepted`, for all rows at once, or with :meth:`matcher`,
    for the rows the model asks about (Python loops over lists, not a call per row from
    Qt: this class leaves ``filterAcceptsRow`` to Qt, which accepts every row without
    calling Python); child rows follow their parent. Change what it filters on inside
    :meth:`refilter`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._model: RowModel[R] | None = None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        assert isinstance(model, RowModel)
        if self._model is not None and self._model is not model:
            self._model.shown_filter = None
            self._model.refilter()
        self._model = model
        super().setSourceModel(model)
        model.shown_filter = self.matcher
        model.refilter()

    def source(self) -> RowModel[R]:
        assert self._model is not None
        return self._model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def accepted(self, rows: Sequence[R]) -> Sequence[bool] | None:
        """Which of ``rows`` (the model's rows as given to ``set_rows``) are shown; None
        shows all."""
        return None

    def matcher(self, rows: Sequence[R]) -> Matcher | None:
        """Which of some positions in ``rows`` are shown, for the model to ask as far as it
        needs; None shows all. By default from :meth:`accepted`."""
        mask = self.accepted(rows)
        if mask is None:
            return None
        return lambda positions: [i for i in positions if mask[i]]

    def refilter(
        self, change: Callable[[], object] = lambda: None, *, narrows: bool = False
    ) -> None:
        """Apply ``change`` (to the filter's own fields) and filter again; ``narrows``: the
        new filter hides every row the last one hid (:meth:`RowModel.refilter`)."""
        change()
        if self._model is not None:
            self._model.refilter(narrows=narrows)


def hold_rows(model: RowModel[Any], view: QAbstractItemView) -> None:
    """Tell ``model`` which of its rows ``view`` (over ``model`` or a proxy of it) holds as
    current or selected (:attr:`RowModel.held_rows`)."""

    def held() -> list[QModelIndex]:
        selection = view.selectionModel()
        if selection is None:
            return []
        indexes = [selection.currentIndex(), *selection.selectedRows()]
        shown = view.model()
        if isinstance(shown, QSortFilterProxyModel):
            return [shown.mapToSource(i) for i in indexes if i.isValid()]
        return [i for i in indexes if i.isValid()]

    model.held_rows = held


class RowView(QTreeView, Generic[R]):
    """A list over a :class:`RowModel`: headers from the model, set up once; sortable by
    clicking a header; one row selected at a time; every row :func:`row_height` tall;
    columns sized to their header and contents (the first ``SAMPLE_ROWS`` rows) each time
    rows arrive (the ``stretch`` column, or else the last, takes the width left over).
    """

    row_activated = Signal(object)  # the row: double-click or Enter
    current_changed = Signal(object)  # the current row, or None

    def __init__(
        self,
        model: RowModel[R],
        accessible_name: str,
        proxy: RowProxy[R] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy: RowProxy[R] = proxy if proxy is not None else RowProxy()
        self.proxy.setParent(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        hold_rows(model, self)
        self.setAccessibleName(accessible_name)
        self.setRootIsDecorated(model.child_rows is not None)
        wrapped = frozenset(i for i, c in enumerate(model.columns) if c.wrap)
        self.setUniformRowHeights(model.child_rows is None and not wrapped)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTreeView.SelectionMode.SingleSelection)
        self.setItemDelegate(RowDelegate(row_height(self), self))
        for column in wrapped:
            self.setItemDelegateForColumn(column, WrapDelegate(row_height(self), self))
        header = self.header()
        if wrapped:  # a wrapped column's new width: its rows' heights again
            header.sectionResized.connect(
                lambda i, old, new: (
                    self.scheduleDelayedItemsLayout() if i in wrapped and old != new else None
                )
            )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        stretch = [i for i, c in enumerate(model.columns) if c.stretch]
        header.setStretchLastSection(not stretch)
        for i in stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(model.sort_column, model.sort_order)
        self.setSortingEnabled(True)
        self.activated.connect(self._activated)
        selection = self.selectionModel()
        selection.currentChanged.connect(lambda _c, _p: self.current_changed.emit(self.current()))
        self._last_width: int | None = None
        # The stretching column keeps at least this many pixels (as far as the others can
        # give way): a wrapped column its longest word, say.
        self.stretch_min = 0
        model.modelReset.connect(self.fit_columns)
        model.layoutChanged.connect(self._forget_last_width)
        self.expanded.connect(self._forget_last_width)
        self.collapsed.connect(self._forget_last_width)

    def set_rows(self, rows: Iterable[R]) -> None:
        self.source.set_rows(rows)

    def fit_columns(self) -> None:
        """Size every column to its header and contents, except the one that stretches;
        then :meth:`share_width`."""
        header = self.header()
        last = len(self.source.columns) - 1
        self._content_widths: dict[int, int] = {}
        self._capped: set[int] = set()
        fitted = [
            i
            for i, column in enumerate(self.source.columns)
            if not column.stretch and not (i == last and header.stretchLastSection())
        ]
        keeps = self._last_keeps_contents() and last not in fitted
        widths = text_widths(self, self.source, [*fitted, last] if keeps else fitted)
        self._last_width = widths.pop(last) if keeps else None
        for i, width in widths.items():
            header.resizeSection(i, width)
            self._content_widths[i] = width
        self.share_width()

    def content_width(self, column: int) -> int | None:
        """The width of a fitted column's header and contents at the last fit (None: not
        fitted yet, or the column stretches)."""
        return getattr(self, "_content_widths", {}).get(column)

    def _last_keeps_contents(self) -> bool:
        """No column stretches: the last one fills the rest and keeps its contents."""
        return not any(c.stretch for c in self.source.columns)

    def _forget_last_width(self) -> None:
        """The rows measured changed (sorted, filtered, a row expanded or collapsed) or the
        font did: measure again, and share the width by the new measure."""
        self._last_width = None
        self.share_width()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._forget_last_width()

    def share_width(self) -> None:
        """When the view is too narrow, the widest fitted columns give way (their text cut,
        the whole in the cell's tooltip where the screen gives one) so the stretching column
        keeps at least ``STRETCH_SHARE`` of the width (its text matters most) and
        ``stretch_min``, or the last column stays in sight whole."""
        widths = getattr(self, "_content_widths", {})
        if not widths:
            return
        header = self.header()
        shown = {i: w for i, w in widths.items() if not header.isSectionHidden(i)}
        if not self._last_keeps_contents():
            keep = max(int(self.viewport().width() * STRETCH_SHARE), self.stretch_min)
        else:  # measured once per fit, not at every resize
            if self._last_width is None:
                last = header.count() - 1
                self._last_width = text_widths(self, self.source, [last])[last]
            keep = self._last_width
        room = self.viewport().width() - keep
        cap = max(shown.values(), default=0)
        while cap > MIN_COLUMN and sum(min(w, cap) for w in shown.values()) > room:
            cap = max(MIN_COLUMN, cap - 8)
        capped: set[int] = getattr(self, "_capped", set())
        for i, w in shown.items():  # a width the user dragged is left alone
            if w > cap:
                header.resizeSection(i, cap)
                capped.add(i)
            elif i in capped:
                header.resizeSection(i, w)
                capped.discard(i)
        self._capped = capped

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW_VIEW
        for i, column in enumerate(self.source.columns):
            if column.optional and self.isColumnHidden(i) != narrow:
                self.setColumnHidden(i, narrow)
        self.share_width()

    def current(self) -> R | None:
        """The current row (None: none, or the placeholder)."""
        return self.row_at(self.currentIndex())

    def row_at(self, index: Index) -> R | None:
        row: R | None = self.proxy.data(index, ROW_ROLE) if index.isValid() else None
        return row

    def shown_rows(self) -> list[R]:
        """The top-level rows as they are shown: filtered and sorted."""
        rows = (self.row_at(self.proxy.index(i, 0)) for i in range(self.proxy.rowCount()))
        return [r for r in rows if r is not None]

    def cell(self, position: int, column: int) -> str:
        """The text shown in a top-level cell."""
        return str(self.proxy.index(position, column).data() or "")

    def select(self, wanted: Callable[[R], bool]) -> bool:
        """Make the first shown row for which ``wanted`` holds the current one."""
        for i in range(self.proxy.rowCount()):
            index = self.proxy.index(i, 0)
            row = self.row_at(index)
            if row is not None and wanted(row):
                self.setCurrentIndex(index)
                return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        row = self.row_at(index)
        if row is not None:
            self.row_activated.emit(row)


class ViewNote(QLabel):
    """One line in the middle of a list's empty area: what the list is doing, or why it
    shows nothing. A child of the view laid over its viewport (nothing moves when it comes
    and goes, and a sideways scroll of the empty list does not carry it off); no event
    filter, so no event of the view passes through Python for it. The owner calls
    :meth:`place` when the view may have changed size. Screen readers get the text as the
    view's accessible description."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {palette.MUTED};")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text`` over the view's empty area; an empty text hides the note."""
        if text != self.text():
            self.setText(text)
            self.view.setAccessibleDescription(text)
        if text:
            self.place()
        self.setVisible(bool(text))

    def place(self) -> None:
        """Over the viewport, in the view's coordinates (headers and scroll bars stay free)."""
        self.setGeometry(self.view.viewport().geometry())
