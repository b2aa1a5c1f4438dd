"""Collega's: whose handover bundles this vault accepts (issue #12 A).

A colleague is added from their public key file (``waakvlam org public-key`` or
Instellingen on their side); before anything is stored the dialog shows the key id and asks
the user to compare it by phone. Removing a colleague means their bundles are refused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.keys import SenderKey, load_sender
from waakvlam_desktop.domain.colleagues import (
    ColleagueView,
    add_colleague,
    grouped,
    key_id,
    list_colleagues,
    remove_colleague,
)
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.widgets.common import InlineMessage, user_message
from waakvlam_desktop.ui.widgets.table import Column, RowModel, RowView, stamp_column


class ColleaguesDialog(QDialog):
    """The list of colleagues, with Add… and Remove."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.colleagues: list[ColleagueView] = []
        self.setWindowTitle(self.tr("Colleagues"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "A handover is only read in from a colleague listed here. Add a colleague"
                " with the key file they give you, and compare the key id by phone."
            )
        )
        intro.setWordWrap(True)
        columns: tuple[Column[ColleagueView], ...] = (
            Column(
                self.tr("Name"),
                lambda c: c.name,
                tooltip=lambda c: self.tr("For ICT: key id {key_id}").format(key_id=c.fingerprint),
            ),
            stamp_column(self.tr("Last handover"), lambda c: c.last_import_at),
        )
        self.table = RowView(RowModel(columns), self.tr("Colleagues"))
        self.message = InlineMessage()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = buttons.addButton(self.tr("Add…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button = buttons.addButton(
            self.tr("Remove"), QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_dialog)
        self.remove_button.clicked.connect(self.remove_selected)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        QueryOp(self.ctx, self, list_colleagues, self._loaded, message=self.message).run()

    def _loaded(self, colleagues: list[ColleagueView]) -> None:
        self.colleagues = colleagues
        self.table.set_rows(colleagues)

    def add_dialog(self) -> None:
        dialog = AddColleagueDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.key is not None:
            self.add(dialog.name.text(), dialog.key)

    def add(self, name: str, key: SenderKey) -> None:
        def work(s: Session) -> ColleagueView:
            return add_colleague(s, name, key.public_key)

        def done(view: ColleagueView) -> None:
            self.message.notice(self.tr("{name} was added.").format(name=view.name))
            self.refresh()

        WriteOp(self.ctx, self, work, done, changes=Changes(), message=self.message).run()

    def remove_selected(self) -> None:
        row = self.table.current()
        if row is None:
            self.message.error(self.tr("Choose a colleague first."))
            return
        if confirm_remove(self, row.name):
            self.remove(row.name)

    def remove(self, name: str) -> None:
        def work(s: Session) -> ColleagueView:
            return remove_colleague(s, name)

        def done(view: ColleagueView) -> None:
            self.message.notice(
                self.tr("{name} was removed; their handovers are refused from now on.").format(
                    name=view.name
                )
            )
            self.refresh()

        WriteOp(self.ctx, self, work, done, changes=Changes(), message=self.message).run()


class AddColleagueDialog(QDialog):
    """Name and key file; OK only after the key id was shown for comparing by phone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key: SenderKey | None = None
        self.setWindowTitle(self.tr("Add colleague"))
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.key_file = QLineEdit()
        self.key_file.setAccessibleName(self.tr("Key file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.key_file, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Key file"), row)
        self.compare = QLabel()
        self.compare.setWordWrap(True)
        self.message = InlineMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Show key id"))
        buttons.accepted.connect(self.next_step)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.compare)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose file"), "", "*.pub *.txt")
        if path:
            self.key_file.setText(path)

    def next_step(self) -> None:
        """First click: read the key and show its id. Second click: the user compared it."""
        self.message.clear_message()
        if self.key is None:
            try:
                key = load_sender(str(Path(self.key_file.text()).expanduser()))
            except Exception as exc:  # a KeyFileError: one clear sentence
                self.message.error(user_message(exc))
                return
            if not self.name.text().strip():
                self.message.error(self.tr("Fill in the colleague's name."))
                return
            self.key = key
            self.compare.setText(
                self.tr(
                    "Key id: {key_id}\nCall {name} and ask them to read out the key id shown"
                    " in their Settings, under For ICT. Add only when every character matches."
                ).format(key_id=grouped(key_id(key.public_key)), name=self.name.text().strip())
            )
            self.ok_button.setText(self.tr("It matches: add"))
            self.name.setEnabled(False)
            self.key_file.setEnabled(False)
            return
        self.accept()


def confirm_remove(parent: ColleaguesDialog, name: str) -> bool:
    answer = QMessageBox.question(
        parent,
        parent.tr("Remove colleague"),
        parent.tr("Refuse handovers from {name} from now on?").format(name=name),
    )
    return answer == QMessageBox.StandardButton.Yes
