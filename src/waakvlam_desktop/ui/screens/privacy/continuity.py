"""Continuity in the main window (#19, docs/continuity.md "For the app"):

- :class:`TeamBackupStatus`: the status-bar line with the age of the last team-folder
  backup, or the one sentence of a failing folder; it also runs the scheduled backups
  (:func:`backup_if_due`) at lock and on an hourly check while unlocked, always on the
  worker, never on the GUI thread.
- :class:`RecoveryNotices`: after unlock, the signed notices that the organisation
  recovered this vault (shown once, then acknowledged in the vault).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from waakvlam_desktop.clock import to_local
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, WriteOp
from waakvlam_desktop.ui.widgets.common import short_date, user_message

if TYPE_CHECKING:  # the vault code loads in the background at start (ui/preload.py)
    from sqlalchemy.orm import Session

    from waakvlam_desktop.privacy.continuity import (
        FolderBackup,
        FolderBackupStatus,
        RecoveryNotice,
    )
    from waakvlam_desktop.storage.vault import Vault

CHECK_EVERY_MS = 60 * 60 * 1000  # the hourly check; a backup is made when one is due


class TeamBackupStatus(QLabel):
    """ "Teammap-back-up: vandaag" in the status bar (empty without a team folder)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(self.tr("Team-folder backup"))
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.backup_if_due)
        ctx.closing.connect(self.at_lock)

    # ---- what the line says ------------------------------------------------------------
    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        now = self.ctx.clock.now()

        def status(s: Session) -> FolderBackupStatus:
            # On the worker: at an unlock the module may still be on its way (ui/preload.py).
            from waakvlam_desktop.privacy.continuity import folder_backup_status  # noqa: PLC0415 - lazy: ui/preload.py

            return folder_backup_status(s, now)

        QueryOp(self.ctx, self, status, self.show_status).failure(self.show_error).run()

    def show_status(self, status: FolderBackupStatus) -> None:
        if not status.folder:
            self.clear()
            return
        self._plain()
        if status.last_at is None:
            self.setText(self.tr("Team-folder backup: none yet"))
        else:
            self.show_age(status.last_at)

    def show_age(self, last_at: datetime) -> None:
        """``last_at``: naive UTC, as stored."""
        self._plain()
        day = to_local(last_at).date()
        days = (self.ctx.today() - day).days
        if days <= 0:
            age = self.tr("today")
        elif days == 1:
            age = self.tr("yesterday")
        else:
            age = self.tr("{n} days ago").format(n=days)
        self.setText(self.tr("Team-folder backup: {age}").format(age=age))
        self.setToolTip(
            self.tr("Last backup in the team folder: {date}").format(date=short_date(day))
        )

    def show_error(self, exc: BaseException) -> None:
        """A failing folder: its one sentence, in the line (nothing was lost)."""
        self.setStyleSheet(f"QLabel {{ color: {palette.WARNING_TEXT}; font-weight: 600; }}")
        self.setText("⚠ " + user_message(exc))
        self.setToolTip("")

    def _plain(self) -> None:
        self.setStyleSheet("")
        self.setToolTip("")

    # ---- the schedule ------------------------------------------------------------------
    def start(self) -> None:
        """At unlock: show the age and check every hour while unlocked."""
        self.clear()
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def backup_if_due(self) -> None:
        """The hourly check while unlocked: a backup when one is due (on the worker)."""
        if not self.ctx.is_unlocked:
            return
        QueryOp.on_vault(self.ctx, self, self._backup, self._backed_up).failure(
            self.show_error
        ).run()

    def at_lock(self) -> None:
        """Queued on the worker after the drafts are saved and before the vault closes."""
        self.timer.stop()
        QueryOp.on_vault(self.ctx, self, self._backup, self._backed_up).failure(
            self.show_error
        ).run()

    @staticmethod
    def _backup(vault: Vault, _t: TaskContext) -> FolderBackup | None:
        from waakvlam_desktop.privacy.continuity import backup_if_due  # noqa: PLC0415 - lazy: ui/preload.py

        return backup_if_due(vault)

    def _backed_up(self, made: FolderBackup | None) -> None:
        if made is not None:
            self.show_age(made.info.created_at)
        elif self.ctx.is_unlocked:
            self.refresh()


class RecoveryNotices(QObject):
    """After unlock: "the organisation recovered your vault" (from the signed notices in
    the team folder), shown once; closing the message acknowledges it in the vault."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.box: QMessageBox | None = None

    def check(self) -> None:
        if not self.ctx.is_unlocked or not self.ctx.settings.team_folder:
            return
        folder = Path(self.ctx.settings.team_folder)

        def find(vault: Vault, _t: TaskContext) -> list[RecoveryNotice]:
            from waakvlam_desktop.privacy.continuity import pending_recovery_notices  # noqa: PLC0415 - lazy: ui/preload.py

            return pending_recovery_notices(folder, vault)

        # An unreadable team folder is no notice (the status bar line says what is wrong).
        QueryOp.on_vault(self.ctx, self.window, find, self.show).failure(lambda _e: None).run()

    def text(self, notices: list[RecoveryNotice]) -> str:
        lines = [
            self.tr(
                "Your organisation has opened a copy of this vault with its recovery key, so"
                " that a colleague could take over your work."
            ),
            "",
        ]
        for n in notices:
            when = to_local(n.recovered_at)
            made = to_local(n.backup_created_at)
            lines.append(
                self.tr("On {date} at {time} by {by}, from the backup of {made}.").format(
                    date=short_date(when.date()),
                    time=when.strftime("%H:%M"),
                    by=n.by or "?",
                    made=short_date(made.date()),
                )
            )
        lines += [
            "",
            self.tr(
                "This is recorded in the audit log. Ask your manager or the ICT department if you"
                " did not know about it."
            ),
        ]
        return "\n".join(lines)

    def show(self, notices: list[RecoveryNotice]) -> None:
        if not notices:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Your vault was recovered"),
            self.text(notices),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        # Only a click counts as seen; a box closed by the lock comes back at next unlock.
        box.buttonClicked.connect(lambda _b: self.seen(notices))
        box.finished.connect(self._closed)
        self.box = box
        box.open()

    def _closed(self, _result: int) -> None:
        self.box = None

    def seen(self, notices: list[RecoveryNotice]) -> None:
        """The message was closed: not shown again (and in the audit log)."""
        self.box = None
        if not self.ctx.is_unlocked:
            return
        from waakvlam_desktop.privacy.continuity import acknowledge_recovery_notices  # noqa: PLC0415 - lazy: ui/preload.py

        WriteOp(
            self.ctx,
            self.window,
            lambda s: acknowledge_recovery_notices(s, notices),
            changes=Changes(),
        ).run()
