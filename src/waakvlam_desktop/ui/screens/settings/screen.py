"""Instellingen: organisation and letterhead, staff, auto-lock, rhythm, language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import text

from waakvlam_desktop import package_version
from waakvlam_desktop.bundles.keys import OrgPublicKey, org_public_key
from waakvlam_desktop.domain import staff
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.fileio import PUBLIC, write_atomic
from waakvlam_desktop.privacy.continuity import read_recovery_public, set_recovery_key
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.keys import RecoveryWrap
from waakvlam_desktop.storage.recovery import RecoveryPublic, grouped
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, WriteOp, show_failure
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import Card, InlineMessage, count_text, level_word
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView

MAX_LOGO_BYTES = 512 * 1024


class SettingsData:
    def __init__(
        self,
        org: staff.OrganisationView,
        members: list[staff.StaffView],
        key: OrgPublicKey,
        head: audit.AuditHead,
        schema: str,
    ) -> None:
        self.org = org
        self.members = members
        self.key = key
        self.head = head
        self.schema = schema


def schema_revision(session: Any) -> str:
    """The vault's schema revision (Alembic's version table; read without Alembic)."""
    return str(session.execute(text("SELECT version_num FROM alembic_version")).scalar() or "–")


class SettingsView(Screen):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.logo: bytes | None = None
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Settings"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        outer.addWidget(title)
        body = QWidget()
        grid = QGridLayout(body)

        org = Card(self.tr("Organisation and letterhead"))
        form = QFormLayout()
        self.org_name = QLineEdit()
        self.org_address = QLineEdit()
        self.org_postcode = QLineEdit()
        self.org_city = QLineEdit()
        self.org_phone = QLineEdit()
        self.org_email = QLineEdit()
        self.logo_label = QLabel()
        self.logo_button = QPushButton(self.tr("Choose logo (PNG)…"))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.logo_button)
        for label, widget in (
            (self.tr("Name"), self.org_name),
            (self.tr("Address"), self.org_address),
            (self.tr("Postcode"), self.org_postcode),
            (self.tr("City"), self.org_city),
            (self.tr("Phone"), self.org_phone),
            (self.tr("E-mail"), self.org_email),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.tr("Logo"), logo_row)
        org.layout_.addLayout(form)
        self.org_message = InlineMessage()
        org.layout_.addWidget(self.org_message)
        self.org_save = QPushButton(self.tr("Save organisation"))
        org.layout_.addWidget(self.org_save, alignment=Qt.AlignmentFlag.AlignRight)

        people = Card(self.tr("Staff"))
        staff_columns: tuple[Column[staff.StaffView], ...] = (
            Column(self.tr("Name"), lambda m: m.name),
            Column(self.tr("Role"), lambda m: m.role),
            Column(self.tr("Phone"), lambda m: m.phone),
            Column(self.tr("E-mail"), lambda m: m.email),
        )
        self.staff_list = RowView(RowModel(staff_columns), self.tr("Staff"))
        self.staff_list.setMaximumHeight(140)
        people.layout_.addWidget(self.staff_list)
        add = QHBoxLayout()
        self.staff_name = QLineEdit()
        self.staff_name.setPlaceholderText(self.tr("Name"))
        self.staff_name.setAccessibleName(self.tr("Name of the new staff member"))
        self.staff_role = QLineEdit()
        self.staff_role.setPlaceholderText(self.tr("Role"))
        self.staff_role.setAccessibleName(self.tr("Role of the new staff member"))
        # Phone and e-mail go into the contact column of every letter the member signs.
        self.staff_phone = QLineEdit()
        self.staff_phone.setPlaceholderText(self.tr("Phone"))
        self.staff_phone.setAccessibleName(self.tr("Phone of the staff member"))
        self.staff_email = QLineEdit()
        self.staff_email.setPlaceholderText(self.tr("E-mail"))
        self.staff_email.setAccessibleName(self.tr("E-mail of the staff member"))
        self.staff_add = QPushButton(self.tr("Add"))
        self.staff_save = QPushButton(self.tr("Save changes"))
        self.staff_save.setToolTip(self.tr("Choose a staff member in the list to change them"))
        self.staff_save.setEnabled(False)
        self.staff_complexes = QPushButton(self.tr("Complexes…"))
        self.staff_complexes.setToolTip(
            self.tr("The complexes the chosen staff member looks after (Today: “my complexes”)")
        )
        add.addWidget(self.staff_name)
        add.addWidget(self.staff_role)
        people.layout_.addLayout(add)
        contact = QHBoxLayout()
        contact.addWidget(self.staff_phone)
        contact.addWidget(self.staff_email)
        contact.addWidget(self.staff_save)
        contact.addWidget(self.staff_add)
        contact.addSpacing(16)
        contact.addWidget(self.staff_complexes)
        people.layout_.addLayout(contact)
        self.staff_message = InlineMessage()
        people.layout_.addWidget(self.staff_message)

        work = Card(self.tr("Working"))
        wform = QFormLayout()
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after idle minutes"))
        wform.addRow(self.tr("Lock when idle after"), self.auto_lock)
        self.rhythm: dict[ConcernLevel, QSpinBox] = {}
        for lv in ConcernLevel:
            spin = QSpinBox()
            spin.setRange(1, 730)
            spin.setSuffix(self.tr(" days"))
            spin.setAccessibleName(self.tr("Rhythm for {level}").format(level=level_word(lv)))
            self.rhythm[lv] = spin
            wform.addRow(self.tr("Visit rhythm: {level}").format(level=level_word(lv)), spin)
        self.correction_days = QSpinBox()
        self.correction_days.setRange(0, 90)
        self.correction_days.setSuffix(self.tr(" days"))
        self.correction_days.setAccessibleName(self.tr("Days a saved visit can be corrected"))
        self.correction_days.setToolTip(
            self.tr("The original note is always kept; 0: saved visits cannot be corrected.")
        )
        wform.addRow(self.tr("Correct a visit up to"), self.correction_days)
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(self.tr("Language"))
        wform.addRow(self.tr("Language"), self.language)
        self.greeting = QComboBox()
        self.greeting.addItem(self.tr('Formal: "Geachte heer De Groot,"'), "geachte")
        self.greeting.addItem(self.tr('Less formal: "Beste heer De Groot,"'), "beste")
        self.greeting.setAccessibleName(self.tr("How letters greet their reader"))
        wform.addRow(self.tr("Greeting in letters"), self.greeting)
        self.remembered_label = QLabel()
        self.remembered_label.setWordWrap(True)
        self.forget_button = QPushButton(self.tr("Stop remembering"))
        self.forget_button.setToolTip(
            self.tr("Removes the key from this computer's keyring: the passphrase is needed again")
        )
        remembered_row = QHBoxLayout()
        remembered_row.addWidget(self.remembered_label, 1)
        remembered_row.addWidget(self.forget_button)
        wform.addRow(self.tr("Remember on this computer"), remembered_row)
        # For everyone, not only ICT: whether the organisation can open this vault, and why.
        self.recovery_plain = QLabel()
        self.recovery_plain.setWordWrap(True)
        wform.addRow(self.tr("Recovery by the organisation"), self.recovery_plain)
        work.layout_.addLayout(wform)
        self.work_message = InlineMessage()
        work.layout_.addWidget(self.work_message)
        self.work_save = QPushButton(self.tr("Save settings"))
        work.layout_.addWidget(self.work_save, alignment=Qt.AlignmentFlag.AlignRight)

        signing = self.ict_card = self._build_ict()
        self.key_text = ""
        self.key_button.clicked.connect(self.save_public_key)
        self.recovery_button.clicked.connect(self.choose_recovery_key)
        self.team_folder_button.clicked.connect(self.choose_team_folder)
        self.team_save.clicked.connect(self.save_team_folder)

        grid.addWidget(org, 0, 0)
        grid.addWidget(signing, 1, 1)
        grid.addWidget(work, 0, 1)
        grid.addWidget(people, 1, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)  # spare room goes below the cards, not inside them
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        self.org_save.clicked.connect(self.save_organisation)
        self.logo_button.clicked.connect(self.choose_logo)
        self.staff_add.clicked.connect(self.add_staff)
        self.staff_save.clicked.connect(self.save_staff)
        self.staff_list.current_changed.connect(self._staff_chosen)
        self.staff_complexes.clicked.connect(self.choose_complexes)
        self.work_save.clicked.connect(self.save_work)
        self.forget_button.clicked.connect(self.forget_key)

    def _build_ict(self) -> Card:
        # Voor ICT: the one place for technical facts (paths, keys, hashes, versions); the
        # everyday screens show none of them (#15 F, tests/ui/test_plain_words.py).
        signing = Card(self.tr("For ICT"))
        intro = QLabel(
            self.tr(
                "Technical details for the ICT department or the privacy officer. You do not"
                " need them for your daily work."
            )
        )
        intro.setWordWrap(True)
        signing.layout_.addWidget(intro)
        ict = QFormLayout()
        self.vault_label = self._fact()
        self.key_label = self._fact()
        self.head_label = self._fact()
        self.version_label = self._fact()
        ict.addRow(self.tr("Vault location"), self.vault_label)
        ict.addRow(self.tr("Signing key"), self.key_label)
        ict.addRow(self.tr("Audit log"), self.head_label)
        ict.addRow(self.tr("Version"), self.version_label)
        self.recovery_label = self._fact()
        ict.addRow(self.tr("Recovery key"), self.recovery_label)
        self.team_folder = QLineEdit()
        self.team_folder.setAccessibleName(self.tr("Team folder"))
        self.team_folder.setPlaceholderText(self.tr("No team folder: no automatic backups"))
        self.team_folder_button = QPushButton(self.tr("Choose folder…"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.team_folder, 1)
        folder_row.addWidget(self.team_folder_button)
        ict.addRow(self.tr("Team folder"), folder_row)
        self.team_keep = QSpinBox()
        self.team_keep.setRange(1, 100)
        self.team_keep.setAccessibleName(self.tr("Number of backups to keep"))
        ict.addRow(self.tr("Number of backups to keep"), self.team_keep)
        signing.layout_.addLayout(ict)
        self.ict_message = InlineMessage()
        signing.layout_.addWidget(self.ict_message)
        self.key_button = QPushButton(self.tr("Save public key…"))
        self.key_button.setToolTip(
            self.tr("Give this file to partners so they can check your exports")
        )
        self.recovery_button = QPushButton(self.tr("Set recovery key…"))
        self.recovery_button.setToolTip(
            self.tr("Choose the organisation's recovery.pub (made with: waakvlam recovery create)")
        )
        self.team_save = QPushButton(self.tr("Save team folder"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.recovery_button)
        buttons.addWidget(self.team_save)
        buttons.addWidget(self.key_button)
        signing.layout_.addLayout(buttons)
        return signing

    @staticmethod
    def _fact() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def nav_title(self) -> str:
        return self.tr("Settings")

    def affected_by(self, changes: Changes) -> bool:
        return changes.staff

    def refresh(self) -> None:
        def load(s: Any) -> SettingsData:
            return SettingsData(
                staff.organisation_view(s),
                staff.list_staff(s),
                org_public_key(s),
                audit.audit_head(s),
                schema_revision(s),
            )

        QueryOp(self.ctx, self, load, self.show_data, message=self.org_message).run()
        settings = self.ctx.settings
        self.auto_lock.setValue(settings.auto_lock_minutes)
        for lv, spin in self.rhythm.items():
            spin.setValue(settings.rhythm_for(lv))
        self.correction_days.setValue(settings.visit_correction_days)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.greeting.setCurrentIndex(max(0, self.greeting.findData(settings.letter_greeting)))
        self._show_remembered()
        self.team_folder.setText(settings.team_folder)
        self.team_keep.setValue(settings.folder_backup_keep)
        self.refresh_recovery()

    # ---- continuity (#19): the organisation's recovery key and the team folder ----------
    def refresh_recovery(self) -> None:
        QueryOp.on_vault(
            self.ctx,
            self,
            lambda v, _t: v.recovery_wrap(),
            self.show_recovery,
            message=self.ict_message,
        ).run()

    def show_recovery(self, wrap: RecoveryWrap | None) -> None:
        if wrap is None:
            self.recovery_label.setText(self.tr("The organisation cannot recover this vault"))
            self.recovery_plain.setText(
                self.tr(
                    "Off: only your passphrase opens this vault. If you are away and the"
                    " passphrase is lost, a colleague cannot take over your residents."
                )
            )
            return
        self.recovery_label.setText(
            self.tr("The organisation can recover this vault (key id {key})").format(
                key=grouped(wrap.key_id)
            )
        )
        self.recovery_plain.setText(
            self.tr(
                "On: your organisation can open a backup of this vault with its recovery key,"
                " so that a colleague can continue your work if you are suddenly away. This"
                " needs several people together, it is recorded, and you are told at your"
                " next unlock."
            )
        )

    def choose_recovery_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the recovery key"), "", "recovery.pub (*.pub);;* (*)"
        )
        if path:
            self.set_recovery_key_from(Path(path))

    def ask_passphrase(self) -> str | None:
        """The staff passphrase, asked every time (also when the key is remembered)."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Set recovery key"),
            self.tr("Your passphrase (needed to add the organisation's key to this vault):"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def set_recovery_key_from(self, path: Path) -> None:
        """recovery.pub is read (worker), the passphrase asked, then the key set (worker)."""
        self.ict_message.clear_message()
        QueryOp.without_vault(
            self.ctx,
            self,
            lambda _t: read_recovery_public(path),
            self._recovery_read,
            message=self.ict_message,
        ).run()

    def _recovery_read(self, public: RecoveryPublic) -> None:
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return

        def work(vault: Vault, _t: TaskContext) -> RecoveryWrap | None:
            set_recovery_key(vault, passphrase, public)
            return vault.recovery_wrap()

        def done(wrap: RecoveryWrap | None) -> None:
            self.show_recovery(wrap)
            self.ict_message.notice(
                self.tr("Recovery key set (key id {key}).").format(key=grouped(public.key_id))
            )

        self.recovery_button.setEnabled(False)
        WriteOp.on_vault(
            self.ctx, self, work, done, changes=Changes(backups=True), message=self.ict_message
        ).always(lambda: self.recovery_button.setEnabled(True)).run()

    def choose_team_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the team folder"), self.team_folder.text()
        )
        if path:
            self.team_folder.setText(path)

    def save_team_folder(self) -> None:
        folder, keep = self.team_folder.text().strip(), self.team_keep.value()

        def work(s: Any) -> None:
            save_setting(s, "team_folder", folder)
            save_setting(s, "folder_backup_keep", keep)

        def done(_r: object) -> None:
            self.ict_message.notice(self.tr("Saved."))
            self.ctx.reload_profile()  # the status bar shows the team-folder backup

        WriteOp(self.ctx, self, work, done, changes=Changes(), message=self.ict_message).run()

    def _show_remembered(self) -> None:
        on = self.ctx.key_remembered()
        self.remembered_label.setText(
            self.tr("On: the app opens without the passphrase on this computer.")
            if on
            else self.tr("Off: the passphrase is asked for every time.")
        )
        self.forget_button.setVisible(on)

    def forget_key(self) -> None:
        self.ctx.forget_key()
        self._show_remembered()
        self.work_message.notice(self.tr("The key is no longer remembered on this computer."))

    def show_data(self, data: SettingsData) -> None:
        o = data.org
        self.org_name.setText(o.name)
        self.org_address.setText(o.address_line)
        self.org_postcode.setText(o.postcode)
        self.org_city.setText(o.city)
        self.org_phone.setText(o.phone)
        self.org_email.setText(o.email)
        self.logo = None
        self.logo_label.setText(self.tr("logo set") if o.has_logo else self.tr("no logo"))
        self.key_text = data.key.file_text()
        self.vault_label.setText(str(self.ctx.data_dir))
        self.key_label.setText(self.tr("fingerprint {fp}").format(fp=data.key.fingerprint))
        self.head_label.setText(
            self.tr("{n} events; last SHA-256 {hash}").format(
                n=count_text(data.head.seq), hash=data.head.hash
            )
        )
        self.version_label.setText(
            self.tr("program {program}, schema {schema}").format(
                program=package_version(), schema=data.schema
            )
        )
        self.staff_list.set_rows(data.members)

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose logo"), "", "PNG (*.png)")
        if not path:
            return
        data = Path(path).read_bytes()
        if not data.startswith(b"\x89PNG") or len(data) > MAX_LOGO_BYTES:
            self.org_message.error(self.tr("Choose a PNG file of at most 512 KB."))
            return
        self.logo = data
        self.logo_label.setText(Path(path).name)

    def save_public_key(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save public key"),
            str(Path.home() / "waakvlam-publieke-sleutel.txt"),
            "*.txt",
        )
        if path:
            self.write_public_key(Path(path))

    def write_public_key(self, path: Path) -> None:
        data = self.key_text.encode("utf-8")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                self.org_message.error(
                    self.tr("The file could not be written. Choose another place.")
                )
            else:
                show_failure(self, exc, self.org_message)

        QueryOp.without_vault(
            self.ctx,
            self,
            lambda _t: write_atomic(path, data, mode=PUBLIC, overwrite=True),
            lambda _r: self.org_message.notice(
                self.tr("Public key saved: {name}").format(name=path.name)
            ),
        ).failure(failed).run()

    def save_organisation(self) -> None:
        name, address, postcode = (
            self.org_name.text(),
            self.org_address.text(),
            self.org_postcode.text(),
        )
        city, phone, email, logo = (
            self.org_city.text(),
            self.org_phone.text(),
            self.org_email.text(),
            self.logo,
        )

        def done(_r: object) -> None:
            self.org_message.notice(self.tr("Saved."))
            self.ctx.reload_profile()

        WriteOp(
            self.ctx,
            self,
            lambda s: staff.update_organisation(
                s,
                name=name,
                address_line=address,
                postcode=postcode,
                city=city,
                phone=phone,
                email=email,
                logo_png=logo,
            ),
            done,
            changes=Changes(),  # the profile reload updates the window title
            message=self.org_message,
        ).run()

    def _staff_fields(self) -> tuple[str, str, str, str]:
        return (
            self.staff_name.text(),
            self.staff_role.text(),
            self.staff_email.text(),
            self.staff_phone.text(),
        )

    def _clear_staff_fields(self, _r: object = None) -> None:
        for field in (self.staff_name, self.staff_role, self.staff_phone, self.staff_email):
            field.clear()
        self.staff_message.clear_message()

    def _staff_chosen(self, member: staff.StaffView | None) -> None:
        """Choosing a member in the list puts their details in the fields to change."""
        self.staff_save.setEnabled(member is not None)
        if member is not None:
            self.staff_name.setText(member.name)
            self.staff_role.setText(member.role)
            self.staff_phone.setText(member.phone)
            self.staff_email.setText(member.email)

    def add_staff(self) -> None:
        name, role, email, phone = self._staff_fields()
        WriteOp(
            self.ctx,
            self,
            lambda s: staff.add_staff(s, name, role, email, phone).id,
            self._clear_staff_fields,
            changes=Changes(staff=True),
            message=self.staff_message,
        ).run()

    def save_staff(self) -> None:
        member = self.staff_list.current()
        if member is None:
            return
        name, role, email, phone = self._staff_fields()
        WriteOp(
            self.ctx,
            self,
            lambda s: staff.update_staff(
                s, member.id, name=name, role=role, email=email, phone=phone
            ),
            lambda _r: self.staff_message.notice(self.tr("Saved.")),
            changes=Changes(staff=True),
            message=self.staff_message,
        ).run()

    def choose_complexes(self) -> None:
        """Which complexes the chosen staff member (else you) looks after."""
        member = self.staff_list.current()
        staff_id = (
            member.id if member else (self.ctx.profile.staff_id if self.ctx.profile else None)
        )
        if staff_id is None:
            return
        name = member.name if member else (self.ctx.profile.staff_name if self.ctx.profile else "")
        QueryOp(
            self.ctx,
            self,
            lambda s: staff.complex_choices(s, staff_id),
            lambda choices: self._ask_complexes(staff_id, name, choices),
            message=self.staff_message,
        ).run()

    def _ask_complexes(self, staff_id: str, name: str, choices: list[staff.ComplexChoice]) -> None:
        dialog = ComplexesDialog(name, choices, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        if not accepted:
            return
        WriteOp(
            self.ctx,
            self,
            lambda s: staff.set_complexes(s, staff_id, chosen),
            lambda _r: self.staff_message.notice(
                self.tr("{name} looks after {n} complexes.").format(name=name, n=len(chosen))
            ),
            changes=Changes(staff=True),
            message=self.staff_message,
        ).run()

    def save_work(self) -> None:
        minutes = self.auto_lock.value()
        rhythm = {lv.value: spin.value() for lv, spin in self.rhythm.items()}
        language = str(self.language.currentData())
        greeting = str(self.greeting.currentData())
        correction_days = self.correction_days.value()
        old_language = self.ctx.settings.language

        def work(s: Any) -> None:
            save_setting(s, "auto_lock_minutes", minutes)
            save_setting(s, "rhythm_days", rhythm)
            save_setting(s, "language", language)
            save_setting(s, "letter_greeting", greeting)
            save_setting(s, "visit_correction_days", correction_days)

        def done(_r: object) -> None:
            self.work_message.notice(self.tr("Saved."))
            self.ctx.reload_profile(
                lambda _p: (
                    self.language_changed.emit(language) if language != old_language else None
                )
            )

        # The profile reload applies the settings (auto-lock, language) everywhere.
        WriteOp(self.ctx, self, work, done, changes=Changes(), message=self.work_message).run()


class ComplexesDialog(QDialog):
    """Tick the complexes a staff member looks after."""

    def __init__(
        self, name: str, choices: list[staff.ComplexChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Complexes of {name}").format(name=name))
        self.setMinimumSize(420, 360)
        lay = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Today shows only the households in these complexes when “Only my complexes” is on."
            )
        )
        explain.setWordWrap(True)
        lay.addWidget(explain)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Complexes"))
        for c in choices:
            item = QListWidgetItem(f"{c.name} · {c.wijk}" if c.wijk else c.name)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.mine else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if not choices:
            lay.addWidget(QLabel(self.tr("No complexes yet: they come in with the addresses.")))
        lay.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
