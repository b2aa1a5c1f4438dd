"""Validation of the small values staff type: postcode, house number, birth year."""

from __future__ import annotations

import re

from waakvlam_desktop.domain.bsn import guard
from waakvlam_desktop.errors import ValidationError

# Dutch postcodes: four digits not starting with 0, then two letters; SA, SD and SS are
# never issued. Accept "1234AB", "1234 ab", "1234  AB" and normalise to "1234 AB".
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
_NEVER_ISSUED = {"SA", "SD", "SS"}


def normalise_postcode(text: str) -> str:
    """Return the postcode as ``1234 AB`` or raise :class:`ValidationError`."""
    match = _POSTCODE.match(text)
    if match is None or match.group(2).upper() in _NEVER_ISSUED:
        raise ValidationError(
            f"'{text.strip()}' is geen geldige postcode. Gebruik vier cijfers en twee letters,"
            " bijvoorbeeld 1234 AB.",
            field="postcode",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def is_valid_postcode(text: str) -> bool:
    try:
        normalise_postcode(text)
    except ValidationError:
        return False
    return True


def require_text(
    value: str | None,
    label: str,
    field: str,
    max_length: int = 500,
    *,
    allow_bsn_like: bool | None = None,
) -> str:
    """Strip and check a required free-text field, BSN guard included.

    ``allow_bsn_like=None`` (names, labels, addresses): a BSN-like number is always refused.
    ``False``/``True`` (longer free text): refused unless the user confirmed (``True``).
    """
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{label} is verplicht.", field=field)
    if len(text) > max_length:
        raise ValidationError(f"{label} is te lang (maximaal {max_length} tekens).", field=field)
    guard(field, text, allow=bool(allow_bsn_like), confirmable=allow_bsn_like is not None)
    return text


def validate_birth_year(year: int | None, current_year: int) -> int | None:
    if year is None:
        return None
    if not 1900 <= year <= current_year:
        raise ValidationError(
            f"Geboortejaar {year} kan niet kloppen; vul een jaar tussen 1900 en {current_year} in.",
            field="birth_year",
        )
    return year
