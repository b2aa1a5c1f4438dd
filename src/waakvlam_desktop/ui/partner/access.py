"""First run (a passphrase for the new store, its keys made inside it) and unlock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.partnerstore.store import PartnerStore
from waakvlam_desktop.storage.keys import check_passphrase_policy
from waakvlam_desktop.storage.strength import assess
from waakvlam_desktop.ui.access.first_run import strength
from waakvlam_desktop.ui.access.panel import Panel, centered
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.widgets.common import InlineMessage, user_message


class PartnerFirstRun(QWidget):
    """A new partner store: the passphrase, strength as for the vault."""

    opened = Signal()

    def __init__(self, ctx: PartnerContext) -> None:
        super().__init__()
        self.ctx = ctx
        panel = Panel(self.tr("Welcome to Waakvlam Partner"))
        intro = QLabel(
            self.tr(
                "The bundles a housing corporation sends you are kept in an encrypted store on"
                " this computer, never as loose files. Choose a passphrase you can remember:"
                " without it nobody can open the store, not even your ICT department."
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
        self.meter.setFixedHeight(16)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.repeat)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.advice)
        panel.box.addLayout(form)
        self.message = InlineMessage()
        panel.box.addWidget(self.message)
        self.button = QPushButton(self.tr("Create store"))
        self.button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        panel.box.addLayout(row)
        lay = QVBoxLayout(self)
        lay.addWidget(centered(panel))
        self.passphrase.textChanged.connect(self._meter)
        self.button.clicked.connect(self.submit)
        self.repeat.returnPressed.connect(self.submit)
        self._meter("")

    def _meter(self, text: str) -> None:
        score = strength(text)
        self.meter.setValue(score)
        words = [self.tr("too weak"), self.tr("fair"), self.tr("good"), self.tr("strong")]
        self.meter.setFormat(words[score])
        self.advice.setText(assess(text).render(self.ctx.language) if text else "")

    def submit(self) -> None:
        self.message.clear_message()
        passphrase = self.passphrase.text()
        if passphrase != self.repeat.text():
            self.message.error(self.tr("The two passphrases are not the same."))
            return
        try:
            check_passphrase_policy(passphrase)
        except WaakvlamError as exc:
            self.message.error(exc.render(self.ctx.language))
            return
        self.button.setEnabled(False)
        self.message.notice(self.tr("Creating the store and your keys…"))
        ctx = self.ctx

        def work() -> PartnerStore:
            store = PartnerStore.create(
                ctx.data_dir,
                passphrase,
                kdf_target_seconds=ctx.kdf_target_seconds,
                clock=ctx.clock,
            )
            with store.session() as s:
                service.first_run(s)
            return store

        ctx.off_store(self, work, self._created, self._failed)

    def _created(self, store: PartnerStore) -> None:
        self.ctx.store = store
        self.passphrase.clear()
        self.repeat.clear()
        self.opened.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.message.error(user_message(exc))


class PartnerUnlock(QWidget):
    opened = Signal()

    def __init__(self, ctx: PartnerContext) -> None:
        super().__init__()
        self.ctx = ctx
        panel = Panel(self.tr("Waakvlam Partner"))
        intro = QLabel(self.tr("Type your passphrase to open the store."))
        intro.setWordWrap(True)
        panel.box.addWidget(intro)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        panel.box.addWidget(self.passphrase)
        self.message = InlineMessage()
        panel.box.addWidget(self.message)
        self.button = QPushButton(self.tr("Open"))
        self.button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        panel.box.addLayout(row)
        lay = QVBoxLayout(self)
        lay.addWidget(centered(panel))
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)

    def submit(self) -> None:
        self.message.clear_message()
        passphrase = self.passphrase.text()
        self.button.setEnabled(False)
        ctx = self.ctx

        def work() -> tuple[PartnerStore, int]:
            store = PartnerStore.open(ctx.data_dir, passphrase, clock=ctx.clock)
            try:
                with store.session() as s:
                    removed = service.apply_retention(s)
            except BaseException:
                store.close()
                raise
            return store, removed

        ctx.off_store(self, work, self._opened, self._failed)

    def _opened(self, result: tuple[PartnerStore, int]) -> None:
        self.ctx.store = result[0]
        self.passphrase.clear()
        self.button.setEnabled(True)
        self.opened.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.message.error(user_message(exc))
        self.passphrase.selectAll()
        self.passphrase.setFocus()
