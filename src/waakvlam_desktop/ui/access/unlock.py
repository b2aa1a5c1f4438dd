"""The unlock page: the passphrase, the OS keyring, and a wait after too many attempts."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.errors import WrongPassphraseError
from waakvlam_desktop.ui.access.panel import Panel, centered
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.widgets.common import InlineMessage, user_message
from waakvlam_desktop.ui.worker import TaskContext

MAX_ATTEMPTS = 5
WAIT_SECONDS = 30


class UnlockPage(QWidget):
    unlocked = Signal()

    def __init__(self, ctx: AppContext, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.ctx = ctx
        self._now = now
        self.failures = 0
        self.wait_until = 0.0
        self.keyring_known = False  # the keyring answered reset()'s question
        self.keyring_offered = False  # ... that a real OS keyring is there
        self.silent = False  # try_keyring(): open with a remembered key, unless typed first
        self.asked = 0  # reset()'s questions to the keyring: only the last one's answer counts
        self.question_waits = False  # reset()'s question is not asked yet (see reset)
        self.may_ask = False  # allow_keyring_question(): the window has painted
        self.unlocking = False  # a passphrase or a remembered key is opening the vault
        self.panel = panel = Panel("")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        panel.box.addWidget(self.hint)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        panel.box.addWidget(self.passphrase)
        self.remember = QCheckBox()
        panel.box.addWidget(self.remember)
        self.message = InlineMessage()
        panel.box.addWidget(self.message)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.name_words()
        panel.box.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        lay = QVBoxLayout(self)
        lay.addWidget(centered(panel))
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick_wait)

    def name_words(self) -> None:
        """The page's words in the GUI's language: when built, and again when the
        language changes (the window keeps this page)."""
        self.panel.heading.setText(self.tr("Waakvlam is locked"))
        self.hint.setText(self.tr("Type your passphrase to open the vault."))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.remember.setText(self.tr("Remember on this computer"))
        self.remember.setToolTip(
            self.tr(
                "Keeps the key in the system keyring, so you do not have to type it here."
                " Untick to remove it from this computer."
            )
        )
        self.button.setText(self.tr("Unlock"))

    def reset(self) -> None:
        """Empty the page and ask whether the keyring is there and holds the key: beside
        the worker (the first question to the OS keyring imports it: 0.2–0.5 s, which a
        passphrase typed at once must not wait for); the check box shows when the answer
        arrives (``keyring_known``).

        The question waits for the window's first paint (:meth:`allow_keyring_question`),
        and it is not asked while the vault opens: importing the keyring (0.1 s of
        processor time) would slow the key derivation and the vault code's import, which
        run then on both cores (#16). A passphrase submitted before the question holds it
        back: it is asked when the attempt fails, and dropped when the vault opens (the
        page asks again when it is shown again). Without a passphrase the question comes
        right after the first paint, so a remembered key opens the vault as soon as
        before: an A/B on 10,000 households made that start 0.3 s slower when the
        question waited for the vault code (docs/benchmarks.md)."""
        self.keyring_known = False
        self.keyring_offered = False
        self.silent = False
        self.remember.setVisible(False)
        self.asked += 1
        self.question_waits = True
        self._ask_when_allowed()
        self.passphrase.clear()
        self.message.clear_message()
        self.button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def allow_keyring_question(self) -> None:
        """The window has painted (or could not soon): the keyring may be asked."""
        self.may_ask = True
        self._ask_when_allowed()

    def _ask_when_allowed(self) -> None:
        if not (self.question_waits and self.may_ask) or self.unlocking:
            return
        self.question_waits = False
        ctx = self.ctx
        question = self.asked

        def ask(_task: TaskContext) -> tuple[bool, bool]:
            available = ctx.keyring_available()
            return available, available and ctx.key_remembered()

        def answered(answer: tuple[bool, bool]) -> None:
            # An answer to an earlier question (the keyring was slow; the app was locked
            # again meanwhile, or the key forgotten) must not set this page.
            if question == self.asked:
                self._keyring_answer(answer)

        ctx.background.run(ask, answered, lambda _e: None, beside=True)

    def _keyring_answer(self, answer: tuple[bool, bool]) -> None:
        available, remembered = answer
        self.keyring_known = True
        self.keyring_offered = available
        self.remember.setVisible(available)
        self.remember.setChecked(remembered)
        if self.silent and remembered:
            self.silent = False
            # Opening with the remembered key: the passphrase waits (a submit now would
            # queue a second unlock that closes the vault this one opens).
            self._opening()
            self.ctx.unlock(None, self._done, self._silent_failed, on_upgrading=self._upgrading)

    def try_keyring(self) -> None:
        """After :meth:`reset`: unlock silently when the keyring's answer is that the key is
        remembered, unless a passphrase was submitted first; otherwise wait for one."""
        self.silent = True

    def submit(self) -> None:
        if self._now() < self.wait_until:
            return
        text = self.passphrase.text()
        if not text:
            self.message.error(self.tr("Type your passphrase first."))
            return
        self.silent = False
        self._opening()
        # Before the keyring's answer the person has not seen the check box: leave it be.
        offered = self.keyring_known and self.keyring_offered and not self.remember.isHidden()
        choice = self.remember.isChecked() if offered else None
        self.ctx.unlock(
            text, self._done, self._failed, remember_key=choice, on_upgrading=self._upgrading
        )

    def _opening(self) -> None:
        self.unlocking = True
        self.button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.message.notice(self.tr("Opening the vault…"))

    def _upgrading(self) -> None:
        self.message.notice(
            self.tr(
                "Updating the vault for this version of the app. With many households this"
                " takes a minute or two. Keep the app open."
            )
        )

    def _silent_failed(self, _exc: BaseException) -> None:
        """The remembered key did not open the vault: the passphrase then, no error."""
        self.unlocking = False
        self.message.clear_message()
        self.button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def _done(self, _profile: object) -> None:
        # A question not asked yet is dropped: the page is left, and asks again when it is
        # shown again (reset, when the app locks).
        self.unlocking = False
        self.question_waits = False
        self.failures = 0
        self.passphrase.clear()
        self.message.clear_message()
        self.button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.unlocking = False
        self._ask_when_allowed()  # the page is needed again: its check box too
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
