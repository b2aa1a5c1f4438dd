"""Postcodes and the elfproef, property-based."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waakvlam_desktop.domain.bsn import bsn_warning, find_bsn_like, passes_elfproef
from waakvlam_desktop.domain.validation import is_valid_postcode, normalise_postcode
from waakvlam_desktop.errors import ValidationError

LETTERS = st.sampled_from("ABCDEFGHIJKLMNOPQRTUVWXYZ")


@given(st.integers(1000, 9999), LETTERS, LETTERS, st.sampled_from(["", " ", "  "]), st.booleans())
def test_valid_postcodes_normalise(number: int, a: str, b: str, gap: str, lower: bool) -> None:
    letters = a + b
    text = f"{number}{gap}{letters.lower() if lower else letters}"
    if letters in {"SA", "SD", "SS"}:
        assert not is_valid_postcode(text)
    else:
        assert normalise_postcode(text) == f"{number} {letters}"


@given(st.text(max_size=12))
def test_postcode_validation_never_crashes(text: str) -> None:
    try:
        result = normalise_postcode(text)
    except ValidationError as exc:
        assert "postcode" in str(exc)
    else:
        assert len(result) == 7 and result[4] == " "


@pytest.mark.parametrize("bad", ["0123 AB", "123 AB", "12345 AB", "1234 A", "1234 SS", "1234-AB"])
def test_invalid_postcodes(bad: str) -> None:
    with pytest.raises(ValidationError, match="geen geldige postcode"):
        normalise_postcode(bad)


def _make_bsn(first8: list[int]) -> str | None:
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    partial = sum(d * w for d, w in zip(first8, weights, strict=True))
    last = partial % 11  # partial - last ≡ 0 (mod 11)
    if last > 9:
        return None
    return "".join(map(str, first8)) + str(last)


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_constructed_numbers_pass_and_one_digit_change_fails(first8: list[int]) -> None:
    bsn = _make_bsn(first8)
    # A weighted total of 0 (000000000, 000000012, …) is no BSN by design.
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    if bsn is None or sum(int(d) * w for d, w in zip(bsn, weights, strict=True)) == 0:
        return
    assert passes_elfproef(bsn)
    assert find_bsn_like(f"bel hem, nummer {bsn} staat op de brief") == [bsn]
    # Any single-digit change breaks the elfproef (its point).
    changed = str((int(bsn[0]) + 1) % 10) + bsn[1:]
    assert not passes_elfproef(changed)


def test_known_examples() -> None:
    assert passes_elfproef("111222333")
    assert not passes_elfproef("123456789")
    assert find_bsn_like("BSN 1112.22.333 genoteerd") == ["111222333"]
    assert find_bsn_like("telefoon 0612345678") == []  # ten digits: not a BSN
    assert find_bsn_like("rekening 1112223331") == []  # part of a longer number
    assert bsn_warning("geen nummers hier") is None
    assert "BSN" in (bsn_warning("nr 111222333") or "")
