"""The household page: header, timeline, signals over time, follow-ups, referrals, details."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.domain import drafts, followups, households
from waakvlam_desktop.domain.households import (
    AddressView,
    FollowUpView,
    HouseholdDetail,
    ReferralSummary,
    VisitView,
)
from waakvlam_desktop.domain.names import parse_formal_name
from waakvlam_desktop.domain.types import (
    FollowUpStatus,
    ReferralStatus,
    Severity,
    VisitKind,
    referral_status_label,
    severity_label,
    visit_kind_label,
)
from waakvlam_desktop.domain.visits import amend_visit, correctable_until
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.screens.household.privacy_tab import HouseholdPrivacy
from waakvlam_desktop.ui.screens.referrals.screen import ReferralDialog
from waakvlam_desktop.ui.widgets.common import (
    ConcernBadge,
    InlineMessage,
    Lang,
    long_date,
    qdate,
    short_date,
    stamp,
    to_date,
)
from waakvlam_desktop.ui.widgets.table import (
    Column,
    RowModel,
    RowView,
    date_column,
    set_row_height,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = palette.LATE  # as on Vandaag: a date that has passed
DOMAIN_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#b07aa1"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A line on the timeline: a visit (its signals as lines under it), a follow-up or a
    referral."""

    at: str  # ISO moment or day: the timeline is newest first
    when: str
    what: str
    by: str = ""
    details: str = ""
    notes: str = ""  # a visit's whole note, shown as the tooltip of its details
    signals: tuple[TimelineEntry, ...] = ()
    reading: str = ""  # the reading pane: the whole entry (HTML, escaped)
    visit_id: str = ""  # a visit (or one of its signals): it may be corrected
    visited_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SignSeen:
    """A sign on the Signals tab: when it was last seen, and how severe."""

    domain: str
    label: str
    seen: date
    severity: int


class PageData:
    """Everything the page needs, fetched in one background read."""

    def __init__(self, detail: HouseholdDetail, address: AddressView, draft_ids: list[str]):
        self.detail = detail
        self.address = address
        self.draft_ids = draft_ids


def load_page(s: Any, household_id: str) -> PageData:
    detail = households.view_household(s, household_id, via="gui")
    return PageData(
        detail,
        households.address_of(s, household_id),
        [d.id for d in drafts.drafts_for(s, household_id, drafts.VISIT)],
    )


