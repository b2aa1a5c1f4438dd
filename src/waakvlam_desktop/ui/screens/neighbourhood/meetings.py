"""Casusoverleg (#18 C), the third tab of the Buurt screen: plan a meeting, put households
on its agenda, record agreements, decisions and "opgelost", and save the agenda or the
minutes per participant as PDF. Reading and writing go through ``domain/meetings.py`` on
the worker (``QueryOp`` / ``WriteOp``); the PDFs are made and written there too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.meeting import send_meeting
from waakvlam_desktop.clock import local_today
from waakvlam_desktop.documents.meeting import render_meeting
from waakvlam_desktop.domain import meetings
from waakvlam_desktop.domain.households import list_households
from waakvlam_desktop.domain.meetings import AgendaItem, MeetingDetail, MeetingRow
from waakvlam_desktop.domain.partners import list_partners
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.storage.models import StaffMember
from waakvlam_desktop.texts import current_language
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.widgets.common import InlineMessage, qdate, short_date, to_date
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView


@dataclass(frozen=True, slots=True)
class MeetingsData:
    meetings: tuple[MeetingRow, ...]
    detail: MeetingDetail | None
    partners: tuple[str, ...]  # every partner (to plan a meeting)
    staff: tuple[str, ...]  # staff names (owners of agreements)


def load_meetings(session: Session, wanted: str | None) -> MeetingsData:
    """Every meeting; the one wanted (else the next one from today, else the newest) in full."""
    rows = meetings.list_meetings(session)
    ids = [r.id for r in rows]
    chosen = wanted if wanted in ids else None
    if chosen is None and rows:
        today = local_today(session.info["clock"])
        coming = [r for r in rows if r.held_on >= today]
        chosen = coming[-1].id if coming else rows[0].id
    return MeetingsData(
        tuple(rows),
        meetings.meeting_detail(session, chosen) if chosen else None,
        tuple(p.name for p in list_partners(session)),
        tuple(session.scalars(select(StaffMember.name).where(StaffMember.active.is_(True)))),
    )


class MeetingsPanel(QWidget):
    """The case conference: one meeting at a time, its agenda with what was agreed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: str | None = None
        self.data: MeetingsData | None = None
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Meeting")))
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Meeting"))
        self.chooser.setMinimumWidth(320)
        head.addWidget(self.chooser)
        head.addStretch(1)
        self.plan_button = QPushButton(self.tr("Plan a meeting…"))
        head.addWidget(self.plan_button)
        lay.addLayout(head)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet(f"color: {palette.MUTED};")
        lay.addWidget(self.info)
        self.message = InlineMessage()
        lay.addWidget(self.message)

        self.model: RowModel[AgendaItem] = RowModel(
            (
                Column(self.tr("Household"), lambda i: i.label),
                Column(self.tr("Address"), lambda i: i.address),
                Column(self.tr("Signals"), self._signals_text, tooltip=self._signals_text),
                Column(
                    self.tr("Agreements"),
                    self._agreements_text,
                    tooltip=self._agreements_tooltip,
                ),
                Column(
                    self.tr("Open from earlier"),
                    self._earlier_text,
                    tooltip=self._earlier_tooltip,
                    stretch=True,
                ),
                Column(self.tr("Status"), self._status_text, colour=self._status_colour),
            ),
            empty=self.tr(
                "Nothing on the agenda yet. A household stays on every next agenda until it is"
                " marked solved."
            ),
            empty_column=3,
        )
        self.agenda = RowView(self.model, self.tr("Agenda"))
        lay.addWidget(self.agenda, 1)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Put a household on the agenda…"))
        self.agree_button = QPushButton(self.tr("Record an agreement…"))
        self.decide_button = QPushButton(self.tr("Decision…"))
        self.solved_button = QPushButton(self.tr("Mark solved"))
        for b in (self.add_button, self.agree_button, self.decide_button, self.solved_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For participant")))
        self.participant = QComboBox()
        self.participant.setAccessibleName(self.tr("For participant"))
        self.participant.setMinimumWidth(200)
        row.addWidget(self.participant)
        self.agenda_pdf = QPushButton(self.tr("Save agenda as PDF…"))
        self.minutes_pdf = QPushButton(self.tr("Save minutes as PDF…"))
        self.agenda_bundle = QPushButton(self.tr("Send agenda as bundle…"))
        self.agenda_bundle.setToolTip(
            self.tr(
                "The same agenda, signed and encrypted for this participant (a .age file), for"
                " partners that gave you their key line."
            )
        )
        row.addWidget(self.agenda_pdf)
        row.addWidget(self.agenda_bundle)
        row.addWidget(self.minutes_pdf)
        hint = QLabel(self.tr("Each participant sees only what its legal basis allows."))
        hint.setStyleSheet(f"color: {palette.MUTED};")
        row.addWidget(hint, 1)
        lay.addLayout(row)

        self.chooser.activated.connect(self._chosen)
        self.plan_button.clicked.connect(self.plan)
        self.add_button.clicked.connect(self.add_household)
        self.agree_button.clicked.connect(self.record_agreement)
        self.decide_button.clicked.connect(self.record_decision)
        self.solved_button.clicked.connect(self.mark_solved)
        self.agenda_pdf.clicked.connect(lambda: self.save_pdf(meetings.AGENDA))
        self.minutes_pdf.clicked.connect(lambda: self.save_pdf(meetings.MINUTES))
        self.agenda_bundle.clicked.connect(self.send_bundle)
        self.agenda.current_changed.connect(lambda _row: self._sync())
        self._sync()

    # ---- texts ---------------------------------------------------------------------------------
    def _signals_text(self, i: AgendaItem) -> str:
        language = current_language()
        return ", ".join(s.text(language) for s in i.signals) or "–"

    def _agreements_text(self, i: AgendaItem) -> str:
        if not i.agreements:
            return ""
        a = i.agreements[-1]
        more = f" (+{len(i.agreements) - 1})" if len(i.agreements) > 1 else ""
        return f"{a.owner}: {a.description}{more}"

    def _agreements_tooltip(self, i: AgendaItem) -> str:
        lines = [f"{a.owner}: {a.description}" for a in i.agreements]
        if i.decision:
            lines.append(self.tr("Decision: {text}").format(text=i.decision))
        return "\n".join(lines)

    def _earlier_text(self, i: AgendaItem) -> str:
        # The household's agreements of earlier meetings still open (the agenda PDF lists
        # them too): what was promised and is not done yet.
        if not i.earlier_agreements:
            return ""
        a = i.earlier_agreements[0]
        more = f" (+{len(i.earlier_agreements) - 1})" if len(i.earlier_agreements) > 1 else ""
        return f"{a.owner}: {a.description}{more}"

    def _earlier_tooltip(self, i: AgendaItem) -> str:
        lines = [self.tr("Still open from earlier meetings:")] if i.earlier_agreements else []
        for a in i.earlier_agreements:
            due = self.tr(" (by {date})").format(date=short_date(a.due_on)) if a.due_on else ""
            lines.append(f"{a.owner}: {a.description}{due}")
        return "\n".join(lines)

    def _status_text(self, i: AgendaItem) -> str:
        if i.solved_on is not None:
            return self.tr("solved")
        return self.tr("open, carried over") if i.carried else self.tr("open")

    def _status_colour(self, i: AgendaItem) -> str | None:
        return palette.MUTED if i.solved_on is not None else None

    # ---- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        wanted = self.meeting_id
        QueryOp(
            self.ctx, self, lambda s: load_meetings(s, wanted), self.show_data, message=self.message
        ).run()

    def show_data(self, data: MeetingsData) -> None:
        self.data = data
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for m in data.meetings:
            place = f", {m.place}" if m.place else ""
            self.chooser.addItem(f"{short_date(m.held_on)}{place}", m.id)
        detail = data.detail
        if detail is not None:
            self.meeting_id = detail.id
            self.chooser.setCurrentIndex(max(self.chooser.findData(detail.id), 0))
        self.chooser.blockSignals(False)
        self.participant.clear()
        if detail is None:
            self.info.setText(
                self.tr(
                    "No case conference planned yet. Plan one with the partners at the table;"
                    " households still open from an earlier meeting come along by themselves."
                )
            )
            self.agenda.set_rows([])
        else:
            names = ", ".join(name for _pid, name in detail.partners)
            self.info.setText(
                self.tr("With {partners}. The agenda may hold households of every complex.").format(
                    partners=names
                )
            )
            for pid, name in detail.partners:
                self.participant.addItem(name, pid)
            self.agenda.set_rows(detail.items)
        self._sync()

    def _sync(self) -> None:
        has_meeting = self.data is not None and self.data.detail is not None
        item = self.agenda.current()
        for b in (self.add_button, self.agenda_pdf, self.agenda_bundle, self.minutes_pdf):
            b.setEnabled(has_meeting)
        self.agree_button.setEnabled(item is not None)
        self.decide_button.setEnabled(item is not None)
        self.solved_button.setEnabled(item is not None and item.solved_on is None)

    def _chosen(self, index: int) -> None:
        mid = self.chooser.itemData(index)
        if mid and mid != self.meeting_id:
            self.meeting_id = str(mid)
            self.refresh()

    # ---- writing -------------------------------------------------------------------------------
    def _write(self, work: Any, done: str, after: Any = None) -> None:
        def finished(result: Any) -> None:
            if after is not None:
                after(result)
            self.message.notice(done)

        WriteOp(
            self.ctx,
            self,
            work,
            finished,
            changes=Changes(neighbourhood=True, households=True),
            message=self.message,
        ).run()

    def plan(self) -> None:
        if self.data is None:
            return
        dialog = PlanDialog(self.data.partners, self.ctx.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        held_on, place, names = dialog.values()

        def planned(mid: str) -> None:
            self.meeting_id = mid
            self.refresh()  # the announced change refreshed before the new id was known

        self._write(
            lambda s: meetings.add_meeting(s, held_on, names, place=place).id,
            self.tr("Meeting planned."),
            planned,
        )

    def add_household(self) -> None:
        mid = self.meeting_id
        if mid is None:
            return
        QueryOp(
            self.ctx,
            self,
            lambda s: [(h.id, f"{h.label} – {h.address}") for h in list_households(s)],
            lambda rows: self._choose_household(mid, rows),
            message=self.message,
        ).run()

    def _choose_household(self, mid: str, rows: list[tuple[str, str]]) -> None:
        dialog = HouseholdDialog(rows, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        hid = dialog.chosen()
        assert hid is not None
        self._write(lambda s: meetings.add_to_agenda(s, mid, hid), self.tr("Put on the agenda."))

    def record_agreement(self) -> None:
        item, detail = self.agenda.current(), self.data.detail if self.data else None
        if item is None or detail is None or self.data is None:
            return
        owners = [*self.data.staff, *(name for _pid, name in detail.partners)]
        dialog = AgreementDialog(owners, self.ctx.today(), item.label, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        owner, text, due = dialog.values()
        mid, hid = detail.id, item.household_id
        self._write(
            lambda s: meetings.agree(s, mid, hid, owner, text, due),
            self.tr("Agreement recorded."),
        )

    def record_decision(self) -> None:
        item, mid = self.agenda.current(), self.meeting_id
        if item is None or mid is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Decision"),
            self.tr("What was decided about {household}?").format(household=item.label),
            item.decision,
        )
        if ok and text.strip():
            hid = item.household_id
            self._write(lambda s: meetings.decide(s, mid, hid, text), self.tr("Decision recorded."))

    def mark_solved(self) -> None:
        item, mid = self.agenda.current(), self.meeting_id
        if item is None or mid is None:
            return
        hid = item.household_id
        self._write(
            lambda s: meetings.mark_solved(s, mid, hid),
            self.tr("Marked solved: the household leaves the next agendas."),
        )

    def save_pdf(self, kind: str) -> None:
        mid, pid = self.meeting_id, self.participant.currentData()
        if mid is None or pid is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home()), "PDF (*.pdf)"
        )
        if name:
            self.save_pdf_to(
                kind, str(pid), Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
            )

    def save_pdf_to(self, kind: str, partner_id: str, path: Path) -> None:
        """Make the PDF for one participant and write it, on the worker; audited there."""
        mid = self.meeting_id
        if mid is None:
            return
        language = current_language()

        def work(s: Session) -> str:
            view = meetings.participant_view(s, mid, partner_id)
            pdf = render_meeting(view, kind, language)
            meetings.record_printed(s, view, kind)
            write_atomic(path, pdf, overwrite=True)
            return path.name

        WriteOp(
            self.ctx,
            self,
            work,
            lambda n: self.message.notice(self.tr("Saved as {name}.").format(name=n)),
            changes=Changes(),
            message=self.message,
        ).run()

    def send_bundle(self) -> None:
        mid, pid = self.meeting_id, self.participant.currentData()
        if mid is None or pid is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save bundle as"), str(Path.home()), "age (*.age)"
        )
        if name:
            self.send_bundle_to(
                str(pid), Path(name if name.lower().endswith(".age") else f"{name}.age")
            )

    def send_bundle_to(self, partner_id: str, path: Path) -> None:
        """The agenda for one participant as an encrypted bundle (``bundles/meeting.py``),
        made, audited and written on the worker; never over an existing file."""
        mid = self.meeting_id
        if mid is None:
            return
        language = current_language()

        def work(s: Session) -> str:
            return send_meeting(s, mid, partner_id, path, language=language).path.name

        WriteOp(
            self.ctx,
            self,
            work,
            lambda n: self.message.notice(
                self.tr("Saved as {name}: send this file to the participant.").format(name=n)
            ),
            changes=Changes(),
            message=self.message,
        ).run()


