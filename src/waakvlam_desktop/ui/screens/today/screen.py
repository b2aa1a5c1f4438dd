"""Vandaag: who needs you, in ten seconds. Overdue first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.domain.referrals import STATUS_LABELS
from waakvlam_desktop.domain.today import TodayOverview, today_overview
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import (
    Card,
    Lang,
    level_colour,
    level_word,
    short_date,
    user_message,
    weekday_date,
)

HOUSEHOLD_ROLE = Qt.ItemDataRole.UserRole + 1
# Vandaag is for the next few hours: each list shows its most urgent rows (the title has
# the full count). Thousands of rows would only stall the window.
MAX_ROWS = 150


class _List(QTreeWidget):
    """A compact list whose rows open a household (double-click or Enter)."""

    open_household = Signal(str)

    def __init__(self, headers: list[str], accessible: str) -> None:
        super().__init__()
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setAccessibleName(accessible)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        hid = item.data(0, HOUSEHOLD_ROLE)
        if hid:
            self.open_household.emit(str(hid))

    def add(self, values: list[str], household_id: str, colour: str | None = None) -> None:
        item = QTreeWidgetItem(values)
        item.setData(0, HOUSEHOLD_ROLE, household_id)
        if colour:
            item.setForeground(0, QBrush(QColor(colour)))
        self.addTopLevelItem(item)


class TodayView(Screen):
    """The number in the navigation is the attention count; kept current while hidden."""

    open_household = Signal(str)
    open_exports = Signal()
    refresh_when_hidden = True

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.overview: TodayOverview | None = None
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Today"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.date_label = QLabel()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.date_label)
        outer.addLayout(head)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)

        self.overdue_card = Card(self.tr("Overdue for a visit"))
        self.overdue = _List(
            [self.tr("Level"), self.tr("Address"), self.tr("Household"), self.tr("Late")],
            self.tr("Overdue for a visit"),
        )
        self.overdue_card.layout_.addWidget(self.overdue)
        self.overdue_empty = QLabel(self.tr("Nobody is overdue. Well done."))
        self.overdue_card.layout_.addWidget(self.overdue_empty)

        self.week_card = Card(self.tr("This week"))
        self.week = _List(
            [self.tr("Date"), self.tr("Address"), self.tr("Household"), self.tr("Level")],
            self.tr("This week"),
        )
        self.week_card.layout_.addWidget(self.week)

        self.actions_card = Card(self.tr("Open follow-ups"))
        self.follow_up_list = _List(
            [self.tr("Due"), self.tr("Follow-up"), self.tr("Address")], self.tr("Open follow-ups")
        )
        self.actions_card.layout_.addWidget(self.follow_up_list)

        self.feedback_card = Card(self.tr("Waiting for feedback"))
        self.feedback = _List(
            [self.tr("Reply by"), self.tr("Partner"), self.tr("Household"), self.tr("Status")],
            self.tr("Waiting for feedback"),
        )
        self.feedback_card.layout_.addWidget(self.feedback)

        self.exports_card = Card(self.tr("Exports to make"))
        self.exports = QTreeWidget()
        self.exports.setHeaderLabels([self.tr("Partner"), self.tr("Period")])
        self.exports.setRootIsDecorated(False)
        self.exports.setAccessibleName(self.tr("Exports to make"))
        self.exports_card.layout_.addWidget(self.exports)
        self.exports.itemActivated.connect(lambda _i, _c: self.open_exports.emit())

        grid = QGridLayout()
        grid.addWidget(self.overdue_card, 0, 0, 1, 2)
        grid.addWidget(self.exports_card, 0, 2)
        grid.addWidget(self.week_card, 1, 0)
        grid.addWidget(self.actions_card, 1, 1)
        grid.addWidget(self.feedback_card, 1, 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        for lst in (self.overdue, self.week, self.follow_up_list, self.feedback):
            lst.open_household.connect(self.open_household)

    def nav_title(self) -> str:
        return self.tr("Today")

    def affected_by(self, changes: Changes) -> bool:
        return changes.households or changes.referrals or changes.partners or changes.exports

    def refresh(self) -> None:
        today = self.ctx.today()
        settings = self.ctx.settings
        QueryOp(
            self.ctx, self, lambda s: today_overview(s, today, settings), self.show_overview
        ).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))
        self.error.show()

    def show_overview(self, ov: TodayOverview) -> None:
        self.overview = ov
        self.error.hide()
        self.date_label.setText(weekday_date(ov.today))
        self.overdue.clear()
        for c in ov.overdue[:MAX_ROWS]:
            late = (
                self.tr("1 day late")
                if c.days_late == 1
                else self.tr("{n} days late").format(n=c.days_late)
            )
            self.overdue.add(
                [f"● {level_word(c.level)}", c.address, c.label, late],
                c.household_id,
                level_colour(c.level),
            )
        self.overdue_card.set_title(self.tr("Overdue for a visit ({n})").format(n=len(ov.overdue)))
        self.overdue_empty.setVisible(not ov.overdue)
        self.overdue.setVisible(bool(ov.overdue))
        self.week.clear()
        for c in ov.due[:MAX_ROWS]:
            self.week.add(
                [short_date(c.due), c.address, c.label, f"● {level_word(c.level)}"],
                c.household_id,
            )
        self.week_card.set_title(self.tr("This week ({n})").format(n=len(ov.due)))
        self.follow_up_list.clear()
        for f in ov.follow_ups[:MAX_ROWS]:
            self.follow_up_list.add(
                [short_date(f.due_on), f.description, f.address], f.household_id
            )
        self.actions_card.set_title(self.tr("Open follow-ups ({n})").format(n=len(ov.follow_ups)))
        self.feedback.clear()
        for w in ov.waiting[:MAX_ROWS]:
            self.feedback.add(
                [
                    short_date(w.feedback_due),
                    w.partner_name,
                    w.household_label,
                    Lang.pick(STATUS_LABELS[w.status]),
                ],
                w.household_id,
                "#a61b1b" if w.days_overdue > 0 else None,
            )
        self.feedback_card.set_title(
            self.tr("Waiting for feedback ({n})").format(n=len(ov.waiting))
        )
        self.exports.clear()
        for d in ov.exports_due:
            self.exports.addTopLevelItem(QTreeWidgetItem([d.partner_name, d.period.label]))
        self.exports_card.set_title(self.tr("Exports to make ({n})").format(n=len(ov.exports_due)))
        self.count_changed.emit(ov.attention_count)
