"""Partners: who receives referrals and exports."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.keys import (
    SenderKey,
    grouped,
    load_sender,
    parse_public_key,
    recipient_fingerprint,
)
from waakvlam_desktop.domain import drafts, partners
from waakvlam_desktop.domain.names import parse_formal_name, person_name
from waakvlam_desktop.domain.partners import PartnerView, missing_words
from waakvlam_desktop.domain.types import (
    DataProfile,
    ExportSchedule,
    PartnerType,
    Salutation,
    profile_description,
    profile_label,
    salutation_label,
)
from waakvlam_desktop.domain.types import partner_type_label as type_label
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import InlineMessage
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView


def partner_type_label(t: PartnerType) -> str:
    label = type_label(t)
    return label[:1].upper() + label[1:]


def fingerprints(p: PartnerView) -> str:
    """The recipients' fingerprints, for ICT (in the key column's tooltip)."""
    return ", ".join(grouped(recipient_fingerprint(r)) for r in p.recipients) or "–"


def pin_feedback_key(s: Session, partner_id: str, key: SenderKey | None, pasted: str) -> str:
    """On the worker, after the partner is saved: pin the signing key for feedback replies
    chosen from a file (``key``) or pasted as its ``waakvlam-ed25519:`` line."""
    if key is None and pasted.strip():
        key = parse_public_key(pasted)
    if key is not None:
        partners.pin_signing_key(s, partner_id, key.public_key, key.key_id)
    return partner_id


class PartnerDialog(QDialog):
    """Add a partner, or edit one when ``existing`` is given."""

    saved = Signal(str)  # the partner's id, once saved

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, existing: PartnerView | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.existing = existing
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Edit partner") if existing else self.tr("New partner"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.name = QLineEdit()
        self.type = QComboBox()
        for t in PartnerType:
            self.type.addItem(partner_type_label(t), t.value)
        # The contact person in parts, so letters can write "t.a.v. de heer J. de Groot"
        # and "Geachte heer De Groot,".
        self.salutation = QComboBox()
        self.salutation.addItem(self.tr("(unknown)"), "")
        for sal in Salutation:
            self.salutation.addItem(salutation_label(sal), sal.value)
        self.salutation.setAccessibleName(self.tr("Form of address of the contact person"))
        self.initials = QLineEdit()
        self.initials.setPlaceholderText(self.tr("initials"))
        self.initials.setAccessibleName(self.tr("Initials of the contact person"))
        self.initials.setMaximumWidth(70)
        self.prefix = QLineEdit()
        self.prefix.setPlaceholderText(self.tr("prefix"))
        self.prefix.setAccessibleName(self.tr("Prefix of the contact person (de, van der)"))
        self.prefix.setMaximumWidth(80)
        self.surname = QLineEdit()
        self.surname.setPlaceholderText(self.tr("surname"))
        self.surname.setAccessibleName(self.tr("Surname of the contact person"))
        contact_row = QHBoxLayout()
        for part in (self.salutation, self.initials, self.prefix, self.surname):
            contact_row.addWidget(part)
        contact_row.setStretch(3, 1)
        self.legacy_contact = QLabel()
        self.legacy_contact.setWordWrap(True)
        self.legacy_contact.hide()
        self.address = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText("1234 AB")
        self.city = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.profile = QComboBox()
        for kind in (DataProfile.CASE, DataProfile.AGGREGATE, DataProfile.HANDOVER):
            description = profile_description(kind)
            self.profile.addItem(description[:1].upper() + description[1:], kind.value)
        self.schedule = QComboBox()
        self.schedule.addItem(self.tr("No periodic export"), ExportSchedule.NONE.value)
        self.schedule.addItem(self.tr("Monthly"), ExportSchedule.MONTHLY.value)
        self.schedule.addItem(self.tr("Quarterly"), ExportSchedule.QUARTERLY.value)
        self.recipients = QPlainTextEdit()
        self.recipients.setTabChangesFocus(True)  # Tab goes to the next field
        self.recipients.setPlaceholderText(
            self.tr("Paste the key the partner sent you (one per line)")
        )
        self.recipients.setToolTip(
            self.tr("For ICT: the partner's age recipients (age1…), one per line")
        )
        self.recipients.setMaximumHeight(70)
        form.addRow(self.tr("Name"), self.name)
        self.name.setAccessibleName(self.tr("Name"))
        form.addRow(self.tr("Type"), self.type)
        self.type.setAccessibleName(self.tr("Type"))
        form.addRow(self.tr("Contact person"), contact_row)
        form.addRow("", self.legacy_contact)
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("Address"), self.address),
            (self.tr("Postcode"), self.postcode),
            (self.tr("City"), self.city),
            (self.tr("Phone"), self.phone),
            (self.tr("E-mail"), self.email),
            (self.tr("Kind of export"), self.profile),
            (self.tr("Export schedule"), self.schedule),
            (self.tr("Partner's key"), self.recipients),
        )
        for label, widget in rows:
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self._add_feedback_key_rows(form)
        self.message = InlineMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # A shipped template says what a letter to it still waits for ("nog aanvullen").
        self.to_complete = QLabel()
        self.to_complete.setWordWrap(True)
        self.to_complete.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.to_complete)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        if existing is not None:
            self._fill(existing)
        self.draft_id: str | None = None
        self.keeping = False  # locking: the form is kept as a draft, not thrown away
        QueryOp(
            ctx,
            self,
            lambda s: drafts.drafts_for(s, kind=drafts.PARTNER),
            self._restore_draft,
            message=self.message,
        ).run()

    # ---- a draft through a lock ----------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        return {
            "partner_id": self.existing.id if self.existing else None,
            "name": self.name.text(),
            "type": self.type.currentData(),
            "salutation": self.salutation.currentData(),
            "initials": self.initials.text(),
            "prefix": self.prefix.text(),
            "surname": self.surname.text(),
            "address": self.address.text(),
            "postcode": self.postcode.text(),
            "city": self.city.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "profile": self.profile.currentData(),
            "schedule": self.schedule.currentData(),
            "recipients": self.recipients.toPlainText(),
        }

    def keep_draft(self) -> None:
        """Called by the lock before the dialog closes: the form is kept in the vault."""
        self.keeping = True
        payload, draft_id = self.payload(), self.draft_id
        WriteOp(
            self.ctx,
            self.ctx,  # the dialog is closing: the context outlives it
            lambda s: drafts.save_draft(s, drafts.PARTNER, None, payload, draft_id),
            changes=Changes(drafts=True),
        ).failure(lambda _e: None).run()

    def _restore_draft(self, found: list[Any]) -> None:
        wanted = self.existing.id if self.existing else None
        draft = next((d for d in found if d.payload.get("partner_id") == wanted), None)
        if draft is None:
            return
        self.draft_id = draft.id
        p = draft.payload
        self.name.setText(p.get("name", ""))
        self.type.setCurrentIndex(max(0, self.type.findData(p.get("type"))))
        self.salutation.setCurrentIndex(max(0, self.salutation.findData(p.get("salutation"))))
        self.initials.setText(p.get("initials", ""))
        self.prefix.setText(p.get("prefix", ""))
        self.surname.setText(p.get("surname", ""))
        self.address.setText(p.get("address", ""))
        self.postcode.setText(p.get("postcode", ""))
        self.city.setText(p.get("city", ""))
        self.phone.setText(p.get("phone", ""))
        self.email.setText(p.get("email", ""))
        self.profile.setCurrentIndex(max(0, self.profile.findData(p.get("profile"))))
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(p.get("schedule"))))
        self.recipients.setPlainText(p.get("recipients", ""))
        self.message.notice(self.tr("Your unfinished form is back (kept when the app locked)."))

    def reject(self) -> None:
        """Cancel throws the draft away; a lock keeps it (see :meth:`keep_draft`)."""
        draft_id = self.draft_id
        if draft_id and not self.keeping:
            WriteOp(
                self.ctx,
                self.ctx,
                lambda s: drafts.discard_draft(s, draft_id),
                changes=Changes(drafts=True),
            ).failure(lambda _e: None).run()
        super().reject()

    def _fill(self, p: PartnerView) -> None:
        self.name.setText(p.name)
        self.type.setCurrentIndex(max(0, self.type.findData(p.type.value)))
        c = p.contact
        if not c.known and p.contact_name:
            # A contact typed as one field before: read "dhr. J. de Groot" into parts as a
            # suggestion (saved only when the user saves); a bare name is not guessed at.
            try:
                guess = parse_formal_name(p.contact_name)
            except WaakvlamError:
                guess = c
            if guess.salutation in (Salutation.HEER, Salutation.MEVROUW):
                c = guess
        self.salutation.setCurrentIndex(
            max(0, self.salutation.findData(c.salutation.value if c.salutation else ""))
        )
        self.initials.setText(c.initials)
        self.prefix.setText(c.prefix)
        self.surname.setText(c.surname)
        if p.contact_name and not p.contact.known:
            self.legacy_contact.setText(
                self.tr(
                    "Typed before: {name}. Fill in the parts above so letters can address"
                    " this person properly."
                ).format(name=p.contact_name)
            )
            self.legacy_contact.show()
        self.address.setText(p.address_line)
        self.postcode.setText(p.postcode)
        self.city.setText(p.city)
        self.phone.setText(p.phone)
        self.email.setText(p.email)
        if p.missing:
            self.to_complete.setText(
                self.tr(
                    "To complete: fill in the {missing}; a referral letter to this partner"
                    " waits for it."
                ).format(missing=missing_words(p.missing))
            )
            self.to_complete.show()
            fields = {
                "address_line": self.address,
                "postcode": self.postcode,
                "city": self.city,
                "phone": self.phone,
                "email": self.email,
            }
            fields[p.missing[0]].setFocus()  # the cursor where the typing starts
        self.profile.setCurrentIndex(max(0, self.profile.findData(p.profile.value)))
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(p.schedule.value)))
        self.recipients.setPlainText("\n".join(p.recipients))

    # ---- the partner's key for signed feedback replies (#17) --------------------------------
    def _add_feedback_key_rows(self, form: QFormLayout) -> None:
        self.feedback_key: SenderKey | None = None  # chosen from a file, pinned on Save
        self.feedback_key_status = QLabel()
        self.feedback_key_status.setWordWrap(True)
        self.feedback_key_text = QLineEdit()
        self.feedback_key_text.setPlaceholderText(self.tr("Or paste the key line"))
        self.feedback_key_text.setAccessibleName(self.tr("Key for feedback"))
        self.feedback_key_button = QPushButton(self.tr("Key for feedback…"))
        self.feedback_key_button.clicked.connect(self.choose_feedback_key)
        self.feedback_key_text.textEdited.connect(self._key_typed)
        key_row = QHBoxLayout()
        key_row.addWidget(self.feedback_key_text, 1)
        key_row.addWidget(self.feedback_key_button)
        form.addRow(self.tr("Feedback"), self.feedback_key_status)
        form.addRow("", key_row)
        pinned = self.existing.signing_key_id if self.existing else None
        self._show_feedback_key(pinned, chosen=False)

    def _show_feedback_key(self, key_id: str | None, chosen: bool) -> None:
        if chosen:
            text = self.tr("Key for feedback chosen; it is kept when you save")
        elif key_id:
            text = self.tr("Feedback can be read in")
        else:
            text = self.tr("No key for feedback yet")
        self.feedback_key_status.setText(text)
        self.feedback_key_status.setToolTip(
            self.tr("For ICT: signing key id {key_id}").format(key_id=grouped(key_id))
            if key_id
            else ""
        )

    def _key_typed(self, _text: str) -> None:
        """A pasted line replaces a key chosen from a file."""
        if self.feedback_key is not None:
            self.feedback_key = None
            pinned = self.existing.signing_key_id if self.existing else None
            self._show_feedback_key(pinned, chosen=False)

    def choose_feedback_key(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Key for feedback"), os.path.expanduser("~")
        )
        if name:
            self.load_feedback_key(name)

    def load_feedback_key(self, path: str) -> None:
        """Read the key file on the worker; it is pinned when the partner is saved."""

        def loaded(key: SenderKey) -> None:
            self.feedback_key = key
            self.feedback_key_text.clear()
            self._show_feedback_key(key.key_id, chosen=True)

        def read(_t: TaskContext) -> SenderKey:
            return load_sender(path)

        self.message.clear_message()
        QueryOp.without_vault(self.ctx, self, read, loaded, message=self.message).run()

    def save(self) -> None:
        existing = self.existing
        parts = (
            str(self.salutation.currentData() or ""),
            self.initials.text(),
            self.prefix.text(),
            self.surname.text(),
        )
        kw: dict[str, Any] = dict(
            name=self.name.text(),
            type=PartnerType(self.type.currentData()),
            # Kept only while no parts are filled in (a contact typed as one field).
            contact_name=existing.contact_name if existing is not None else "",
            address_line=self.address.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            profile=DataProfile(self.profile.currentData()),
            schedule=ExportSchedule(self.schedule.currentData()),
            recipients=[r for r in self.recipients.toPlainText().split() if r.strip()],
        )
        draft_id = self.draft_id
        key, pasted = self.feedback_key, self.feedback_key_text.text()

        def work(s: Any) -> str:
            kw["contact"] = person_name(*parts)  # checked here: a mistake shows inline
            if draft_id:
                drafts.discard_draft(s, draft_id)
            if existing is None:
                return pin_feedback_key(s, partners.add_partner(s, **kw).id, key, pasted)
            return pin_feedback_key(
                s, partners.update_partner(s, existing.id, **kw).id, key, pasted
            )

        WriteOp(
            self.ctx,
            self,
            work,
            self._saved,
            changes=Changes(partners=True),
            message=self.message,
        ).run()

    def _saved(self, partner_id: str) -> None:
        self.saved_id = partner_id
        self.saved.emit(partner_id)
        self.accept()


class PartnersView(Screen):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(self.tr("Partners"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        head.addWidget(title)
        head.addStretch(1)
        self.add_button = QPushButton(self.tr("New partner…"))
        head.addWidget(self.add_button)
        lay.addLayout(head)
        schedule = {
            ExportSchedule.NONE: self.tr("none"),
            ExportSchedule.MONTHLY: self.tr("monthly"),
            ExportSchedule.QUARTERLY: self.tr("quarterly"),
        }
        columns: tuple[Column[PartnerView], ...] = (
            Column(self.tr("Name"), lambda p: p.name),
            Column(self.tr("Type"), lambda p: partner_type_label(p.type)),
            Column(self.tr("Phone"), lambda p: p.phone),
            Column(
                self.tr("To complete"),
                lambda p: missing_words(p.missing),
                tooltip=lambda p: (
                    self.tr("A referral letter to this partner waits for this.")
                    if p.missing
                    else ""
                ),
            ),
            Column(self.tr("Kind of export"), lambda p: profile_label(p.profile)),
            Column(self.tr("Schedule"), lambda p: schedule[p.schedule]),
            Column(
                self.tr("Partner's key"),
                lambda p: self.tr("present") if p.recipients else self.tr("missing"),
                tooltip=lambda p: self.tr("For ICT: {fingerprints}").format(
                    fingerprints=fingerprints(p)
                ),
            ),
        )
        self.table = RowView(RowModel(columns), self.tr("Partners"))
        lay.addWidget(self.table, 1)
        self.empty = QLabel(
            self.tr("No partners yet. Add the wijkteam, GGD or schuldhulpverlening you work with.")
        )
        lay.addWidget(self.empty)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self.add_button.clicked.connect(self.add_partner)
        self.table.row_activated.connect(lambda _p: self.edit_partner())

    def nav_title(self) -> str:
        return self.tr("Partners")

    def affected_by(self, changes: Changes) -> bool:
        return changes.partners

    def refresh(self) -> None:
        QueryOp(self.ctx, self, partners.list_partners, self.show_rows, message=self.message).run()

    def show_rows(self, rows: list[PartnerView]) -> None:
        self.table.set_rows(rows)
        self.empty.setVisible(not rows)

    def add_partner(self) -> None:
        dialog = PartnerDialog(self.ctx, self)
        dialog.exec()  # a saved partner announces itself
        dialog.deleteLater()  # no dialog lingers as a child of the workspace (lock)

    def edit_partner(self) -> None:
        partner = self.table.current()
        if partner is not None:
            dialog = PartnerDialog(self.ctx, self, partner)
            dialog.exec()
            dialog.deleteLater()
