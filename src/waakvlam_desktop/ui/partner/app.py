"""Start-up of ``waakvlam-partner``: Qt application, translations, the partner window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from waakvlam_desktop import __version__, config
from waakvlam_desktop.clock import SystemClock
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.app import app_icon, install_excepthook
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.partner.window import PartnerWindow
from waakvlam_desktop.ui.worker import Background


def run(*, data_dir: str | None, lang: str | None) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Waakvlam Partner")
    app.setOrganizationName("Waakvlam")
    app.setApplicationVersion(__version__)  # not package_version(): ui/app.py start()
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("nl.waakvlam.Partner")
    collector = collect_on_gui_thread(app)
    language = lang or "nl"
    i18n.install(app, language)
    folder = Path(data_dir).expanduser() if data_dir else config.default_partner_dir()
    background = Background()
    collector.follow(background.busy_changed)
    ctx = PartnerContext(folder, SystemClock(), background, language, config.kdf_target_seconds())
    window = PartnerWindow(ctx)
    install_excepthook(window)
    window.show()
    return int(app.exec())
