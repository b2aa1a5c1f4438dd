""" "Wat heb je gedaan?": asked when an acute sign's guidance is acknowledged.

A done step is stored with the sign; "nog niet" leaves an action due today that stays
first on Vandaag until it is ticked off (``domain/visits.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

CALLED, ADVICE, OTHER, NOT_YET = range(4)


class AcuteResponseDialog(QDialog):
    """One question per acute sign. ``response()`` is the text to store, or None for
    "nog niet"."""

    def __init__(self, sign: str, guidance: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What did you do?"))
        lay = QVBoxLayout(self)
        title = QLabel(f"<b>{sign}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(title)
        advice = QLabel(guidance)
        advice.setWordWrap(True)
        advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(advice)
        question = QLabel(self.tr("What did you do?"))
        question.setStyleSheet("font-weight: 600; margin-top: 8px;")
        lay.addWidget(question)
        self.choices = QButtonGroup(self)
        self.called = QRadioButton(self.tr("Called, as the guidance says"))
        self.advice = QRadioButton(self.tr("Asked for advice (manager, meldcode contact)"))
        self.other = QRadioButton(self.tr("Something else:"))
        self.not_yet = QRadioButton(self.tr("Not yet — put it first on Today"))
        for n, button in enumerate((self.called, self.advice, self.other, self.not_yet)):
            self.choices.addButton(button, n)
            lay.addWidget(button)
            if button is self.other:
                self.other_text = QLineEdit()
                self.other_text.setAccessibleName(self.tr("What else you did"))
                self.other_text.setPlaceholderText(self.tr("e.g. spoke with the GP"))
                self.other_text.setEnabled(False)
                lay.addWidget(self.other_text)
        self.not_yet.setChecked(True)
        self.other.toggled.connect(self.other_text.setEnabled)
        self.other_text.textEdited.connect(lambda _t: self.other.setChecked(True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.setMinimumWidth(480)
        # A wrapped label needs its height for this width before the dialog is sized.
        advice.setMinimumHeight(advice.heightForWidth(440))

    def choose(self, choice: int, text: str = "") -> None:
        """Pick an answer (tests, and the keyboard through the radio buttons)."""
        button = self.choices.button(choice)
        assert button is not None
        button.setChecked(True)
        if choice == OTHER:
            self.other_text.setText(text)

    def response(self) -> str | None:
        choice = self.choices.checkedId()
        if choice == CALLED:
            return self.tr("Called, as the guidance says")
        if choice == ADVICE:
            return self.tr("Asked for advice")
        if choice == OTHER and self.other_text.text().strip():
            return self.other_text.text().strip()
        return None
