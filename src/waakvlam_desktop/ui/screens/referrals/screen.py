"""Doorverwijzingen: the referral dialog, the letter preview (print from memory) and the
list with the status loop."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPagedPaintDevice, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.feedback import FeedbackReport, import_feedback
from waakvlam_desktop.bundles.reply import MAX_REPLY_BYTES
from waakvlam_desktop.documents.referral_documents import GENERATORS
from waakvlam_desktop.domain import drafts
from waakvlam_desktop.domain import referrals as referral_service
from waakvlam_desktop.domain.households import HouseholdDetail
from waakvlam_desktop.domain.letters import (
    LetterKind,
    record_letter_printed,
    record_letter_saved,
)
from waakvlam_desktop.domain.partners import (
    PARTNER_INCOMPLETE,
    PartnerView,
    list_partners,
    missing_words,
    partner_type_named_in,
    partner_view,
)
from waakvlam_desktop.domain.referrals import ReferralRow, list_referrals
from waakvlam_desktop.domain.types import (
    REFERRAL_TRANSITIONS,
    ConsentForm,
    ReferralStatus,
    Severity,
    partner_type_label,
    referral_status_label,
    severity_label,
)
from waakvlam_desktop.errors import FeedbackRefusedError, WaakvlamError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp, show_failure
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.screens.partners.screen import PartnerDialog
from waakvlam_desktop.ui.sizing import fit_dialog
from waakvlam_desktop.ui.widgets.common import (
    InlineMessage,
    Lang,
    qdate,
    short_date,
    to_date,
)
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView, date_column, stamp_column

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PRINT_DPI = 300
NO_PINNED_KEY_CODE = "feedback.no_pinned_key"  # the reply's key is to be compared by phone


def status_word(status: ReferralStatus) -> str:
    return referral_status_label(status)


@dataclass(frozen=True, slots=True)
class SignChoice:
    code: str
    label: str
    severity: int
    seen: date


def signs_of(detail: HouseholdDetail) -> list[SignChoice]:
    """The household's signs, each once, with its most recent severity (newest first)."""
    found: dict[str, SignChoice] = {}
    for visit in detail.visits:  # newest first
        for o in visit.observations:
            if o.code not in found:
                found[o.code] = SignChoice(
                    o.code, Lang.pick((o.label_nl, o.label_en)), o.severity, visit.visited_at.date()
                )
    return list(found.values())


