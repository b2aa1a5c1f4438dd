"""What the main window needs of Privacy before any screen is shown: the backup reminder
in the status bar and the restore runner (which works on a closed vault, so it belongs to
the main window, not to the Privacy screen). Kept apart from ``screen.py`` so a start does
not load the Privacy screen (retention, the audit viewer, the witness code)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.clock import to_local
from waakvlam_desktop.ui import palette, preload
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.operations import QueryOp, TaskContext
from waakvlam_desktop.ui.widgets.common import InlineMessage, short_date, stamp, user_message

if TYPE_CHECKING:  # the vault code loads in the background at start (ui/preload.py)
    from waakvlam_desktop.privacy import backup

BACKUP_SUFFIX = ".wvbackup"


# ---- restore (runs with the vault closed) ----------------------------------------------------
@dataclass(frozen=True, slots=True)
class RestoreRequest:
    backup_file: Path
    target: Path
    passphrase: str
    replace: bool


def vault_folder_has_content(folder: Path) -> bool:
    return folder.exists() and (not folder.is_dir() or any(folder.iterdir()))


class RestoreRunner(QObject):
    """Restores a backup after the window locked: the open vault is closed first (the lock
    queues that on the worker), then ``restore_backup`` runs on the same worker, then the
    unlock screen opens the restored vault."""

    finished = Signal(str)  # the message for the unlock screen
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: backup.RestoreResult | None = None

    def start(self, request: RestoreRequest) -> None:
        def task(_c: TaskContext) -> backup.RestoreResult:
            preload.wait_vault_code()
            from waakvlam_desktop.privacy import backup  # noqa: PLC0415 - lazy: ui/preload.py

            return backup.restore_backup(
                request.backup_file,
                request.target,
                request.passphrase,
                replace=request.replace,
                now=self.ctx.clock.now(),
            )

        # The vault is closed (or there is none yet): an operation without the vault.
        QueryOp.without_vault(self.ctx, self, task, self._done).failure(self._failed).run()

    def _done(self, result: backup.RestoreResult) -> None:
        self.result = result
        self.ctx.data_dir = result.data_dir
        text = self.tr(
            "The backup of {when} is restored. Unlock it with the passphrase of the backup."
        ).format(when=stamp(result.backup_created_at))
        if result.kept_aside is not None:
            text += " " + self.tr("The previous vault is kept aside in {path}.").format(
                path=str(result.kept_aside)
            )
        if result.reapplied:
            households = len({t.entity_id for t in result.reapplied if t.entity == "household"})
            referrals = len({t.entity_id for t in result.reapplied if t.entity == "referral"})
            text += " " + self.tr(
                "What was erased after this backup was made has been erased again"
                " ({households} households, {referrals} withdrawn consents)."
            ).format(households=households, referrals=referrals)
        if result.tombstones_unreadable:
            text += " " + self.tr(
                "The replaced vault could not be read, so what was erased there after the"
                " backup is not erased again yet: run the retention clean-up."
            )
        self.finished.emit(text)

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(user_message(exc))


class RestoreDialog(QDialog):
    """Explains what restoring does, asks the passphrase and, when a vault is there,
    an explicit confirmation that it may be replaced (it is kept aside)."""

    def __init__(self, backup_file: Path, info: backup.BackupInfo, target: Path, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore backup"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Restoring closes the vault now: unsaved work is kept as a draft. The backup"
                " of {when} ({size} MB) is put in {target}. Afterwards you unlock it with the"
                " passphrase of the backup."
            ).format(
                when=stamp(info.created_at),
                size=f"{info.file_bytes / 1_000_000:.1f}",
                target=str(target),
            )
        )
        explain.setWordWrap(True)
        lay.addWidget(explain)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase of the backup"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase of the backup"))
        lay.addWidget(self.passphrase)
        self.needs_confirm = vault_folder_has_content(target)
        self.replace = QCheckBox(
            self.tr("Replace the current vault. It is kept aside, not deleted.")
        )
        self.replace.setVisible(self.needs_confirm)
        lay.addWidget(self.replace)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Restore"))
        lay.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.textChanged.connect(self._update)
        self.replace.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = bool(self.passphrase.text()) and (not self.needs_confirm or self.replace.isChecked())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def ask_restore(parent: QWidget, target: Path, message: InlineMessage) -> RestoreRequest | None:
    """File dialog, checksum check, then :class:`RestoreDialog`: the request, or None."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("RestoreDialog", "Choose a backup"),
        str(Path.home()),
        QCoreApplication.translate(
            "RestoreDialog", "Waakvlam backup (*{suffix});;All files (*)"
        ).format(suffix=BACKUP_SUFFIX),
    )
    if not path:
        return None
    from waakvlam_desktop.privacy import backup  # noqa: PLC0415 - lazy: ui/preload.py

    try:
        info = backup.read_backup_info(Path(path))  # checksum: a damaged file says so now
    except Exception as exc:
        message.error(user_message(exc))
        return None
    dialog = RestoreDialog(Path(path), info, target, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return RestoreRequest(Path(path), target, dialog.passphrase.text(), dialog.replace.isChecked())


# ---- the status-bar reminder -----------------------------------------------------------------
class BackupReminder(QLabel):
    """The backup reminder next to the idle countdown (empty when no backup is due); a link
    that opens Privacy › Back-up, no dead end."""

    open_backup = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setStyleSheet(f"QLabel {{ color: {palette.WARNING_TEXT}; font-weight: 600; }}")
        self.setAccessibleName(self.tr("Backup reminder"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setToolTip(self.tr("Open Privacy › Backup"))
        self.linkActivated.connect(lambda _link: self.open_backup.emit())

    def _set_link(self, text: str) -> None:
        import html  # noqa: PLC0415 - lazy: the window's start does not need it (#16)

        self.setText(
            f'<a href="backup" style="color: {palette.WARNING_TEXT};">⚠ {html.escape(text)}</a>'
        )

    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            self.clear()
            return

        def work(s: Any) -> tuple[bool, datetime | None]:
            from waakvlam_desktop.privacy import backup  # noqa: PLC0415 - lazy: ui/preload.py

            return backup.backup_reminder(s) is not None, backup.last_backup_at(s)

        # A reminder that cannot be worked out is no reminder: no error in the status bar.
        QueryOp(self.ctx, self, work, self._show).failure(lambda _e: self.clear()).run()

    def _show(self, due_and_last: tuple[bool, datetime | None]) -> None:
        """``backup_reminder`` decides; the wording is translated here (its own is Dutch)."""
        due, last = due_and_last
        if not due or not self.ctx.is_unlocked:
            self.clear()
        elif last is None:
            self._set_link(self.tr("There is no backup of this vault yet. Make one now."))
        else:
            days = (self.ctx.today() - to_local(last).date()).days
            self._set_link(
                self.tr("The last backup is from {date} ({n} days ago). Make a new backup.").format(
                    date=short_date(to_local(last).date()), n=days
                )
            )
