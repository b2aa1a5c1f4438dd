"""First run (create the vault) and unlock screens."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop import config
from waakvlam_desktop.errors import WaakvlamError, WeakPassphraseError, WrongPassphraseError
from waakvlam_desktop.storage.keys import check_passphrase_policy
from waakvlam_desktop.ui.context import AppContext, NewVault
from waakvlam_desktop.ui.widgets.common import InlineMessage, user_message

MAX_ATTEMPTS = 5
WAIT_SECONDS = 30


def strength(passphrase: str) -> int:
    """0 (too weak) .. 3 (strong): length and variety, with passphrases in mind."""
    try:
        check_passphrase_policy(passphrase)
    except WeakPassphraseError:
        return 0
    classes = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len(passphrase.split())
    score = len(passphrase) / 8 + classes / 2 + words / 2
    return 1 if score < 3.5 else 2 if score < 5 else 3


def _centered(inner: QWidget) -> QWidget:
    outer = QWidget()
    lay = QVBoxLayout(outer)
    lay.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner)
    row.addStretch(1)
    lay.addLayout(row)
    lay.addStretch(2)
    return outer


class _Panel(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.setMaximumWidth(520)
        self.setMinimumWidth(420)
        self.setStyleSheet(
            "QFrame#panel { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(24, 20, 24, 20)
        self.heading = QLabel(title)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.box.addWidget(self.heading)


class FirstRunPage(QWidget):
    created = Signal()
    restore_requested = Signal()  # "restore a backup" instead of a new vault (new laptop)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        panel = _Panel(self.tr("Welcome to Waakvlam"))
        intro = QLabel(
            self.tr(
                "Your notes are kept in an encrypted vault on this computer. Choose a"
                " passphrase you can remember: without it nobody can open the vault, not even"
                " your application manager."
            )
        )
        intro.setWordWrap(True)
        panel.box.addWidget(intro)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Passphrase again"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 3)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setFixedHeight(16)
        self.remember = QCheckBox(self.tr("Remember on this computer"))
        self.remember.setToolTip(
            self.tr("Keeps the key in the system keyring, so you do not have to type it here.")
        )
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.organisation.setPlaceholderText(self.tr("e.g. Woonstichting Voorbeeld"))
        self.staff_name = QLineEdit()
        self.staff_name.setAccessibleName(self.tr("Your name"))
        self.staff_role = QLineEdit()
        self.staff_role.setAccessibleName(self.tr("Your role"))
        self.staff_role.setPlaceholderText(self.tr("e.g. wijkbeheerder"))
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.repeat)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.remember)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Your name"), self.staff_name)
        form.addRow(self.tr("Your role"), self.staff_role)
        form.addRow(self.tr("Language"), self.language)
        panel.box.addLayout(form)
        self.message = InlineMessage()
        panel.box.addWidget(self.message)
        self.button = QPushButton(self.tr("Create vault"))
        self.button.setDefault(True)
        self.restore_button = QPushButton(self.tr("Restore a backup…"))
        self.restore_button.setToolTip(self.tr("On a new laptop: put a backup of your vault here"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        panel.box.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(_centered(panel))

        if not ctx.keyring_available():
            self.remember.setChecked(False)
            self.remember.hide()
        self.passphrase.textChanged.connect(self._update_meter)
        self.button.clicked.connect(self.submit)
        self.restore_button.clicked.connect(self.restore_requested)
        for field in (
            self.passphrase,
            self.repeat,
            self.organisation,
            self.staff_name,
            self.staff_role,
        ):
            field.returnPressed.connect(self.submit)
        self._update_meter("")

    def _update_meter(self, text: str) -> None:
        score = strength(text)
        self.meter.setValue(score)
        words = [self.tr("too weak"), self.tr("fair"), self.tr("good"), self.tr("strong")]
        self.meter.setFormat(words[score])

    def submit(self) -> None:
        self.message.clear_message()
        if self.passphrase.text() != self.repeat.text():
            self.message.error(self.tr("The two passphrases are not the same."))
            self.repeat.setFocus()
            return
        try:
            check_passphrase_policy(self.passphrase.text())
        except WaakvlamError as exc:
            self.message.error(str(exc))
            self.passphrase.setFocus()
            return
        for field, label in (
            (self.organisation, self.tr("Organisation")),
            (self.staff_name, self.tr("Your name")),
        ):
            if not field.text().strip():
                self.message.error(self.tr("{field} is required.").format(field=label))
                field.setFocus()
                return
        self.button.setEnabled(False)
        self.message.notice(self.tr("Creating the vault…"))
        params = NewVault(
            passphrase=self.passphrase.text(),
            organisation=self.organisation.text(),
            staff_name=self.staff_name.text(),
            staff_role=self.staff_role.text(),
            language=str(self.language.currentData()),
            remember=self.remember.isChecked(),
            kdf_target_seconds=config.kdf_target_seconds(),
        )
        self.passphrase.clear()
        self.repeat.clear()
        self.ctx.create_vault(params, lambda _p: self.created.emit(), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.message.error(user_message(exc))


class UnlockPage(QWidget):
    unlocked = Signal()

    def __init__(self, ctx: AppContext, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.ctx = ctx
        self._now = now
        self.failures = 0
        self.wait_until = 0.0
        panel = _Panel(self.tr("Waakvlam is locked"))
        hint = QLabel(self.tr("Type your passphrase to open the vault."))
        hint.setWordWrap(True)
        panel.box.addWidget(hint)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        panel.box.addWidget(self.passphrase)
        self.message = InlineMessage()
        panel.box.addWidget(self.message)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setDefault(True)
        panel.box.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        lay = QVBoxLayout(self)
        lay.addWidget(_centered(panel))
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick_wait)

    def reset(self) -> None:
        self.passphrase.clear()
        self.message.clear_message()
        self.button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def try_keyring(self) -> None:
        """Unlock silently when the key is remembered; otherwise just wait for a passphrase."""
        self.ctx.unlock(None, lambda _p: self.unlocked.emit(), lambda _e: None)

    def submit(self) -> None:
        if self._now() < self.wait_until:
            return
        text = self.passphrase.text()
        if not text:
            self.message.error(self.tr("Type your passphrase first."))
            return
        self.button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.message.notice(self.tr("Opening the vault…"))
        self.ctx.unlock(text, self._done, self._failed)

    def _done(self, _profile: object) -> None:
        self.failures = 0
        self.passphrase.clear()
        self.message.clear_message()
        self.button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if isinstance(exc, WrongPassphraseError):
            self.failures += 1
            if self.failures >= MAX_ATTEMPTS:
                self.failures = 0
                self.wait_until = self._now() + WAIT_SECONDS
                self.button.setEnabled(False)
                self.wait_timer.start()
                self._tick_wait()
                return
            self.message.error(
                self.tr(
                    "The passphrase is not correct. Try again; after {n} attempts the app"
                    " waits {s} seconds."
                ).format(n=MAX_ATTEMPTS, s=WAIT_SECONDS)
            )
        else:
            self.message.error(user_message(exc))

    def _tick_wait(self) -> None:
        left = int(self.wait_until - self._now() + 0.999)
        if left <= 0:
            self.wait_timer.stop()
            self.button.setEnabled(True)
            self.message.notice(self.tr("You can try again."))
            return
        self.message.error(
            self.tr("Too many attempts. Wait {s} seconds and try again.").format(s=left)
        )
