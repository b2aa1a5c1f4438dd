"""Vandaag: who needs you, in ten seconds. Overdue first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.domain.exports import DueExport
from waakvlam_desktop.domain.followups import OpenFollowUp
from waakvlam_desktop.domain.referrals import FeedbackRow
from waakvlam_desktop.domain.today import TodayOverview, today_overview
from waakvlam_desktop.domain.types import referral_status_label
from waakvlam_desktop.domain.waakvlam import CheckIn
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import (
    Card,
    user_message,
    weekday_date,
)
from waakvlam_desktop.ui.widgets.table import (
    Column,
    RowModel,
    RowView,
    date_column,
    level_column,
)

# Vandaag is for the next few hours: each list shows its most urgent rows (the title has
# the full count). Thousands of rows would only stall the window.
MAX_ROWS = 150
OVERDUE_COLOUR = "#a61b1b"  # a reply date that has passed


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
        overdue_columns: tuple[Column[CheckIn], ...] = (
            level_column(self.tr("Level"), lambda c: c.level),
            Column(self.tr("Address"), lambda c: c.address),
            Column(self.tr("Household"), lambda c: c.label),
            Column(self.tr("Late"), self._late, key=lambda c: c.days_late),
        )
        self.overdue = RowView(RowModel(overdue_columns), self.tr("Overdue for a visit"))
        self.overdue_card.layout_.addWidget(self.overdue)
        self.overdue_empty = QLabel(self.tr("Nobody is overdue. Well done."))
        self.overdue_card.layout_.addWidget(self.overdue_empty)

        self.week_card = Card(self.tr("This week"))
        week_columns: tuple[Column[CheckIn], ...] = (
            date_column(self.tr("Date"), lambda c: c.due),
            Column(self.tr("Address"), lambda c: c.address),
            Column(self.tr("Household"), lambda c: c.label),
            level_column(self.tr("Level"), lambda c: c.level),
        )
        self.week = RowView(RowModel(week_columns), self.tr("This week"))
        self.week_card.layout_.addWidget(self.week)

        self.actions_card = Card(self.tr("Open follow-ups"))
        follow_up_columns: tuple[Column[OpenFollowUp], ...] = (
            date_column(self.tr("Due"), lambda f: f.due_on),
            Column(self.tr("Follow-up"), lambda f: f.description),
            Column(self.tr("Address"), lambda f: f.address),
        )
        self.follow_up_list = RowView(RowModel(follow_up_columns), self.tr("Open follow-ups"))
        self.actions_card.layout_.addWidget(self.follow_up_list)

        self.feedback_card = Card(self.tr("Waiting for feedback"))
        feedback_columns: tuple[Column[FeedbackRow], ...] = (
            date_column(
                self.tr("Reply by"),
                lambda w: w.feedback_due,
                colour=lambda w: OVERDUE_COLOUR if w.days_overdue > 0 else None,
            ),
            Column(self.tr("Partner"), lambda w: w.partner_name),
            Column(self.tr("Household"), lambda w: w.household_label),
            Column(self.tr("Status"), lambda w: referral_status_label(w.status)),
        )
        self.feedback = RowView(RowModel(feedback_columns), self.tr("Waiting for feedback"))
        self.feedback_card.layout_.addWidget(self.feedback)

        self.exports_card = Card(self.tr("Exports to make"))
        export_columns: tuple[Column[DueExport], ...] = (
            Column(self.tr("Partner"), lambda d: d.partner_name),
            Column(self.tr("Period"), lambda d: d.period.label),
        )
        self.exports = RowView(RowModel(export_columns), self.tr("Exports to make"))
        self.exports_card.layout_.addWidget(self.exports)
        self.exports.row_activated.connect(lambda _d: self.open_exports.emit())

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
            lst.row_activated.connect(lambda row: self.open_household.emit(row.household_id))

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

    def _late(self, c: CheckIn) -> str:
        if c.days_late == 1:
            return self.tr("1 day late")
        return self.tr("{n} days late").format(n=c.days_late)

    def show_overview(self, ov: TodayOverview) -> None:
        self.overview = ov
        self.error.hide()
        self.date_label.setText(weekday_date(ov.today))
        self.overdue.set_rows(ov.overdue[:MAX_ROWS])
        self.overdue_card.set_title(self.tr("Overdue for a visit ({n})").format(n=len(ov.overdue)))
        self.overdue_empty.setVisible(not ov.overdue)
        self.overdue.setVisible(bool(ov.overdue))
        self.week.set_rows(ov.due[:MAX_ROWS])
        self.week_card.set_title(self.tr("This week ({n})").format(n=len(ov.due)))
        self.follow_up_list.set_rows(ov.follow_ups[:MAX_ROWS])
        self.actions_card.set_title(self.tr("Open follow-ups ({n})").format(n=len(ov.follow_ups)))
        self.feedback.set_rows(ov.waiting[:MAX_ROWS])
        self.feedback_card.set_title(
            self.tr("Waiting for feedback ({n})").format(n=len(ov.waiting))
        )
        self.exports.set_rows(ov.exports_due)
        self.exports_card.set_title(self.tr("Exports to make ({n})").format(n=len(ov.exports_due)))
        self.count_changed.emit(ov.attention_count)
