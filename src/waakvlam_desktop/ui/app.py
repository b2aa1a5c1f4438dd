"""Start-up: arguments, Qt application, translations, the main window."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from waakvlam_desktop import __version__, config
from waakvlam_desktop.clock import Clock, SystemClock
from waakvlam_desktop.crash import install_crash_handler
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import MainWindow
from waakvlam_desktop.ui.worker import Background


def app_icon() -> QIcon:
    """The pilot-light icon from the package (the theme's, where a desktop installed one)."""
    icon = QIcon.fromTheme("waakvlam")
    if icon.isNull():
        folder = resources.files("waakvlam_desktop.resources").joinpath("icons")
        for size in (16, 24, 32, 48, 64, 128, 256):
            icon.addFile(str(folder.joinpath(f"waakvlam-{size}.png")))
    return icon


def application(name: str, desktop_file: str) -> QApplication:
    """The Qt application of a Waakvlam program (the desktop app, the partner app): its
    names, version and icon."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName(name)
    app.setOrganizationName("Waakvlam")
    # Not package_version(): importlib.metadata before the window costs 13-50 ms, and
    # tests/e2e/test_selftest.py keeps __version__ equal to the package's version.
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(desktop_file)
    return app


def crash_text(path: Path | None) -> str:
    """The crash dialog's text in the GUI's language: no traceback, no personal data."""
    text = QCoreApplication.translate(
        "CrashDialog",
        "Something went wrong. Nothing was lost; try again. If it keeps happening, report it"
        " to your application manager.",
    )
    if path is None:
        return text
    where = QCoreApplication.translate(
        "CrashDialog", "Error report (without personal data): {path}"
    ).format(path=path)
    return f"{text}\n\n{where}"


def install_excepthook(parent: object) -> None:
    """An error nobody caught: a crash report without personal data and a message in the
    GUI's language instead of a traceback."""

    def show(_exc: BaseException, path: Path | None) -> None:
        QMessageBox.warning(
            parent if isinstance(parent, QWidget) else None, "Waakvlam", crash_text(path)
        )

    install_crash_handler("gui", on_crash=show)


@dataclass(frozen=True)
class Started:
    """What :func:`start` made (the context and its worker: ``window.ctx``)."""

    app: QApplication
    window: MainWindow


def start(
    *,
    data_dir: str | None,
    lang: str | None,
    clock: Clock | None = None,
    crash_dialog: bool = True,
) -> Started:
    """Everything the app does before its event loop runs, up to the main window shown.
    The start benchmark (``bench/gui_probe.py``) goes through here too, with the demo's
    ``clock`` and without the crash dialog (an error there must end the probe)."""
    app = application("Waakvlam", "nl.waakvlam.Desktop")
    collector = collect_on_gui_thread(app, freeze_after_start=True)
    folder = Path(data_dir).expanduser() if data_dir else config.default_data_dir()
    language = i18n.start_language(lang, folder)
    i18n.install(app, language)
    background = Background()
    collector.follow(background.busy_changed)
    ctx = AppContext(folder, clock or SystemClock(), background, language)
    ctx.language_override = lang
    window = MainWindow(ctx)
    if crash_dialog:
        install_excepthook(window)
    window.show()
    return Started(app, window)


def run(*, data_dir: str | None, lang: str | None, smoke_test: str | None = None) -> int:
    """Start the desktop app on the vault in ``data_dir`` (default: the platform's)."""
    started = start(data_dir=data_dir, lang=lang)
    app, window = started.app, started.window
    if smoke_test:

        def capture() -> None:
            screen = window.screen()
            shot = screen.grabWindow(0) if screen is not None else window.grab()
            shot.save(smoke_test)
            print(f"platform={app.platformName()} size={window.width()}x{window.height()}")
            app.quit()

        QTimer.singleShot(1500, capture)
    return int(app.exec())


def self_test_window(data_dir: Path, passphrase: str, timeout_s: float = 60.0) -> str:
    """The window part of ``--self-test``: start Qt (offscreen), load the Dutch translations
    (ours and Qt's), build the main window on the vault in ``data_dir``, unlock it through
    the unlock screen, wait for the workspace, lock and close. Returns one line of detail;
    raises RuntimeError when something is missing."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    collector = collect_on_gui_thread(app)
    if not i18n.install(app, "nl"):
        raise RuntimeError("de Nederlandse vertaling (waakvlam_nl.qm) ontbreekt")
    qt_nl = QTranslator()
    if not qt_nl.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise RuntimeError("Qt's eigen Nederlandse vertaling (qtbase_nl.qm) ontbreekt")
    background = Background()
    collector.follow(background.busy_changed)
    ctx = AppContext(data_dir, SystemClock(), background, "nl")
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    window.unlock_page.passphrase.setText(passphrase)
    window.unlock_page.submit()
    deadline = time.monotonic() + timeout_s
    while window.workspace is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if window.workspace is None:
        message = window.unlock_page.message.text()
        window.close()
        raise RuntimeError(f"het hoofdvenster ging niet open na ontgrendelen {message}".strip())
    title = window.windowTitle()
    from waakvlam_desktop.ui.widgets.about import AboutDialog  # noqa: PLC0415 - lazy: not at the start (#16)

    about = AboutDialog(window)
    components = about.component_count()
    about.close()
    platform = app.platformName()
    window.lock()
    window.close()
    app.processEvents()
    window.deleteLater()
    app.processEvents()
    return (
        f"hoofdvenster geopend en ontgrendeld ({platform}, '{title}', vertalingen nl geladen,"
        f" Over-venster met {components} onderdelen)"
    )
