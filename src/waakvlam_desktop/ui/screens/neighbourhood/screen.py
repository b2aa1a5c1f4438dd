"""Buurt: one complex at a time — its events, open actions, households and figures
(#18 A), the Verbinden suggestions there (#18 B), and the case conference (#18 C, its own
panel, ``meetings.py``: meetings are not tied to one complex). Everything is read in one
``QueryOp`` as plain rows (``domain/neighbourhood.complex_log``, ``connect.suggestions``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.domain import connect
from waakvlam_desktop.domain.connect import IntroductionView, Suggestion
from waakvlam_desktop.domain.neighbourhood import (
    ActionRow,
    ComplexLog,
    EventRow,
    HouseholdLevelRow,
    complex_log,
    set_action_status,
)
from waakvlam_desktop.domain.overview import ComplexOption, filter_options
from waakvlam_desktop.domain.partners import list_partners
from waakvlam_desktop.domain.staff import complexes_of
from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus, Severity, severity_label
from waakvlam_desktop.texts import current_language
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.screens.neighbourhood.event_dialog import EventDialog
from waakvlam_desktop.ui.screens.neighbourhood.meetings import MeetingsPanel
from waakvlam_desktop.ui.widgets.common import Card, InlineMessage, level_word, qdate, to_date
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView, date_column, level_column


@dataclass(frozen=True, slots=True)
class BuurtData:
    """What the screen shows: the complexes to choose from and the chosen one's log."""

    complexes: tuple[ComplexOption, ...]
    mine: frozenset[str]
    log: ComplexLog | None
    partners: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    introductions: tuple[IntroductionView, ...] = ()


