"""Overzicht: the team's dashboard. Tiles and five charts, filtered by complex and wijk.

The figures come from ``domain/overview.py``, one table per background task: the cheap
table (households per level) comes first and paints the first tiles and chart, the other
charts fill in as their results arrive. A filter change starts a new round; the queued
tables of an older round are cancelled and its results dropped. Every chart can be saved
as PNG and its numbers as CSV (written on the worker).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain import overview as ov
from waakvlam_desktop.domain.neighbourhood import neighbourhood_per_month
from waakvlam_desktop.domain.overview import FilterOptions, OverviewFilter, Table
from waakvlam_desktop.domain.types import ConcernLevel, ReferralStatus
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, TaskHandle, show_failure
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.turns import on_a_later_turn
from waakvlam_desktop.ui.widgets.common import (
    Card,
    InlineMessage,
    Lang,
    count_text,
    level_colour,
    level_word,
    month_name,
)

TOP_COMPLEXES = 10  # the overdue chart shows the complexes with the most; the CSV has all
TILE_KEYS = ("households", "overdue", "visits_12_months", "signals_12_months", "referrals_open")
# The table each tile counts from.
TILE_SOURCES = {
    "households": "households_per_level",
    "overdue": "overdue_per_complex",
    "visits_12_months": "visits_per_month",
    "signals_12_months": "signals_per_domain_month",
    "referrals_open": "referrals_per_partner_type",
}
OPTIONS = "options"  # the filter's drop-downs, asked beside the tables
OPEN_REFERRAL = (ReferralStatus.VERSTUURD, ReferralStatus.ONTVANGEN, ReferralStatus.IN_BEHANDELING)
# Statuses get fixed colours so a legend means the same in every chart and export.
STATUS_COLOURS = {
    ReferralStatus.CONCEPT.value: "#9aa5ad",
    ReferralStatus.VERSTUURD.value: "#4a90c2",
    ReferralStatus.ONTVANGEN.value: "#2f6f9f",
    ReferralStatus.IN_BEHANDELING.value: "#e0a030",
    ReferralStatus.AFGESLOTEN.value: "#3f8f5a",
    ReferralStatus.GEANNULEERD.value: "#b04a4a",
}

# Distinct line colours for up to 8 domains (the theme's palette repeats after five).
LINE_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
)


# ---- writing files -------------------------------------------------------------------------
def export_csv(table: Table, path: Path, language: str) -> None:
    """The chart's numbers for Dutch Excel (``domain.overview.to_csv``), on the worker."""
    text = ov.to_csv(table, language)
    write_atomic(Path(path), text.encode("utf-8"), overwrite=True)


