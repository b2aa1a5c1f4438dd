"""BSN guard.

Never store a BSN (burgerservicenummer). Free text containing a nine-digit number that
passes the elfproef is flagged so that the caller asks the user to confirm.
"""

from __future__ import annotations

import re

from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

BSN_WARNING = Message(
    "bsn.warning",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This text contains a number that looks like a BSN. A BSN may not be stored; remove it"
        " or confirm that it is not a BSN.",
    ),
)

# Nine digits, optionally written in groups (123456782, 1234.56.782, 123 456 782),
# not part of a longer number.
_CANDIDATE = re.compile(r"(?<![\d.\-])(\d(?:[ .\-]?\d){8})(?![\d])")


def passes_elfproef(digits: str) -> bool:
    """The BSN variant of the eleven test: sum(d_i * w_i) with weights 9..2 and -1."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and total != 0


def find_bsn_like(text: str) -> list[str]:
    """Return the BSN-like numbers in ``text`` (digits only), in order of appearance."""
    found: list[str] = []
    for match in _CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if passes_elfproef(digits):
            found.append(digits)
    return found


def bsn_warning(text: str, language: str | None = None) -> str | None:
    """A warning in ``language`` (default: the current one) if ``text`` seems to contain a
    BSN, else ``None``."""
    if find_bsn_like(text):
        return BSN_WARNING.render(language)
    return None
