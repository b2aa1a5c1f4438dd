"""F1: the user help, inside the app. The text is Markdown shipped with the package
(``resources/help/<language>.md``), rendered by a ``QTextBrowser``; nothing is fetched."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from waakvlam_desktop import texts
from waakvlam_desktop.ui.sizing import fit_dialog

LANGUAGES = ("nl", "en")


def help_text(language: str) -> str:
    """The help in ``language`` (Dutch when there is none in that language)."""
    name = f"{language if language in LANGUAGES else 'nl'}.md"
    return resources.files("waakvlam_desktop.resources").joinpath("help", name).read_text("utf-8")


class HelpWindow(QDialog):
    """Not modal: the help stays open beside the work. ``HelpWindow(main_window).show()``."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Waakvlam help"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Help"))
        self.browser.setMarkdown(help_text(language or texts.current_language()))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(720, 760))  # as large as reads well, never beyond the screen
