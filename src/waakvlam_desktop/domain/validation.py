"""Validation of the small values staff type: postcode, house number, birth year."""

from __future__ import annotations

import re

from waakvlam_desktop.domain.bsn import guard
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

INVALID_POSTCODE = Message(
    "validation.invalid_postcode",
    QT_TRANSLATE_NOOP(
        "Errors",
        "'{postcode}' is not a valid postcode. Use four digits and two letters, for example"
        " 1234 AB.",
    ),
)
REQUIRED = Message("validation.required", QT_TRANSLATE_NOOP("Errors", "{label} is required."))
TOO_LONG = Message(
    "validation.too_long",
    QT_TRANSLATE_NOOP("Errors", "{label} is too long (at most {max_length} characters)."),
)
IMPLAUSIBLE_BIRTH_YEAR = Message(
    "validation.implausible_birth_year",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Birth year {year} cannot be right; enter a year between 1900 and {current_year}.",
    ),
)

# Dutch postcodes: four digits not starting with 0, then two letters; SA, SD and SS are
# never issued. Accept "1234AB", "1234 ab", "1234  AB" and normalise to "1234 AB".
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
_NEVER_ISSUED = {"SA", "SD", "SS"}


def normalise_postcode(text: str) -> str:
    """Return the postcode as ``1234 AB`` or raise :class:`ValidationError`."""
    match = _POSTCODE.match(text)
    if match is None or match.group(2).upper() in _NEVER_ISSUED:
        raise ValidationError(INVALID_POSTCODE, field="postcode", postcode=text.strip())
    return f"{match.group(1)} {match.group(2).upper()}"


def is_valid_postcode(text: str) -> bool:
    try:
        normalise_postcode(text)
    except ValidationError:
        return False
    return True


def require_text(
    value: str | None,
    label: Message,
    field: str,
    max_length: int = 500,
    *,
    allow_bsn_like: bool | None = None,
) -> str:
    """Strip and check a required free-text field, BSN guard included; ``label`` names it
    in the error.

    ``allow_bsn_like=None`` (names, labels, addresses): a BSN-like number is always refused.
    ``False``/``True`` (longer free text): refused unless the user confirmed (``True``).
    """
    text = (value or "").strip()
    if not text:
        raise ValidationError(REQUIRED, field=field, label=label)
    if len(text) > max_length:
        raise ValidationError(TOO_LONG, field=field, label=label, max_length=max_length)
    guard(field, text, allow=bool(allow_bsn_like), confirmable=allow_bsn_like is not None)
    return text


def validate_birth_year(year: int | None, current_year: int) -> int | None:
    if year is None:
        return None
    if not 1900 <= year <= current_year:
        raise ValidationError(
            IMPLAUSIBLE_BIRTH_YEAR, field="birth_year", year=year, current_year=current_year
        )
    return year
