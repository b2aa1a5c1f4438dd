"""Gebeurtenis vastleggen: one event of a complex, with its partners, complex signals and an
optional action (``domain/neighbourhood.add_event``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.neighbourhood import (
    ActionInput,
    EventInput,
    add_event,
    complex_signals,
    event_kinds,
)
from waakvlam_desktop.domain.overview import ComplexOption
from waakvlam_desktop.domain.types import Severity, severity_label
from waakvlam_desktop.errors import BsnLikeError
from waakvlam_desktop.texts import current_language
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import WriteOp, show_failure
from waakvlam_desktop.ui.widgets.common import InlineMessage, qdate, to_date


class EventDialog(QDialog):
    """Record an event of ``complex``. On a refusal the dialog stays open with everything
    typed; the sentence says what to change."""

    def __init__(
        self,
        ctx: AppContext,
        complex: ComplexOption,
        partner_names: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complex = complex
        self.event_id: str | None = None
        self.setWindowTitle(self.tr("Record an event"))
        self.setMinimumWidth(520)
        language = current_language()
        today = ctx.today()

        form = QFormLayout()
        where = QLabel(complex.name)
        where.setStyleSheet("font-weight: 600;")
        form.addRow(self.tr("Complex"), where)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setDate(qdate(today))
        self.day.setMaximumDate(qdate(today))
        self.day.setAccessibleName(self.tr("Date"))
        form.addRow(self.tr("Date"), self.day)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of event"))
        for kind in event_kinds():
            self.kind.addItem(_capital(kind.label(language)), kind.code)
        form.addRow(self.tr("Kind of event"), self.kind)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(
            self.tr(
                "What happened? Do not name residents (write “resident of number 2”)."
                " Never write a BSN."
            )
        )
        self.note.setFixedHeight(90)
        form.addRow(self.tr("Note"), self.note)
        self.bsn_message = InlineMessage()
        self.bsn_confirm = QCheckBox(self.tr("This is not a BSN: save anyway"))
        self.bsn_confirm.hide()
        form.addRow(self.bsn_message)
        form.addRow(self.bsn_confirm)

        self.partners = QListWidget()
        self.partners.setAccessibleName(self.tr("Partners involved"))
        for name in partner_names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partners.addItem(item)
        self.partners.setMaximumHeight(110)
        if partner_names:
            form.addRow(self.tr("Partners involved"), self.partners)
        else:
            self.partners.hide()
            none = QLabel(self.tr("No partners yet (add them under Partners)."))
            none.setStyleSheet(f"color: {palette.MUTED};")
            form.addRow(self.tr("Partners involved"), none)

        signs = QGroupBox(self.tr("Complex signals"))
        sform = QFormLayout(signs)
        self.signal_boxes: dict[str, QComboBox] = {}
        for sign in complex_signals():
            box = QComboBox()
            label = _capital(sign.label(language))
            box.setAccessibleName(label)
            box.addItem(self.tr("not seen"), 0)
            for sev in Severity:
                box.addItem(severity_label(sev), int(sev))
            self.signal_boxes[sign.code] = box
            sform.addRow(label, box)

        act = QGroupBox(self.tr("Action (optional)"))
        aform = QFormLayout(act)
        self.action = QLineEdit()
        self.action.setAccessibleName(self.tr("Action"))
        self.action.setPlaceholderText(self.tr("e.g. Ask the caretaker to fix the lighting"))
        aform.addRow(self.tr("Action"), self.action)
        due_row = QHBoxLayout()
        self.has_due = QCheckBox(self.tr("Due by"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd-MM-yyyy")
        self.due.setDate(qdate(today).addDays(14))
        self.due.setAccessibleName(self.tr("Due by"))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        aform.addRow(due_row)

        self.message = InlineMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(signs)
        lay.addWidget(act)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

        self.note.textChanged.connect(self._check_bsn)
        self.action.textChanged.connect(self._check_bsn)

    def _check_bsn(self) -> None:
        """As in the visit editor: a BSN-like number is pointed out at once, and saving
        needs the tick that it is not a BSN."""
        if any(find_bsn_like(t) for t in (self.note.toPlainText(), self.action.text()) if t):
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

    def checked_partners(self) -> list[str]:
        return [
            self.partners.item(i).text()
            for i in range(self.partners.count())
            if self.partners.item(i).checkState() == Qt.CheckState.Checked
        ]

    def event_input(self) -> EventInput:
        action = self.action.text().strip()
        due: date | None = to_date(self.due.date().toPython()) if self.has_due.isChecked() else None
        return EventInput(
            complex_id=self.complex.id,
            kind=str(self.kind.currentData()),
            note=self.note.toPlainText(),
            occurred_on=to_date(self.day.date().toPython()),
            signals=[
                (code, int(box.currentData()))
                for code, box in self.signal_boxes.items()
                if box.currentData()
            ],
            partners=self.checked_partners(),
            actions=[ActionInput(action, due)] if action else [],
            allow_bsn_like=self.bsn_confirm.isChecked(),
        )

    def save(self) -> None:
        self.message.clear_message()
        data = self.event_input()
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setEnabled(False)

        def work(s: Any) -> str:
            return add_event(s, data).event_id

        def done(event_id: str) -> None:
            self.event_id = event_id
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, BsnLikeError):
                self.bsn_confirm.show()
            show_failure(self, exc, self.message)

        WriteOp(self.ctx, self, work, done, changes=Changes(neighbourhood=True)).always(
            lambda: save_button.setEnabled(True)
        ).failure(failed).run()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
