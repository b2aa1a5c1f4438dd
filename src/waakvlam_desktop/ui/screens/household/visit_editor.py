"""Huisbezoek vastleggen: notes left, the signalenlijst right, level and next visit below.

The editor's state lives in a draft in the vault (autosaved every few seconds and before
a lock), never only in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.clock import utc_naive
from waakvlam_desktop.domain import drafts, households, tombstones
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.signals import ChecklistItemView
from waakvlam_desktop.domain.types import ConcernLevel, VisitKind, visit_kind_label
from waakvlam_desktop.domain.visits import (
    FollowUpInput,
    SignalInput,
    VisitInput,
    recent_signs,
    record_visit,
)
from waakvlam_desktop.domain.waakvlam import ObservedSign, next_check_in, suggest_level
from waakvlam_desktop.errors import BsnLikeError
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp, show_failure
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.acute_response import AcuteResponseDialog
from waakvlam_desktop.ui.widgets.common import (
    InlineMessage,
    Lang,
    level_word,
    qdate,
    qdatetime,
    short_date,
    stamp,
    to_date,
    to_datetime,
    user_message,
)

AUTOSAVE_MS = 4000
LOW_WINDOW = 640  # logical px: below this the follow-ups list stays two rows high

GUIDANCE_TEXT, GUIDANCE_BG, GUIDANCE_BORDER = palette.ACUTE_GUIDANCE


@dataclass(frozen=True, slots=True)
class EditorData:
    household_id: str
    title: str
    residents: tuple[tuple[str, str], ...]  # (id, name)
    recent: tuple[ObservedSign, ...]
    draft_id: str | None
    draft: dict[str, Any] | None
    continued_from: datetime | None = None  # "new visit" found this household's draft


def load_editor(s: Any, household_id: str, draft_id: str | None, lookback_days: int) -> EditorData:
    tombstones.refuse_if_anonymised(s, household_id)  # however the editor was reached
    detail = households.household_detail(s, household_id)
    clock = s.info["clock"]
    since = utc_naive(clock.now()) - timedelta(days=lookback_days)
    payload = None
    continued = None
    own = drafts.drafts_for(s, household_id, drafts.VISIT)
    if draft_id:
        found = [d for d in own if d.id == draft_id]
        payload = found[0].payload if found else None
    elif own:  # one draft per household: a new visit goes on with the one there is
        draft_id, payload, continued = own[0].id, own[0].payload, own[0].updated_at
    return EditorData(
        household_id,
        f"{detail.address} · {detail.label}",
        tuple((r.id, r.name) for r in detail.residents),
        tuple(recent_signs(s, household_id, since)),
        draft_id if payload is not None else None,
        payload,
        continued,
    )


class SignRow(QWidget):
    """One sign: a checkbox, severity 1-2-3, and a remark field when checked; its guidance
    right under it (an acute sign's at once, in red, with "Wat heb je gedaan?")."""

    changed = Signal()
    acknowledge = Signal(str)  # the sign's code: ask what was done

    def __init__(self, item: ChecklistItemView) -> None:
        super().__init__()
        self.item = item
        lay = QGridLayout(self)
        lay.setContentsMargins(18, 1, 4, 1)
        label = Lang.pick((item.label_nl, item.label_en))
        self.label = label
        self.check = QCheckBox(label + ("  ⚠" if item.acute else ""))
        self.check.setAccessibleName(label)
        if item.acute:  # the whole label too: a long one is cut off in a narrow list
            self.check.setToolTip(
                label + "\n" + self.tr("Acute sign: the app shows what to do at once.")
            )
        guidance = Lang.pick((item.guidance_nl, item.guidance_en))
        self.info = QToolButton()
        self.info.setText("?")
        self.info.setCheckable(True)
        self.info.setAutoRaise(True)
        self.info.setToolTip(guidance or self.tr("No guidance for this sign."))
        self.info.setAccessibleName(self.tr("Guidance for {sign}").format(sign=label))
        if not guidance:
            self.info.hide()  # (never setVisible(True) before it has a parent: a window)
        self.guidance = QFrame()
        self.guidance.setObjectName("guidance")
        glay = QVBoxLayout(self.guidance)
        glay.setContentsMargins(8, 4, 8, 4)
        self.guidance_text = QLabel(guidance)
        self.guidance_text.setWordWrap(True)
        # Selectable once shown (the flag gives a label its own text document: ~1 ms a row).
        self._selectable = False
        self.ack_button = QPushButton(self.tr("Read — what did you do?"))
        self.ack_button.setAccessibleName(
            self.tr("Read the guidance for {sign}: what did you do?").format(sign=label)
        )
        glay.addWidget(self.guidance_text)
        glay.addWidget(self.ack_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.ack_button.setVisible(item.acute)
        self.ack_button.clicked.connect(lambda: self.acknowledge.emit(item.code))
        self.info.toggled.connect(lambda _on: self._sync())
        self.answered: str | None = None  # the answer shown, once given
        self._styled_urgent: bool | None = None
        self.severity = QButtonGroup(self)
        sev_box = QHBoxLayout()
        sev_box.setSpacing(2)
        self.radios = []
        sev_box.addWidget(QLabel(self.tr("Severity")))
        for n, word in ((1, self.tr("mild")), (2, self.tr("worrying")), (3, self.tr("serious"))):
            radio = QRadioButton(str(n))
            radio.setToolTip(word)
            radio.setAccessibleName(
                self.tr("Severity {n} ({word}) for {sign}").format(n=n, word=word, sign=label)
            )
            self.severity.addButton(radio, n)
            sev_box.addWidget(radio)
            self.radios.append(radio)
        self.words = {1: self.tr("mild"), 2: self.tr("worrying"), 3: self.tr("serious")}
        self.sev_word = QLabel(self.words[1])  # the chosen severity in a word, not only a number
        sev_box.addSpacing(6)
        sev_box.addWidget(self.sev_word)
        sev_box.addStretch(1)
        self.severity.idToggled.connect(self._severity_toggled)
        self.radios[0].setChecked(True)
        self.remark = QLineEdit()
        self.remark.setPlaceholderText(self.tr("Remark (optional)"))
        self.remark.setAccessibleName(self.tr("Remark for {sign}").format(sign=label))
        self.remark.setMinimumWidth(80)
        self.sev_widget = QWidget()
        self.sev_widget.setLayout(sev_box)
        # A long label is cut off (the whole one in its tooltip), never widening the list
        # past its view: the "?" stays in sight at the right.
        self.check.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        if not item.acute:
            self.check.setToolTip(label)
        self.check.setStatusTip(label)
        lay.addWidget(self.check, 0, 0, 1, 2)
        lay.addWidget(self.info, 0, 2)
        lay.addWidget(self.sev_widget, 1, 0, 1, 3)
        lay.addWidget(self.remark, 2, 0, 1, 3)
        lay.addWidget(self.guidance, 3, 0, 1, 3)
        lay.setColumnStretch(1, 1)
        self._sync()
        self.check.toggled.connect(self._sync)
        self.check.toggled.connect(self.changed)
        self.severity.idToggled.connect(lambda _i, _c: self.changed.emit())
        self.remark.textChanged.connect(self.changed)

    def _severity_toggled(self, n: int, on: bool) -> None:
        if on:
            self.sev_word.setText(self.words.get(n, ""))

    def _sync(self) -> None:
        on = self.check.isChecked()
        self.sev_widget.setVisible(on)
        self.remark.setVisible(on)
        urgent = self.item.acute and on and self.answered is None
        shown = urgent or (self.info.isChecked() and bool(self.item.guidance_nl))
        if shown and not self._selectable:
            self._selectable = True
            self.guidance_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setVisible(shown)
        self.ack_button.setVisible(urgent)
        if not shown or urgent == self._styled_urgent:
            return  # a style sheet costs a re-polish: only when it changes, and only shown
        self._styled_urgent = urgent
        if urgent:
            self.guidance.setStyleSheet(
                f"QFrame#guidance {{ background: {GUIDANCE_BG};"
                f" border: 2px solid {GUIDANCE_BORDER}; border-radius: 6px; }}"
                f" QLabel {{ color: {GUIDANCE_TEXT}; font-weight: 600; }}"
            )
        else:
            self.guidance.setStyleSheet(
                "QFrame#guidance { background: palette(alternate-base);"
                " border: 1px solid palette(mid); border-radius: 6px; }"
            )

    def set_answer(self, answer: str | None) -> None:
        """What was done (or "not yet"), shown under the sign; the red box closes."""
        self.answered = answer
        if answer is not None:
            self.guidance_text.setText(
                Lang.pick((self.item.guidance_nl, self.item.guidance_en)) + "\n" + answer
            )
        else:
            self.guidance_text.setText(Lang.pick((self.item.guidance_nl, self.item.guidance_en)))
        self._sync()

    def set_state(self, severity: int, remark: str) -> None:
        self.check.setChecked(True)
        self.severity.button(max(1, min(3, severity))).setChecked(True)
        self.remark.setText(remark)

    def clear(self) -> None:
        self.check.setChecked(False)
        self.radios[0].setChecked(True)
        self.remark.clear()
        self.info.setChecked(False)
        self.set_answer(None)

    @property
    def value(self) -> SignalInput | None:
        if not self.check.isChecked():
            return None
        return SignalInput(self.item.code, self.severity.checkedId(), self.remark.text())


class DomainSection(QWidget):
    """A collapsible domain of the checklist."""

    def __init__(self, title: str, rows: list[SignRow]) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(0)
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setStyleSheet("QToolButton { border: none; font-weight: 600; }")
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        for row in rows:
            body.addWidget(row)
        lay.addWidget(self.toggle)
        lay.addWidget(self.body)
        self.toggle.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)


class VisitEditor(Screen):
    """Not in the navigation: opened for one visit by the household page."""

    saved = Signal(str)  # household id
    cancelled = Signal(str)
    refresh_on_show = False  # open() loads it

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.data: EditorData | None = None
        self.draft_id: str | None = None
        # The household whose visit is being opened, until it is closed: where the user
        # is while its data is still on the way (Workspace.place).
        self.opening: str | None = None
        self.dirty = False
        self.loading = False
        self.date_touched = False
        self.acknowledged: set[str] = set()
        self.responses: dict[str, str | None] = {}  # acute sign -> what was done; None: not yet
        self.rows: dict[str, SignRow] = {}
        # The checklist's domains still to build (None: not started), and the visit that
        # waits for them.
        self._domains_to_build: list[list[ChecklistItemView]] | None = None
        self._waiting: EditorData | None = None
        self.follow_ups: list[tuple[str, date | None]] = []
        self._build()
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        ctx.about_to_lock.connect(self._before_lock)

    # ---- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.draft_label = QLabel()
        self.draft_label.setStyleSheet(f"color: {palette.MUTED};")
        head.addWidget(self.title, 1)
        head.addWidget(self.draft_label)
        outer.addLayout(head)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lform = QVBoxLayout(left)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of visit"))
        for kind in VisitKind:
            self.kind.addItem(visit_kind_label(kind), kind.value)
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(self.tr("Date and time"))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("When"), self.when)
        lform.addLayout(form)
        lform.addWidget(QLabel(self.tr("Present")))
        self.present = QListWidget()
        self.present.setAccessibleName(self.tr("Residents present"))
        self.present.setMaximumHeight(90)
        lform.addWidget(self.present)
        lform.addWidget(QLabel(self.tr("Notes")))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab goes to the next field
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(
            self.tr("What did you see and hear? Short notes are fine. Never write a BSN.")
        )
        lform.addWidget(self.notes, 1)
        self.bsn_message = InlineMessage()
        self.bsn_confirm = QCheckBox(self.tr("This is not a BSN: save anyway"))
        self.bsn_confirm.hide()
        lform.addWidget(self.bsn_message)
        lform.addWidget(self.bsn_confirm)
        split.addWidget(left)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.addWidget(QLabel(self.tr("Checklist of signs")))
        self.checklist_area = QScrollArea()
        self.checklist_area.setWidgetResizable(True)
        self.checklist_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist_area.setAccessibleName(self.tr("Checklist of signs"))
        rlay.addWidget(self.checklist_area, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)

        bottom = QGridLayout()
        self.fu_text = QLineEdit()
        self.fu_text.setPlaceholderText(self.tr("New follow-up, e.g. call the wijkteam together"))
        self.fu_text.setAccessibleName(self.tr("New follow-up"))
        self.fu_due = QDateEdit()
        self.fu_due.setCalendarPopup(True)
        self.fu_due.setDisplayFormat("dd-MM-yyyy")
        self.fu_due.setAccessibleName(self.tr("Follow-up due date"))
        self.fu_add = QPushButton(self.tr("Add follow-up"))
        self.fu_list = QListWidget()
        self._fit_follow_ups()
        self.fu_list.setAccessibleName(self.tr("New follow-ups"))
        bottom.addWidget(self.fu_text, 0, 0)
        bottom.addWidget(self.fu_due, 0, 1)
        bottom.addWidget(self.fu_add, 0, 2)
        bottom.addWidget(self.fu_list, 1, 0, 1, 3)
        level_row = QHBoxLayout()
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Concern level"))
        self.level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.suggested = QLabel()
        self.next_visit = QDateEdit()
        self.next_visit.setCalendarPopup(True)
        self.next_visit.setDisplayFormat("dd-MM-yyyy")
        self.next_visit.setAccessibleName(self.tr("Next visit by"))
        level_row.addWidget(QLabel(self.tr("Concern level")))
        level_row.addWidget(self.level)
        level_row.addWidget(self.suggested)
        level_row.addSpacing(16)
        level_row.addWidget(QLabel(self.tr("Next visit by")))
        level_row.addWidget(self.next_visit)
        level_row.addStretch(1)
        bottom.addLayout(level_row, 2, 0, 1, 3)
        outer.addLayout(bottom)
        self.message = InlineMessage()
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Close (keep draft)"))
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.save_button = QPushButton(self.tr("Save visit"))
        self.save_button.setToolTip(self.tr("Save visit (Ctrl+S)"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self.notes.textChanged.connect(self._notes_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self._touch())
        self.when.dateTimeChanged.connect(lambda _d: self._touch())
        self.present.itemChanged.connect(lambda _i: self._touch())
        self.level.currentIndexChanged.connect(lambda _i: self._level_changed())
        self.next_visit.userDateChanged.connect(self._date_changed)
        self.fu_add.clicked.connect(self._add_follow_up)
        self.fu_text.returnPressed.connect(self._add_follow_up)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.close_editor)
        self.discard_button.clicked.connect(self.discard)

    def build_checklist(self) -> None:
        """(Re)build the sign rows from the active checklist of the profile: the level
        choices and an empty list now, then one domain of signs per event-loop turn (a whole
        checklist at once is some 400 widgets, ~0.2 s on the GUI thread). The rows are built
        once per workspace and cleared for every visit; ``show_data`` waits for the last
        domain. Each domain goes in below the ones before it, so the keyboard order is the
        checklist's."""
        container = QWidget()
        lay = QVBoxLayout(container)
        lay.setSpacing(2)
        lay.addStretch(1)
        self.rows = {}
        sections: dict[str, list[ChecklistItemView]] = {}
        for item in self.ctx.profile.checklist if self.ctx.profile else ():
            sections.setdefault(item.domain, []).append(item)
        self._domains_to_build = list(sections.values())
        self.checklist_area.setWidget(container)
        self.level.blockSignals(True)
        self.level.clear()
        self.level.addItem("", None)  # "follow the suggestion", text set in _update_suggestion
        for lv in ConcernLevel:
            self.level.addItem(level_word(lv), lv.value)
        self.level.blockSignals(False)
        QTimer.singleShot(0, self, self._build_next_domain)

    @property
    def checklist_ready(self) -> bool:
        """Every domain of the checklist has its rows."""
        return self._domains_to_build is not None and not self._domains_to_build

    def _build_next_domain(self) -> None:
        if not self._domains_to_build:
            return
        items = self._domains_to_build.pop(0)
        rows = []
        for item in items:
            row = SignRow(item)
            row.changed.connect(self._signs_changed)
            row.acknowledge.connect(self.ask_response)
            if item.acute:
                row.check.toggled.connect(lambda on, r=row: self._acute_toggled(r, on))
            self.rows[item.code] = row
            rows.append(row)
        title = Lang.pick((items[0].domain_label_nl, items[0].domain_label_en))
        sheet = self.checklist_area.widget()
        lay = sheet.layout() if sheet is not None else None
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(lay.count() - 1, DomainSection(title, rows))  # above the stretch
        if self._domains_to_build:
            QTimer.singleShot(0, self, self._build_next_domain)
        elif self._waiting is not None:
            data, self._waiting = self._waiting, None
            self.show_data(data)

    # ---- opening -------------------------------------------------------------------------
    def open(self, household_id: str, draft_id: str | None = None) -> None:
        self.opening = household_id
        if self._domains_to_build is None:
            self.build_checklist()
        self._waiting = None
        self.message.clear_message()
        lookback = self.ctx.settings.suggestion_lookback_days
        QueryOp(
            self.ctx,
            self,
            lambda s: load_editor(s, household_id, draft_id, lookback),
            self.show_data,
            message=self.message,
        ).run()

    def refresh(self) -> None:
        """Nothing to reload: what the editor shows is the user's input (and its draft)."""

    def show_data(self, data: EditorData) -> None:
        if not self.checklist_ready:  # the last domain of signs shows it
            self._waiting = data
            return
        self.loading = True
        self.data = data
        self.draft_id = data.draft_id
        self.title.setText(self.tr("Home visit · {title}").format(title=data.title))
        self.acknowledged = set()
        self.responses = {}
        for row in self.rows.values():
            row.clear()
        self.notes.clear()
        self.bsn_confirm.setChecked(False)
        self.follow_ups = []
        self.fu_list.clear()
        self._fit_follow_ups()
        self.present.clear()
        for rid, name in data.residents:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, rid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.present.addItem(item)
        now = self.ctx.clock.now().astimezone()
        self.when.setDateTime(qdatetime(now.replace(tzinfo=None, second=0, microsecond=0)))
        self.kind.setCurrentIndex(0)
        self.level.setCurrentIndex(0)
        self.date_touched = False
        self.fu_due.setDate(qdate(self.ctx.today()).addDays(7))
        self.next_visit.setMinimumDate(qdate(self.ctx.today()))
        if data.draft:
            self._apply_draft(data.draft)
        self.loading = False
        self.dirty = False
        if data.continued_from is not None:
            self.draft_label.setText(
                self.tr("Continuing the draft of {when} (“Discard draft” starts afresh)").format(
                    when=stamp(data.continued_from)
                )
            )
        else:
            self.draft_label.setText(self.tr("Draft restored") if data.draft else "")
        self._signs_changed()
        self._notes_changed()
        self.autosave.start()
        self.notes.setFocus()

    def _apply_draft(self, p: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.get("kind", "regulier"))))
        if p.get("visited_at"):
            self.when.setDateTime(qdatetime(datetime.fromisoformat(p["visited_at"])))
        present = set(p.get("present", []))
        for i in range(self.present.count()):
            item = self.present.item(i)
            rid = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if rid in present else Qt.CheckState.Unchecked)
        self.notes.setPlainText(p.get("notes", ""))
        for code, sig in p.get("signals", {}).items():
            if code in self.rows:
                self.rows[code].set_state(int(sig.get("severity", 1)), sig.get("remark", ""))
        self.acknowledged = set(p.get("acknowledged", []))
        self.responses = dict(p.get("acute_responses", {}))
        for fu in p.get("follow_ups", []):
            due = date.fromisoformat(fu["due"]) if fu.get("due") else None
            self._append_follow_up(fu["description"], due)
        if p.get("level"):
            self.level.setCurrentIndex(max(0, self.level.findData(p["level"])))
        if p.get("next_check_in"):
            self.next_visit.setDate(qdate(date.fromisoformat(p["next_check_in"])))
            self.date_touched = True

    # ---- state ---------------------------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        signals = {
            code: {"severity": v.severity, "remark": v.remark}
            for code, row in self.rows.items()
            if (v := row.value) is not None
        }
        return {
            "kind": self.kind.currentData(),
            "visited_at": to_datetime(self.when.dateTime().toPython()).isoformat(),
            "present": self._present_ids(),
            "notes": self.notes.toPlainText(),
            "signals": signals,
            "acknowledged": sorted(self.acknowledged),
            "acute_responses": dict(self.responses),
            "follow_ups": [
                {"description": d, "due": due.isoformat() if due else None}
                for d, due in self.follow_ups
            ],
            "level": self.level.currentData(),
            "next_check_in": to_date(self.next_visit.date().toPython()).isoformat()
            if self.date_touched
            else None,
        }

    def _present_ids(self) -> list[str]:
        return [
            str(self.present.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.present.count())
            if self.present.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _touch(self) -> None:
        if not self.loading:
            self.dirty = True

    def _notes_changed(self) -> None:
        self._touch()
        self._check_bsn()

    def _check_bsn(self) -> None:
        texts = [self.notes.toPlainText(), *(r.remark.text() for r in self.rows.values())]
        if any(find_bsn_like(t) for t in texts if t):
            self.bsn_message.error(
                self.tr(
                    "This text contains a number that looks like a BSN. A BSN may not be"
                    " stored: remove it, or confirm that it is not a BSN."
                )
            )
            self.bsn_confirm.show()
        else:
            self.bsn_message.clear_message()
            self.bsn_confirm.hide()
            self.bsn_confirm.setChecked(False)

    def current_signs(self) -> list[ObservedSign]:
        out = []
        for row in self.rows.values():
            v = row.value
            if v is not None:
                out.append(ObservedSign(v.code, row.item.domain, v.severity, row.item.acute))
        return out

    def suggestion(self) -> ConcernLevel:
        recent = list(self.data.recent) if self.data else []
        return suggest_level([*recent, *self.current_signs()])

    def _signs_changed(self) -> None:
        self._touch()
        self._check_bsn()
        self._update_acute()
        self._update_suggestion()

    def _update_acute(self) -> None:
        """Each acute sign shows its guidance under it until "Wat heb je gedaan?" is answered
        (nothing above the list moves)."""
        for code, row in self.rows.items():
            if not row.item.acute:
                continue
            if code in self.acknowledged and row.check.isChecked():
                answer = self.responses.get(code)
                shown = (
                    self.tr("Done: {what}").format(what=answer)
                    if answer
                    else self.tr(
                        "Not yet: a follow-up due today is made; it stays first on Today"
                        " until you tick it off."
                    )
                )
                if row.answered != shown:
                    row.set_answer(shown)
            elif row.answered is not None:
                row.set_answer(None)

    @property
    def open_acute(self) -> list[str]:
        """Acute signs checked whose guidance has not been answered yet."""
        return [
            code
            for code, row in self.rows.items()
            if row.item.acute and row.check.isChecked() and code not in self.acknowledged
        ]

    def ask_response(self, code: str) -> None:
        """ "Wat heb je gedaan?" for one acute sign."""
        row = self.rows[code]
        guidance = Lang.pick((row.item.guidance_nl, row.item.guidance_en))
        dialog = AcuteResponseDialog(row.label, guidance, self)
        accepted = dialog.exec() == AcuteResponseDialog.DialogCode.Accepted
        response = dialog.response()
        dialog.deleteLater()  # no dialog lingers as a child of the workspace (lock)
        if accepted:
            self.record_response(code, response)

    def record_response(self, code: str, response: str | None) -> None:
        self.acknowledged.add(code)
        self.responses[code] = response
        self._touch()
        self._update_acute()

    def chosen_level(self) -> ConcernLevel:
        data = self.level.currentData()
        return ConcernLevel(data) if data else self.suggestion()

    def _update_suggestion(self) -> None:
        suggestion = self.suggestion()
        self.level.setItemText(
            0, self.tr("Follow suggestion ({level})").format(level=level_word(suggestion))
        )
        self.suggested.setText(self.tr("Suggested: {level}").format(level=level_word(suggestion)))
        self._update_next_date()

    def _level_changed(self) -> None:
        self._touch()
        self._update_next_date()

    def _update_next_date(self) -> None:
        if self.date_touched or self.ctx.profile is None:
            return
        day = next_check_in(self.chosen_level(), self.ctx.today(), self.ctx.settings)
        self.next_visit.blockSignals(True)
        self.next_visit.setDate(qdate(day))
        self.next_visit.blockSignals(False)

    def _date_changed(self, _d: QDate) -> None:
        if self.loading:
            return
        self.date_touched = True
        self._touch()

    def _add_follow_up(self) -> None:
        text = self.fu_text.text().strip()
        if not text:
            return
        self._append_follow_up(text, to_date(self.fu_due.date().toPython()))
        self.fu_text.clear()
        self._touch()

    def _append_follow_up(self, text: str, due: date | None) -> None:
        self.follow_ups.append((text, due))
        shown = f"{text} — {short_date(due)}" if due else text
        self.fu_list.addItem(shown)
        self._fit_follow_ups()
        self.fu_list.scrollToBottom()

    def _fit_follow_ups(self) -> None:
        """The new follow-ups list is two rows high when empty or when the window is low
        (the notes and the signalenlijst get the height), four otherwise."""
        rows = 4 if self.fu_list.count() > 2 and self.height() >= LOW_WINDOW else 2
        line = self.fu_list.fontMetrics().height() + 4
        self.fu_list.setFixedHeight(rows * line + 2 * self.fu_list.frameWidth() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_follow_ups()

    def _acute_toggled(self, row: SignRow, on: bool) -> None:
        if on and not self.loading:  # after the layout has placed the guidance
            QTimer.singleShot(0, self, lambda: self._show_guidance(row))

    def _show_guidance(self, row: SignRow) -> None:
        """An acute sign just ticked: scroll its red guidance (and its button) into sight."""
        sheet = self.checklist_area.widget()
        lay = sheet.layout() if sheet is not None else None
        if row.guidance.isVisible():
            if lay is not None:
                lay.activate()  # the guidance's final place, not last frame's
            self.checklist_area.ensureWidgetVisible(row.ack_button, 8, 8)

    # ---- saving --------------------------------------------------------------------------
    def save_draft(self) -> None:
        if not self.dirty or self.data is None:
            return
        self.dirty = False
        hid, payload, draft_id = self.data.household_id, self.payload(), self.draft_id

        def done(new_id: str) -> None:
            self.draft_id = new_id
            self.draft_label.setText(
                self.tr("Draft saved {time}").format(
                    time=self.ctx.clock.now().astimezone().strftime("%H:%M")
                )
            )

        def failed(exc: BaseException) -> None:
            self.dirty = True
            self.draft_label.setText(user_message(exc))

        WriteOp(
            self.ctx,
            self,
            lambda s: drafts.save_draft(s, drafts.VISIT, hid, payload, draft_id),
            done,
            changes=Changes(drafts=True, household_id=hid),
        ).failure(failed).run()

    def _before_lock(self) -> None:
        """Queued before the vault closes: the draft is safe, then the editor is emptied."""
        if self.data is None:
            return
        self.dirty = True
        self.save_draft()
        self.autosave.stop()
        self._clear()

    def _clear(self) -> None:
        self.loading = True
        self.data = None
        self.opening = None
        self.draft_id = None
        self.notes.clear()
        for row in self.rows.values():
            row.clear()
        self.present.clear()
        self.fu_list.clear()
        self._fit_follow_ups()
        self.follow_ups = []
        self.acknowledged = set()
        self.responses = {}
        self.loading = False
        self.dirty = False

    def visit_input(self) -> VisitInput:
        assert self.data is not None
        when = to_datetime(self.when.dateTime().toPython()).astimezone()
        level = self.level.currentData()
        return VisitInput(
            household_id=self.data.household_id,
            kind=VisitKind(self.kind.currentData()),
            notes=self.notes.toPlainText(),
            visited_at=when,
            signals=[
                replace(v, acute_response=self.responses.get(code))
                for code, row in self.rows.items()
                if (v := row.value) is not None
            ],
            resident_ids=self._present_ids(),
            follow_ups=[FollowUpInput(d, due) for d, due in self.follow_ups],
            concern_level=ConcernLevel(level) if level else None,
            next_check_in=to_date(self.next_visit.date().toPython()),
            allow_bsn_like=self.bsn_confirm.isChecked(),
        )

    def save(self) -> None:
        if self.data is None:
            return
        self.message.clear_message()
        data = self.visit_input()
        hid, draft_id = self.data.household_id, self.draft_id
        self.save_button.setEnabled(False)

        def work(s: Any) -> str:
            result = record_visit(s, data)
            if draft_id:
                drafts.discard_draft(s, draft_id)
            return result.visit_id

        def done(_vid: str) -> None:
            self.autosave.stop()
            self._clear()
            self.saved.emit(hid)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, BsnLikeError):
                self.bsn_confirm.show()
            show_failure(self, exc, self.message)

        changes = Changes(households=True, drafts=True, household_id=hid)
        WriteOp(self.ctx, self, work, done, changes=changes).always(
            lambda: self.save_button.setEnabled(True)
        ).failure(failed).run()

    def close_editor(self) -> None:
        if self.data is None:
            return
        hid = self.data.household_id
        self.dirty = True
        self.save_draft()
        self.autosave.stop()
        self._clear()
        self.cancelled.emit(hid)

    def discard(self) -> None:
        if self.data is None:
            return
        hid, draft_id = self.data.household_id, self.draft_id
        self.autosave.stop()
        self._clear()
        if draft_id:
            WriteOp(
                self.ctx,
                self,
                lambda s: drafts.discard_draft(s, draft_id),
                changes=Changes(drafts=True, household_id=hid),
                message=self.message,
            ).run()
        self.cancelled.emit(hid)

    @property
    def is_open(self) -> bool:
        return self.data is not None
