"""Languages: our own .qm (compiled from resources/i18n/*.ts; see texts.py) plus Qt's own
qtbase translations.

Source strings in the code are English; Dutch is the default language.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from waakvlam_desktop import texts

log = logging.getLogger(__name__)

LANGUAGES = texts.LANGUAGES
_installed: list[QTranslator] = []


def qm_path(language: str) -> str | None:
    folder = resources.files("waakvlam_desktop.resources").joinpath("i18n")
    candidate = folder.joinpath(f"waakvlam_{language}.qm")
    return str(candidate) if candidate.is_file() else None


def install(app: QCoreApplication, language: str) -> bool:
    """Make ``language`` the GUI's language: Qt's translators, the default ``QLocale`` (dates)
    and :func:`texts.use_language` (errors and labels from the core) — the one place the
    GUI sets it. False if our own .qm is missing."""
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
    else:
        log.warning("translation file for %s missing; run 'make translations'", language)
        ok = False
    return ok


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