def chart_png(view: QChartView) -> bytes:
    """The chart as shown, as PNG (on the GUI thread: it paints the widget)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not view.grab().save(buffer, "PNG"):
        raise OSError("PNG not written")
    return bytes(data.data())


def month_label(key: str) -> str:
    """``2026-03`` → ``mrt`` / ``Mar``; January with the year: ``jan 26``."""
    year, month = key.split("-")
    short = month_name(int(month))
    return f"{short} {year[2:]}" if month == "01" else short


# ---- one chart -----------------------------------------------------------------------------
class ChartCard(Card):
    """A chart with its export buttons; a text instead of the chart when there is nothing."""

    def __init__(
        self, ctx: AppContext, key: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.ctx = ctx
        self.key = key
        self.table: Table | None = None
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.legend().setFont(_small_font())
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(300)
        self.view.setAccessibleName(title)
        self.note = QLabel(self.tr("Loading…"))
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {palette.MUTED};")
        holder = QWidget()
        self.stack = QStackedLayout(holder)
        self.stack.addWidget(self.note)
        self.stack.addWidget(self.view)
        self.layout_.addWidget(holder, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.png_button = QPushButton(self.tr("Save as PNG…"))
        self.csv_button = QPushButton(self.tr("Save numbers as CSV…"))
        for b in (self.png_button, self.csv_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        self.layout_.addLayout(buttons)
        self.message = InlineMessage()
        self.layout_.addWidget(self.message)
        self.png_button.clicked.connect(self._ask_png)
        self.csv_button.clicked.connect(self._ask_csv)

    def loading(self) -> None:
        self.note.setText(self.tr("Loading…"))
        self.stack.setCurrentWidget(self.note)

    def failed(self) -> None:
        """Its numbers could not be read: say so instead of loading for ever."""
        self.table = None
        self.note.setText(self.tr("This chart could not be loaded."))
        self.stack.setCurrentWidget(self.note)
        self.png_button.setEnabled(False)
        self.csv_button.setEnabled(False)

    def show_table(self, table: Table, build: Callable[[QChart, Table], bool]) -> None:
        """Draw ``table``; ``build`` fills the chart and returns False when there is nothing."""
        self.table = table
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        has_data = build(self.chart, table)
        self.csv_button.setEnabled(True)
        self.png_button.setEnabled(has_data)
        if has_data:
            self.stack.setCurrentWidget(self.view)
        else:
            self.note.setText(self.tr("Nothing to show for this selection."))
            self.stack.setCurrentWidget(self.note)

    def _file_name(self, suffix: str) -> str:
        return f"overzicht-{self.key}.{suffix}"

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart as PNG"), self._file_name("png"), "PNG (*.png)"
        )
        if path:
            self.save_png(Path(path))

    def _ask_csv(self) -> None:
        if self.table is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save numbers as CSV"), self._file_name("csv"), "CSV (*.csv)"
        )
        if path:
            self.save_csv(Path(path))

    def save_png(self, path: Path) -> None:
        try:
            png = chart_png(self.view)
        except OSError as exc:
            self._save_failed(exc)
            return
        self._save(lambda _t: write_atomic(path, png, overwrite=True))

    def save_csv(self, path: Path) -> None:
        if self.table is not None:
            table, language = self.table, Lang.current
            self._save(lambda _t: export_csv(table, path, language))

    def _save(self, work: Callable[[TaskContext], object]) -> None:
        self.message.clear_message()
        QueryOp.without_vault(self.ctx, self, work).failure(self._save_failed).run()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            self.message.error(self.tr("The file could not be saved. Choose another folder."))
        else:
            show_failure(self, exc, self.message)


# ---- the chart builders (plain tables in, chart series out) --------------------------------
def _bar_axes(
    chart: QChart, series: QAbstractSeries, categories: list[str], horizontal: bool
) -> QValueAxis:
    cats = _category_axis(categories)
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setLabelsFont(_small_font())
    chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(
        values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(cats)
    series.attachAxis(values)
    return values


def _small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8.5)
    return font


def _category_axis(categories: list[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(categories)
    axis.setTruncateLabels(False)
    axis.setLabelsFont(_small_font())
    return axis


def whole_ticks(top: int, most: int = 6) -> tuple[int, int]:
    """An axis from 0 that counts in whole numbers: ``(maximum, tick count)`` with a step
    of 1, 2 or 5 times a power of ten and at most ``most`` intervals, so every tick is a
    whole number (a count of 1 never gets ticks at 0.25, 0.5 …)."""
    top = max(top, 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            intervals = -(-top // step)  # ceiling
            if intervals <= most:
                return step * intervals, intervals + 1
        magnitude *= 10


def _nice(values: QValueAxis, top: int) -> None:
    maximum, ticks = whole_ticks(top)
    values.setRange(0, maximum)
    values.setTickType(QValueAxis.TickType.TicksFixed)
    values.setTickCount(ticks)
    values.setMinorTickCount(0)
    values.setLabelFormat("%d")


def build_levels(chart: QChart, table: Table) -> bool:
    """One bar per level in the level's colour; the axis says the word and the count."""
    counts = dict(zip(table.column("level"), table.column("households"), strict=True))
    series = QHorizontalStackedBarSeries()
    levels = list(ConcernLevel)[::-1]  # acuut at the top
    for i, lv in enumerate(levels):
        bar = QBarSet(level_word(lv))
        bar.setColor(QColor(level_colour(lv)))
        bar.append([float(counts.get(lv.value, 0)) if j == i else 0.0 for j in range(len(levels))])
        series.append(bar)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    chart.legend().hide()
    categories = [f"{level_word(lv)}: {counts.get(lv.value, 0)}" for lv in levels]
    _nice(_bar_axes(chart, series, categories, True), max(int(v) for v in counts.values()))
    return sum(int(v) for v in counts.values()) > 0


def build_overdue(chart: QChart, table: Table) -> bool:
    rows = table.rows[:TOP_COMPLEXES][::-1]  # the most at the top
    if not rows:
        return False
    keys = [c.key for c in table.columns]
    series = QHorizontalStackedBarSeries()
    for lv in ConcernLevel:
        i = keys.index(lv.value)
        bar = QBarSet(level_word(lv))
        bar.setColor(QColor(level_colour(lv)))
        bar.append([float(r[i]) for r in rows])
        series.append(bar)
    chart.addSeries(series)
    chart.legend().show()
    names = [_short(f"{table.category(r[0], Lang.current)} ({r[-1]})") for r in rows]
    _nice(_bar_axes(chart, series, names, True), max(int(r[-1]) for r in rows))
    return True


