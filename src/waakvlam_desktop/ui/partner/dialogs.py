"""The partner app's dialogs: trusting a corporation's key, recording a status, the PDF
preview (from memory) and the warning before an unencrypted export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.bundles.reply import MAX_NOTE
from waakvlam_desktop.domain.types import FeedbackStatus, feedback_status_label
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.screens.referrals.screen import print_pdf
from waakvlam_desktop.ui.sizing import fit_dialog
from waakvlam_desktop.ui.widgets.common import InlineMessage, qdate, user_message


class TrustDialog(QDialog):
    """Compare the key id with the corporation by phone, then trust it."""

    def __init__(self, preview: service.KeyFilePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Trust a corporation"))
        self.setMinimumWidth(600)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                self.tr(
                    "Call the corporation and ask for the code in their Waakvlam under Settings,"
                    " For ICT (it is called key id there); let them read it out. Trust the"
                    " corporation only when every character is the same as here:"
                )
            )
        )
        form = QFormLayout()
        self.organisation = QLineEdit(preview.organisation)
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.key_id = QLabel(preview.key_id)
        self.key_id.setStyleSheet("font-family: monospace; font-size: 13pt; font-weight: 600;")
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Code to compare"), self.key_id)
        self.key_id.setToolTip(self.tr("For ICT: the key id of the corporation's signing key"))
        lay.addLayout(form)
        self.warning = InlineMessage()
        if preview.pinned_key_id:
            self.warning.error(
                self.tr(
                    "You already trust this organisation with another code ({pinned})."
                    " Replace it only if the corporation told you they changed their key."
                ).format(pinned=preview.pinned_key_id)
            )
        lay.addWidget(self.warning)
        buttons = QDialogButtonBox()
        text = self.tr("Replace key") if preview.pinned_key_id else self.tr("The code matches")
        self.confirm = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for label in self.findChildren(QLabel):
            label.setWordWrap(True)
        self.key_id.setWordWrap(False)


class FeedbackDialog(QDialog):
    """A status for one referral, with its date and a short note."""

    def __init__(
        self,
        ctx: PartnerContext,
        row: service.ReferralRow,
        saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = row.key
        self._saved = saved
        self.setWindowTitle(self.tr("Record status – {kenmerk}").format(kenmerk=row.kenmerk))
        fit_dialog(self, QSize(520, 300))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.status = QComboBox()
        for status in FeedbackStatus:
            self.status.addItem(feedback_status_label(status, ctx.language), status.value)
        if row.status is not None:
            self.status.setCurrentIndex(self.status.findData(row.status.value))
        self.status.setAccessibleName(self.tr("Status"))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        today = ctx.clock.now().date()
        self.day.setDate(qdate(today))
        self.day.setMaximumDate(qdate(today))
        self.day.setAccessibleName(self.tr("Date"))
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("one line; the reason when declined"))
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Note"), self.note)
        lay.addLayout(form)
        hint = QLabel(
            self.tr(
                "The note goes to the corporation with the status. Write no BSN and no more"
                " than they need."
            )
        )
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        lay.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def save(self) -> None:
        self.message.clear_message()
        status = FeedbackStatus(str(self.status.currentData()))
        qd: QDate = self.day.date()
        day = date(qd.year(), qd.month(), qd.day())
        note, key = self.note.text(), self.key
        self.save_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.message.error(user_message(exc))

        def done(_r: object) -> None:
            self._saved()
            self.accept()

        self.ctx.in_store(
            self,
            lambda s: service.record_feedback(s, key, status, day, note),
            done,
            failed,
            changes=True,
        )


class PdfPreview(QDialog):
    """A PDF from the store, shown and printed from memory (QBuffer), never saved."""

    def __init__(self, title: str, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_dialog(self, QSize(860, 740))
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.print_button = QPushButton(self.tr("Print…"))
        bar.addWidget(self.print_button)
        lay.addLayout(bar)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)
        self.print_button.clicked.connect(self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_dialog)

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.document, printer)
