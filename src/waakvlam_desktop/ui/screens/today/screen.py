"""Vandaag: who needs you, in ten seconds. "Eerst doen" is one ranked list; every row says
why in words and offers its next step in place (``domain/today.py`` decides the order)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.domain import followups
from waakvlam_desktop.domain.agreements import PartnerAgreementRow, set_agreement_status
from waakvlam_desktop.domain.exports import DueExport
from waakvlam_desktop.domain.followups import OpenFollowUp
from waakvlam_desktop.domain.referrals import FeedbackRow
from waakvlam_desktop.domain.staff import complexes_of
from waakvlam_desktop.domain.today import (
    DraftRow,
    NextStep,
    TodayItem,
    TodayOverview,
    next_step_label,
    reason,
    today_overview,
)
from waakvlam_desktop.domain.types import (
    FollowUpStatus,
    ReferralStatus,
    referral_status_label,
)
from waakvlam_desktop.domain.visits import acute_guidance, record_acute_response
from waakvlam_desktop.domain.waakvlam import CheckIn
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.acute_response import AcuteResponseDialog
from waakvlam_desktop.ui.widgets.common import (
    Card,
    InlineMessage,
    Lang,
    count_text,
    qdate,
    stamp,
    user_message,
    weekday_date,
)
from waakvlam_desktop.ui.widgets.table import (
    STRETCH_SHARE,
    Column,
    RowModel,
    RowView,
    cell_margin,
    date_column,
    level_column,
    number_column,
    rows_height,
    scroll_bar_extent,
)

# Vandaag is for the next few hours: each list shows its most urgent rows (the title has
# the full count). Thousands of rows would only stall the window.
MAX_ROWS = 150
OVERDUE_COLOUR = palette.LATE  # a date that has passed
STEP_COLOUR = palette.STEP  # the next step reads as something to click
# "Eerst doen"'s columns. WHO is address over household, in two lines, for a narrow list.
RANK, LEVEL, ADDRESS, HOUSEHOLD, WHY, STEP_COLUMN, WHO = range(7)
# The columns of "Eerst doen", wide to narrow: the first whose other columns leave the reason
# REASON_CHARS characters a line. A narrow list drops the rank (the rows are in order) and
# the next step (the button under the list names and takes it), then puts the household
# under its address; the reason wraps, never cut off.
FIRST_LAYOUTS: tuple[tuple[int, ...], ...] = (
    (RANK, LEVEL, ADDRESS, HOUSEHOLD, WHY, STEP_COLUMN),
    (LEVEL, ADDRESS, HOUSEHOLD, WHY),
    (LEVEL, WHO, WHY),
)
REASON_CHARS = 24
# A row of smaller cards stands side by side only when each card's lists show this many
# of their first columns whole: at 600-683 px "Deze week" and "Acties later" stood side
# by side, each list scrolling sideways with its dates cut ("27-11-2…").
READABLE_COLUMNS = 3
READABLE_CHARS = 12
SMALL_ROWS = 3  # the smaller lists show at least this many rows (or all they have)
SMALL_MAX_ROWS = 8  # and grow with their rows up to this many


def day_month(day: date) -> str:
    """ "1 dec" / "1 Dec": the reason's date, short, in the GUI's language."""
    return QLocale().toString(qdate(day), "d MMM").rstrip(".")


class TodayView(Screen):
    """The number in the navigation is the length of "Eerst doen"; kept current while
    hidden."""

    open_household = Signal(str)
    open_exports = Signal()
    record_visit = Signal(str)  # household id: open the visit editor (its draft, if any)
    open_referral = Signal(str)  # referral id: process the partner's feedback
    read_feedback = Signal()  # a partner's reply file: Terugkoppeling inlezen
    resume_draft = Signal(str, str)  # household id, draft id
    # Each load's end: its data shown (or only its number, behind another screen), or its
    # error. The unlock's other work waits for the first (ui/main_window.py, #16).
    answered = Signal()
    refresh_when_hidden = True

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        # What the lists show (behind another screen only the number in the navigation is
        # updated: the lists when Vandaag is shown again).
        self.overview: TodayOverview | None = None
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Today"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.date_label = QLabel()
        self.mine = QCheckBox(self.tr("Only my complexes"))
        # On by default, once you look after complexes. Without complexes of your own the
        # box is off and greyed out (every household shows); your choice comes back when
        # you have complexes.
        self.only_mine = True
        self.mine.setChecked(True)
        self.mine.setToolTip(self.tr("Which complexes are yours: Settings › Staff"))
        self.mine.toggled.connect(self._mine_toggled)
        head.addWidget(self.title)
        head.addSpacing(24)
        head.addWidget(self.mine)
        head.addStretch(1)
        head.addWidget(self.date_label)
        outer.addLayout(head)
        # In a narrow window "Alleen mijn complexen (…)" goes under the title instead of
        # being cut off (_reflow).
        self.outer, self.head, self.under_head = outer, head, QHBoxLayout()
        outer.addLayout(self.under_head)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)

        self.first_card = Card(self.tr("Do first"))
        first_columns: tuple[Column[TodayItem], ...] = (
            number_column("#", lambda i: i.rank),
            level_column(self.tr("Level"), lambda i: i.level),
            Column(self.tr("Address"), lambda i: i.address, tooltip=lambda i: i.address),
            Column(self.tr("Household"), lambda i: i.label, tooltip=lambda i: i.label),
            Column(
                self.tr("Why"), self.reason_text, tooltip=self.reason_text, stretch=True, wrap=True
            ),
            Column(
                self.tr("Next step"),
                lambda i: next_step_label(i.step) + " ›",
                colour=lambda _i: STEP_COLOUR,
                tooltip=lambda i: self.tr("Click to: {step}").format(step=next_step_label(i.step)),
            ),
            Column(
                self.tr("Household"),
                lambda i: f"{i.address}\n{i.label}",
                tooltip=lambda i: f"{i.address}, {i.label}",
                accessible=lambda i: f"{i.address}, {i.label}",
            ),
        )
        self.first = RowView(RowModel(first_columns), self.tr("Do first"))
        self.first.setSortingEnabled(False)  # the order is the point
        self.first.header().moveSection(WHO, ADDRESS)  # where address and household are
        self.first.setColumnHidden(WHO, True)
        self.first.installEventFilter(self)  # _fit_first
        self.first_card.layout_.addWidget(self.first, 1)
        self.first_empty = QLabel()
        self.first_empty.setWordWrap(True)
        self.first_card.layout_.addWidget(self.first_empty)
        steps = QHBoxLayout()
        self.step_button = QPushButton(self.tr("Next step"))
        self.step_button.setToolTip(self.tr("The next step for the selected row"))
        self.household_button = QPushButton(self.tr("Open household"))
        steps.addStretch(1)
        steps.addWidget(self.household_button)
        steps.addWidget(self.step_button)
        self.first_card.layout_.addLayout(steps)
        self.message = InlineMessage()
        self.first_card.layout_.addWidget(self.message)

        self.week_card = Card(self.tr("This week"))
        week_columns: tuple[Column[CheckIn], ...] = (
            date_column(self.tr("Date"), lambda c: c.due),
            level_column(self.tr("Level"), lambda c: c.level),
            Column(self.tr("Address"), lambda c: c.address),
            Column(self.tr("Household"), lambda c: c.label),
        )
        self.week = RowView(RowModel(week_columns), self.tr("This week"))
        self.week_card.layout_.addWidget(self.week)

        self.later_card = Card(self.tr("Follow-ups later"))
        later_columns: tuple[Column[OpenFollowUp], ...] = (
            date_column(self.tr("Due"), lambda f: f.due_on),
            Column(self.tr("Follow-up"), lambda f: f.description),
            Column(self.tr("Address"), lambda f: f.address),
        )
        self.later = RowView(RowModel(later_columns), self.tr("Follow-ups later"))
        self.later_card.layout_.addWidget(self.later)

        self.drafts_card = Card(self.tr("Visits not saved yet"))
        draft_columns: tuple[Column[DraftRow], ...] = (
            Column(self.tr("Address"), lambda d: d.address),
            Column(self.tr("Household"), lambda d: d.label),
            Column(self.tr("Last change"), lambda d: stamp(d.updated_at)),
        )
        self.drafts = RowView(RowModel(draft_columns), self.tr("Visits not saved yet"))
        self.drafts_card.layout_.addWidget(self.drafts)

        self.feedback_card = Card(self.tr("Waiting for feedback"))
        feedback_columns: tuple[Column[FeedbackRow], ...] = (
            date_column(
                self.tr("Reply by"),
                lambda w: w.feedback_due,
                colour=lambda w: OVERDUE_COLOUR if w.days_overdue > 0 else None,
            ),
            Column(self.tr("Partner"), lambda w: w.partner_name),
            Column(self.tr("Household"), lambda w: w.household_label),
            Column(self.tr("Status"), self.waiting_status),
        )
        self.feedback = RowView(RowModel(feedback_columns), self.tr("Waiting for feedback"))
        self.feedback_card.layout_.addWidget(self.feedback)
        # What partners agreed to do at a case conference (#18 C), until ticked off.
        agreement_columns: tuple[Column[PartnerAgreementRow], ...] = (
            date_column(
                self.tr("Due by"),
                lambda a: a.due_on,
                colour=lambda a: (
                    OVERDUE_COLOUR if a.due_on is not None and a.due_on < self.ctx.today() else None
                ),
            ),
            Column(self.tr("Partner"), lambda a: a.partner_name),
            Column(self.tr("Agreement"), lambda a: a.description, tooltip=lambda a: a.address),
            Column(self.tr("Household"), lambda a: a.household_label),
        )
        self.partner_agreements = RowView(
            RowModel(agreement_columns), self.tr("Agreements from the case conference")
        )
        self.partner_agreements_label = QLabel(self.tr("Agreements from the case conference"))
        self.feedback_card.layout_.addWidget(self.partner_agreements_label)
        self.feedback_card.layout_.addWidget(self.partner_agreements)
        self.partner_agreements.row_activated.connect(
            lambda a: self.open_household.emit(a.household_id)
        )
        self.agreement_done_button = QPushButton(self.tr("Tick off agreement"))
        self.agreement_done_button.setEnabled(False)
        self.agreement_done_button.clicked.connect(self.tick_off_agreement)
        self.partner_agreements.current_changed.connect(
            lambda row: self.agreement_done_button.setEnabled(row is not None)
        )
        self.read_feedback_button = QPushButton(self.tr("Read in feedback…"))
        self.read_feedback_button.clicked.connect(self.read_feedback.emit)
        feedback_buttons = QHBoxLayout()  # one line of buttons: room for the lists' rows
        feedback_buttons.addStretch(1)
        feedback_buttons.addWidget(self.agreement_done_button)
        feedback_buttons.addWidget(self.read_feedback_button)
        self.feedback_card.layout_.addLayout(feedback_buttons)

        # What is due for partners (an export per partner and period), said as the task.
        self.exports_card = Card(self.tr("Send data to partners"))
        export_columns: tuple[Column[DueExport], ...] = (
            Column(self.tr("Partner"), lambda d: d.partner_name),
            Column(self.tr("Period"), lambda d: d.period.label),
        )
        self.exports = RowView(RowModel(export_columns), self.tr("Send data to partners"))
        self.exports.setToolTip(
            self.tr("Double-click a line to make the export under Exports and send it.")
        )
        self.exports_card.layout_.addWidget(self.exports)
        self.exports.row_activated.connect(lambda _d: self.open_exports.emit())

        # Two rows of smaller cards; a hidden card (no drafts) leaves no gap. In a window
        # too narrow for a row's cards side by side they stand one under the other, so
        # the page scrolls down, never sideways (_reflow).
        # Each card as high as its lists (_fit_rows), at the top of its row.
        top = Qt.AlignmentFlag.AlignTop
        row1 = QHBoxLayout()
        for card in (self.week_card, self.later_card, self.drafts_card):
            row1.addWidget(card, 1, top)
        row2 = QHBoxLayout()
        row2.addWidget(self.feedback_card, 2, top)
        row2.addWidget(self.exports_card, 1, top)
        self.card_rows: tuple[tuple[QBoxLayout, tuple[QWidget, ...]], ...] = (
            (row1, (self.week_card, self.later_card, self.drafts_card)),
            (row2, (self.feedback_card, self.exports_card)),
        )
        # The lists of each smaller card (_readable_width).
        self.card_lists: dict[QWidget, tuple[RowView[Any], ...]] = {
            self.week_card: (self.week,),
            self.later_card: (self.later,),
            self.drafts_card: (self.drafts,),
            self.feedback_card: (self.feedback, self.partner_agreements),
            self.exports_card: (self.exports,),
        }
        small = QVBoxLayout()
        small.addLayout(row1)
        small.addLayout(row2)
        # The smaller lists show SMALL_ROWS rows at least (fewer when they have fewer), and
        # grow with their rows up to SMALL_MAX_ROWS (_fit_rows).
        self.small_lists = tuple(view for views in self.card_lists.values() for view in views)
        body = QWidget()
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 0, 0)
        body_lay.addWidget(self.first_card, 3)
        body_lay.addLayout(small, 2)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page_scroll.setWidget(body)
        self.page_scroll.viewport().installEventFilter(self)
        outer.addWidget(self.page_scroll)
        self.first.setMinimumHeight(220)

        self.first.row_activated.connect(lambda i: self.open_household.emit(i.household_id))
        self.first.clicked.connect(self._clicked)
        self.first.current_changed.connect(lambda _i: self._sync_buttons())
        self.step_button.clicked.connect(self._step_for_current)
        self.household_button.clicked.connect(self._open_current)
        for lst in (self.week, self.later, self.feedback):
            lst.row_activated.connect(lambda row: self.open_household.emit(row.household_id))
        self.drafts.row_activated.connect(lambda d: self.resume_draft.emit(d.household_id, d.id))
        self._sync_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The page's viewport, not this view: its width changes also when the vertical
        # scroll bar comes or goes (after a change of height), after this view's resize.
        if event.type() == QEvent.Type.Resize:
            if watched is self.first:
                self._fit_first()  # before the list shares its width out (its resizeEvent)
            else:
                self._reflow()
        return super().eventFilter(watched, event)

    def _fit_first(self) -> None:
        """The columns of "Eerst doen" for its width (FIRST_LAYOUTS): the first layout whose
        columns other than the reason leave it what the list keeps for it (its share of the
        width and its longest word: ``RowView.share_width``), and REASON_CHARS characters a
        line. Reserving less, a wider layout was chosen whose address and household the
        list then cut to keep the reason's share (a review: at 960x500, 1920x1080 at 200 %,
        and at 800 px with an e-mail address in a reason)."""
        view = self.first
        bar = scroll_bar_extent(view)
        # The room with the scroll bar, shown or not: its coming and going changes no column.
        room = view.width() - 2 * view.frameWidth() - bar
        reason = max(
            REASON_CHARS * view.fontMetrics().averageCharWidth(),
            math.ceil((room + bar) * STRETCH_SHARE),
            view.stretch_min,
        )
        chosen = FIRST_LAYOUTS[-1]
        for layout in FIRST_LAYOUTS:
            others = [view.content_width(c) for c in layout if c != WHY]
            if None in others:  # not fitted yet (no rows): the widest
                chosen = layout
                break
            if sum(w or 0 for w in others) + reason <= room:
                chosen = layout
                break
        for column in range(len(view.source.columns)):
            if view.isColumnHidden(column) != (column not in chosen):
                view.setColumnHidden(column, column not in chosen)

    def _reflow(self) -> None:
        """Each row of smaller cards side by side when the page has room for them at their
        smallest, else one under the other; the "only my complexes" box beside the title
        when the line has room for it whole, else under it."""
        head = self.head
        spacing = max(head.spacing(), 0)
        whole = (
            self.title.sizeHint().width()
            + 24
            + self.mine.sizeHint().width()
            + self.date_label.sizeHint().width()
            + 2 * spacing  # none beside the stretch
        )
        margins = self.outer.contentsMargins()
        fits = whole <= self.width() - margins.left() - margins.right()
        if fits and self.under_head.indexOf(self.mine) >= 0:
            self.under_head.removeWidget(self.mine)
            head.insertWidget(2, self.mine)
        elif not fits and head.indexOf(self.mine) >= 0:
            head.removeWidget(self.mine)
            self.under_head.addWidget(self.mine)
        room = self.page_scroll.viewport().width()
        for row, all_cards in self.card_rows:
            cards = [c for c in all_cards if not c.isHidden()]
            needed = sum(self._readable_width(c) for c in cards)
            needed += row.spacing() * max(len(cards) - 1, 0)
            wanted = (
                QBoxLayout.Direction.LeftToRight
                if needed <= room
                else QBoxLayout.Direction.TopToBottom
            )
            if row.direction() != wanted:
                row.setDirection(wanted)

    def _readable_width(self, card: QWidget) -> int:
        """The width a smaller card needs beside others: its smallest, and room for its
        lists' first READABLE_COLUMNS columns whole (their header and rows, as fitted)."""
        smallest = card.minimumSizeHint().width()
        lists = self.card_lists.get(card, ())
        frame = card.contentsMargins()
        around = frame.left() + frame.right()
        layout = card.layout()
        if layout is not None:
            inner = layout.contentsMargins()
            around += inner.left() + inner.right()
        for view in lists:
            columns = range(min(READABLE_COLUMNS, view.model().columnCount()))
            widths = [view.content_width(c) for c in columns if not view.isColumnHidden(c)]
            if all(w is None for w in widths):
                continue  # not fitted yet: its smallest until the rows arrive
            # A column that stretches, or the last (it takes the rest), has no fitted
            # width: READABLE_CHARS characters of it.
            some = READABLE_CHARS * view.fontMetrics().averageCharWidth()
            own = sum(some if w is None else w for w in widths)
            own += 2 * view.frameWidth() + scroll_bar_extent(view)
            smallest = max(smallest, own + around)
        return smallest

    @staticmethod
    def _fit_rows(view: RowView[Any]) -> None:
        """A smaller list as high as SMALL_ROWS rows at least (as its rows when it has
        fewer, one when none) and its rows at most, up to SMALL_MAX_ROWS."""
        rows = view.model().rowCount()
        view.setMinimumHeight(rows_height(view, max(1, min(rows, SMALL_ROWS))))
        view.setMaximumHeight(rows_height(view, max(1, min(rows, SMALL_MAX_ROWS))))

    def _longest_word(self, items: list[TodayItem]) -> int:
        """The width of the widest word of these reasons in "Eerst doen", with the margins
        of a cell."""
        view = self.first
        metrics = QFontMetricsF(view.font())
        words = {word for item in items for word in self.reason_text(item).split()}
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0.0)
        return math.ceil(widest) + cell_margin(view)

    def nav_title(self) -> str:
        return self.tr("Today")

    def tick_off_agreement(self) -> None:
        """The partner did what was agreed at the case conference."""
        agreement = self.partner_agreements.current()
        if agreement is None:
            return
        self.agreement_done_button.setEnabled(False)
        WriteOp(
            self.ctx,
            self,
            lambda s: set_agreement_status(s, agreement.id, FollowUpStatus.DONE),
            changes=Changes(households=True, neighbourhood=True),
            message=self.message,
        ).run()

    def affected_by(self, changes: Changes) -> bool:
        # Not drafts alone: the editor autosaves every few seconds, and Vandaag reloads each
        # time it is shown anyway (its drafts card is current then).
        return (
            changes.households
            or changes.staff
            or changes.referrals
            or changes.partners
            or changes.exports
        )

    def refresh(self) -> None:
        today = self.ctx.today()
        settings = self.ctx.settings
        staff_id = self.ctx.profile.staff_id if self.ctx.profile else None
        only_mine = self.only_mine

        def load(s: Session) -> tuple[frozenset[str], TodayOverview]:
            mine = complexes_of(s, staff_id) if staff_id else frozenset()
            chosen = mine if mine and only_mine else None
            return mine, today_overview(s, today, settings, chosen, limit=MAX_ROWS)

        QueryOp(self.ctx, self, load, self._loaded).failure(self._failed).run()

    def _loaded(self, result: tuple[frozenset[str], TodayOverview]) -> None:
        try:
            self._show_loaded(*result)
        finally:
            self.answered.emit()  # also if showing it failed: the unlock's other work waits on it

    def _show_loaded(self, mine: frozenset[str], overview: TodayOverview) -> None:
        if self.isHidden():
            # Reloaded behind another screen for the number in the navigation: only that
            # now. Rendering the lists would stall the screen in use (#16); Vandaag reloads
            # when it is shown.
            self.count_changed.emit(overview.attention_count)
            return
        self.mine.setEnabled(bool(mine))
        blocked = self.mine.blockSignals(True)
        self.mine.setChecked(self.only_mine and bool(mine))
        self.mine.blockSignals(blocked)
        self.mine.setText(
            self.tr("Only my complexes ({n})").format(n=len(mine))
            if mine
            else self.tr("Only my complexes (none chosen yet)")
        )
        self.show_overview(overview)

    def _mine_toggled(self, on: bool) -> None:
        self.only_mine = on
        self.refresh()

    def scroll_to_top(self) -> None:
        """Clicking "Vandaag" while on it: back to the first row."""
        self.page_scroll.verticalScrollBar().setValue(0)
        self.first.scrollToTop()
        if self.first.shown_rows():
            self.first.setCurrentIndex(self.first.model().index(0, 0))

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))
        self.error.show()
        self.answered.emit()

    def waiting_status(self, row: FeedbackRow) -> str:
        """Where a referral stands while the partner's answer is awaited. "Ontvangen" alone,
        under "Wacht op terugkoppeling", read as if the answer had come: it is the partner
        that received the referral (or reported contact), so the words say who."""
        if row.status is ReferralStatus.ONTVANGEN:
            return self.tr("received by the partner")
        if row.status is ReferralStatus.IN_BEHANDELING:
            return self.tr("in progress at the partner")
        return referral_status_label(row.status)

    def reason_text(self, item: TodayItem) -> str:
        return reason(item, date_text=day_month)

    def show_overview(self, ov: TodayOverview) -> None:
        self.overview = ov
        self.error.hide()
        self.date_label.setText(weekday_date(ov.today))
        current = self.first.current()
        self.first.set_rows(ov.first[:MAX_ROWS])
        # However narrow, the reason keeps its longest word whole (it wraps between words).
        self.first.stretch_min = self._longest_word(ov.first[:MAX_ROWS])
        self._fit_first()  # by the new rows' widths
        self.first.share_width()
        if current is None and ov.first:
            self.first.setCurrentIndex(self.first.model().index(0, 0))
        elif current is not None:
            self.first.select(
                lambda i: (i.kind, i.household_id) == (current.kind, current.household_id)
            )
        self.first_card.set_title(
            self.tr("Do first ({n})").format(n=count_text(ov.attention_count))
        )
        self.first.setVisible(bool(ov.first))
        self.first_empty.setVisible(not ov.first)
        if ov.households == 0:
            self.first_empty.setText(
                self.tr(
                    "Start here:\n1. Add a household, or read in addresses, under Households."
                    "\n2. Open it and record a home visit.\n3. Complete your partners under"
                    " Partners: Veilig Thuis is ready; the wijkteam, schuldhulpverlening and"
                    " GGD still need their address. Then you can refer."
                )
            )
        else:
            self.first_empty.setText(self.tr("Nobody is waiting for you. Well done."))
        self.week.set_rows(ov.due[:MAX_ROWS])
        self.week_card.set_title(self.tr("This week ({n})").format(n=count_text(ov.due_count)))
        self.later.set_rows(ov.later[:MAX_ROWS])
        self.later_card.set_title(
            self.tr("Follow-ups later ({n})").format(n=count_text(ov.later_count))
        )
        self.drafts.set_rows(ov.drafts)
        self.drafts_card.set_title(self.tr("Visits not saved yet ({n})").format(n=len(ov.drafts)))
        self.drafts_card.setVisible(bool(ov.drafts))
        self.feedback.set_rows(ov.waiting[:MAX_ROWS])
        self.partner_agreements.set_rows(ov.partner_agreements[:MAX_ROWS])
        self.partner_agreements.setVisible(bool(ov.partner_agreements))
        self.partner_agreements_label.setVisible(bool(ov.partner_agreements))
        self.agreement_done_button.setVisible(bool(ov.partner_agreements))
        self.agreement_done_button.setEnabled(self.partner_agreements.current() is not None)
        self.feedback_card.set_title(
            self.tr("Waiting for feedback ({n})").format(n=count_text(ov.waiting_count))
        )
        self.exports.set_rows(ov.exports_due)
        for lst in self.small_lists:
            self._fit_rows(lst)
        self.exports_card.set_title(
            self.tr("Send data to partners ({n})").format(n=len(ov.exports_due))
        )
        self._reflow()  # the drafts card may have come or gone
        self._sync_buttons()
        self.count_changed.emit(ov.attention_count)

    # ---- the next step, in place ---------------------------------------------------------
    def _sync_buttons(self) -> None:
        item = self.first.current()
        self.step_button.setEnabled(item is not None)
        self.household_button.setEnabled(item is not None)
        self.step_button.setText(next_step_label(item.step) if item else self.tr("Next step"))

    def _clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.column() == STEP_COLUMN:
            item = self.first.row_at(index)
            if item is not None:
                self.do_step(item)

    def _step_for_current(self) -> None:
        item = self.first.current()
        if item is not None:
            self.do_step(item)

    def _open_current(self) -> None:
        item = self.first.current()
        if item is not None:
            self.open_household.emit(item.household_id)

    def do_step(self, item: TodayItem) -> None:
        if item.step is NextStep.RECORD_VISIT:
            self.record_visit.emit(item.household_id)
        elif item.step is NextStep.TICK_OFF and item.follow_up_id:
            self.tick_off(item)
        elif item.step is NextStep.PROCESS_FEEDBACK and item.referral_id:
            self.open_referral.emit(item.referral_id)
        elif item.step is NextStep.RECORD_RESPONSE and item.observation_id:
            self.ask_response(item)

    def tick_off(self, item: TodayItem) -> None:
        fid = item.follow_up_id
        assert fid is not None
        text = item.description or reason(item, date_text=day_month)
        WriteOp(
            self.ctx,
            self,
            lambda s: followups.set_follow_up_status(s, fid, FollowUpStatus.DONE),
            lambda _r: self.message.notice(self.tr("Ticked off: {what}").format(what=text)),
            changes=Changes(households=True, household_id=item.household_id),
            message=self.message,
        ).run()

    def ask_response(self, item: TodayItem) -> None:
        oid = item.observation_id
        assert oid is not None
        QueryOp(
            self.ctx,
            self,
            lambda s: acute_guidance(s, oid),
            lambda guidance: self._ask(item, guidance),
            message=self.message,
        ).run()

    def _ask(self, item: TodayItem, guidance: tuple[str, str]) -> None:
        sign = Lang.pick((item.sign_nl, item.sign_en))
        dialog = AcuteResponseDialog(sign, Lang.pick(guidance), self)
        accepted = dialog.exec() == AcuteResponseDialog.DialogCode.Accepted
        response = dialog.response()
        dialog.deleteLater()  # no dialog lingers as a child of the workspace (lock)
        if accepted:
            self.save_response(item, response)

    def save_response(self, item: TodayItem, response: str | None) -> None:
        oid = item.observation_id
        assert oid is not None
        WriteOp(
            self.ctx,
            self,
            lambda s: record_acute_response(s, oid, response),
            changes=Changes(households=True, household_id=item.household_id),
            message=self.message,
        ).run()