def load(session: Session, wanted: str | None, staff_id: str | None) -> BuurtData:
    """The chosen complex (``wanted``), or else the first of the staff member's own, or else
    the first complex."""
    options = filter_options(session).complexes
    mine = complexes_of(session, staff_id) if staff_id else frozenset()
    ids = [c.id for c in options]
    chosen = wanted if wanted in ids else None
    if chosen is None:
        chosen = next((c.id for c in options if c.id in mine), ids[0] if ids else None)
    if chosen is None:
        return BuurtData(options, mine, None, (), (), ())
    return BuurtData(
        complexes=options,
        mine=mine,
        log=complex_log(session, chosen),
        partners=tuple(p.name for p in list_partners(session)),
        suggestions=tuple(connect.suggestions(session, chosen)),
        introductions=tuple(connect.introductions_in(session, chosen)),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_line(text: str, limit: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class BuurtView(Screen):
    open_household = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.complex_id: str | None = None  # the complex shown (None: the default)
        self.data: BuurtData | None = None
        en = current_language() == "en"

        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(self.tr("Neighbourhood"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        head.addWidget(title)
        head.addSpacing(16)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Complex"))
        self.chooser.setMinimumWidth(260)
        head.addWidget(QLabel(self.tr("Complex")))
        head.addWidget(self.chooser)
        head.addStretch(1)
        self.add_button = QPushButton(self.tr("Record an event…"))
        head.addWidget(self.add_button)
        lay.addLayout(head)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self.empty = QLabel(
            self.tr(
                "No complexes yet: events, Connect residents and the households of a complex"
                " need one. Complexes come with the addresses you import (Households ›"
                " Import addresses…). The case conference works without."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        lay.addWidget(self.empty)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.figures = QLabel()  # the complex's figures, one line under the title
        self.figures.setWordWrap(True)
        self.figures.setStyleSheet(f"color: {palette.MUTED};")
        body.addWidget(self.figures)
        self.tabs = QTabWidget()  # the timeline, and Verbinden beside it
        body.addWidget(self.tabs, 3)
        below = QHBoxLayout()
        body.addLayout(below, 2)
        lay.addWidget(self.body, 1)

        # ---- the timeline -------------------------------------------------------------------
        self.events_model: RowModel[EventRow] = RowModel(
            (
                date_column(self.tr("Date"), lambda e: e.occurred_on),
                Column(self.tr("Kind"), lambda e: _capital(e.kind_en if en else e.kind_nl)),
                Column(
                    self.tr("Note"),
                    lambda e: _first_line(e.note),
                    tooltip=lambda e: e.note,
                    stretch=True,
                ),
                Column(self.tr("Partners"), lambda e: ", ".join(e.partners)),
                Column(self.tr("Complex signals"), self._signals_text),
            ),
            empty=self.tr("No events recorded for this complex yet."),
            empty_column=2,
        )
        self.events = RowView(self.events_model, self.tr("Events"))
        self.tabs.addTab(self.events, self.tr("Events"))

        # ---- Verbinden ----------------------------------------------------------------------
        self.connect_model: RowModel[Suggestion] = RowModel(
            (
                Column(
                    self.tr("Offers"), lambda s: _person(s.offer.resident_name, s.offer.address)
                ),
                Column(
                    self.tr("Would like"), lambda s: _person(s.wish.resident_name, s.wish.address)
                ),
                Column(
                    self.tr("What"), lambda s: _capital(s.offer.kind_en if en else s.offer.kind_nl)
                ),
                Column(self.tr("Where"), self._where_text, stretch=True),
            ),
            empty=self.tr("No suggestions: no offer and wish of the same kind near each other."),
        )
        self.suggestions = RowView(self.connect_model, self.tr("Connect residents"))
        self.introduce_button = QPushButton(self.tr("Record an introduction…"))
        self.introduce_button.setEnabled(False)
        row = QHBoxLayout()
        hint = QLabel(
            self.tr("Residents who gave consent, with an offer and a wish of the same kind.")
        )
        hint.setStyleSheet(f"color: {palette.MUTED};")
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        row.addWidget(self.introduce_button)
        # The introductions made: who, when, how it went, the follow-up still open.
        self.intro_model: RowModel[IntroductionView] = RowModel(
            (
                date_column(self.tr("Date"), lambda i: i.introduced_on),
                Column(
                    self.tr("Introduced"),
                    lambda i: f"{i.resident_name} – {i.other_resident_name}",
                    tooltip=lambda i: (
                        f"{_person(i.resident_name, i.address)}\n"
                        f"{_person(i.other_resident_name, i.other_address)}"
                    ),
                ),
                Column(self.tr("What"), lambda i: _capital(i.kind_en if en else i.kind_nl)),
                Column(
                    self.tr("How it went"),
                    lambda i: _last_line(i.outcome),
                    tooltip=lambda i: i.outcome,
                    stretch=True,
                ),
                date_column(self.tr("Ask again"), lambda i: i.follow_up_due),
            ),
            empty=self.tr("No introductions recorded here yet."),
            empty_column=1,
        )
        self.introductions = RowView(self.intro_model, self.tr("Introductions"))
        self.outcome_button = QPushButton(self.tr("Record how it went…"))
        self.outcome_button.setEnabled(False)
        intro_row = QHBoxLayout()
        intro_title = QLabel(self.tr("Introductions made"))
        intro_title.setStyleSheet("font-weight: 600;")
        intro_row.addWidget(intro_title, 1)
        intro_row.addWidget(self.outcome_button)
        self.connect_page = connect_page = QWidget()
        page = QVBoxLayout(connect_page)
        page.addWidget(self.suggestions, 3)
        page.addLayout(row)
        page.addLayout(intro_row)
        page.addWidget(self.introductions, 2)
        self.tabs.addTab(connect_page, self.tr("Connect residents"))

        # ---- Casusoverleg -------------------------------------------------------------------
        self.meetings = MeetingsPanel(ctx)
        self.tabs.addTab(self.meetings, self.tr("Case conference"))

        # ---- open actions -------------------------------------------------------------------
        self.actions_card = Card(self.tr("Open actions"))
        self.actions_model: RowModel[ActionRow] = RowModel(
            (
                date_column(self.tr("Due by"), lambda a: a.due_on, colour=self._late_colour),
                Column(self.tr("Action"), lambda a: a.description, stretch=True),
            ),
            empty=self.tr("No open actions."),
            empty_column=1,
        )
        self.action_list = RowView(self.actions_model, self.tr("Open actions"))
        self.done_button = QPushButton(self.tr("Tick off action"))
        self.done_button.setEnabled(False)
        self.actions_card.layout_.addWidget(self.action_list)
        self.actions_card.layout_.addWidget(self.done_button)
        below.addWidget(self.actions_card, 1)

        # ---- households ---------------------------------------------------------------------
        self.households_card = Card(self.tr("Households here"))
        self.households_model: RowModel[HouseholdLevelRow] = RowModel(
            (
                level_column(self.tr("Level"), lambda h: h.level),
                Column(self.tr("Address"), lambda h: h.address),
                Column(self.tr("Household"), lambda h: h.label, stretch=True),
            ),
            empty=self.tr("No open households at this complex."),
            empty_column=1,
        )
        self.households = RowView(self.households_model, self.tr("Households here"))
        self.households_card.layout_.addWidget(self.households)
        below.addWidget(self.households_card, 1)

        # ---- figures ------------------------------------------------------------------------

        self.chooser.activated.connect(self._chosen)
        self.add_button.clicked.connect(self.record_event)
        self.action_list.current_changed.connect(
            lambda row: self.done_button.setEnabled(row is not None)
        )
        self.done_button.clicked.connect(self.tick_off)
        self.households.row_activated.connect(lambda h: self.open_household.emit(h.id))
        self.suggestions.current_changed.connect(
            lambda row: self.introduce_button.setEnabled(row is not None)
        )
        self.introduce_button.clicked.connect(self.record_introduction)
        self.introductions.current_changed.connect(
            lambda row: self.outcome_button.setEnabled(row is not None)
        )
        self.outcome_button.clicked.connect(self.record_outcome)

    # ---- texts ---------------------------------------------------------------------------------
    def _signals_text(self, e: EventRow) -> str:
        en = current_language() == "en"
        return ", ".join(
            f"{_capital(s.label_en if en else s.label_nl)} ({severity_label(Severity(s.severity))})"
            if s.severity in (1, 2, 3)
            else _capital(s.label_en if en else s.label_nl)
            for s in e.signals
        )

    def _where_text(self, s: Suggestion) -> str:
        return self.tr("same complex") if s.where == "complex" else self.tr("same street")

    def _late_colour(self, a: ActionRow) -> str | None:
        return palette.LATE if a.due_on is not None and a.due_on < self.ctx.today() else None

    # ---- Screen --------------------------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Neighbourhood")

    def affected_by(self, changes: Changes) -> bool:
        return changes.neighbourhood or changes.households or changes.partners

    def refresh(self) -> None:
        wanted = self.complex_id
        profile = self.ctx.profile
        staff_id = profile.staff_id if profile is not None else None
        QueryOp(
            self.ctx,
            self,
            lambda s: load(s, wanted, staff_id),
            self.show_data,
            message=self.message,
        ).run()
        self.meetings.refresh()

    def show_data(self, data: BuurtData) -> None:
        self.message.clear_message()
        self.data = data
        log = data.log
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for c in data.complexes:
            text = (
                self.tr("{name} (my complex)").format(name=c.name) if c.id in data.mine else c.name
            )
            self.chooser.addItem(text, c.id)
        if log is not None:
            self.chooser.setCurrentIndex(max(self.chooser.findData(log.complex.id), 0))
        self.chooser.blockSignals(False)
        self.empty.setVisible(log is None)
        # Without a complex only the case conference is left: meetings are about households,
        # with or without a complex.
        for page in (self.events, self.connect_page):
            self.tabs.setTabVisible(self.tabs.indexOf(page), log is not None)
        for widget in (self.figures, self.actions_card, self.households_card):
            widget.setVisible(log is not None)
        self.add_button.setEnabled(log is not None)
        self.chooser.setEnabled(bool(data.complexes))
        if log is None:
            self.tabs.setCurrentWidget(self.meetings)
            return
        self.complex_id = log.complex.id
        self.events.set_rows(log.events)
        self.action_list.set_rows(log.open_actions)
        self.households.set_rows(log.households)
        self.suggestions.set_rows(data.suggestions)
        self.introductions.set_rows(data.introductions)
        self.outcome_button.setEnabled(self.introductions.current() is not None)
        self.done_button.setEnabled(self.action_list.current() is not None)
        self.introduce_button.setEnabled(self.suggestions.current() is not None)
        self.figures.setText(self._figures_text(log))
        self.tabs.setTabText(
            1,
            self.tr("Connect residents ({n})").format(n=len(data.suggestions))
            if data.suggestions
            else self.tr("Connect residents"),
        )

    def _figures_text(self, log: ComplexLog) -> str:
        f = log.figures
        levels = ", ".join(
            f"{f.get(f'households_{lvl.value}', 0)} {level_word(lvl)}"
            for lvl in reversed(ConcernLevel)
            if f.get(f"households_{lvl.value}", 0)
        )
        lines = [
            self.tr("Last 12 months: {events} events, {signals} complex signals.").format(
                events=f["events_12_months"], signals=f["signals_12_months"]
            ),
            self.tr("Open actions: {n}.").format(n=f["open_actions"]),
            self.tr("Open households: {n}").format(n=f["households"])
            + (f" ({levels})." if levels else "."),
        ]
        return "  ·  ".join(lines)

    # ---- actions -------------------------------------------------------------------------------
    def _chosen(self, index: int) -> None:
        cid = self.chooser.itemData(index)
        if cid and cid != self.complex_id:
            self.complex_id = str(cid)
            self.refresh()

    def event_dialog(self) -> EventDialog | None:
        """The form for an event of the complex shown (None: no complex yet)."""
        if self.data is None or self.data.log is None:
            return None
        return EventDialog(self.ctx, self.data.log.complex, self.data.partners, self)

    def record_event(self) -> None:
        dialog = self.event_dialog()
        if dialog is not None:
            dialog.exec()  # a saved event announced itself: the screen refreshed

    def tick_off(self) -> None:
        action = self.action_list.current()
        if action is None:
            return
        self.done_button.setEnabled(False)
        WriteOp(
            self.ctx,
            self,
            lambda s: set_action_status(s, action.id, FollowUpStatus.DONE),
            changes=Changes(neighbourhood=True),
            message=self.message,
        ).run()

    def record_introduction(self) -> None:
        suggestion = self.suggestions.current()
        if suggestion is not None:
            IntroductionDialog(self.ctx, suggestion, self).exec()

    def outcome_dialog(self) -> OutcomeDialog | None:
        """The form for how the selected introduction went (None: none selected)."""
        intro = self.introductions.current()
        return OutcomeDialog(self.ctx, intro, self) if intro is not None else None

    def record_outcome(self) -> None:
        dialog = self.outcome_dialog()
        if dialog is not None:
            dialog.exec()


def _person(name: str, address: str) -> str:
    return f"{name} ({address})" if address else name


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return _first_line(lines[-1]) if lines else ""


class IntroductionDialog(QDialog):
    """Kennismaking vastleggen: the two residents of a suggestion were introduced."""

    def __init__(self, ctx: AppContext, suggestion: Suggestion, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.suggestion = suggestion
        self.setWindowTitle(self.tr("Record an introduction"))
        en = current_language() == "en"
        form = QFormLayout()
        form.addRow(
            self.tr("Offers"),
            QLabel(_person(suggestion.offer.resident_name, suggestion.offer.address)),
        )
        form.addRow(
            self.tr("Would like"),
            QLabel(_person(suggestion.wish.resident_name, suggestion.wish.address)),
        )
        form.addRow(
            self.tr("What"),
            QLabel(_capital(suggestion.offer.kind_en if en else suggestion.offer.kind_nl)),
        )
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setDate(qdate(ctx.today()))
        self.day.setMaximumDate(qdate(ctx.today()))
        self.day.setAccessibleName(self.tr("Date"))
        form.addRow(self.tr("Date"), self.day)
        self.outcome = QLineEdit()
        self.outcome.setAccessibleName(self.tr("How it went"))
        self.outcome.setPlaceholderText(self.tr("Optional. Never write a BSN."))
        form.addRow(self.tr("How it went"), self.outcome)
        note = QLabel(
            self.tr("A follow-up is added to ask the first resident how it went, in two weeks.")
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {palette.MUTED};")
        self.message = InlineMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def save(self) -> None:
        s_ = self.suggestion
        day: date = to_date(self.day.date().toPython())
        outcome = self.outcome.text()

        def work(s: Any) -> str:
            return connect.introduce(
                s, s_.offer.resident_id, s_.wish.resident_id, kind=s_.kind, on=day, outcome=outcome
            ).id

        WriteOp(
            self.ctx,
            self,
            work,
            lambda _id: self.accept(),
            changes=Changes(households=True, neighbourhood=True),
            message=self.message,
        ).run()


class OutcomeDialog(QDialog):
    """Hoe het ging: recorded later for an introduction already made. The follow-up that
    asked is done; ticking "Ask again on" adds the next one."""

    def __init__(
        self, ctx: AppContext, intro: IntroductionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.intro = intro
        self.setWindowTitle(self.tr("Record how it went"))
        en = current_language() == "en"
        form = QFormLayout()
        form.addRow(
            self.tr("Introduced"),
            QLabel(
                f"{_person(intro.resident_name, intro.address)}\n"
                f"{_person(intro.other_resident_name, intro.other_address)}"
            ),
        )
        form.addRow(self.tr("What"), QLabel(_capital(intro.kind_en if en else intro.kind_nl)))
        if intro.outcome:
            earlier = QLabel(intro.outcome)
            earlier.setWordWrap(True)
            form.addRow(self.tr("So far"), earlier)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setDate(qdate(ctx.today()))
        self.day.setMinimumDate(qdate(intro.introduced_on))
        self.day.setMaximumDate(qdate(ctx.today()))
        self.day.setAccessibleName(self.tr("Date"))
        form.addRow(self.tr("Date"), self.day)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("How it went"))
        self.note.setPlaceholderText(self.tr("Never write a BSN."))
        form.addRow(self.tr("How it went"), self.note)
        self.again = QCheckBox(self.tr("Ask again on"))
        self.again_day = QDateEdit()
        self.again_day.setCalendarPopup(True)
        self.again_day.setDisplayFormat("dd-MM-yyyy")
        self.again_day.setDate(qdate(ctx.today()).addDays(connect.FOLLOW_UP_DAYS))
        self.again_day.setAccessibleName(self.tr("Ask again on"))
        self.again_day.setEnabled(False)
        self.again.toggled.connect(self.again_day.setEnabled)
        form.addRow(self.again, self.again_day)
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
        intro_id = self.intro.id
        day: date = to_date(self.day.date().toPython())
        note = self.note.text()
        again = to_date(self.again_day.date().toPython()) if self.again.isChecked() else None

        def work(s: Any) -> str:
            return connect.record_outcome(s, intro_id, note, on=day, follow_up_due=again).id

        WriteOp(
            self.ctx,
            self,
            work,
            lambda _id: self.accept(),
            changes=Changes(households=True, neighbourhood=True),
            message=self.message,
        ).run()
