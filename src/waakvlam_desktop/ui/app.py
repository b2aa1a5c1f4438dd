"""Start-up: arguments, Qt application, translations, the main window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from waakvlam_desktop import __version__, config


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="waakvlam-desktop", description="Waakvlam Desktop")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", help="map van de kluis")
    parser.add_argument("--lang", choices=["nl", "en"], default=None)
    parser.add_argument("--screenshots", metavar="DIR", help="schrijf schermafbeeldingen in DIR")
    parser.add_argument(
        "--smoke-test",
        metavar="PNG",
        help="start het echte venster, leg het scherm vast in PNG en stop (voor tests)",
    )
    return parser.parse_args(argv)


def install_excepthook(parent: object) -> None:
    """An error nobody caught: a crash report without personal data and a Dutch message
    instead of a traceback."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from waakvlam_desktop.crash import install_crash_handler

    def show(_exc: BaseException, path: Path | None) -> None:
        where = f"\n\nFoutrapport (zonder persoonsgegevens): {path}" if path else ""
        QMessageBox.warning(
            parent if isinstance(parent, QWidget) else None,
            "Waakvlam",
            "Er ging iets mis. Er is niets verloren gegaan; probeer het opnieuw. Blijft het"
            " gebeuren, meld het dan bij je applicatiebeheerder." + where,
        )

    install_crash_handler("gui", on_crash=show)


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.screenshots:
        from waakvlam_desktop.ui.screenshots import make_screenshots

        return make_screenshots(Path(args.screenshots), args.lang or "nl")

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from waakvlam_desktop.clock import SystemClock
    from waakvlam_desktop.ui import i18n
    from waakvlam_desktop.ui.common import Lang
    from waakvlam_desktop.ui.context import AppContext
    from waakvlam_desktop.ui.main_window import MainWindow
    from waakvlam_desktop.ui.worker import Background

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Waakvlam")
    app.setOrganizationName("Waakvlam")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon.fromTheme("waakvlam"))
    language = args.lang or "nl"
    i18n.install(app, language)
    Lang.current = language
    data_dir = Path(args.data_dir).expanduser() if args.data_dir else config.default_data_dir()
    ctx = AppContext(data_dir, SystemClock(), Background(), language)
    window = MainWindow(ctx)
    install_excepthook(window)
    window.show()
    if args.smoke_test:
        from PySide6.QtCore import QTimer

        def capture() -> None:
            screen = window.screen()
            shot = screen.grabWindow(0) if screen is not None else window.grab()
            shot.save(args.smoke_test)
            print(f"platform={app.platformName()} size={window.width()}x{window.height()}")
            app.quit()

        QTimer.singleShot(1500, capture)
    return int(app.exec())