def build_signals(chart: QChart, table: Table) -> bool:
    months = [month_label(str(m)) for m in table.column("month")]
    top = 0
    for n, col in enumerate(table.columns[1:]):
        line = QLineSeries()
        line.setName(col.label(Lang.current))
        pen = line.pen()
        pen.setColor(QColor(LINE_COLOURS[n % len(LINE_COLOURS)]))
        pen.setWidthF(2.0)
        line.setPen(pen)
        values = [int(v) for v in table.column(col.key)]
        top = max([top, *values])
        for x, v in enumerate(values):
            line.append(float(x), float(v))
        chart.addSeries(line)
    cats = _category_axis(months)
    values_axis = QValueAxis()
    values_axis.setLabelsFont(_small_font())
    chart.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(cats)
        series.attachAxis(values_axis)
    _nice(values_axis, top)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # the domain names are long
    chart.legend().show()
    return top > 0


def build_referrals(chart: QChart, table: Table) -> bool:
    if not table.rows:
        return False
    rows = table.rows[::-1]
    series = QHorizontalStackedBarSeries()
    statuses = [c for c in table.columns[1:] if c.key != "total"]
    keys = [c.key for c in table.columns]
    for col in statuses:
        i = keys.index(col.key)
        bar = QBarSet(col.label(Lang.current))
        bar.setColor(QColor(STATUS_COLOURS.get(col.key, "#777777")))
        bar.append([float(r[i]) for r in rows])
        series.append(bar)
    chart.addSeries(series)
    chart.legend().show()
    names = [_short(f"{table.category(r[0], Lang.current)} ({r[-1]})") for r in rows]
    _nice(_bar_axes(chart, series, names, True), max(int(r[-1]) for r in rows))
    return True


def build_visits(chart: QChart, table: Table) -> bool:
    series = QBarSeries()
    for col in table.columns[1:]:
        bar = QBarSet(col.label(Lang.current))
        bar.append([float(v) for v in table.column(col.key)])
        series.append(bar)
    series.barSets()[0].setColor(QColor("#2f6f9f"))
    series.barSets()[1].setColor(QColor("#9cc3de"))
    chart.addSeries(series)
    chart.legend().show()
    months = [month_label(str(m)) for m in table.column("month")]
    top = max((int(v) for c in table.columns[1:] for v in table.column(c.key)), default=0)
    _nice(_bar_axes(chart, series, months, False), top)
    return top > 0


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


BUILDERS: dict[str, Callable[[QChart, Table], bool]] = {
    "households_per_level": build_levels,
    "overdue_per_complex": build_overdue,
    "signals_per_domain_month": build_signals,
    "referrals_per_partner_type": build_referrals,
    "visits_per_month": build_visits,
    "neighbourhood_per_month": build_visits,  # the same shape: two counts per month
}


# ---- the work, on the worker thread --------------------------------------------------------
def _first(scope: OverviewFilter) -> Callable[[Session], tuple[date, Table]]:
    def work(s: Session) -> tuple[date, Table]:
        return local_today(s.info["clock"]), ov.households_per_level(s, scope)

    return work


def _options(s: Session) -> FilterOptions:
    # Queued right behind the first chart, not in its query: the wijken are read from
    # every address (32 ms at 50,000 households), and the first chart need not wait (#16).
    return ov.filter_options(s)


def _table(key: str, scope: OverviewFilter, today: date) -> Callable[[Session], Table]:
    def work(s: Session) -> Table:
        if key == "overdue_per_complex":
            return ov.overdue_per_complex(s, scope, today)
        if key == "signals_per_domain_month":
            return ov.signals_per_domain_month(s, scope, today)
        if key == "referrals_per_partner_type":
            return ov.referrals_per_partner_type(s, scope)
        if key == "neighbourhood_per_month":
            return neighbourhood_per_month(s, scope, today)
        return ov.visits_per_month(s, scope, today)

    return work


# The order the charts are computed in: the cheapest first, the slowest last.
LATER = (
    "overdue_per_complex",
    "referrals_per_partner_type",
    "visits_per_month",
    "neighbourhood_per_month",
)
SLOWEST = "signals_per_domain_month"


