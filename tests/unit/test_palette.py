"""The palette: every text colour the screens draw meets WCAG AA (4.5:1), computed here."""

from __future__ import annotations

import pytest

from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.palette import AA_TEXT, TEXT_PAIRS, contrast, relative_luminance


def test_contrast_matches_the_wcag_reference_values() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    # The two colours the review measured (WebAIM's checker says 2.42 and 2.93 on white).
    assert contrast("#c9a227", "#ffffff") == pytest.approx(2.42, abs=0.01)
    assert contrast("#d9822b", "#ffffff") == pytest.approx(2.93, abs=0.01)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey


@pytest.mark.parametrize("pair", TEXT_PAIRS, ids=lambda p: p.where)
def test_every_text_pair_meets_aa(pair: palette.TextPair) -> None:
    ratio = contrast(pair.text, pair.background)
    assert ratio >= AA_TEXT, f"{pair.where}: {pair.text} on {pair.background} is {ratio:.2f}:1"


def test_every_level_is_drawn_both_ways_and_the_levels_differ() -> None:
    wheres = {p.where for p in TEXT_PAIRS}
    for level in ConcernLevel:
        assert f"level {level.value} in a list" in wheres
        assert f"level {level.value} badge" in wheres
    colours = [*palette.LEVEL_COLOURS.values(), palette.NOT_VISITED]
    assert len(set(colours)) == len(colours)
    # A level means one thing: no other text colour of the app is a level's colour.
    others = {palette.LATE, palette.STEP, palette.MUTED, palette.WARNING_TEXT, palette.TOP_BAR}
    assert not others & set(colours)
