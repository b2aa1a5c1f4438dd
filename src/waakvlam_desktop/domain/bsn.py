"""BSN guard: the one place that decides whether free text looks like it holds a BSN.

Never store a BSN (burgerservicenummer). Every typed or imported free-text field passes
:func:`guard` (or :func:`guard_fields`): a nine-digit number that passes the elfproef, in
any of the usual spellings, refuses the save. Free text where a false alarm is possible
(visit notes, remarks, referral texts, follow-ups) can be saved anyway after the user
confirms (``allow=True``); names, labels and addresses cannot.

Spellings found (the digits may be preceded by letters or punctuation such as ``bsn-``,
``BSN:`` or ``nr.``): ``123456782``, ``123 456 782`` (normal, non-breaking or narrow
non-breaking spaces), ``123.45.67.82``, ``1234.56.782``, ``123-456-782``, ``123/456/782``
— one kind of separator per number, at most one between two digits.

Not found, on purpose (false positives): numbers that are part of a longer digit run or
of a longer grouped number (phone numbers such as ``06-12345678`` or ``+31 6 12345678``,
IBANs, dates with times), postcodes (``3533 AB``) and dates (``12-03-2024``), which have
fewer than nine digits, and numbers whose groups use mixed separators (``12-03-2024 9``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from waakvlam_desktop.errors import BsnLikeError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

_SEP = r"[ .\-/]"
# Nine digits, optionally with one separator between two digits; not preceded by a digit
# (nor a digit and a separator) and not followed by one (nor a separator and a digit).
_CANDIDATE = re.compile(rf"(?<!\d)(?<!\d{_SEP})(\d(?:{_SEP}?\d){{8}})(?!{_SEP}?\d)")
# Spaces that look like a space: non-breaking, narrow non-breaking, figure and thin spaces.
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a\u3000", " "))

BSN_LIKE = Message(
    "bsn.looks_like_bsn",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This text contains a number that looks like a BSN. A BSN may not be stored: remove it,"
        " or confirm that it is not a BSN.",
    ),
)
BSN_IN_FIELD = Message(
    "bsn.in_field",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This field contains a number that looks like a BSN. A BSN may never be stored: remove it.",
    ),
)


def passes_elfproef(digits: str) -> bool:
    """The BSN variant of the eleven test: sum(d_i * w_i) with weights 9..2 and -1."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and total != 0


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_SPACES))


def find_bsn_like(text: str) -> list[str]:
    """Return the BSN-like numbers in ``text`` (digits only), in order of appearance."""
    found: list[str] = []
    for match in _CANDIDATE.finditer(_normalise(text)):
        number = match.group(1)
        if len(set(re.findall(_SEP, number))) > 1:
            continue  # mixed separators: a date and a time, a list of numbers
        digits = "".join(c for c in number if c.isdigit())
        if passes_elfproef(digits):
            found.append(digits)
    return found


def guard(field: str, text: str | None, *, allow: bool = False, confirmable: bool = True) -> None:
    """Refuse ``text`` if it seems to hold a BSN (:class:`BsnLikeError` naming ``field``).

    ``confirmable`` fields (long free text) may be saved after the user confirmed
    (``allow``); the others (names, labels, addresses) never hold a BSN-like number.
    """
    if not text or not find_bsn_like(text):
        return
    if confirmable:
        if not allow:
            raise BsnLikeError(BSN_LIKE, field=field)
        return
    raise BsnLikeError(BSN_IN_FIELD, field=field)


def guard_fields(
    fields: Mapping[str, str | None], *, allow: bool = False, confirmable: bool = True
) -> None:
    """:func:`guard` for several fields; the first one that trips names itself."""
    for field, text in fields.items():
        guard(field, text, allow=allow, confirmable=confirmable)


def bsn_warning(text: str, language: str | None = None) -> str | None:
    """The warning of a confirmable field in ``language`` (default: the current one) if
    ``text`` seems to contain a BSN, else ``None``."""
    if find_bsn_like(text):
        return BSN_LIKE.render(language)
    return None