class Tile(QWidget):
    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "QWidget#tile { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.number = QLabel("…")
        self.number.setStyleSheet("font-size: 18pt; font-weight: 600; border: none;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("border: none;")
        self.caption.setWordWrap(True)
        lay.addWidget(self.number)
        lay.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_value(self, value: int | None) -> None:
        self.number.setText("…" if value is None else count_text(value))

    def failed(self) -> None:
        self.number.setText("–")


class OverviewView(Screen):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.scope = OverviewFilter()
        self.round = 0  # results of an older round are dropped
        self.round_tasks: list[TaskHandle] = []  # cancelled when a new round starts
        self.today: date | None = None
        self.tables: dict[str, Table] = {}
        self.options: FilterOptions | None = None
        self.pending: set[str] = set()  # tables (and OPTIONS) the current round still waits for
        self.failed: set[str] = set()  # and those it could not read
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(self.tr("Overview"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        head.addWidget(title)
        head.addStretch(1)
        self.complex = QComboBox()
        self.complex.setAccessibleName(self.tr("Complex"))
        self.complex.setMinimumWidth(220)
        self.wijk = QComboBox()
        self.wijk.setAccessibleName(self.tr("Wijk"))
        self.wijk.setMinimumWidth(160)
        self.complex.addItem(self.tr("All complexes"), "")
        self.wijk.addItem(self.tr("All wijken"), "")
        head.addWidget(QLabel(self.tr("Complex")))
        head.addWidget(self.complex)
        head.addWidget(QLabel(self.tr("Wijk")))
        head.addWidget(self.wijk)
        lay.addLayout(head)

        captions = {
            "households": self.tr("Households (open)"),
            "overdue": self.tr("Check-in overdue"),
            "visits_12_months": self.tr("Visits, 12 months"),
            "signals_12_months": self.tr("Signals, 12 months"),
            "referrals_open": self.tr("Referrals in progress"),
        }
        tiles = QHBoxLayout()
        self.tiles = {key: Tile(captions[key]) for key in TILE_KEYS}
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        lay.addLayout(tiles)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self.empty = QLabel(
            self.tr(
                "No data yet. The overview fills up once households are added (or addresses"
                " imported) and home visits are recorded."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 12pt; padding: 40px;")
        self.empty.hide()
        lay.addWidget(self.empty)

        titles = {
            "households_per_level": self.tr("Households per concern level"),
            "overdue_per_complex": self.tr("Overdue check-ins per complex (top {n})").format(
                n=TOP_COMPLEXES
            ),
            "signals_per_domain_month": self.tr("Signals per domain, last 12 months"),
            "referrals_per_partner_type": self.tr("Referrals per partner type and status"),
            "visits_per_month": self.tr("Home visits per month"),
            "neighbourhood_per_month": self.tr(
                "Neighbourhood events and complex signals per month"
            ),
        }
        self.cards = {key: ChartCard(ctx, key, titles[key]) for key in BUILDERS}
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        # (row, column, column span): the signal trend gets the full width for its months.
        places = {
            "households_per_level": (0, 0, 1),
            "overdue_per_complex": (0, 1, 1),
            "signals_per_domain_month": (1, 0, 2),
            "visits_per_month": (2, 0, 1),
            "referrals_per_partner_type": (2, 1, 1),
            "neighbourhood_per_month": (3, 0, 1),
        }
        for key, (row, col, span) in places.items():
            card = self.cards[key]
            card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            grid.addWidget(card, row, col, 1, span)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.charts_area = QScrollArea()
        self.charts_area.setWidgetResizable(True)
        self.charts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.charts_area.setWidget(grid_holder)
        lay.addWidget(self.charts_area, 1)

        self.complex.currentIndexChanged.connect(self._filter_changed)
        self.wijk.currentIndexChanged.connect(self._filter_changed)

    # ---- loading ---------------------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """Every table of the current round, and the filter's options, has arrived or
        failed: nothing on the screen still says it is loading."""
        return self.round > 0 and not self.pending

    def nav_title(self) -> str:
        return self.tr("Overview")

    def affected_by(self, changes: Changes) -> bool:
        return changes.households or changes.referrals or changes.neighbourhood

    def refresh(self) -> None:
        self.round += 1
        current = self.round
        scope = self.scope
        for task in self.round_tasks:
            task.cancel()
        self.tables = {}
        self.pending = {*BUILDERS, OPTIONS}
        self.failed = set()
        self.message.clear_message()
        for tile in self.tiles.values():
            tile.set_value(None)
        for card in self.cards.values():
            card.loading()
        self.round_tasks = [
            # The other tables are asked when the first arrives: if it fails, so do they.
            self._query(
                _first(scope),
                lambda r: self._first_arrived(current, scope, r),
                partial(self._failed, current, set(BUILDERS)),
            ),
            self._query(
                _options,
                lambda r: self._options_arrived(current, r),
                partial(self._failed, current, {OPTIONS}),
            ),
        ]

    def _query(
        self,
        op: Callable[[Session], Any],
        success: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> TaskHandle:
        return QueryOp(self.ctx, self, op, success).failure(failed).run()

    def _failed(self, current: int, keys: set[str], exc: BaseException) -> None:
        """``keys`` (tables, or OPTIONS) of round ``current`` could not be read. A round
        that is over says nothing: a query already running when the filter changed still
        reports, after the new round cleared the message."""
        if current != self.round:
            return
        show_failure(self, exc, self.message)
        for key in keys & self.pending:
            if key in self.cards:
                self.cards[key].failed()
        self.failed |= keys
        self.pending -= keys
        self._update_tiles()

    def _first_arrived(
        self, current: int, scope: OverviewFilter, result: tuple[date, Table]
    ) -> None:
        if current != self.round:
            return
        today, table = result
        self.today = today
        self._table_arrived(current, table)

        def arrived(table: Table) -> None:
            self._table_arrived(current, table)

        def ask_the_others() -> None:
            if current != self.round:  # a new filter (or refresh) asked its own meanwhile
                return
            for key in (*LATER, SLOWEST):
                self.round_tasks.append(
                    self._query(
                        _table(key, scope, today),
                        arrived,
                        partial(self._failed, current, {key}),
                    )
                )

        # On a later turn, after the first chart is painted: Qt paints after the results
        # already waiting, and on a small vault the next charts' results came first, so
        # the first paint waited for their charts too (cold, 1,000 households: 27 against
        # 20 ms at 50,000; docs/benchmarks.md, the twentieth pass).
        on_a_later_turn(self, ask_the_others)

    def _options_arrived(self, current: int, options: FilterOptions) -> None:
        if current == self.round:
            self._set_options(options)
            self.pending.discard(OPTIONS)

    def _table_arrived(self, current: int, table: Table) -> None:
        if current != self.round:
            return
        self.tables[table.key] = table
        self.pending.discard(table.key)
        self.cards[table.key].show_table(table, BUILDERS[table.key])
        self._update_tiles()
        if table.key == "households_per_level":
            nothing = table.total("households") == 0 and not self.scope.active
            self.empty.setVisible(nothing)
            self.charts_area.setVisible(not nothing)

    def _update_tiles(self) -> None:
        t = self.tables
        values: dict[str, int | None] = dict.fromkeys(TILE_KEYS)
        if "households_per_level" in t:
            values["households"] = t["households_per_level"].total("households")
        if "overdue_per_complex" in t:
            values["overdue"] = t["overdue_per_complex"].total("total")
        if "visits_per_month" in t:
            values["visits_12_months"] = t["visits_per_month"].total("visits")
        if "signals_per_domain_month" in t:
            values["signals_12_months"] = sum(
                int(v) for row in t["signals_per_domain_month"].rows for v in row[1:]
            )
        if "referrals_per_partner_type" in t:
            ref = t["referrals_per_partner_type"]
            values["referrals_open"] = sum(ref.total(st.value) for st in OPEN_REFERRAL)
        for key, value in values.items():
            if TILE_SOURCES[key] in self.failed:
                self.tiles[key].failed()
            else:
                self.tiles[key].set_value(value)

    def tile_values(self) -> dict[str, int | None]:
        """What the tiles show (for tests), as numbers."""
        out: dict[str, int | None] = {}
        for key, tile in self.tiles.items():
            text = tile.number.text()
            out[key] = None if text in ("…", "–") else int(text.replace(".", "").replace(",", ""))
        return out

    # ---- filters ---------------------------------------------------------------------------
    def _set_options(self, options: FilterOptions) -> None:
        self.options = options
        for combo, items in (
            (self.complex, [(_complex_text(c), c.id) for c in options.complexes]),
            (self.wijk, [(w, w) for w in options.wijken]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def set_filter(self, complex_id: str | None = None, wijk: str | None = None) -> None:
        """Choose a filter (as the drop-downs do) and recompute."""
        self.complex.blockSignals(True)
        self.wijk.blockSignals(True)
        self.complex.setCurrentIndex(max(self.complex.findData(complex_id or ""), 0))
        self.wijk.setCurrentIndex(max(self.wijk.findData(wijk or ""), 0))
        self.complex.blockSignals(False)
        self.wijk.blockSignals(False)
        self._filter_changed()

    def _filter_changed(self, _index: int = 0) -> None:
        self.scope = OverviewFilter(
            complex_id=self.complex.currentData() or None, wijk=self.wijk.currentData() or None
        )
        self.refresh()


def _complex_text(option: Any) -> str:
    return f"{option.name} ({option.code})" if option.code else str(option.name)
