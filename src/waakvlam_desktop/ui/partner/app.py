"""Start-up of ``waakvlam-partner``: Qt application, translations, the partner window."""

from __future__ import annotations

from pathlib import Path

from waakvlam_desktop import config
from waakvlam_desktop.clock import SystemClock
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.app import application, install_excepthook
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.partner.window import PartnerWindow
from waakvlam_desktop.ui.worker import Background


def run(*, data_dir: str | None, lang: str | None) -> int:
    app = application("Waakvlam Partner", "nl.waakvlam.Partner")
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
