"""Languages: our own .qm (compiled from resources/i18n/*.ts; see texts.py) plus Qt's own
qtbase translations.

Source strings in the code are English; Dutch is the default language.
"""

from __future__ import annotations

import logging
import os
import stat
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from waakvlam_desktop import texts
from waakvlam_desktop.fileio import write_atomic

log = logging.getLogger(__name__)

LANGUAGES = texts.LANGUAGES
_installed: list[QTranslator] = []


def qm_path(language: str) -> str | None:
    folder = resources.files("waakvlam_desktop.resources").joinpath("i18n")
    candidate = folder.joinpath(f"waakvlam_{language}.qm")
    return str(candidate) if candidate.is_file() else None


def install(app: QCoreApplication, language: str) -> bool:
    """Make ``language`` the GUI's language: Qt's translators, the default ``QLocale`` (dates)
    and :func:`texts.use_language` (errors and labels from the core, which Qt's translator
    of our .qm then answers) — the one place the GUI sets it. False if our own .qm is
    missing."""
    texts.use_language(language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Dutch if language == "nl" else QLocale.Language.English,
            QLocale.Country.Netherlands,
        )
    )
    if language == "en":
        return True
    ok = True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    path = qm_path(language)
    if path is not None and ours.load(path):
        app.installTranslator(ours)
        _installed.append(ours)
        # The same translations as the .ts catalog (the .qm is compiled from it, and
        # tests/ui/test_translations.py keeps it free of unfinished entries), without
        # reading the catalog's XML at the start (#16).
        texts.use_language(language, lookup=tr)
    else:
        log.warning("translation file for %s missing; run 'make translations'", language)
        ok = False
    return ok


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


# The words before the unlock. The language is a setting inside the vault, so a new start
# knew it only after the unlock: a user who chose English met a Dutch unlock page every
# morning. The setting is therefore also kept beside the vault, in this file (two letters;
# nothing personal), and read at the start when no ``--lang`` is given.
LANGUAGE_FILE = "taal.txt"


def remembered_language(data_dir: Path) -> str | None:
    """The language the vault in ``data_dir`` was last unlocked with; None when unknown
    (no file, unreadable, or not one of ours)."""
    try:
        # Not blocking, and a regular file only: a FIFO in its place would hang the start.
        fd = os.open(data_dir / LANGUAGE_FILE, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            raw = os.read(fd, 16)
        finally:
            os.close(fd)
    except OSError:
        return None
    value = raw.decode("utf-8-sig", "replace").strip()  # a hand-edited file may have a BOM
    return value if value in LANGUAGES else None


def start_language(given: str | None, data_dir: Path) -> str:
    """The language of a start: ``--lang`` when given, else the one kept beside the vault,
    else Dutch."""
    return given or remembered_language(data_dir) or "nl"


def remember_language(data_dir: Path, language: str) -> None:
    """Keep ``language`` for the next start's unlock page (see :data:`LANGUAGE_FILE`).
    Trouble writing it only means a Dutch unlock page: it is logged, not raised."""
    if language not in LANGUAGES or remembered_language(data_dir) == language:
        return
    try:
        write_atomic(data_dir / LANGUAGE_FILE, language.encode("ascii"), overwrite=True)
    except OSError:
        log.warning("could not keep the language beside the vault")
