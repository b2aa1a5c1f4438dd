"""With the GUI in English no Dutch sentence appears, on the error paths too: a wrong
passphrase, a refused dialog, a failing save and export, the crash dialog."""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.bundle_helpers import build_world
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop import texts
from waakvlam_desktop.ui import app, i18n
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_EXPORTS, MainWindow
from waakvlam_desktop.ui.screens.referrals.screen import LetterPreview, ReferralDialog

TIMEOUT = 30_000

# Words that occur in the Dutch texts of these screens and cannot occur in an English one.
DUTCH = re.compile(
    r"\b(wachtwoord|kluis|klopt|niet|niets|opnieuw|probeer|mislukt|gewijzigd|opgeslagen"
    r"|bestand|bestaat|kies|ging|iets|verloren|verplicht|toestemming|doorverwijzing|grondslag"
    r"|uitleg|bewoner|foutrapport|persoonsgegevens|zonder|moet|geen|wordt|een|het|bij|ontgrendelen"
    r"|annuleren|opslaan|reden|mondeling|schriftelijk)\b",
    re.IGNORECASE,
)


def _dutch_words(text: str) -> list[str]:
    return DUTCH.findall(text)


def _own_texts(widget: QWidget) -> str:
    """The texts the window itself writes: labels, buttons, group titles (no data fields)."""
    parts = [widget.windowTitle()]
    parts += [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]
    parts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisibleTo(widget)]
    parts += [w.title() for w in widget.findChildren(QGroupBox) if w.isVisibleTo(widget)]
    return "\n".join(parts)


def _shot(qtbot: QtBot, widget: QWidget, path: Path) -> None:
    """A screenshot of the error state (look at them: pytest --basetemp=DIR)."""
    qtbot.wait(100)  # the layout settles around a message that just grew
    path.parent.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert not image.isNull() and image.save(str(path)), path


@pytest.fixture
def english(qapp: Any) -> None:
    """As ``waakvlam-desktop --lang en``: Qt's texts, QLocale and the core's texts."""
    assert i18n.install(qapp, "en")
    assert texts.current_language() == "en"


def test_dutch_marker_words_are_found() -> None:
    # The check below cannot pass by accident: the Dutch texts it guards against are caught.
    for dutch in (
        "Het wachtwoord klopt niet (of het sleutelbestand is gewijzigd). Probeer het opnieuw.",
        "Er ging iets mis. Er is niets verloren gegaan; probeer het opnieuw.",
        texts.translate("Errors", "The folder {folder} does not exist.", "nl"),
    ):
        assert _dutch_words(dutch), dutch


def test_error_paths_speak_english(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    english: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shots = tmp_path / "shots"
    vault = new_vault()
    world = build_world(vault)
    vault.close()
    ctx.language_override = "en"  # --lang en wins over the vault's own setting (Dutch)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()

    # 1. A wrong passphrase on the unlock page.
    window.unlock_page.passphrase.setText("not the passphrase at all")
    window.unlock_page.submit()
    message = window.unlock_page.message
    qtbot.waitUntil(lambda: "not correct" in message.text(), timeout=TIMEOUT)
    assert message.text().startswith("The passphrase is not correct. Try again;")
    assert _dutch_words(_own_texts(window)) == []
    _shot(qtbot, window, shots / "unlock-wrong-passphrase.png")
    ws = unlocked_window.unlock(window)
    assert texts.current_language() == "en"  # the vault's Dutch setting did not take over

    # 2. A refused dialog: a referral without a legal basis.
    ws.open_household(world.households["fam. Jansen"])
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    dialog = ReferralDialog(ctx, ws.household.data.detail, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.partner.count() > 0, timeout=TIMEOUT)
    dialog.reason.setText("Rent arrears growing")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=TIMEOUT)
    assert dialog.message.text().startswith("A referral needs a legal basis")
    assert dialog.referral_id is None
    assert _dutch_words(_own_texts(dialog)) == []
    _shot(qtbot, dialog, shots / "referral-no-legal-basis.png")
    dialog.consent.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.referral_id is not None, timeout=TIMEOUT)
    rid = dialog.referral_id
    assert rid is not None
    dialog.close()

    # 3a. Saving the letter where no folder is.
    preview = LetterPreview(ctx, rid, window)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=TIMEOUT)
    preview.save_to(tmp_path / "missing" / "letter.pdf")
    qtbot.waitUntil(lambda: not preview.message.isHidden(), timeout=TIMEOUT)
    assert preview.message.text() == "The file could not be written. Choose another place."
    assert _dutch_words(_own_texts(preview)) == []
    _shot(qtbot, preview, shots / "letter-save-failed.png")
    preview.close()

    # 3b. An export to a folder that does not exist: a core error, rendered in English.
    ws.nav.setCurrentRow(NAV_EXPORTS)
    view = ws.exports
    qtbot.waitUntil(lambda: view.partner.count() > 0, timeout=TIMEOUT)
    view.partner.setCurrentIndex(view.partner.findData(world.partners["Wijkteam"]))
    qtbot.waitUntil(lambda: view.period.findData("2026-11") >= 0, timeout=TIMEOUT)
    view.period.setCurrentIndex(view.period.findData("2026-11"))
    view.run_preview()
    qtbot.waitUntil(lambda: view.preview is not None, timeout=TIMEOUT)
    missing = tmp_path / "nowhere"
    view.export_to(missing / "wijkteam.age")
    qtbot.waitUntil(lambda: not view.message.isHidden(), timeout=TIMEOUT)
    assert view.message.text() == f"The folder {missing} does not exist."
    assert _dutch_words(view.message.text()) == []
    _shot(qtbot, window, shots / "export-folder-missing.png")

    # 4. The crash dialog: a report in tmp, the text in English.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    app.install_excepthook(window)
    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        sys.excepthook(RuntimeError, exc, exc.__traceback__)
    reports = list((tmp_path / "state").rglob("crash-*.txt"))
    assert len(reports) == 1
    assert len(shown) == 1
    assert shown[0].startswith("Something went wrong. Nothing was lost; try again.")
    assert f"Error report (without personal data): {reports[0]}" in shown[0]
    assert _dutch_words(shown[0]) == []
    box = QMessageBox(QMessageBox.Icon.Warning, "Waakvlam", shown[0], parent=window)
    qtbot.addWidget(box)
    box.show()
    _shot(qtbot, box, shots / "crash-dialog.png")
    box.close()
