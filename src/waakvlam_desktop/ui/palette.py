"""Every colour the app draws text with or on: one place, checked for contrast.

A concern level has one colour everywhere: the word in a list, the badge in the household
header, the bars of Overzicht. The colour is always shown together with the word, never
alone. Each level colour is dark enough for both uses: as text on a list's white and
alternating-grey rows, and as the background of a badge's white text.

``TEXT_PAIRS`` lists every (text, background) pair the screens draw; the tests compute
the WCAG 2.1 contrast of each and require at least 4.5:1 (AA for normal text). Add a
pair here when a screen starts drawing a new one. No Qt in this module: the same numbers
serve the tests and the documentation.
"""

from __future__ import annotations

from dataclasses import dataclass

from waakvlam_desktop.domain.types import ConcernLevel

AA_TEXT = 4.5  # WCAG 2.1 AA, normal text

# ---- the level colours ------------------------------------------------------------------------
LEVEL_COLOURS: dict[ConcernLevel, str] = {
    ConcernLevel.GEEN: "#2e6b3f",  # green
    ConcernLevel.AANDACHT: "#7a5c00",  # dark ochre (was #c9a227: 2.4:1)
    ConcernLevel.ZORG: "#b34700",  # burnt orange (was #d9822b: 2.9:1)
    ConcernLevel.ACUUT: "#b3261e",  # red
}
# "nog niet bezocht": neutral grey, never a level's colour.
NOT_VISITED = "#5f6b73"

# ---- other text colours -----------------------------------------------------------------------
WHITE = "#ffffff"
LIST_BASE = "#ffffff"  # a list's row (Qt's Fusion Base)
LIST_ALTERNATE = "#f7f7f7"  # every other row (Fusion AlternateBase)
WINDOW = "#efefef"  # the window behind the cards (Fusion Window)
LATE = "#a61b1b"  # a date that has passed (te laat); a word goes with it
STEP = "#1f5fa8"  # the next step on Vandaag reads as something to click
MUTED = "#56616a"  # secondary text (hints, "concept opgeslagen", "laden…")
ERROR = ("#a61b1b", "#fdecea")  # inline error: text, background
NOTICE = ("#0b4f8a", "#e8f1fb")  # inline notice
GOOD = ("#1e6b34", "#e6f4ea")  # the audit chain is intact
BAD = ERROR  # the audit chain is broken
WARNING_TEXT = "#8a4b00"  # the backup reminder in the status bar
ACUTE_GUIDANCE = ("#7b1c12", "#fdecea", "#b03a2e")  # text, background, border
SEARCH_MATCH = "#ffe08a"  # the background of a match in a search snippet (black text)
TOP_BAR = "#2f3e46"  # the bar with the organisation, search and Lock (white text)


def level_colour(level: ConcernLevel) -> str:
    return LEVEL_COLOURS[level]


# ---- contrast (WCAG 2.1) ----------------------------------------------------------------------
def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb`` (0 black … 1 white)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, 1 … 21 (order does not matter)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True, slots=True)
class TextPair:
    where: str
    text: str
    background: str


def _pairs() -> tuple[TextPair, ...]:
    pairs: list[TextPair] = []
    for level, colour in LEVEL_COLOURS.items():
        pairs += [
            TextPair(f"level {level.value} in a list", colour, LIST_BASE),
            TextPair(f"level {level.value} in a list, alternate row", colour, LIST_ALTERNATE),
            TextPair(f"level {level.value} badge", WHITE, colour),
        ]
    pairs += [
        TextPair("not visited in a list", NOT_VISITED, LIST_BASE),
        TextPair("not visited in a list, alternate row", NOT_VISITED, LIST_ALTERNATE),
        TextPair("not visited badge", WHITE, NOT_VISITED),
        TextPair("late date", LATE, LIST_BASE),
        TextPair("late date, alternate row", LATE, LIST_ALTERNATE),
        TextPair("late date in the household header", LATE, WINDOW),
        TextPair("next step", STEP, LIST_BASE),
        TextPair("next step, alternate row", STEP, LIST_ALTERNATE),
        TextPair("secondary text on the window", MUTED, WINDOW),
        TextPair("secondary text in a card", MUTED, LIST_BASE),
        TextPair("inline error", *ERROR),
        TextPair("inline notice", *NOTICE),
        TextPair("audit chain intact", *GOOD),
        TextPair("audit chain broken", *BAD),
        TextPair("backup reminder", WARNING_TEXT, WINDOW),
        TextPair("acute guidance", ACUTE_GUIDANCE[0], ACUTE_GUIDANCE[1]),
        TextPair("search match", "#000000", SEARCH_MATCH),
        TextPair("top bar", WHITE, TOP_BAR),
    ]
    return tuple(pairs)


TEXT_PAIRS: tuple[TextPair, ...] = _pairs()
