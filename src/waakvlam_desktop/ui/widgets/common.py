"""Small widgets and formatting shared by the screens."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QRectF, QSize, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop import texts
from waakvlam_desktop.clock import to_local
from waakvlam_desktop.crash import write_crash_report
from waakvlam_desktop.domain.types import ConcernLevel, concern_label, household_level_label
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.ui import palette


class _LanguageFollower(type):
    """``Lang.current`` reads and writes the one current language in :mod:`texts`."""

    @property
    def current(cls) -> str:
        return texts.current_language()

    @current.setter
    def current(cls, language: str) -> None:
        # The same language again keeps what answers for it (Qt's translator, set by
        # i18n.install); another one is read from the catalog until i18n.install sets it.
        if language != texts.current_language():
            texts.use_language(language)


class Lang(metaclass=_LanguageFollower):
    """The active UI language (``Lang.current``), for data that carries its own nl/en labels.

    Not a second copy: it is :func:`texts.current_language`, which :func:`i18n.install` sets.
    """

    @classmethod
    def pick(cls, pair: tuple[str, str]) -> str:
        return pair[0] if cls.current == "nl" else pair[1]


def first_item_width(combo: QComboBox) -> int:
    """How wide ``combo`` must be to show its first item ("Alle complexen") whole, in its
    style and font: a minimum width that lets a narrow layout shrink something else."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = QSize(metrics.horizontalAdvance(combo.itemText(0)), metrics.height())
    style = combo.style()
    return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width()


def count_text(n: int) -> str:
    """A count as people read it, in the GUI's language (:func:`texts.grouped`)."""
    return texts.grouped(n, Lang.current)


def long_date(day: date) -> str:
    """28 november 2026 (28 November 2026): the month name from ``QLocale``."""
    return QLocale().toString(qdate(day), "d MMMM yyyy")


def weekday_date(day: date) -> str:
    """vrijdag 28 november (Friday 28 November): the names from ``QLocale``."""
    return QLocale().toString(qdate(day), "dddd d MMMM")


@cache
def short_date(day: date | None) -> str:
    """28-11-2026 (or an en dash), in every language. Cached: lists of 20,000 rows share a
    few hundred dates."""
    return QLocale.c().toString(qdate(day), "dd-MM-yyyy") if day else "–"


def month_name(month: int) -> str:
    """The short name of a month (1-12): ``mrt`` / ``Mar``, from ``QLocale``."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat).rstrip(".")


def stamp(moment: datetime | None) -> str:
    """A stored UTC timestamp as local ``28-11-2026 14:05``."""
    if moment is None:
        return "–"
    t = to_local(moment)
    return f"{t.day:02d}-{t.month:02d}-{t.year} {t.hour:02d}:{t.minute:02d}"


def level_word(level: ConcernLevel) -> str:
    return concern_label(level)


def level_colour(level: ConcernLevel) -> str:
    """The level's one colour (``ui/palette.py``)."""
    return palette.level_colour(level)


class ConcernBadge(QLabel):
    """Colour *and* word, never colour alone."""

    def __init__(self, level: ConcernLevel = ConcernLevel.GEEN, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_level(level)

    def set_level(self, level: ConcernLevel, visited: bool = True) -> None:
        """The level in colour and word; before the first visit "nog niet bezocht"."""
        self.level = level
        word = household_level_label(level, visited)
        colour = level_colour(level) if visited else palette.NOT_VISITED
        self.setText(f"● {word}")
        self.setAccessibleName(word)
        self.setStyleSheet(
            f"QLabel {{ color: {palette.WHITE}; background: {colour}; border-radius: 9px;"
            " padding: 2px 10px; font-weight: 600; }"
        )


class InlineMessage(QLabel):
    """A message under a field or above a form: errors in red, notices in blue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAutoFillBackground(True)
        self.setContentsMargins(8, 6, 8, 6)
        self.hide()

    def error(self, text: str, tooltip: str = "") -> None:
        self._show(text, *palette.ERROR, tooltip)

    def notice(self, text: str, tooltip: str = "") -> None:
        self._show(text, *palette.NOTICE, tooltip)

    def clear_message(self) -> None:
        self.setText("")
        self.setToolTip("")
        self.hide()

    def _show(self, text: str, fg: str, bg: str, tooltip: str = "") -> None:
        self.setToolTip(tooltip)  # a detail of this message only: the next one clears it
        # A palette, not a style sheet: re-polishing a style sheet costs ~100 ms here.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(fg))
        palette.setColor(QPalette.ColorRole.Window, QColor(bg))
        self.setPalette(palette)
        self.setText(text)
        self.show()


class Card(QFrame):
    """A titled section on a page: a rounded frame on the base colour.

    Painted here and given a font, not styled with a style sheet: a style sheet is parsed
    for each card and styles everything in it (its lists too) through Qt's slower
    style-sheet style; Vandaag's seven cards took 24 ms to build that way, 10 ms without.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(1, 1, 1, 1)  # the border
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 10, 12, 10)
        self.title = QLabel(title)
        font = QFont()  # only size and weight set: the rest follows the application's
        font.setPointSizeF(11)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.layout_.addWidget(self.title)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.palette()
        painter.setPen(QPen(colours.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(colours.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

    def set_title(self, text: str) -> None:
        self.title.setText(text)


def user_message(exc: BaseException) -> str:
    """What to tell the user about an error: its sentence in the GUI's language, or a safe
    general one.

    An unexpected error gets a crash report without personal data (type and code
    locations only, never its message: that may hold personal data).
    """
    if isinstance(exc, WaakvlamError):
        return exc.render(texts.current_language())
    write_crash_report(exc, "gui")
    return QCoreApplication.translate(
        "Errors",
        "Something went wrong ({kind}). Nothing was lost; try again. If it keeps happening,"
        " tell your application manager.",
    ).format(kind=type(exc).__name__)


def to_date(value: object) -> date:
    """``QDate.toPython()`` is typed as ``object``; it is a ``date``."""
    assert isinstance(value, date)
    return value


def to_datetime(value: object) -> datetime:
    assert isinstance(value, datetime)
    return value


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