class PlanDialog(QDialog):
    """Overleg plannen: the day, the place and the partners at the table."""

    def __init__(self, partners: tuple[str, ...], today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan a meeting"))
        form = QFormLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setDate(qdate(today + timedelta(days=7)))
        self.day.setAccessibleName(self.tr("Date"))
        form.addRow(self.tr("Date"), self.day)
        self.place = QLineEdit()
        self.place.setAccessibleName(self.tr("Place"))
        form.addRow(self.tr("Place"), self.place)
        self.partners = QListWidget()
        self.partners.setAccessibleName(self.tr("Participating partners"))
        for name in partners:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partners.addItem(item)
        form.addRow(self.tr("Participating partners"), self.partners)
        note = QLabel(
            self.tr("Households not solved at an earlier meeting go on this agenda by themselves.")
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {palette.MUTED};")
        self.message = InlineMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [
            self.partners.item(i).text()
            for i in range(self.partners.count())
            if self.partners.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _accept(self) -> None:
        if not self.chosen():
            self.message.error(self.tr("Choose at least one participating partner."))
            return
        self.accept()

    def values(self) -> tuple[date, str, list[str]]:
        return to_date(self.day.date().toPython()), self.place.text(), self.chosen()


class HouseholdDialog(QDialog):
    """Huishouden op de agenda: type to find it by name or address."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Put a household on the agenda"))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName(self.tr("Household"))
        self.combo.setMinimumWidth(420)
        for hid, text in rows:
            self.combo.addItem(text, hid)
        completer = self.combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        form = QFormLayout()
        form.addRow(self.tr("Household"), self.combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def chosen(self) -> str | None:
        index = self.combo.findText(self.combo.currentText())
        data = self.combo.itemData(index) if index >= 0 else None
        return str(data) if data else None


class AgreementDialog(QDialog):
    """Afspraak vastleggen: who (a staff member or a partner at the table) does what, by when."""

    def __init__(
        self, owners: list[str], today: date, household: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record an agreement"))
        form = QFormLayout()
        form.addRow(self.tr("Household"), QLabel(household))
        self.owner = QComboBox()
        self.owner.addItems(owners)
        self.owner.setAccessibleName(self.tr("Who"))
        form.addRow(self.tr("Who"), self.owner)
        self.action = QLineEdit()
        self.action.setAccessibleName(self.tr("What"))
        self.action.setPlaceholderText(self.tr("Never write a BSN."))
        form.addRow(self.tr("What"), self.action)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd-MM-yyyy")
        self.due.setDate(qdate(today + timedelta(days=14)))
        self.due.setAccessibleName(self.tr("Due by"))
        form.addRow(self.tr("Due by"), self.due)
        self.message = InlineMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def _accept(self) -> None:
        if not self.action.text().strip():
            self.message.error(self.tr("Write down what was agreed."))
            return
        self.accept()

    def values(self) -> tuple[str, str, date]:
        return (
            self.owner.currentText(),
            self.action.text(),
            to_date(self.due.date().toPython()),
        )
