"""The household page's Privacy tab: subject access (inzage), the partners that already
received data about this household, and consent withdrawal per referral."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.domain import consent
from waakvlam_desktop.domain.households import ResidentView
from waakvlam_desktop.privacy import inzage
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.widgets.common import (
    InlineMessage,
    qdate,
    short_date,
    to_date,
)
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView, date_column


@dataclass(frozen=True, slots=True)
class HouseholdPrivacyData:
    receipts: tuple[consent.PartnerReceipt, ...]
    consents: tuple[consent.ConsentState, ...]


def load_household_privacy(s: Any, household_id: str) -> HouseholdPrivacyData:
    return HouseholdPrivacyData(
        tuple(consent.partners_that_received_data(s, household_id)),
        tuple(consent.consent_states(s, household_id)),
    )


class WithdrawDialog(QDialog):
    """The date the resident withdrew consent (not in the future, not before the consent)
    and an optional note."""

    def __init__(self, state: consent.ConsentState, today: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw consent"))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "The resident withdraws the consent for referral {ref} to {partner}. Letters"
                " and exports to this partner stop from that date; what was shared before"
                " stays recorded."
            ).format(ref=state.reference, partner=state.partner_name)
        )
        text.setWordWrap(True)
        lay.addWidget(text)
        form = QFormLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setMaximumDate(qdate(today))
        if state.consent_date is not None:
            self.day.setMinimumDate(qdate(state.consent_date))
        self.day.setDate(qdate(today))
        self.day.setAccessibleName(self.tr("Date of withdrawal"))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Optional, e.g. by phone to the wijkbeheerder"))
        form.addRow(self.tr("Withdrawn on"), self.day)
        form.addRow(self.tr("Note"), self.note)
        lay.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Withdraw consent"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class HouseholdPrivacy(QWidget):
    """Built once by the household page; ``load`` is called whenever the page shows a
    household."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.household_id: str | None = None
        self.residents: tuple[ResidentView, ...] = ()
        self.data: HouseholdPrivacyData | None = None
        self.inzage_result: inzage.InzageResult | None = None
        lay = QVBoxLayout(self)

        top = QHBoxLayout()
        explain = QLabel(
            self.tr(
                "A resident may ask what is stored about them (inzage): the report holds"
                " everything about that resident and who viewed or shared it. Check it with"
                " your privacy officer before handing it over."
            )
        )
        explain.setWordWrap(True)
        self.inzage_button = QPushButton(self.tr("Inzage…"))
        self.inzage_button.setToolTip(
            self.tr("Write a PDF and JSON with everything stored about one resident")
        )
        top.addWidget(explain, 1)
        top.addWidget(self.inzage_button, alignment=Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        self.message = InlineMessage()
        lay.addWidget(self.message)

        lay.addWidget(self._heading(self.tr("Partners that received data")))
        via_words = {
            "doorverwijzing": self.tr("referral"),
            "export": self.tr("export"),
            "print": self.tr("printed letter"),
            "share": self.tr("shared"),
        }
        receipt_columns: tuple[Column[consent.PartnerReceipt], ...] = (
            Column(self.tr("Partner"), lambda r: r.partner_name),
            date_column(self.tr("First"), lambda r: r.first_on),
            date_column(self.tr("Last"), lambda r: r.last_on),
            Column(self.tr("How"), lambda r: ", ".join(via_words.get(v, v) for v in r.via)),
            Column(self.tr("References"), lambda r: ", ".join(r.references)),
            Column(
                self.tr("Consent"), lambda r: self.tr("withdrawn") if r.consent_withdrawn else "–"
            ),
            Column(
                self.tr("Bundles on"),
                lambda r: ", ".join(short_date(d) for d in r.exported_on) or "–",
            ),
        )
        self.receipts = RowView(
            RowModel(receipt_columns, empty=self.tr("No data has been shared with a partner.")),
            self.tr("Partners that received data"),
        )
        lay.addWidget(self.receipts, 1)

        lay.addWidget(self._heading(self.tr("Consent per referral")))
        consent_columns: tuple[Column[consent.ConsentState], ...] = (
            Column(self.tr("Reference"), lambda c: c.reference),
            Column(self.tr("Partner"), lambda c: c.partner_name),
            Column(self.tr("Consent"), lambda c: self._form_word(c.consent_form)),
            date_column(self.tr("Given on"), lambda c: c.consent_date),
            Column(
                self.tr("Withdrawn on"),
                lambda c: short_date(c.withdrawn_on) if c.withdrawn_on else self.tr("in force"),
                key=lambda c: c.withdrawn_on or date.max,
            ),
            Column(self.tr("Note"), lambda c: c.withdrawal_note),
        )
        self.consents = RowView(
            RowModel(consent_columns, empty=self.tr("No referral based on consent.")),
            self.tr("Consent per referral"),
        )
        lay.addWidget(self.consents, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.withdraw_button = QPushButton(self.tr("Withdraw consent…"))
        self.withdraw_button.setEnabled(False)
        row.addWidget(self.withdraw_button)
        lay.addLayout(row)

        self.inzage_button.clicked.connect(self.choose_inzage)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.consents.current_changed.connect(lambda _c: self._update_buttons())

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        return label

    # ---- loading -------------------------------------------------------------------------
    def load(self, household_id: str, residents: Sequence[ResidentView]) -> None:
        if household_id != self.household_id:
            self.message.clear_message()
        self.household_id = household_id
        self.residents = tuple(residents)
        self.inzage_button.setEnabled(bool(self.residents))
        QueryOp(
            self.ctx,
            self,
            lambda s: load_household_privacy(s, household_id),
            self.show_data,
            message=self.message,
        ).run()

    def show_data(self, data: HouseholdPrivacyData) -> None:
        self.data = data
        self.receipts.set_rows(data.receipts)
        self.consents.set_rows(data.consents)
        if data.consents:
            self.consents.setCurrentIndex(self.consents.model().index(0, 0))
        self._update_buttons()

    def _form_word(self, form: str | None) -> str:
        return {
            "mondeling": self.tr("verbal"),
            "schriftelijk": self.tr("written"),
        }.get(form or "", form or "–")

    def selected_consent(self) -> consent.ConsentState | None:
        return self.consents.current()

    def _update_buttons(self) -> None:
        c = self.selected_consent()
        self.withdraw_button.setEnabled(c is not None and c.withdrawn_on is None)

    # ---- consent -------------------------------------------------------------------------
    def ask_withdraw(self) -> None:
        state = self.selected_consent()
        if state is None:
            return
        dialog = WithdrawDialog(state, self.ctx.today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.withdraw(
                state.referral_id, to_date(dialog.day.date().toPython()), dialog.note.text()
            )

    def withdraw(self, referral_id: str, on: date, note: str = "") -> None:
        """The announced change refreshes the household page, and with it this tab."""

        def done(state: consent.ConsentState) -> None:
            self.message.notice(
                self.tr("Consent for {ref} withdrawn on {date}.").format(
                    ref=state.reference, date=short_date(state.withdrawn_on)
                )
            )

        WriteOp(
            self.ctx,
            self,
            lambda s: consent.withdraw_consent(s, referral_id, on, note),
            done,
            changes=Changes(households=True, referrals=True, household_id=self.household_id),
            message=self.message,
        ).run()

    # ---- inzage --------------------------------------------------------------------------
    def choose_inzage(self) -> None:
        if not self.residents:
            return
        names = [r.name for r in self.residents]
        if len(names) == 1:
            index = 0
        else:
            name, ok = QInputDialog.getItem(
                self, self.tr("Inzage"), self.tr("For which resident?"), names, 0, False
            )
            if not ok:
                return
            index = names.index(name)
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the inzage report"), str(Path.home())
        )
        if folder:
            self.make_inzage(self.residents[index].id, Path(folder))

    def make_inzage(self, resident_id: str, folder: Path) -> None:
        self.inzage_button.setEnabled(False)
        self.message.notice(self.tr("Writing the inzage report…"))

        def done(result: inzage.InzageResult) -> None:
            self.inzage_result = result
            self.message.notice(
                self.tr("Inzage report written to {path} (PDF and JSON).").format(
                    path=str(result.folder)
                )
            )

        # The report's files and its audit entry: nothing any screen shows changes.
        WriteOp(
            self.ctx,
            self,
            lambda s: inzage.write_inzage(s, resident_id, folder),
            done,
            changes=Changes(),
            message=self.message,
        ).always(lambda: self.inzage_button.setEnabled(True)).run()