class HouseholdPage(Screen):
    """Not in the navigation: opened for one household, refreshed when it changes."""

    back = Signal()
    new_visit = Signal(str)  # household id
    resume_draft = Signal(str, str)  # household id, draft id
    open_letter = Signal(str)  # referral id
    refresh_on_show = False  # open() loads it

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.household_id: str | None = None
        self.data: PageData | None = None
        lay = QVBoxLayout(self)

        head = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Back"))
        self.back_button.setToolTip(self.tr("Back (Esc)"))
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.badge = ConcernBadge()
        self.visit_button = QPushButton(self.tr("Record home visit"))
        self.visit_button.setToolTip(self.tr("Record home visit (Ctrl+N)"))
        self.visit_button.setDefault(True)
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.badge)
        self.refer_button = QPushButton(self.tr("Refer…"))
        self.refer_button.setToolTip(self.tr("Refer this household to a partner, with a letter"))
        head.addWidget(self.refer_button)
        head.addWidget(self.visit_button)
        lay.addLayout(head)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.late_visit = False
        lay.addWidget(self.subtitle)
        self.draft_banner = InlineMessage()
        self.resume_button = QPushButton(self.tr("Continue the draft visit"))
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.draft_banner, 1)
        banner_row.addWidget(self.resume_button)
        lay.addLayout(banner_row)
        self.message = InlineMessage()
        lay.addWidget(self.message)

        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        timeline_columns: tuple[Column[TimelineEntry], ...] = (
            Column(self.tr("When"), lambda e: e.when, key=lambda e: e.at),
            Column(self.tr("What"), lambda e: e.what),
            Column(self.tr("By"), lambda e: e.by),
            # The details stretch: when, what and who stay readable, the note's first line
            # gets the rest (the whole note is beside the list and in the tooltip).
            Column(
                self.tr("Details"), lambda e: e.details, tooltip=lambda e: e.notes, stretch=True
            ),
        )
        self.timeline = RowView(
            RowModel(
                timeline_columns,
                children=lambda e: e.signals,
                empty=self.tr("Nothing recorded yet: start with a home visit."),
                empty_column=1,
            ),
            self.tr("Timeline"),
        )
        self.reading = QTextBrowser()
        self.reading.setAccessibleName(self.tr("The chosen entry in full"))
        self.reading.setOpenLinks(False)
        self.correct_button = QPushButton(self.tr("Correct the note…"))
        self.correct_button.setToolTip(
            self.tr("A saved note can be corrected for a few days; the original is kept.")
        )
        pane = QWidget()
        pane_lay = QVBoxLayout(pane)
        pane_lay.setContentsMargins(0, 0, 0, 0)
        pane_lay.addWidget(self.reading, 1)
        pane_lay.addWidget(self.correct_button, alignment=Qt.AlignmentFlag.AlignRight)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.timeline)
        split.addWidget(pane)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.tabs.addTab(split, self.tr("Timeline"))
        self.timeline.current_changed.connect(self._show_entry)
        self.correct_button.clicked.connect(self.correct_note)
        self.signals_tab = self._build_signals_tab()
        self.tabs.addTab(self.signals_tab, self.tr("Signals"))
        # The chart is drawn when its tab shows: laying it out again took 40-90 ms of every
        # household opened (at 50,000 households), mostly on the timeline tab.
        self._chart_to_draw: Callable[[], None] | None = None
        self.tabs.currentChanged.connect(lambda _i: self._draw_chart_if_shown())
        self.actions_tab = self._build_actions_tab()
        self.tabs.addTab(self.actions_tab, self.tr("Follow-ups"))
        referral_columns: tuple[Column[ReferralSummary], ...] = (
            Column(self.tr("Reference"), lambda r: r.reference),
            Column(self.tr("Partner"), lambda r: r.partner_name),
            Column(
                self.tr("Status"),
                lambda r: referral_status_label(ReferralStatus(r.status)),
                key=lambda r: list(ReferralStatus).index(ReferralStatus(r.status)),
            ),
            date_column(self.tr("Reply by"), lambda r: r.feedback_due),
        )
        self.referrals = RowView(RowModel(referral_columns), self.tr("Referrals"))
        self.referrals.row_activated.connect(lambda r: self.open_letter.emit(r.id))
        self.tabs.addTab(self.referrals, self.tr("Referrals"))
        self.details_tab = self._build_details_tab()
        self.tabs.addTab(self.details_tab, self.tr("Details"))
        self.privacy = HouseholdPrivacy(ctx)  # inzage, partners that received data, consent
        self.tabs.addTab(self.privacy, self.tr("Privacy"))

        self.back_button.clicked.connect(self.back)
        self.visit_button.clicked.connect(self._new_visit)
        self.resume_button.clicked.connect(self._resume)
        self.refer_button.clicked.connect(self.refer)

    # ---- building ------------------------------------------------------------------------
    def _build_signals_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.chart = QChart()
        self.chart.setTitle(self.tr("Signals per month, last 12 months"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        self.chart_view.setAccessibleName(self.tr("Signals per month"))
        lay.addWidget(self.chart_view, 2)
        sign_columns: tuple[Column[SignSeen], ...] = (
            Column(self.tr("Domain"), lambda g: g.domain),
            Column(self.tr("Sign"), lambda g: g.label),
            date_column(self.tr("Last seen"), lambda g: g.seen),
            Column(self.tr("Severity"), lambda g: str(g.severity), key=lambda g: g.severity),
        )
        self.signal_table = RowView(RowModel(sign_columns), self.tr("Signals seen"))
        lay.addWidget(self.signal_table, 1)
        return w

    def _build_actions_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        follow_up_columns: tuple[Column[FollowUpView], ...] = (
            date_column(self.tr("Due"), lambda f: f.due_on),
            Column(self.tr("Follow-up"), lambda f: f.description),
            Column(self.tr("Status"), self._follow_up_status),
        )
        self.follow_up_list = RowView(RowModel(follow_up_columns), self.tr("Follow-ups"))
        lay.addWidget(self.follow_up_list)
        row = QHBoxLayout()
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(
            self.tr("A small concrete step, e.g. call the wijkteam")
        )
        self.action_text.setAccessibleName(self.tr("New follow-up"))
        self.action_due = QDateEdit()
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("dd-MM-yyyy")
        self.action_due.setAccessibleName(self.tr("Due date"))
        self.action_add = QPushButton(self.tr("Add"))
        self.action_done = QPushButton(self.tr("Mark done"))
        row.addWidget(self.action_text, 3)
        row.addWidget(self.action_due)
        row.addWidget(self.action_add)
        row.addStretch(1)
        row.addWidget(self.action_done)
        lay.addLayout(row)
        self.action_add.clicked.connect(self._add_action)
        self.action_text.returnPressed.connect(self._add_action)
        self.action_done.clicked.connect(self._mark_done)
        return w

    def _build_details_tab(self) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        left = QVBoxLayout()
        form = QFormLayout()
        self.f_label = QLineEdit()
        self.f_street = QLineEdit()
        self.f_number = QSpinBox()
        self.f_number.setRange(1, 99999)
        self.f_addition = QLineEdit()
        self.f_postcode = QLineEdit()
        self.f_city = QLineEdit()
        self.f_wijk = QLineEdit()
        for label, widget in (
            (self.tr("Household"), self.f_label),
            (self.tr("Street"), self.f_street),
            (self.tr("Number"), self.f_number),
            (self.tr("Addition"), self.f_addition),
            (self.tr("Postcode"), self.f_postcode),
            (self.tr("City"), self.f_city),
            (self.tr("Wijk"), self.f_wijk),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        left.addLayout(form)
        self.details_message = InlineMessage()
        left.addWidget(self.details_message)
        self.save_details = QPushButton(self.tr("Save address"))
        left.addWidget(self.save_details, alignment=Qt.AlignmentFlag.AlignRight)
        left.addStretch(1)
        lay.addLayout(left, 1)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Residents")))
        self.residents = QTableWidget(0, 4)
        self.residents.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Birth year"), self.tr("Phone"), self.tr("In letters")]
        )
        header_item = self.residents.horizontalHeaderItem(3)
        if header_item is not None:
            header_item.setToolTip(
                self.tr("How a letter addresses the resident, e.g. mevrouw A. de Vries")
            )
        self.residents.verticalHeader().hide()
        set_row_height(self.residents)
        self.residents.horizontalHeader().setStretchLastSection(True)
        self.residents.setAccessibleName(self.tr("Residents"))
        right.addWidget(self.residents)
        add_row = QHBoxLayout()
        self.r_name = QLineEdit()
        self.r_name.setPlaceholderText(self.tr("Name"))
        self.r_name.setAccessibleName(self.tr("Name of the new resident"))
        self.r_year = QSpinBox()
        self.r_year.setRange(0, 2100)
        self.r_year.setSpecialValueText(self.tr("year?"))
        self.r_year.setAccessibleName(self.tr("Birth year"))
        self.r_phone = QLineEdit()
        self.r_phone.setPlaceholderText(self.tr("Phone"))
        self.r_phone.setAccessibleName(self.tr("Phone"))
        self.r_addressed = QLineEdit()
        self.r_addressed.setPlaceholderText(self.tr("in letters: mevrouw A. de Vries"))
        self.r_addressed.setAccessibleName(
            self.tr("How letters address the new resident, e.g. mevrouw A. de Vries")
        )
        self.r_add = QPushButton(self.tr("Add resident"))
        for part in (self.r_name, self.r_year, self.r_phone, self.r_addressed, self.r_add):
            add_row.addWidget(part)
        right.addLayout(add_row)
        self.r_save = QPushButton(self.tr("Save changes"))
        self.r_remove = QPushButton(self.tr("Remove selected"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.r_remove)
        buttons.addStretch(1)
        buttons.addWidget(self.r_save)
        right.addLayout(buttons)
        lay.addLayout(right, 1)
        self.save_details.clicked.connect(self._save_address)
        self.r_add.clicked.connect(self._add_resident)
        self.r_save.clicked.connect(self._save_residents)
        self.r_remove.clicked.connect(self._remove_resident)
        return w

    # ---- loading -------------------------------------------------------------------------
    def open(self, household_id: str) -> None:
        self.household_id = household_id
        self.message.clear_message()
        self.stale = False
        self.refresh()

    def affected_by(self, changes: Changes) -> bool:
        return self.household_id is not None and changes.about_household(self.household_id)

    def refresh(self) -> None:
        hid = self.household_id
        if hid is None:
            return
        QueryOp(
            self.ctx, self, lambda s: load_page(s, hid), self.show_data, message=self.message
        ).run()

    def show_data(self, data: PageData) -> None:
        self.data = data
        d = data.detail
        self.title.setText(f"{d.address}, {d.city} · {d.label}")
        self.badge.set_level(d.concern_level, d.visited)
        self.badge.setVisible(not d.anonymised)
        residents = ", ".join(r.name for r in d.residents) or self.tr("no residents recorded")
        today = self.ctx.today()
        late = (today - d.next_check_in).days if d.next_check_in else 0
        if d.next_check_in and late > 0:
            due = (
                self.tr("visit 1 day late (due {date})")
                if late == 1
                else self.tr("visit {n} days late (due {date})")
            ).format(n=late, date=long_date(d.next_check_in))
        elif d.next_check_in:
            due = self.tr("next visit by {date}").format(date=long_date(d.next_check_in))
        elif not d.visited:
            due = self.tr("not visited yet")
        else:
            due = self.tr("no next visit planned")
        self.late_visit = late > 0
        where = " · ".join(x for x in (d.postcode, d.wijk, d.complex_name) if x)
        self.subtitle.setText(
            f"{html.escape(residents)} — "
            + (f"<b style='color:{OVERDUE_COLOUR}'>{html.escape(due)}</b>" if late > 0 else due)
            + f"<br>{html.escape(where)}"
        )
        if d.anonymised:  # no name, no address: say what it is and where it was
            # Its place is as coarse as five of the corporation's homes share (0023).
            place = ", ".join(
                x for x in (" ".join(x for x in (d.postcode, d.wijk) if x), d.city) if x
            )
            self.title.setText(self.tr("Anonymised household") + (f" · {place}" if place else ""))
            self.subtitle.setText(
                html.escape(self.tr("Names and address have been removed. No more visits follow."))
                + (f"<br>{html.escape(d.complex_name)}" if d.complex_name else "")
            )
        if d.anonymised:  # nothing new can be added to it (0022)
            self.draft_banner.notice(
                self.tr(
                    "The retention period is over. That is why names, address, visits and notes"
                    " have been removed. For the figures in Overzicht only the number of visits"
                    " and signs per month is kept. You cannot add anything here."
                )
            )
            self.resume_button.hide()
        elif data.draft_ids:
            self.draft_banner.notice(self.tr("There is an unsaved draft visit for this household."))
            self.resume_button.show()
        else:
            self.draft_banner.clear_message()
            self.resume_button.hide()
        closed_to_new = self.tr("This household has been anonymised. You cannot add anything.")
        for button, tip in (
            (self.visit_button, self.tr("Record home visit (Ctrl+N)")),
            (self.refer_button, self.tr("Refer this household to a partner, with a letter")),
        ):
            button.setEnabled(not d.anonymised)
            button.setToolTip(closed_to_new if d.anonymised else tip)
        # Its follow-ups are gone and its details are not to be filled in again (0022).
        for tab in (self.actions_tab, self.details_tab):
            tab.setEnabled(not d.anonymised)
            tab.setToolTip(closed_to_new if d.anonymised else "")
        self._fill_timeline(d)
        self._fill_signals(d)
        self._fill_actions(d)
        self._fill_referrals(d)
        self._fill_details(d, data.address)
        self.privacy.load(d.id, d.residents)

    def _fill_timeline(self, d: HouseholdDetail) -> None:
        entries: list[TimelineEntry] = []
        for v in d.visits:
            known = v.kind in {k.value for k in VisitKind}
            kind = visit_kind_label(VisitKind(v.kind)) if known else v.kind
            first_line = v.notes.splitlines()[0] if v.notes else ""
            reading = self._visit_reading(v, kind)
            signals = []
            for o in v.observations:
                label = Lang.pick((o.label_nl, o.label_en))
                extra = f" — {o.remark}" if o.remark else ""
                signals.append(
                    TimelineEntry(
                        at=v.visited_at.isoformat(),
                        when="",
                        what=self.tr("Acute signal") if o.acute else self.tr("Signal"),
                        details=self.tr("{label} ({severity}){extra}").format(
                            label=label, severity=severity_label(Severity(o.severity)), extra=extra
                        ),
                        reading=reading,
                        visit_id=v.id,
                        visited_at=v.visited_at,
                    )
                )
            what = self.tr("Home visit: {kind}").format(kind=kind)
            if v.corrected_at is not None:
                what = self.tr("{what} (corrected)").format(what=what)
            entries.append(
                TimelineEntry(
                    at=v.visited_at.isoformat(),
                    when=stamp(v.visited_at),
                    what=what,
                    by=v.staff_name,
                    details=first_line[:160],
                    notes=v.notes,
                    signals=tuple(signals),
                    reading=reading,
                    visit_id=v.id,
                    visited_at=v.visited_at,
                )
            )
        for f in d.follow_ups:
            status = self.tr("open") if f.status == FollowUpStatus.OPEN.value else self.tr("done")
            entries.append(
                TimelineEntry(
                    at=f.due_on.isoformat() if f.due_on else "",
                    when=short_date(f.due_on),
                    what=self.tr("Follow-up ({status})").format(status=status),
                    details=f.description,
                )
            )
        for r in d.referrals:
            entries.append(
                TimelineEntry(
                    at=r.created_at.isoformat(),
                    when=stamp(r.created_at),
                    what=self.tr("Referral to {partner}").format(partner=r.partner_name),
                    details=(f"{r.reference} · {referral_status_label(ReferralStatus(r.status))}"),
                )
            )
        entries.sort(key=lambda e: e.at, reverse=True)
        shown = self.timeline.current()
        self.timeline.set_rows(entries)
        again = shown is not None and self.timeline.select(
            lambda e: (e.at, e.what) == (shown.at, shown.what)
        )
        if not again and entries and not self.timeline.select(lambda e: bool(e.visit_id)):
            self.timeline.setCurrentIndex(self.timeline.model().index(0, 0))  # the last visit
        self._show_entry(self.timeline.current())

    def _visit_reading(self, v: VisitView, kind: str) -> str:
        """A visit in full for the reading pane: the whole note, signals in words, acute
        signs marked with what was done."""
        e = html.escape
        title = self.tr("Home visit: {kind}").format(kind=kind)
        present = self.tr("Present: {names}").format(names=", ".join(v.residents_present))
        signals_title = self.tr("Signals")
        acute_word = self.tr("acute")
        parts = [
            f"<h3>{e(title)}</h3>",
            f"<p>{e(stamp(v.visited_at))}"
            + (f" · {e(v.staff_name)}" if v.staff_name else "")
            + "</p>",
        ]
        if v.residents_present:
            parts.append(f"<p>{e(present)}</p>")
        if v.corrected_at is not None:
            corrected = self.tr("Corrected on {when}; the original note is kept.")
            parts.append(f"<p><i>{e(corrected.format(when=stamp(v.corrected_at)))}</i></p>")
        note = e(v.notes).replace("\n", "<br>") if v.notes else e(self.tr("(no notes)"))
        parts.append(f"<p>{note}</p>")
        if v.observations:
            parts.append(f"<p><b>{e(signals_title)}</b></p><ul>")
            for o in v.observations:
                label = Lang.pick((o.label_nl, o.label_en))
                line = f"{e(label)} — {e(severity_label(Severity(o.severity)))}"
                if o.remark:
                    line += f" — {e(o.remark)}"
                if o.acute:
                    if o.acute_response:
                        done = self.tr("done: {what}").format(what=o.acute_response)
                    elif o.acute_response == "":
                        done = self.tr("not followed up yet (a follow-up due that day)")
                    else:
                        done = self.tr("not recorded what was done")
                    line = (
                        f"<b style='color:{OVERDUE_COLOUR}'>⚠ {e(acute_word)}</b> "
                        f"{line}<br><i>{e(done)}</i>"
                    )
                parts.append(f"<li>{line}</li>")
            parts.append("</ul>")
        return "".join(parts)

    def _show_entry(self, entry: TimelineEntry | None) -> None:
        if entry is None:
            self.reading.clear()
            self.correct_button.setEnabled(False)
            return
        if entry.reading:
            self.reading.setHtml(entry.reading)
        else:
            self.reading.setHtml(
                f"<h3>{html.escape(entry.what)}</h3><p>{html.escape(entry.when)}</p>"
                f"<p>{html.escape(entry.details)}</p>"
            )
        self.correct_button.setEnabled(
            bool(entry.visit_id)
            and entry.visited_at is not None
            and self.ctx.today() <= correctable_until(entry.visited_at, self.ctx.settings)
        )

    def correct_note(self) -> None:
        entry = self.timeline.current()
        if entry is None or not entry.visit_id or self.data is None:
            return
        visit = next((v for v in self.data.detail.visits if v.id == entry.visit_id), None)
        if visit is None:
            return
        dialog = CorrectNoteDialog(visit.notes, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        vid, text, allow = visit.id, dialog.text.toPlainText(), dialog.not_bsn.isChecked()
        dialog.deleteLater()
        if not accepted:
            return
        self._write(
            lambda s: amend_visit(s, vid, text, allow_bsn_like=allow).id,
            lambda _id: self.message.notice(
                self.tr("Note corrected. The original is kept in the log.")
            ),
            message=self.message,
        )

    def _fill_signals(self, d: HouseholdDetail) -> None:
        today = self.ctx.today()
        months = [(today.year, today.month)]
        for _ in range(11):
            y, m = months[0]
            months.insert(0, (y - 1, 12) if m == 1 else (y, m - 1))
        domain_labels: dict[str, str] = {}
        for item in self.ctx.profile.checklist if self.ctx.profile else ():
            domain_labels[item.domain] = Lang.pick((item.domain_label_nl, item.domain_label_en))
        counts: Counter[tuple[str, tuple[int, int]]] = Counter()
        last: dict[str, tuple[date, str, int, str]] = {}
        for v in d.visits:
            key = (v.visited_at.year, v.visited_at.month)
            for o in v.observations:
                counts[(o.domain, key)] += 1
                if o.code not in last or v.visited_at.date() > last[o.code][0]:
                    last[o.code] = (
                        v.visited_at.date(),
                        o.domain,
                        o.severity,
                        Lang.pick((o.label_nl, o.label_en)),
                    )
        self._chart_to_draw = partial(self._draw_chart, months, counts, domain_labels)
        self._draw_chart_if_shown()
        self.signal_table.set_rows(
            SignSeen(domain_labels.get(domain, domain), label, seen, severity)
            for seen, domain, severity, label in sorted(
                last.values(), key=lambda x: x[0], reverse=True
            )
        )

    def _draw_chart_if_shown(self) -> None:
        if self._chart_to_draw is not None and self.tabs.currentWidget() is self.signals_tab:
            self._chart_to_draw()
            self._chart_to_draw = None  # (after: a draw that failed is tried again)

    def _draw_chart(
        self,
        months: list[tuple[int, int]],
        counts: Counter[tuple[str, tuple[int, int]]],
        domain_labels: dict[str, str],
    ) -> None:
        """Signals per month and domain, stacked."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QStackedBarSeries()
        for i, (code, label) in enumerate(domain_labels.items()):
            bar = QBarSet(label)
            bar.setColor(QColor(DOMAIN_COLOURS[i % len(DOMAIN_COLOURS)]))
            for month in months:
                bar.append(counts.get((code, month), 0))
            series.append(bar)
        self.chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([f"{m:02d}-{str(y)[2:]}" for y, m in months])
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        top = max([sum(counts.get((c, m), 0) for c in domain_labels) for m in months] + [1])
        step = max(1, -(-top // 8))
        top = -(-top // step) * step
        axis_y.setRange(0, top)
        axis_y.setTickCount(top // step + 1)
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)

    def _follow_up_status(self, f: FollowUpView) -> str:
        return {"open": self.tr("open"), "gedaan": self.tr("done")}.get(
            f.status, self.tr("cancelled")
        )

    def _fill_actions(self, d: HouseholdDetail) -> None:
        self.follow_up_list.set_rows(d.follow_ups)
        self.action_due.setDate(qdate(self.ctx.today()).addDays(7))

    def _fill_referrals(self, d: HouseholdDetail) -> None:
        self.referrals.set_rows(d.referrals)

    def _fill_details(self, d: HouseholdDetail, a: AddressView) -> None:
        self.f_label.setText(d.label)
        self.f_street.setText(a.street)
        self.f_number.setValue(a.number)
        self.f_addition.setText(a.addition)
        self.f_postcode.setText(a.postcode)
        self.f_city.setText(a.city)
        self.f_wijk.setText(a.wijk)
        self.details_message.clear_message()
        self.residents.setRowCount(0)
        for r in d.residents:
            row = self.residents.rowCount()
            self.residents.insertRow(row)
            name = QTableWidgetItem(r.name)
            name.setData(ID_ROLE, r.id)
            self.residents.setItem(row, 0, name)
            self.residents.setItem(row, 1, QTableWidgetItem(str(r.birth_year or "")))
            self.residents.setItem(row, 2, QTableWidgetItem(r.phone))
            self.residents.setItem(row, 3, QTableWidgetItem(r.addressed_as))

    # ---- actions -------------------------------------------------------------------------
    def can_record_visit(self) -> bool:
        """False for an anonymised household (its visits are counts per month, 0022). While
        the page still loads, the editor's own load refuses one."""
        d = self.data.detail if self.data is not None else None
        return not (d is not None and d.id == self.household_id and d.anonymised)

    def _new_visit(self) -> None:
        if self.household_id and self.can_record_visit():
            self.new_visit.emit(self.household_id)

    def refer(self) -> None:
        if self.data is None:
            return
        dialog = ReferralDialog(self.ctx, self.data.detail, self)
        dialog.created.connect(self.open_letter)
        dialog.exec()  # a new referral announces itself: the page refreshes
        dialog.deleteLater()  # no dialog lingers as a child of the workspace (lock)

    def _resume(self) -> None:
        if self.household_id and self.data and self.data.draft_ids:
            self.resume_draft.emit(self.household_id, self.data.draft_ids[0])

    def _write(
        self,
        op: Callable[[Session], object],
        done: Callable[[object], object] | None = None,
        *,
        message: InlineMessage,
    ) -> None:
        """A change to this household; the announcement refreshes the page."""
        changes = Changes(households=True, household_id=self.household_id)
        WriteOp(self.ctx, self, op, done, changes=changes, message=message).run()

    def _add_action(self) -> None:
        hid = self.household_id
        text = self.action_text.text()
        due = to_date(self.action_due.date().toPython())
        if hid is None:
            return

        self._write(
            lambda s: followups.add_follow_up(s, hid, text, due).id,
            lambda _id: self.action_text.clear(),
            message=self.message,
        )

    def _mark_done(self) -> None:
        follow_up = self.follow_up_list.current()
        if follow_up is None:
            return
        fid = follow_up.id
        self._write(
            lambda s: followups.set_follow_up_status(s, fid, FollowUpStatus.DONE),
            message=self.message,
        )

    def _save_address(self) -> None:
        if self.data is None:
            return
        hid, aid = self.data.detail.id, self.data.address.id
        street, number = self.f_street.text(), self.f_number.value()
        addition, postcode = self.f_addition.text(), self.f_postcode.text()
        city, wijk, label = self.f_city.text(), self.f_wijk.text(), self.f_label.text()

        def work(s: Any) -> None:
            households.update_household(s, hid, label=label)
            households.update_address(
                s,
                aid,
                street=street,
                number=number,
                addition=addition,
                postcode=postcode,
                city=city,
                wijk=wijk,
            )

        self._write(work, message=self.details_message)

    def _add_resident(self) -> None:
        hid = self.household_id
        name, year, phone = self.r_name.text(), self.r_year.value() or None, self.r_phone.text()
        addressed = self.r_addressed.text()
        if hid is None:
            return

        def done(_id: object) -> None:
            self.r_name.clear()
            self.r_phone.clear()
            self.r_addressed.clear()
            self.r_year.setValue(0)

        def work(s: Any) -> str:
            parts = parse_formal_name(addressed)  # a mistake shows inline
            return households.add_resident(
                s, hid, name, birth_year=year, phone=phone, parts=parts
            ).id

        self._write(work, done, message=self.details_message)

    def _save_residents(self) -> None:
        rows = []
        for row in range(self.residents.rowCount()):
            name_item = self.residents.item(row, 0)
            if name_item is None:
                continue
            year_item = self.residents.item(row, 1)
            phone_item = self.residents.item(row, 2)
            addressed_item = self.residents.item(row, 3)
            year_text = (year_item.text() if year_item else "").strip()
            if year_text and not year_text.isdigit():
                self.details_message.error(self.tr("Birth year must be a number, e.g. 1950."))
                return
            rows.append(
                (
                    str(name_item.data(ID_ROLE)),
                    name_item.text(),
                    int(year_text) if year_text else None,
                    phone_item.text() if phone_item else "",
                    addressed_item.text() if addressed_item else "",
                )
            )

        def work(s: Any) -> None:
            for rid, name, year, phone, addressed in rows:
                households.update_resident(
                    s,
                    rid,
                    name=name,
                    birth_year=year,
                    phone=phone,
                    parts=parse_formal_name(addressed),
                )

        self._write(work, message=self.details_message)

    def _remove_resident(self) -> None:
        item = self.residents.item(self.residents.currentRow(), 0)
        if item is None:
            return
        rid = str(item.data(ID_ROLE))
        self._write(lambda s: households.remove_resident(s, rid), message=self.details_message)


class CorrectNoteDialog(QDialog):
    """Correct a saved visit's note (the original is kept)."""

    def __init__(self, notes: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct the note"))
        self.setMinimumSize(520, 320)
        lay = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Correct what was written wrongly. The note as it was is kept, and the"
                " timeline shows “corrected”."
            )
        )
        explain.setWordWrap(True)
        lay.addWidget(explain)
        self.text = QPlainTextEdit(notes)
        self.text.setTabChangesFocus(True)  # Tab goes to the next field
        self.text.setAccessibleName(self.tr("Corrected note"))
        self.text.setTabChangesFocus(True)
        lay.addWidget(self.text, 1)
        self.not_bsn = QCheckBox(self.tr("This is not a BSN: save anyway"))
        lay.addWidget(self.not_bsn)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