class ReferralDialog(QDialog):
    """Doorverwijzen: partner, reason, signs, letter context and the required grondslag."""

    created = Signal(str)  # referral id

    def __init__(self, ctx: AppContext, detail: HouseholdDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.referral_id: str | None = None
        self.setWindowTitle(self.tr("Refer {household}").format(household=detail.label))
        self.setMinimumWidth(620)
        form = QFormLayout()
        self.partner = QComboBox()
        self.partner.setAccessibleName(self.tr("Partner"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("Why, in one sentence, e.g. rent arrears keep growing")
        )
        self.reason.setAccessibleName(self.tr("Reason"))
        self.partners: list[PartnerView] = []
        self.partner_touched = False  # the user chose a partner: no more suggestions
        # A partner is added, or a template completed, in place: the form stays as typed.
        self.new_partner_button = QPushButton(self.tr("New partner…"))
        self.new_partner_button.setToolTip(
            self.tr("Add a partner here; it is chosen for this referral.")
        )
        self.complete_button = QPushButton(self.tr("Complete partner…"))
        self.complete_button.hide()
        self.partner_dialog: PartnerDialog | None = None
        # The buttons under the list: the whole name stays readable ("… (nog aanvullen)").
        partner_row = QHBoxLayout()
        partner_row.addWidget(self.new_partner_button)
        partner_row.addWidget(self.complete_button)
        partner_row.addStretch(1)
        self.partner_missing = QLabel()
        self.partner_missing.setWordWrap(True)
        self.partner_missing.hide()
        self.partner_hint = QLabel()
        self.partner_hint.setWordWrap(True)
        self.partner_hint.setStyleSheet(f"color: {palette.MUTED};")
        self.partner_hint.hide()
        self.signs = QListWidget()
        self.signs.setAccessibleName(self.tr("Signals to include"))
        self.signs.setMaximumHeight(130)
        for sign in signs_of(detail):
            item = QListWidgetItem(
                self.tr("{label} ({severity}, {date})").format(
                    label=sign.label,
                    severity=severity_label(Severity(sign.severity)),
                    date=short_date(sign.seen),
                )
            )
            item.setData(ID_ROLE, sign.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.signs.addItem(item)
        self.concerns = QListWidget()
        self.concerns.setAccessibleName(self.tr("Residents concerned"))
        self.concerns.setToolTip(
            self.tr(
                "Only these residents are named to the partner. A child only when the referral"
                " is about that child."
            )
        )
        self.concerns.setMaximumHeight(90)
        adult_checked = False
        for resident in detail.residents:
            item = QListWidgetItem(resident.name)
            item.setData(ID_ROLE, resident.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            minor = referral_service.is_minor(resident.birth_year, None, ctx.today())
            # Default: the contact resident, the first adult.
            check = not adult_checked and not minor
            adult_checked = adult_checked or check
            item.setCheckState(Qt.CheckState.Checked if check else Qt.CheckState.Unchecked)
            self.concerns.addItem(item)
        self.context = QPlainTextEdit()
        self.context.setTabChangesFocus(True)  # Tab goes to the next field
        self.context.setPlaceholderText(
            self.tr("A short context written for the partner. Your visit notes are never included.")
        )
        self.context.setAccessibleName(self.tr("Context for the letter"))
        self.context.setMaximumHeight(110)
        self.consent = QRadioButton(self.tr("Consent of the resident"))
        self.other = QRadioButton(self.tr("Another legal basis"))
        self.basis_group = QButtonGroup(self)
        self.basis_group.addButton(self.consent)
        self.basis_group.addButton(self.other)
        self.consent_form = QComboBox()
        self.consent_form.addItem(self.tr("verbal"), ConsentForm.VERBAL.value)
        self.consent_form.addItem(self.tr("written"), ConsentForm.WRITTEN.value)
        self.consent_form.setAccessibleName(self.tr("Form of consent"))
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("dd-MM-yyyy")
        self.consent_date.setDate(qdate(ctx.today()))
        self.consent_date.setMaximumDate(qdate(ctx.today()))
        self.consent_date.setAccessibleName(self.tr("Date of consent"))
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_form)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch(1)
        self.may_call = QCheckBox(self.tr("May be phoned by the partner"))
        self.may_call.setToolTip(
            self.tr("Only then does the phone number go to the partner (part of the consent).")
        )
        self.basis_text = QLineEdit()
        self.basis_text.setPlaceholderText(self.tr("e.g. acute danger; meldcode huiselijk geweld"))
        self.basis_text.setAccessibleName(self.tr("Explanation of the legal basis"))
        other_row = QHBoxLayout()
        other_row.addWidget(self.other)
        other_row.addWidget(self.basis_text, 1)
        self.feedback_due = QDateEdit()
        self.feedback_due.setCalendarPopup(True)
        self.feedback_due.setDisplayFormat("dd-MM-yyyy")
        self.feedback_due.setDate(qdate(ctx.today() + timedelta(days=28)))
        self.feedback_due.setMinimumDate(qdate(ctx.today()))
        self.feedback_due.setAccessibleName(self.tr("Feedback requested by"))
        form.addRow(self.tr("Partner"), self.partner)
        form.addRow("", self.partner_missing)
        form.addRow("", partner_row)
        form.addRow("", self.partner_hint)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Residents concerned"), self.concerns)
        form.addRow(self.tr("Signals"), self.signs)
        form.addRow(self.tr("Context"), self.context)
        form.addRow(self.tr("Legal basis"), consent_row)
        form.addRow("", self.may_call)
        form.addRow("", other_row)
        form.addRow(self.tr("Feedback by"), self.feedback_due)
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
        self._sync_basis()
        self.consent.toggled.connect(self._sync_basis)
        self.other.toggled.connect(self._sync_basis)
        self.partner.activated.connect(self._partner_chosen)
        self.partner.currentIndexChanged.connect(lambda _i: self._sync_partner())
        self.new_partner_button.clicked.connect(self.new_partner)
        self.complete_button.clicked.connect(self.complete_partner)
        self.signs.itemChanged.connect(lambda _i: self.suggest_partner())
        self.draft_id: str | None = None
        self.keeping = False  # locking: the form is kept as a draft, not thrown away
        hid = detail.id
        QueryOp(ctx, self, list_partners, self._partners, message=self.message).run()
        QueryOp(
            ctx,
            self,
            lambda s: drafts.drafts_for(s, hid, drafts.REFERRAL),
            self._restore_draft,
            message=self.message,
        ).run()

    # ---- a draft through a lock ----------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        return {
            "partner_id": self.partner.currentData(),
            "reason": self.reason.text(),
            "context": self.context.toPlainText(),
            "signals": self.chosen_codes(),
            "basis": "consent"
            if self.consent.isChecked()
            else "other"
            if self.other.isChecked()
            else "",
            "consent_form": self.consent_form.currentData(),
            "consent_date": to_date(self.consent_date.date().toPython()).isoformat(),
            "basis_text": self.basis_text.text(),
            "feedback_due": to_date(self.feedback_due.date().toPython()).isoformat(),
        }

    def keep_draft(self) -> None:
        """Called by the lock before the dialog closes: the form is saved as a draft (the
        vault closes after this write) and comes back when Doorverwijzen is opened again."""
        self.keeping = True
        hid, payload, draft_id = self.detail.id, self.payload(), self.draft_id
        WriteOp(
            self.ctx,
            self.ctx,  # the dialog is closing: the context outlives it
            lambda s: drafts.save_draft(s, drafts.REFERRAL, hid, payload, draft_id),
            changes=Changes(drafts=True, household_id=hid),
        ).failure(lambda _e: None).run()

    def _restore_draft(self, found: list[Any]) -> None:
        if not found:
            return
        draft = found[0]
        self.draft_id = draft.id
        p = draft.payload
        if p.get("partner_id") and self.partner.findData(p["partner_id"]) >= 0:
            self.partner.setCurrentIndex(self.partner.findData(p["partner_id"]))
            self.partner_touched = True
        self.reason.setText(p.get("reason", ""))
        self.context.setPlainText(p.get("context", ""))
        wanted = set(p.get("signals", []))
        for i in range(self.signs.count()):
            item = self.signs.item(i)
            if item.data(ID_ROLE) in wanted:
                item.setCheckState(Qt.CheckState.Checked)
        if p.get("basis") == "consent":
            self.consent.setChecked(True)
        elif p.get("basis") == "other":
            self.other.setChecked(True)
        self.consent_form.setCurrentIndex(max(0, self.consent_form.findData(p.get("consent_form"))))
        if p.get("consent_date"):
            self.consent_date.setDate(qdate(date.fromisoformat(p["consent_date"])))
        self.basis_text.setText(p.get("basis_text", ""))
        if p.get("feedback_due"):
            self.feedback_due.setDate(qdate(date.fromisoformat(p["feedback_due"])))
        self.message.notice(self.tr("Your unfinished referral is back (kept when the app locked)."))

    def reject(self) -> None:
        """Cancel throws the draft away; a lock keeps it (see :meth:`keep_draft`)."""
        draft_id = self.draft_id
        if draft_id and not self.keeping:
            WriteOp(
                self.ctx,
                self.ctx,  # the dialog is closing: the context outlives it
                lambda s: drafts.discard_draft(s, draft_id),
                changes=Changes(drafts=True, household_id=self.detail.id),
            ).failure(lambda _e: None).run()
        super().reject()

    def _partners(self, partners: list[PartnerView], select: str | None = None) -> None:
        """Fill the partner list; keeps the choice made (or selects ``select``)."""
        ready = next((p.id for p in partners if p.complete), None)  # before a template
        wanted = select or self.partner.currentData() or ready
        self.partners = partners
        self.partner.blockSignals(True)
        self.partner.clear()
        for p in partners:
            label = p.name if p.complete else self.tr("{name} (to complete)").format(name=p.name)
            self.partner.addItem(label, p.id)
        if wanted and self.partner.findData(wanted) >= 0:
            self.partner.setCurrentIndex(self.partner.findData(wanted))
        self.partner.blockSignals(False)
        if not partners:
            self.message.error(self.tr("There is no partner yet: add one with “New partner…”."))
        self.suggest_partner()
        self._sync_partner()

    def current_partner(self) -> PartnerView | None:
        pid = self.partner.currentData()
        return next((p for p in self.partners if p.id == pid), None)

    def _sync_partner(self) -> None:
        """A template still to complete says so, with the way to complete it here."""
        p = self.current_partner()
        incomplete = p is not None and not p.complete
        self.complete_button.setVisible(incomplete)
        if p is not None and incomplete:
            self.partner_missing.setText(
                self.tr(
                    "To complete: {name} has no {missing} yet; the letter waits for it."
                ).format(name=p.name, missing=missing_words(p.missing))
            )
        self.partner_missing.setVisible(incomplete)

    # ---- a partner in place --------------------------------------------------------------
    def new_partner(self) -> None:
        self._open_partner_dialog(None)

    def complete_partner(self) -> None:
        self._open_partner_dialog(self.current_partner())

    def _open_partner_dialog(self, existing: PartnerView | None) -> None:
        dialog = PartnerDialog(self.ctx, self, existing)
        dialog.saved.connect(self._partner_saved)
        dialog.finished.connect(lambda _r: self._partner_dialog_closed(dialog))
        self.partner_dialog = dialog
        dialog.open()  # modal over this form; the form keeps what was typed

    def _partner_dialog_closed(self, dialog: PartnerDialog) -> None:
        if self.partner_dialog is dialog:
            self.partner_dialog = None
        dialog.deleteLater()

    def _partner_saved(self, partner_id: str) -> None:
        self.partner_touched = True  # chosen by the user: no suggestion overrides it
        self.partner_hint.hide()
        self.message.clear_message()  # "there is no partner yet" no longer holds
        QueryOp(
            self.ctx,
            self,
            list_partners,
            lambda rows: self._partners(rows, select=partner_id),
            message=self.message,
        ).run()

    def _partner_chosen(self, _index: int) -> None:
        self.partner_touched = True
        self.partner_hint.hide()

    def suggest_partner(self) -> None:
        """The partner kind the guidance of a chosen sign names (acute signs first)."""
        if self.partner_touched or self.ctx.profile is None:
            return
        items = {item.code: item for item in self.ctx.profile.checklist}
        chosen = [items[c] for c in self.chosen_codes() if c in items]
        chosen.sort(key=lambda item: not item.acute)
        for item in chosen:
            kind = partner_type_named_in(item.guidance_nl)
            if kind is None:
                continue
            sign = Lang.pick((item.label_nl, item.label_en))
            # A partner ready for a letter before a template still to complete.
            kinds = sorted((p for p in self.partners if p.type == kind), key=lambda p: p.missing)
            match = kinds[0] if kinds else None
            if match is not None:
                self.partner.setCurrentIndex(self.partner.findData(match.id))
                self.partner_hint.setText(
                    self.tr("Suggested by the guidance for “{sign}”.").format(sign=sign)
                )
            else:
                self.partner_hint.setText(
                    self.tr(
                        "The guidance for “{sign}” names {kind}; there is no such partner"
                        " yet (Partners screen)."
                    ).format(sign=sign, kind=partner_type_label(kind))
                )
            self.partner_hint.show()
            return
        self.partner_hint.hide()

    def _sync_basis(self) -> None:
        self.consent_form.setEnabled(self.consent.isChecked())
        self.consent_date.setEnabled(self.consent.isChecked())
        self.may_call.setEnabled(self.consent.isChecked())
        self.basis_text.setEnabled(self.other.isChecked())

    def chosen_codes(self) -> list[str]:
        return [
            str(self.signs.item(i).data(ID_ROLE))
            for i in range(self.signs.count())
            if self.signs.item(i).checkState() == Qt.CheckState.Checked
        ]

    def chosen_residents(self) -> list[str]:
        return [
            str(self.concerns.item(i).data(ID_ROLE))
            for i in range(self.concerns.count())
            if self.concerns.item(i).checkState() == Qt.CheckState.Checked
        ]

    def referral_input(self) -> referral_service.ReferralInput:
        consent = self.consent.isChecked()
        return referral_service.ReferralInput(
            household_id=self.detail.id,
            partner_id=str(self.partner.currentData() or ""),
            reason=self.reason.text(),
            letter_context=self.context.toPlainText(),
            signal_codes=self.chosen_codes(),
            consent_form=ConsentForm(self.consent_form.currentData()) if consent else None,
            consent_date=to_date(self.consent_date.date().toPython()) if consent else None,
            basis_text=self.basis_text.text() if self.other.isChecked() else "",
            feedback_due=to_date(self.feedback_due.date().toPython()),
            concerns=self.chosen_residents(),
            may_call=consent and self.may_call.isChecked(),
        )

    def save(self) -> None:
        self.message.clear_message()
        data = self.referral_input()
        if not data.partner_id:
            self.message.error(self.tr("Choose a partner."))
            return

        def done(rid: str) -> None:
            self.referral_id = rid
            self.created.emit(rid)
            self.accept()

        draft_id = self.draft_id

        def work(s: Session) -> str:
            rid = referral_service.create_referral(s, data).id
            if draft_id:
                drafts.discard_draft(s, draft_id)
            return rid

        WriteOp(
            self.ctx,
            self,
            work,
            done,
            changes=Changes(referrals=True, household_id=self.detail.id),
            message=self.message,
        ).run()


def print_pdf(document: QPdfDocument, device: QPagedPaintDevice, dpi: int = PRINT_DPI) -> int:
    """Paint every page of ``document`` on a printer (or any paged device), from memory.

    Returns the number of pages painted. Pages are rendered at ``dpi`` and scaled to the
    device's page, so nothing is written to disk on the way.
    """
    painter = QPainter()
    if not painter.begin(device):
        return 0
    pages = document.pageCount()
    try:
        for i in range(pages):
            if i:
                device.newPage()
            points = document.pagePointSize(i)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(i, size)
            painter.drawImage(painter.viewport(), image)
    finally:
        painter.end()
    return pages


class LetterPreview(QDialog):
    """Preview inside the app; print straight from memory; save only on explicit choice."""

    KINDS = (LetterKind.REFERRAL, LetterKind.CONSENT, LetterKind.RESIDENT)

    def __init__(self, ctx: AppContext, referral_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.referral_id = referral_id
        self.pdf: bytes | None = None
        self.kind = LetterKind.REFERRAL
        self.setWindowTitle(self.tr("Letter preview"))
        fit_dialog(self, QSize(900, 760))
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Referral letter"), LetterKind.REFERRAL)
        self.kind_box.addItem(self.tr("Consent form"), LetterKind.CONSENT)
        self.kind_box.addItem(self.tr("Letter to the resident"), LetterKind.RESIDENT)
        self.kind_box.setAccessibleName(self.tr("Document"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.sent_button = QPushButton(self.tr("Mark as sent"))
        # A letter to a partner still to complete is refused; complete it here, then the
        # letter is made again.
        self.complete_button = QPushButton(self.tr("Complete partner…"))
        self.complete_button.hide()
        self.partner_dialog: PartnerDialog | None = None
        bar.addWidget(self.kind_box)
        bar.addWidget(self.complete_button)
        bar.addStretch(1)
        bar.addWidget(self.sent_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        lay.addLayout(bar)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Letter preview"))
        lay.addWidget(self.view, 1)
        self.buffer = QBuffer(self)
        self.kind_box.currentIndexChanged.connect(lambda _i: self.load())
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.sent_button.clicked.connect(self.mark_sent)
        self.complete_button.clicked.connect(self.complete_partner)
        shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        shortcut.activated.connect(self.print_dialog)
        self.load()

    def load(self) -> None:
        """Generate the chosen document in the background (the referral letter is stored)."""
        kind = str(self.kind_box.currentData())
        rid, language = self.referral_id, Lang.current
        folder = self.ctx.data_dir
        self.message.clear_message()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

        def work(s: Any) -> bytes:
            return GENERATORS[kind](s, rid, language, vault_folder=folder)

        # The referral letter is stored with its audit entry; no screen shows either.
        WriteOp(
            self.ctx,
            self,
            work,
            lambda pdf: self.show_pdf(kind, pdf),
            changes=Changes(),
        ).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        show_failure(self, exc, self.message)
        incomplete = isinstance(exc, WaakvlamError) and exc.code == PARTNER_INCOMPLETE.code
        self.complete_button.setVisible(incomplete)
        if incomplete:
            self.complete_button.setFocus()

    def complete_partner(self) -> None:
        """Open the partner of this referral to fill in what the letter waits for."""
        rid = self.referral_id

        def opened(view: PartnerView) -> None:
            dialog = PartnerDialog(self.ctx, self, view)
            dialog.saved.connect(lambda _id: self._partner_completed())
            dialog.finished.connect(lambda _r: dialog.deleteLater())
            self.partner_dialog = dialog
            dialog.open()

        QueryOp(
            self.ctx,
            self,
            lambda s: partner_view(s, referral_service.get_referral(s, rid).partner_id),
            opened,
            message=self.message,
        ).run()

    def _partner_completed(self) -> None:
        self.complete_button.hide()
        self.load()  # the letter is made again (refused again if something still lacks)

    def show_pdf(self, kind: str, pdf: bytes) -> None:
        self.complete_button.hide()
        self.kind = kind
        self.pdf = pdf
        self.document.close()
        self.buffer.close()
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def print_to(self, device: QPagedPaintDevice) -> int:
        """Print on ``device`` and record the audit event. Returns the pages printed."""
        pages = print_pdf(self.document, device)
        if pages:
            rid, kind = self.referral_id, self.kind
            WriteOp(
                self.ctx,
                self,
                lambda s: record_letter_printed(s, rid, kind),
                changes=Changes(),
                message=self.message,
            ).run()
        return pages

    def print_dialog(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def save_to(self, path: Path) -> None:
        """Write the PDF where the user chose, atomically, then record the audit event:
        both on the worker."""
        if self.pdf is None:
            return
        pdf, rid, kind = self.pdf, self.referral_id, self.kind

        def work(s: Session) -> None:
            write_atomic(path, pdf, overwrite=True)
            record_letter_saved(s, rid, kind)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                self.message.error(self.tr("The file could not be written. Choose another place."))
            else:
                show_failure(self, exc, self.message)

        WriteOp(
            self.ctx,
            self,
            work,
            lambda _r: self.message.notice(self.tr("Saved as {name}.").format(name=path.name)),
            changes=Changes(),
        ).failure(failed).run()

    def save_dialog(self) -> None:
        if self.pdf is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), os.path.expanduser("~"), "PDF (*.pdf)"
        )
        if name:
            self.save_to(Path(name if name.lower().endswith(".pdf") else name + ".pdf"))

    def mark_sent(self) -> None:
        """The announced change refreshes the screen behind the preview."""
        rid = self.referral_id
        WriteOp(
            self.ctx,
            self,
            lambda s: referral_service.change_status(s, rid, ReferralStatus.VERSTUURD).id,
            lambda _id: self.message.notice(self.tr("Marked as sent.")),
            changes=Changes(referrals=True),
            message=self.message,
        ).run()

    def closeEvent(self, event: Any) -> None:
        self.document.close()
        self.buffer.close()
        self.buffer.setData(QByteArray())
        self.pdf = None
        super().closeEvent(event)


class ReferralsView(Screen):
    """All referrals with their status; change the status along the loop; open letters."""

    open_household = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.wanted: str | None = None  # a referral to select when the rows arrive
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(self.tr("Referrals"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        head.addWidget(title)
        head.addStretch(1)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Status"))
        self.status_filter.addItem(self.tr("All statuses"), "")
        for st in ReferralStatus:
            self.status_filter.addItem(status_word(st), st.value)
        head.addWidget(self.status_filter)
        lay.addLayout(head)
        columns: tuple[Column[ReferralRow], ...] = (
            Column(self.tr("Reference"), lambda r: r.reference, optional=True),
            stamp_column(self.tr("Date"), lambda r: r.created_at),
            Column(self.tr("Household"), lambda r: r.household_label),
            Column(self.tr("Address"), lambda r: r.address, tooltip=lambda r: r.address),
            Column(self.tr("Partner"), lambda r: r.partner_name, tooltip=lambda r: r.partner_name),
            Column(
                self.tr("Status"),
                lambda r: status_word(r.status),
                key=lambda r: list(ReferralStatus).index(r.status),
            ),
            date_column(self.tr("Reply by"), lambda r: r.feedback_due),
        )
        self.table = RowView(RowModel(columns), self.tr("Referrals"))
        lay.addWidget(self.table, 1)
        self.empty = QLabel(
            self.tr("No referrals yet. Refer a household from its page with “Refer…”.")
        )
        lay.addWidget(self.empty)
        actions = QHBoxLayout()
        self.letter_button = QPushButton(self.tr("Letter…"))
        self.household_button = QPushButton(self.tr("Open household"))
        self.next_status = QComboBox()
        self.next_status.setAccessibleName(self.tr("New status"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note, e.g. the partner's feedback"))
        self.note.setAccessibleName(self.tr("Note with the status change"))
        self.status_button = QPushButton(self.tr("Change status"))
        actions.addWidget(self.letter_button)
        actions.addWidget(self.household_button)
        actions.addStretch(1)
        actions.addWidget(self.next_status)
        actions.addWidget(self.note, 1)
        actions.addWidget(self.status_button)
        lay.addLayout(actions)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self._add_feedback_widgets()
        head.addWidget(self.feedback_button)
        lay.addWidget(self.feedback_result)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.current_changed.connect(lambda _r: self._selection_changed())
        self.table.row_activated.connect(lambda _r: self.open_letter())
        self.letter_button.clicked.connect(self.open_letter)
        self.household_button.clicked.connect(self._open_household)
        self.status_button.clicked.connect(self.change_status)
        self._selection_changed()

    def nav_title(self) -> str:
        return self.tr("Referrals")

    def affected_by(self, changes: Changes) -> bool:
        return changes.referrals or changes.partners

    def refresh(self) -> None:
        value = self.status_filter.currentData()
        status = ReferralStatus(value) if value else None
        QueryOp(
            self.ctx,
            self,
            lambda s: list_referrals(s, status=status),
            self.show_rows,
            message=self.message,
        ).run()

    def show_referral(self, referral_id: str) -> None:
        """Select one referral (all statuses shown) and put the cursor in the note: the
        partner's feedback goes there."""
        self.wanted = referral_id
        if self.status_filter.currentIndex() != 0:
            self.status_filter.setCurrentIndex(0)  # refreshes
        else:
            self.refresh()

    def show_rows(self, rows: list[ReferralRow]) -> None:
        current = self.selected()
        self.table.set_rows(rows)
        if self.wanted is not None:
            wanted, self.wanted = self.wanted, None
            if self.table.select(lambda r: r.id == wanted):
                self.note.setFocus()
        elif current is not None:
            self.table.select(lambda r: r.id == current.id)
        self.empty.setVisible(not rows)
        self._selection_changed()

    def selected(self) -> ReferralRow | None:
        return self.table.current()

    def _selection_changed(self) -> None:
        row = self.selected()
        self.next_status.clear()
        if row is not None:
            for st in sorted(
                REFERRAL_TRANSITIONS[row.status], key=lambda s: list(ReferralStatus).index(s)
            ):
                self.next_status.addItem(status_word(st), st.value)
        for w in (self.letter_button, self.household_button):
            w.setEnabled(row is not None)
        self.status_button.setEnabled(self.next_status.count() > 0)

    def change_status(self) -> None:
        row = self.selected()
        value = self.next_status.currentData()
        if row is None or not value:
            return
        rid, new, note = row.id, ReferralStatus(value), self.note.text()

        def done(_r: object) -> None:
            self.note.clear()
            self.message.notice(
                self.tr("Status changed to “{status}”.").format(status=status_word(new))
            )

        WriteOp(
            self.ctx,
            self,
            lambda s: referral_service.change_status(s, rid, new, note).id,
            done,
            changes=Changes(referrals=True, household_id=row.household_id),
            message=self.message,
        ).run()

    def open_letter(self) -> None:
        row = self.selected()
        if row is None:
            return
        LetterPreview(self.ctx, row.id, self).exec()

    def _open_household(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_household.emit(row.household_id)

    # ---- a partner's feedback reply (#17) -------------------------------------------------
    def _add_feedback_widgets(self) -> None:
        """The "Terugkoppeling inlezen…" button and the list of what a reply changed."""
        self.feedback_button = QPushButton(self.tr("Read in feedback…"))
        self.feedback_button.setToolTip(
            self.tr("Read in the file with feedback that a partner sent about its referrals")
        )
        self.feedback_button.clicked.connect(self.choose_feedback_file)
        self.feedback_result = QLabel()
        self.feedback_result.setWordWrap(True)
        self.feedback_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback_result.hide()
        self.pin_dialog: FeedbackKeyDialog | None = None

    def choose_feedback_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Read in feedback"),
            os.path.expanduser("~"),
            self.tr("Feedback reply (*.age)"),
        )
        if name:
            self.import_feedback_file(Path(name))

    def import_feedback_file(self, path: Path, pin_key_id: str | None = None) -> None:
        """Read the reply on the worker and import it there; a refusal shows its sentence
        and changes nothing. Without a pinned key: compare the code by phone first."""
        self.message.clear_message()
        self.feedback_result.hide()
        self.feedback_button.setEnabled(False)

        def work(s: Session) -> tuple[FeedbackReport, dict[str, str]]:
            with path.open("rb") as fh:
                data = fh.read(MAX_REPLY_BYTES + 1)
            report = import_feedback(s, data, pin_key_id=pin_key_id)
            labels = {r.id: r.household_label for r in list_referrals(s)}
            return report, labels

        def failed(exc: BaseException) -> None:
            if isinstance(exc, FeedbackRefusedError) and exc.code == NO_PINNED_KEY_CODE:
                self.ask_key_confirmation(
                    path, str(exc.params.get("partner", "")), str(exc.params.get("key_id", ""))
                )
            elif isinstance(exc, OSError):
                self.message.error(self.tr("The file could not be read. Choose it again."))
            else:
                show_failure(self, exc, self.message)

        WriteOp(
            self.ctx,
            self,
            work,
            lambda result: self.show_feedback(*result),
            changes=Changes(referrals=True),
        ).always(lambda: self.feedback_button.setEnabled(True)).failure(failed).run()

    def ask_key_confirmation(self, path: Path, partner: str, key_id: str) -> None:
        """The first reply of a partner: its code read aloud and compared by phone."""
        dialog = FeedbackKeyDialog(partner, key_id, self)
        self.pin_dialog = dialog

        def confirmed() -> None:
            self.pin_dialog = None
            self.import_feedback_file(path, pin_key_id=key_id)

        def cancelled() -> None:
            self.pin_dialog = None
            self.message.notice(self.tr("Nothing was read in."))

        dialog.accepted.connect(confirmed)
        dialog.rejected.connect(cancelled)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def show_feedback(self, report: FeedbackReport, labels: dict[str, str]) -> None:
        lines = [
            self.tr("Feedback from {partner} read in:").format(partner=report.partner),
            *self.feedback_lines(report, labels),
        ]
        self.feedback_result.setText("\n".join(lines))
        self.feedback_result.show()
        self.message.notice(
            self.tr("The feedback was read in; the referrals are up to date.")
            if report.changes
            else self.tr("The reply held no referrals.")
        )

    def feedback_lines(self, report: FeedbackReport, labels: dict[str, str]) -> list[str]:
        """What a reply changed, one plain line per referral (kenmerk, household, status)."""
        out = []
        for c in report.changes:
            household = labels.get(c.referral_id, "")
            if c.changed:
                out.append(
                    self.tr("{kenmerk} · {household}: {before} → {after}").format(
                        kenmerk=c.kenmerk,
                        household=household,
                        before=status_word(ReferralStatus(c.from_status)),
                        after=status_word(ReferralStatus(c.to_status)),
                    )
                )
            else:
                out.append(
                    self.tr("{kenmerk} · {household}: stays {status}").format(
                        kenmerk=c.kenmerk,
                        household=household,
                        status=status_word(ReferralStatus(c.to_status)),
                    )
                )
        return out


class FeedbackKeyDialog(QDialog):
    """A partner's first reply: its signing code, in groups, to compare by phone before it
    is trusted (pinned) and the reply read in."""

    def __init__(self, partner: str, key_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New key for feedback"))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This is the first feedback from {partner}. Compare this code by phone with"
                " the partner before you read it in."
            ).format(partner=partner)
        )
        intro.setWordWrap(True)
        self.code = QLabel(key_id)
        self.code.setAccessibleName(self.tr("Code to compare"))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("font-family: monospace; font-size: 15pt; font-weight: 600;")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ask = QLabel(
            self.tr(
                "Ask the partner to read out the code of its signing key. Only when every"
                " group is the same: choose “The code matches”."
            )
        )
        ask.setWordWrap(True)
        ask.setStyleSheet(f"color: {palette.MUTED};")
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(
            self.tr("The code matches"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(intro)
        lay.addWidget(self.code)
        lay.addWidget(ask)
        lay.addWidget(buttons)
