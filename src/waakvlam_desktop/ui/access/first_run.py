"""First run: create the vault (passphrase with a strength meter, organisation, you)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop import config
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.storage.keys import check_passphrase_policy
from waakvlam_desktop.storage.strength import assess
from waakvlam_desktop.ui.access.panel import Panel, centered
from waakvlam_desktop.ui.context import AppContext, NewVault
from waakvlam_desktop.ui.widgets.common import InlineMessage, user_message


def strength(passphrase: str, user_inputs: tuple[str, ...] = ()) -> int:
    """0 (too weak) .. 3 (strong): the zxcvbn score, 0 while it would be refused."""
    verdict = assess(passphrase, user_inputs)
    if not verdict.acceptable:
        return 0 if verdict.score < 2 else 1
    return 2 if verdict.score == 3 else 3


class FirstRunPage(QWidget):
    created = Signal()
    restore_requested = Signal()  # "restore a backup" instead of a new vault (new laptop)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        panel = Panel(self.tr("Welcome to Waakvlam"))
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
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName(self.tr("Passphrase advice"))
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
        # Where letters come from: the return address in the envelope window and how a
        # partner or resident reaches you. Optional now; Instellingen has them too.
        self.org_address = QLineEdit()
        self.org_address.setAccessibleName(self.tr("Postal address of the organisation"))
        self.org_address.setPlaceholderText(self.tr("street and number, or Postbus"))
        self.org_postcode = QLineEdit()
        self.org_postcode.setAccessibleName(self.tr("Postcode of the organisation"))
        self.org_postcode.setPlaceholderText("1234 AB")
        self.org_postcode.setMaximumWidth(90)
        self.org_city = QLineEdit()
        self.org_city.setAccessibleName(self.tr("City of the organisation"))
        self.org_phone = QLineEdit()
        self.org_phone.setAccessibleName(self.tr("Phone of the organisation"))
        self.org_email = QLineEdit()
        self.org_email.setAccessibleName(self.tr("E-mail of the organisation"))
        self.staff_phone = QLineEdit()
        self.staff_phone.setAccessibleName(self.tr("Your phone"))
        self.staff_email = QLineEdit()
        self.staff_email.setAccessibleName(self.tr("Your e-mail"))
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.repeat)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.advice)
        form.addRow("", self.remember)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Postal address"), self.org_address)
        postal = QHBoxLayout()
        postal.addWidget(self.org_postcode)
        postal.addWidget(self.org_city, 1)
        form.addRow(self.tr("Postcode and city"), postal)
        hint = QLabel(
            self.tr(
                "Letters need the postal address as their return address; you can also fill"
                " it in later under Settings."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form.addRow("", hint)
        form.addRow(self.tr("Phone (organisation)"), self.org_phone)
        form.addRow(self.tr("E-mail (organisation)"), self.org_email)
        form.addRow(self.tr("Your name"), self.staff_name)
        form.addRow(self.tr("Your role"), self.staff_role)
        form.addRow(self.tr("Your phone"), self.staff_phone)
        form.addRow(self.tr("Your e-mail"), self.staff_email)
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
        lay.addWidget(centered(panel))

        if not ctx.keyring_available():
            self.remember.setChecked(False)
            self.remember.hide()
        self.passphrase.textChanged.connect(self._update_meter)
        # The names count as words an attacker tries: re-assess when they change.
        self.organisation.textChanged.connect(lambda _t: self._update_meter())
        self.staff_name.textChanged.connect(lambda _t: self._update_meter())
        self.button.clicked.connect(self.submit)
        self.restore_button.clicked.connect(self.restore_requested)
        for field in (
            self.passphrase,
            self.repeat,
            self.organisation,
            self.org_address,
            self.org_postcode,
            self.org_city,
            self.org_phone,
            self.org_email,
            self.staff_name,
            self.staff_role,
            self.staff_phone,
            self.staff_email,
        ):
            field.returnPressed.connect(self.submit)
        self._update_meter("")

    def _names(self) -> tuple[str, ...]:
        return (self.organisation.text(), self.staff_name.text())

    def _update_meter(self, text: str | None = None) -> None:
        text = self.passphrase.text() if text is None else text
        score = strength(text, self._names())
        self.meter.setValue(score)
        words = [self.tr("too weak"), self.tr("fair"), self.tr("good"), self.tr("strong")]
        self.meter.setFormat(words[score])
        self.advice.setText(assess(text, self._names()).render(self.ctx.language) if text else "")

    def submit(self) -> None:
        self.message.clear_message()
        if self.passphrase.text() != self.repeat.text():
            self.message.error(self.tr("The two passphrases are not the same."))
            self.repeat.setFocus()
            return
        try:
            check_passphrase_policy(self.passphrase.text(), self._names())
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
            address_line=self.org_address.text(),
            postcode=self.org_postcode.text(),
            city=self.org_city.text(),
            phone=self.org_phone.text(),
            email=self.org_email.text(),
            staff_phone=self.staff_phone.text(),
            staff_email=self.staff_email.text(),
        )
        self.passphrase.clear()
        self.repeat.clear()
        self.ctx.create_vault(params, lambda _p: self.created.emit(), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.message.error(user_message(exc))
